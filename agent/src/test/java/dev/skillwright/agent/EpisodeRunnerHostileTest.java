package dev.skillwright.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.HostileSite;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.Tab;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.ScopeBlock;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An episode that visits every page of the {@link HostileSite}, one per step: no connection or
 * packet reaches a canary, and the written trajectory files each attempt under the step that
 * made it.
 */
class EpisodeRunnerHostileTest {
  @TempDir
  Path data;

  /** Goes to each vector page in turn, waits for it to fire, then answers. */
  record Visits(List<String> urls) implements Policy {
    @Override
    public Decision decide(Task task, Observation obs, List<Step> history) {
      long gotos = history.stream().filter(s -> s.action() instanceof Action.Goto).count();
      if (!history.isEmpty() && history.get(history.size() - 1).action() instanceof Action.Goto) {
        return Decision.of("let it fire", new Action.Wait(800));
      }
      if (gotos == urls.size()) {
        return Decision.of("done", new Action.Answer("visited"));
      }
      return Decision.of("visit", new Action.Goto(urls.get((int) gotos)));
    }
  }

  @Test
  void an_episode_on_a_hostile_site_reaches_no_canary_and_records_each_attempt_at_its_step() {
    try (HostileSite site = new HostileSite();
         BrowserSession browser = BrowserSession.launch(BrowserConfig.defaults())) {
      List<HostileSite.Vector> vectors = site.vectors();
      Store store = Store.at(data);
      Store.SessionLog log = store.startSession(new SessionRecord(SessionRecord.SCHEMA_VERSION,
          "s", "hostile", "x", Instant.EPOCH, null, SessionRecord.Status.RUNNING, Map.of(), null,
          null));
      Task task = new Task("t", "hostile", "Visit every page.", site.url("/"),
          SuccessSignal.none(), Map.of());
      Policy policy = new Visits(vectors.stream().map(v -> site.url(v.path())).toList());

      Trajectory t;
      try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
        t = new EpisodeRunner(2 * vectors.size() + 2, Clock.systemUTC()).run("s", "e1", task,
            policy, tab, log.episode("e1")).trajectory();
      }
      log.episode("e1").writeTrajectory(t);
      Trajectory read = store.readTrajectory(log.episode("e1").dir().resolve("trajectory.json"));

      assertThat(site.seen()).as("connections and packets at the canaries\n" + site.report())
          .isZero();
      assertThat(read.status()).as(read.answer()).isEqualTo(Trajectory.Status.ANSWERED);
      for (int i = 0; i < vectors.size(); i++) {
        HostileSite.Vector v = vectors.get(i);
        if (!v.asksTheNetwork()) {
          continue;
        }
        // vector i is opened at step 2i and fires then or while step 2i + 1 waits
        int opened = 2 * i;
        assertThat(read.blocked()).as(v.name())
            .anyMatch(b -> (b.step() == opened || b.step() == opened + 1)
                && b.url().contains(":" + v.canary().port()));
      }
      assertThat(read.blocked()).extracting(ScopeBlock::url)
          .noneMatch(u -> u.startsWith("chrome-error:"));
    }
  }
}
