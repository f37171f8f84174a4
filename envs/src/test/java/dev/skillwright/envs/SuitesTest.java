package dev.skillwright.envs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.envs.BenchTask.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every suite's checkers: a scripted wrong run fails each of them, and a scripted right run
 * passes them; the real right runs are the offline agent's, in BenchTest.
 */
class SuitesTest {
  static List<String> sites() {
    return Sites.names();
  }

  /** What a visitor who did nothing leaves behind, per site. */
  static Map<String, Object> seed(String site) {
    try (Site s = Sites.start(site)) {
      return s.groundTruth(null);
    }
  }

  static BenchTask task(String site, String id) {
    return Sites.suite(site).stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  static Outcome answered(String answer, String url, Map<String, Object> truth) {
    return new Outcome(false, answer, url, truth);
  }

  @Test
  void a_site_serves_on_the_port_asked_and_a_port_in_use_is_said_in_one_line() throws Exception {
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (Site wiki = Sites.start("wiki", "v1", port)) {
      assertThat(wiki.baseUrl()).isEqualTo("http://127.0.0.1:" + port + "/");
      assertThat(org.assertj.core.api.Assertions.catchThrowable(
          () -> Sites.start("shop", "v1", port)))
          .isInstanceOf(dev.skillwright.trajectories.BadInputException.class)
          .hasMessage("cannot serve the shop site on port " + port
              + ": it is in use (choose another with --port)");
    }
  }

  @ParameterizedTest
  @MethodSource("sites")
  void each_suite_has_15_tasks_or_more_from_easy_to_hard_with_infeasible_ones(String site) {
    List<BenchTask> suite = Sites.suite(site);

    assertThat(suite).hasSizeGreaterThanOrEqualTo(15);
    assertThat(suite).extracting(BenchTask::difficulty)
        .contains("easy", "medium", "hard", "infeasible");
    assertThat(suite).extracting(BenchTask::id).doesNotHaveDuplicates()
        .allMatch(id -> id.startsWith(site + "-"));
  }

  @ParameterizedTest
  @MethodSource("sites")
  void a_run_that_did_nothing_fails_every_feasible_check(String site) {
    Outcome nothing = answered("Done.", "http://127.0.0.1:1/", seed(site));

    for (BenchTask t : Sites.suite(site)) {
      assertThat(t.check().fail(nothing)).as(t.id()).isNotNull();
    }
  }

  @ParameterizedTest
  @MethodSource("sites")
  void giving_up_is_right_only_where_the_task_is_impossible(String site) {
    Outcome gaveUp = new Outcome(true, "I cannot find it.", "http://127.0.0.1:1/", seed(site));

    for (BenchTask t : Sites.suite(site)) {
      assertThat(t.check().fail(gaveUp) == null).as(t.id()).isEqualTo(t.infeasible());
    }
  }

  @Test
  void forum_checks_read_votes_comments_posts_and_the_login() {
    Map<String, Object> upvoted = Map.of("user", "alice", "votes",
        Map.of("Composting in a small apartment", 1), "comments", List.of(), "posts", List.of());
    Map<String, Object> downvoted = Map.of("user", "alice", "votes",
        Map.of("Composting in a small apartment", -1), "comments", List.of(), "posts", List.of());
    Map<String, Object> commented = Map.of("user", "alice", "votes", Map.of(), "comments",
        List.of(Map.of("post", "My first sourdough loaf", "author", "alice", "text",
            "Lovely crumb!")), "posts", List.of());
    Map<String, Object> wrongPost = Map.of("user", "alice", "votes", Map.of(), "comments",
        List.of(Map.of("post", "Libraries are underrated", "author", "alice", "text",
            "Lovely crumb!")), "posts", List.of());

    assertThat(task("forum", "forum-10").check().fail(answered("Done.", "u", upvoted))).isNull();
    assertThat(task("forum", "forum-10").check().fail(answered("Done.", "u", downvoted)))
        .isEqualTo("no upvote on Composting in a small apartment");
    assertThat(task("forum", "forum-09").check().fail(answered("Done.", "u", upvoted))).isNull();
    assertThat(task("forum", "forum-12").check().fail(answered("Done.", "u", commented)))
        .isNull();
    assertThat(task("forum", "forum-12").check().fail(answered("Done.", "u", wrongPost)))
        .startsWith("no comment");
    assertThat(task("forum", "forum-13").check().fail(answered("Done.", "u", Map.of("posts",
        List.of(Map.of("community", "books", "title", "Favourite short story collections"))))))
        .isNull();
    assertThat(task("forum", "forum-13").check().fail(answered("Done.", "u", Map.of("posts",
        List.of(Map.of("community", "cooking", "title", "Favourite short story collections"))))))
        .isNotNull();
  }

  @Test
  void wiki_checks_read_the_saved_revision_and_the_created_article() {
    Map<String, Object> minorEdit = Map.of("created", List.of(), "edits", List.of(Map.of(
        "title", "Honey bee", "summary", "Copy edit", "minor", true,
        "text", "A social insect that makes honey and pollinates crops. See [[Pollination]].")));
    Map<String, Object> majorEdit = Map.of("created", List.of(), "edits", List.of(Map.of(
        "title", "Honey bee", "summary", "Copy edit", "minor", false,
        "text", "A social insect that makes honey and pollinates crops. See [[Pollination]].")));

    assertThat(task("wiki", "wiki-12").check().fail(answered("Done.", "u", minorEdit))).isNull();
    assertThat(task("wiki", "wiki-12").check().fail(answered("Done.", "u", majorEdit)))
        .startsWith("no minor edit of Honey bee");
    assertThat(task("wiki", "wiki-13").check().fail(answered("Done.", "u",
        Map.of("created", List.of("Lake Bled"), "edits", List.of())))).isNull();
    assertThat(task("wiki", "wiki-05").check().fail(answered("3,776 m", "u", Map.of()))).isNull();
    assertThat(task("wiki", "wiki-05").check().fail(answered("3,357 m", "u", Map.of())))
        .isNotNull();
  }

  @Test
  void tracker_checks_read_the_issue_as_the_visitor_left_it() {
    Map<String, Object> closed = Map.of("issues", List.of(Map.of("title",
        "Session expires too early", "status", "closed", "labels", List.of("bug"), "assignee",
        "", "due", "")));
    Map<String, Object> created = Map.of("issues", List.of(Map.of("title",
        "Crash when uploading a PDF", "status", "open", "labels", List.of("bug"), "assignee",
        "Lena", "due", "2026-12-05")));
    Map<String, Object> createdLate = Map.of("issues", List.of(Map.of("title",
        "Crash when uploading a PDF", "status", "open", "labels", List.of("bug"), "assignee",
        "Lena", "due", "2026-12-06")));

    assertThat(task("tracker", "tracker-09").check().fail(answered("Done.", "u", closed)))
        .isNull();
    assertThat(task("tracker", "tracker-09").check().fail(answered("Done.", "u", seed("tracker"))))
        .isEqualTo("no issue \"Session expires too early\" closed");
    assertThat(task("tracker", "tracker-13").check().fail(answered("Done.", "u", created)))
        .isNull();
    assertThat(task("tracker", "tracker-13").check().fail(answered("Done.", "u", createdLate)))
        .isNotNull();
    assertThat(task("tracker", "tracker-05").check().fail(answered("Closed", "u", Map.of())))
        .isNull();
    assertThat(task("tracker", "tracker-06").check().fail(answered("Done.",
        "http://x/?q=&status=closed&label=&assignee=", Map.of()))).isNull();
  }
}
