package dev.skillwright.app;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.skillwright.agent.EpisodeRunner;
import dev.skillwright.agent.Policies;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.Tab;
import dev.skillwright.browser.TestTabs;
import dev.skillwright.envs.Site;
import dev.skillwright.envs.Sites;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay through Skillwright (durable locators, an observation and its files per step, a trace)
 * against the same actions written directly against Playwright, on the same Chromium and shop.
 * Prints figures; asserts nothing about time. Run:
 * {@code mvn -B -ntp -pl app -am test -Dgroups=benchmark -DexcludedGroups= -Dtest=ReplayBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class ReplayBenchmark {
  static final int ROUNDS = 3;
  @TempDir
  Path data;

  @Test
  void replay_versus_direct_playwright() {
    Cli crawl = Cli.run("crawl", "--env", "shop", "--budget", "12", "--seed", "5",
        "--no-trace", "--data-dir", data.resolve("recorded").toString());
    if (crawl.exit() != 0) {
      throw new IllegalStateException(crawl.err());
    }
    Store recorded = Store.at(data.resolve("recorded"));
    List<Trajectory> episodes = recorded.trajectoryFiles().stream().map(recorded::readTrajectory)
        .filter(Trajectory::succeeded).toList();
    Store out = Store.at(data.resolve("replays"));
    Store.SessionLog log = out.startSession(new SessionRecord(1, "bench", "shop", "x",
        Instant.now(), null, SessionRecord.Status.RUNNING, Map.of(), null, null));
    for (boolean tracing : new boolean[] {false, true}) {
      try (Site shop = Sites.start("shop");
          BrowserSession browser = BrowserSession.launch(BrowserConfig.builder()
              .tracing(tracing).build())) {
        Scope scope = Scope.ofUrl(shop.baseUrl());
        long[] replay = new long[ROUNDS];
        long[] direct = new long[ROUNDS];
        int n = 0;
        for (int round = 0; round < ROUNDS; round++) {
          for (Trajectory t : episodes) {
            List<Action> actions = t.steps().stream().filter(Step::ok).map(Step::action).toList();
            Task task = ReplayCommand.rebase(t.task(), shop.baseUrl());
            long t0 = System.nanoTime();
            try (Tab tab = browser.newTab(scope)) {
              String id = "r" + (n++);
              Trajectory r = new EpisodeRunner(40, Clock.systemUTC()).run("bench", id, task,
                  Policies.replay(actions,
                      new Policies.ReplayOptions().setOriginal(t.episodeId())), tab, log.episode(id)).trajectory();
              if (r.status() != Trajectory.Status.ANSWERED) {
                throw new IllegalStateException("replay failed: " + r.answer());
              }
            }
            long t1 = System.nanoTime();
            try (Tab tab = browser.newTab(scope)) {
              direct(TestTabs.page(tab), task.startUrl(), actions);
            }
            long t2 = System.nanoTime();
            replay[round] += t1 - t0;
            direct[round] += t2 - t1;
          }
        }
        Arrays.sort(replay);
        Arrays.sort(direct);
        double r = replay[ROUNDS / 2] / 1e6 / episodes.size();
        double d = direct[ROUNDS / 2] / 1e6 / episodes.size();
        System.out.printf(Locale.ROOT, "replay benchmark (%d episodes x %d rounds, tracing %s): "
            + "replay %.0f ms per episode, direct Playwright %.0f ms; ratio %.2f%n",
            episodes.size(), ROUNDS, tracing ? "on" : "off", r, d, r / d);
      }
    }
  }

  /** The recorded actions as a person would script them with Playwright's locators. */
  static void direct(Page page, String start, List<Action> actions) {
    page.navigate(start);
    for (Action a : actions) {
      if (a.isFinal()) {
        break;
      }
      Locator el = a.target() == null ? null : page.getByRole(
          AriaRole.valueOf(a.target().role().toUpperCase(Locale.ROOT)),
          new Page.GetByRoleOptions().setName(a.target().name()).setExact(true)).first();
      if (a instanceof Action.Click) {
        el.click();
      } else if (a instanceof Action.Fill f) {
        el.fill(f.text());
      } else if (a instanceof Action.Press p) {
        el.press(p.key());
      } else if (a instanceof Action.Select s) {
        el.selectOption(s.option());
      } else if (a instanceof Action.Check c) {
        el.setChecked(c.checked());
      }
      page.waitForLoadState();
    }
  }
}
