package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.loop.SessionCounters;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The crawl's summary accounts for the whole time by phase, within 100 columns. */
class SummaryTest {
  @Test
  void the_time_by_phase_adds_up_and_wraps_under_itself() {
    Map<String, Double> phases = new LinkedHashMap<>();
    phases.put("context crawl", 8.6);
    phases.put("exploring", 42.3);
    phases.put("proposing", 0.04);
    phases.put("episodes", 54.7);
    SessionCounters.Snapshot c = new SessionCounters.Snapshot(12, 12, 12, 0, 7, 0, 7, 6, 24.0,
        phases, 25.6);

    String text = CrawlCommand.byPhase(c, 106.4);

    assertThat(text.lines()).allSatisfy(l -> assertThat(20 + l.strip().length())
        .isLessThanOrEqualTo(100));
    assertThat(text.replaceAll(",\\s+", ", ")).isEqualTo("context crawl 8.6 s, exploring "
        + "42.3 s, proposing 0.0 s, episodes 54.7 s (verifying skills 25.6 s), other 0.8 s");
  }
}
