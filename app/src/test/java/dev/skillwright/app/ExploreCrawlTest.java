package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.envs.StaticApps;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Trajectory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Offline crawls of single-page apps nobody here wrote the proposer for (state in localStorage,
 * hash routes, adding by Enter, dialogs, tabs, switches), through the command line in real
 * Chromium: exploration finds the tasks, the reader runs them, and skills are verified.
 */
class ExploreCrawlTest {
  @TempDir
  Path data;

  @ParameterizedTest
  @ValueSource(strings = {"todo", "notes"})
  void a_crawl_of_a_single_page_app_proposes_varied_tasks_and_verifies_skills(String app) {
    try (StaticApps.Server server = StaticApps.start(app)) {
      Cli c = Cli.run("crawl", "--url", server.url(), "--budget", "10", "--no-trace",
          "--data-dir", data.toString());
      System.out.println(c.out());

      assertThat(c.exit()).as(c.err()).isZero();
      Store store = Store.at(data);
      List<Trajectory> runs = store.trajectoryFiles().stream()
          .filter(f -> f.toString().contains("/episodes/")).map(store::readTrajectory).toList();
      assertThat(runs.stream().map(t -> t.task().instruction()).distinct().count())
          .as(c.out()).isGreaterThanOrEqualTo(8);
      // nothing left the app: every page any episode saw was the app's, nothing was blocked
      assertThat(store.trajectoryFiles()).allSatisfy(f -> {
        Trajectory t = store.readTrajectory(f);
        assertThat(t.steps()).allSatisfy(s -> assertThat(s.url()).startsWith(server.url()));
        assertThat(t.blocked()).isEmpty();
      });
      String site = store.sessions().get(0).site();
      assertThat(site).isEqualTo("127.0.0.1-" + java.net.URI.create(server.url()).getPort());
      try (SkillIndex index = SkillIndex.open(store.skillsDir())) {
        assertThat(index.list(site).stream().filter(Skill::offered).count()).as(c.out())
            .isGreaterThanOrEqualTo(3);
      }
    }
  }
}
