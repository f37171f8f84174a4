package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.browser.HostileSite;
import dev.skillwright.trajectories.ScopeBlock;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Trajectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crawl of a site built to leak ({@link HostileSite}: every page fires a way out on load) sends
 * nothing to any canary, and what it stopped is on record: the context crawl's blocks in
 * {@code events.jsonl}, each episode's in its trajectory.
 */
class HostileCrawlTest {
  @TempDir
  Path data;

  @Test
  void a_crawl_of_a_hostile_site_reaches_no_canary_and_records_every_block() throws Exception {
    try (HostileSite site = new HostileSite()) {
      Cli crawl = Cli.run("crawl", "--url", site.url("/"), "--budget", "3", "--seed", "5",
          "--pages", "40", "--max-steps", "6", "--no-trace", "--data-dir", data.toString());

      assertThat(crawl.exit()).as(crawl.out() + crawl.err()).isZero();
      assertThat(site.seen()).as("connections and packets at the canaries\n" + site.report())
          .isZero();

      Path events;
      try (Stream<Path> s = Files.walk(data.resolve("sessions"))) {
        events = s.filter(p -> p.getFileName().toString().equals("events.jsonl")).findFirst()
            .orElseThrow();
      }
      List<String> blocked = Files.readAllLines(events).stream()
          .filter(l -> l.contains("\"scope_blocked\"")).toList();
      // every vector page the crawl opened that asks the network is on record, by canary
      for (HostileSite.Vector v : site.vectors()) {
        if (v.asksTheNetwork()) {
          assertThat(blocked).as("a block for " + v.name())
              .anyMatch(l -> l.contains(":" + v.canary().port()));
        }
      }
      assertThat(crawl.out()).contains("out of scope blocked");

      Store store = Store.at(data);
      List<Trajectory> episodes = store.trajectoryFiles().stream().map(store::readTrajectory)
          .toList();
      assertThat(episodes).hasSize(3);
      assertThat(episodes).noneMatch(t -> t.status() == Trajectory.Status.ERROR);
      // episodes start on the hostile home page and walk into vector pages
      assertThat(episodes.stream().flatMap(t -> t.blocked().stream()).map(ScopeBlock::url))
          .allMatch(u -> site.canaries().stream().anyMatch(c -> u.contains(":" + c.port()))
              || !u.startsWith("http"));
    }
  }
}
