package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Trajectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The whole loop, through the command line, in real Chromium on the bundled shop. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrawlIntegrationTest {
  @TempDir
  static Path data;
  Cli crawl;

  @BeforeAll
  void crawl() {
    crawl = Cli.run("crawl", "--env", "shop", "--budget", "7", "--seed", "3",
        "--data-dir", data.toString());
  }

  @Test
  void a_seeded_crawl_yields_distinct_parameterized_skills() {
    assertThat(crawl.exit()).as(crawl.err()).isZero();
    try (SkillIndex index = SkillIndex.open(Store.at(data).skillsDir())) {
      List<Skill> skills = index.list("shop");
      assertThat(skills).extracting(Skill::id).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(2);
      assertThat(skills).allSatisfy(s -> {
        assertThat(s.parameters()).isNotEmpty();
        assertThat(s.steps()).isNotEmpty();
        assertThat(s.provenance()).isNotEmpty();
      });
    }
  }

  @Test
  void skills_search_finds_a_skill_by_a_paraphrase() {
    Cli search = Cli.run("skills", "search", "put a mug in the cart", "--data-dir",
        data.toString());

    assertThat(search.exit()).isZero();
    assertThat(search.out().lines().findFirst().orElseThrow())
        .contains("shop:add-item-to-the-cart-then-open-cart");
  }

  @Test
  void progress_and_summary_are_printed_and_the_session_is_recorded() throws Exception {
    assertThat(crawl.out()).contains("[1/7]", "[7/7]", "tasks proposed    7",
        "judged successful", "skills added", "data              ",
        "See the skills with: skillwright skills list --data-dir " + data);
    Store store = Store.at(data);
    SessionRecord session = store.sessions().get(0);
    assertThat(session.status()).isEqualTo(SessionRecord.Status.COMPLETED);
    assertThat(session.counters().done()).isEqualTo(7);
    Path events = store.sessionsDir().resolve(session.id()).resolve(Store.EVENTS_FILE);
    assertThat(Files.readAllLines(events)).filteredOn(l -> l.contains("\"episode_finished\""))
        .hasSize(7);
    assertThat(store.trajectoryFiles()).hasSize(7)
        .allSatisfy(f -> assertThat(store.readTrajectory(f).verdict()).isNotNull());
  }

  @Test
  void skills_list_show_and_show_episode_print_what_was_found() {
    Cli list = Cli.run("skills", "list", "--data-dir", data.toString());
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains("shop:", "parameters: ");

    String id = list.out().lines().filter(l -> l.startsWith("shop:")).findFirst().orElseThrow()
        .split("\\s+")[0];
    Cli show = Cli.run("skills", "show", id, "--data-dir", data.toString());
    assertThat(show.exit()).isZero();
    assertThat(show.out()).contains("steps:", "by role:", "examples:");

    String episode = Store.at(data).trajectoryFiles().get(0).getParent().getFileName().toString();
    Cli ep = Cli.run("show", episode, "--data-dir", data.toString());
    assertThat(ep.exit()).isZero();
    assertThat(ep.out()).contains("Task:", "Verdict:");

    List<Path> all = Store.at(data).trajectoryFiles();
    Trajectory newest = Store.at(data).readTrajectory(all.get(all.size() - 1));
    Cli last = Cli.run("show", "last", "--data-dir", data.toString());
    assertThat(last.exit()).isZero();
    assertThat(last.out()).startsWith("Episode " + newest.episodeId() + " of session ");
    Cli none = Cli.run("show", "last", "--data-dir", data.resolve("empty").toString());
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err().strip()).startsWith("skillwright: no episodes yet in ")
        .endsWith("empty").doesNotContain("\n");
  }

  @Test
  void run_does_one_given_task_and_prints_verdict_answer_and_path() {
    Cli run = Cli.run("run", "--env", "shop", "--task", "What is the price of \"Hand Trowel\"?",
        "--data-dir", data.resolve("run").toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("Verdict:    success", "Answer:     $12.99",
        "Trajectory: " + data.resolve("run").toAbsolutePath());
  }

  @Test
  void a_crawl_of_any_url_works_the_same_with_parallel_workers() {
    try (dev.skillwright.envs.Site site = dev.skillwright.envs.Sites.start("shop")) {
      Path dir = data.resolve("by-url");
      Cli c = Cli.run("crawl", "--url", site.baseUrl(), "--budget", "4", "--concurrency", "2",
          "--pages", "10", "--explore", "0", "--data-dir", dir.toString());

      assertThat(c.exit()).as(c.err()).isZero();
      assertThat(c.out()).contains("running with 2 workers", "[4/4]");
      Store store = Store.at(dir);
      String origin = "127.0.0.1-" + java.net.URI.create(site.baseUrl()).getPort();
      assertThat(store.sessions().get(0).site()).isEqualTo(origin);
      assertThat(store.trajectoryFiles()).hasSize(4).allSatisfy(f -> assertThat(
          store.readTrajectory(f).steps()).allSatisfy(step -> assertThat(step.url())
              .startsWith(site.baseUrl())));
      try (SkillIndex index = SkillIndex.open(store.skillsDir())) {
        assertThat(index.list(origin)).isNotEmpty();
      }
    }
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"forum", "wiki", "tracker"})
  void every_bundled_site_can_be_crawled(String env) {
    Path dir = data.resolve("env-" + env);
    Cli c = Cli.run("crawl", "--env", env, "--budget", "5", "--seed", "3", "--no-trace",
        "--explore", "0", "--data-dir", dir.toString());

    assertThat(c.exit()).as(c.err()).isZero();
    assertThat(c.out()).contains("[5/5]", "Session ");
    SessionRecord session = Store.at(dir).sessions().get(0);
    assertThat(session.site()).isEqualTo(env);
    try (SkillIndex index = SkillIndex.open(Store.at(dir).skillsDir())) {
      assertThat(index.list(env)).as(c.out()).hasSizeGreaterThanOrEqualTo(2);
    }
  }
}
