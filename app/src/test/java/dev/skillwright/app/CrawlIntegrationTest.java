package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Store;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop through the command line beyond what the README runs ({@link ReadmeTest} crawls the
 * shop and a single-page app): one task, a crawl by URL with two workers, the other bundled
 * sites (the README's forum line among them).
 */
class CrawlIntegrationTest {
  @TempDir
  static Path data;

  @Test
  void show_last_with_no_episodes_says_so_in_one_line() {
    Cli none = Cli.run("show", "last", "--data-dir", data.resolve("empty").toString());
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err().strip()).startsWith("skillwright: no episodes yet in ")
        .endsWith("empty").doesNotContain("\n");
    Cli noSession = Cli.run("show", "--session", "last", "--data-dir",
        data.resolve("empty").toString());
    assertThat(noSession.exit()).isEqualTo(2);
    assertThat(noSession.err().strip()).startsWith("skillwright: no sessions yet in ");
  }

  /**
   * With {@code --json}: what a person reads (the verdict, the answer, the path) on standard
   * error, and the run as one document on standard output, which agrees with what was written.
   */
  @Test
  void run_does_one_given_task_and_prints_verdict_answer_and_path() throws Exception {
    Path dir = data.resolve("run");
    String task = "What is the price of \"Hand Trowel\"?";
    Cli run = Cli.run("run", "--env", "shop", "--task", task, "--json", "--data-dir",
        dir.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).contains("Verdict:    success", "Answer:     $12.99",
        "Trajectory: " + dir.toAbsolutePath());
    Store store = Store.at(dir);
    Path file = store.trajectoryFiles().get(0);
    dev.skillwright.trajectories.Trajectory t = store.readTrajectory(file);
    var doc = dev.skillwright.trajectories.Json.mapper().readTree(run.out());
    assertThat(doc.get("session").asText()).isEqualTo(store.sessions().get(0).id())
        .isEqualTo(t.sessionId());
    assertThat(doc.get("site").asText()).isEqualTo("shop");
    assertThat(doc.get("task").asText()).isEqualTo(task);
    assertThat(doc.get("success").asBoolean()).isTrue();
    assertThat(doc.get("reason").asText()).isEqualTo(t.verdict().reason()).isNotBlank();
    // the catalog's price: the ground truth, not what the run says of itself
    assertThat(doc.get("answer").asText()).isEqualTo(t.answer()).contains("$12.99");
    assertThat(doc.get("finalUrl").asText()).isEqualTo(t.finalUrl()).startsWith("http://");
    assertThat(doc.get("trajectory").asText()).isEqualTo(t.episodeId());
    assertThat(Path.of(doc.get("trajectoryFile").asText())).isEqualTo(file.toAbsolutePath());
    assertThat(doc.get("steps").asInt()).isEqualTo(t.steps().size()).isPositive();
    assertThat(doc.get("seconds").asDouble()).isEqualTo(t.durationMillis() / 1000.0);
    assertThat(doc.get("model").asText()).isNotBlank();
    try (SkillIndex index = SkillIndex.open(store.skillsDir())) {
      assertThat(doc.get("skills").findValuesAsText("id")).containsExactlyInAnyOrderElementsOf(
          index.list("shop").stream().filter(k -> k.provenance().stream()
              .anyMatch(p -> p.sessionId().equals(t.sessionId()))).map(k -> k.id()).toList());
    }
  }

  /**
   * The shop by its URL, on a Chromium this process did not launch (attached over CDP, each
   * worker with contexts of its own there), with {@code --json}: progress on standard error, the
   * outcome as one document on standard output.
   */
  @Test
  void a_crawl_of_any_url_works_the_same_with_parallel_workers_on_a_browser_over_cdp()
      throws Exception {
    try (dev.skillwright.envs.Site site = dev.skillwright.envs.Sites.start("shop");
        dev.skillwright.browser.RemoteBrowser chrome = dev.skillwright.browser.RemoteBrowser.cdp()) {
      Path dir = data.resolve("by-url");
      Cli c = Cli.run("crawl", "--url", site.baseUrl(), "--budget", "4", "--concurrency", "2",
          "--pages", "10", "--explore", "0", "--cdp-endpoint", chrome.url(), "--json",
          "--data-dir", dir.toString());

      assertThat(c.exit()).as(c.err()).isZero();
      assertThat(c.err()).contains("running with 2 workers", "[4/4]",
          "Chromium: the browser at --cdp-endpoint " + chrome.url());
      Store store = Store.at(dir);
      String origin = "127.0.0.1-" + java.net.URI.create(site.baseUrl()).getPort();
      var doc = dev.skillwright.trajectories.Json.mapper().readTree(c.out());
      assertThat(doc.get("site").asText()).isEqualTo(origin);
      assertThat(doc.get("counters").get("done").asInt()).isEqualTo(4);
      assertThat(doc.get("session").asText()).isEqualTo(store.sessions().get(0).id());
      assertThat(doc.get("skills").findValuesAsText("id")).isNotEmpty()
          .allMatch(id -> id.startsWith(origin + ":"));
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
