package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.skills.SkillLibrary;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skills merge} folds another data directory's skills and sessions into this one. */
class SkillsMergeTest {
  static final String SHARED = "shop:open_page";
  static final String SESSION = "20260102-000000-beef";

  @TempDir
  Path temp;
  Path here;
  Path other;

  @BeforeEach
  void two_data_directories() throws Exception {
    here = temp.resolve("here");
    other = temp.resolve("other-machine");
    plant(here,
        shared("e1", new Skill.Health(3, 2, 1, at(10), List.of(new Skill.Failure(at(9), "gone",
            "e1-run"))), Skill.Status.CANDIDATE, verification(10, "v1", true)),
        Skill.builder("shop:add_to_cart", "add_to_cart", "shop", "Add {item} to the cart")
            .steps(List.of(new Action.Click(Target.of(null, "button", "Add {item}"))))
            .provenance(List.of(new Skill.Provenance("s1", "e2", at(2)))).build());
    plant(other,
        shared("e9", new Skill.Health(5, 5, 0, at(20), List.of()), Skill.Status.VERIFIED,
            verification(20, "v2", true), verification(21, "v3", true)),
        Skill.builder("shop:search_query", "search_query", "shop", "Search for {query}")
            .steps(List.of(new Action.Fill(Target.of(null, "searchbox", "Search"), "{query}"),
                new Action.Press(Target.of(null, "searchbox", "Search"), "Enter")))
            .provenance(List.of(new Skill.Provenance("s9", "e8", at(8)))).build());
    Path session = Files.createDirectories(Store.at(other).sessionsDir().resolve(SESSION)
        .resolve("episodes").resolve("beef-001"));
    Files.writeString(session.getParent().getParent().resolve(Store.SESSION_FILE), "{}");
    Files.writeString(session.resolve(Store.TRAJECTORY_FILE), "{}");
  }

  static Instant at(int s) {
    return Instant.ofEpochSecond(1_767_225_600L + s);
  }

  static Skill.Verification verification(int s, String episode, boolean passed) {
    return new Skill.Verification(at(s), Map.of("page", "P" + s), passed, "ok", episode);
  }

  static Skill shared(String episode, Skill.Health health, Skill.Status status,
      Skill.Verification... vs) {
    return Skill.builder(SHARED, "open_page", "shop", "Open the {page} page")
        .steps(List.of(new Action.Click(Target.of(null, "link", "{page}"))))
        .provenance(List.of(new Skill.Provenance("s-" + episode, episode, at(1))))
        .health(health).status(status).verifications(List.of(vs)).build();
  }

  static void plant(Path dataDir, Skill... skills) {
    try (SkillLibrary library = SkillLibrary.open(Store.at(dataDir).skillsDir(), n -> { })) {
      for (Skill s : skills) {
        library.add(s);
      }
      library.commit();
    }
  }

  static List<Skill> skills(Path dataDir) {
    try (SkillIndex index = SkillIndex.open(Store.at(dataDir).skillsDir(), n -> { })) {
      return new ArrayList<>(index.list(null));
    }
  }

  Cli merge(Path... dirs) {
    List<String> args = new ArrayList<>(List.of("skills", "merge"));
    for (Path d : dirs) {
      args.add(d.toString());
    }
    args.addAll(List.of("--data-dir", here.toString()));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void merge_takes_the_union_and_a_shared_skill_keeps_both_sides() {
    Cli run = merge(other);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("Merged 2 skills from " + other
        + " (1 new, 1 merged into known ones); copied 1 session");
    List<Skill> all = skills(here);
    assertThat(all).extracting(Skill::id).containsExactly("shop:add_to_cart", SHARED,
        "shop:search_query");
    assertThat(all).extracting(Skill::signature).doesNotHaveDuplicates();
    Skill s = all.get(1);
    assertThat(s.verifications()).extracting(Skill.Verification::episode)
        .containsExactly("v1", "v2", "v3");
    assertThat(s.provenance()).extracting(Skill.Provenance::episodeId)
        .containsExactlyInAnyOrder("e1", "e9");
    assertThat(s.health().executions()).isEqualTo(8);
    assertThat(s.health().successes()).isEqualTo(7);
    assertThat(s.health().failures()).hasSize(1);
    assertThat(s.health().lastVerified()).isEqualTo(at(20));
    assertThat(s.status()).isEqualTo(Skill.Status.VERIFIED);
    Path copied = Store.at(here).sessionsDir().resolve(SESSION);
    assertThat(copied.resolve(Store.SESSION_FILE)).hasContent("{}");
    assertThat(copied.resolve("episodes").resolve("beef-001").resolve(Store.TRAJECTORY_FILE))
        .hasContent("{}");
  }

  @Test
  void merging_the_same_directory_again_changes_nothing() {
    assertThat(merge(other).exit()).isZero();
    List<Skill> once = skills(here);

    Cli again = merge(other);

    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.out()).contains("(0 new, 2 merged into known ones); copied 0 sessions");
    assertThat(skills(here)).isEqualTo(once);
  }

  @Test
  void a_missing_directory_is_bad_input_in_one_line() {
    Cli run = merge(temp.resolve("nowhere"));

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip().lines()).hasSize(1).first().asString().contains("nowhere");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void this_data_directory_is_not_merged_into_itself() {
    Cli run = merge(here);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(skills(here)).hasSize(2);
  }

  @Test
  void skills_list_search_and_show_print_one_json_document_for_a_script() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = dev.skillwright.trajectories.Json.mapper();
    Cli list = Cli.run("skills", "list", "--json", "--data-dir", other.toString());
    assertThat(list.exit()).as(list.err()).isZero();
    var doc = json.readTree(list.out());
    assertThat(doc.get("count").asInt()).isEqualTo(2);
    assertThat(doc.get("skills").findValuesAsText("id"))
        .containsExactlyInAnyOrder(SHARED, "shop:search_query");

    Cli search = Cli.run("skills", "search", "--json", "search", "for", "socks", "--data-dir",
        other.toString());
    assertThat(search.exit()).as(search.err()).isZero();
    var hits = json.readTree(search.out());
    assertThat(hits.get("query").asText()).isEqualTo("search for socks");
    assertThat(hits.get("hits").get(0).get("skill").get("id").asText())
        .isEqualTo("shop:search_query");
    assertThat(hits.get("hits").get(0).get("score").asDouble()).isPositive();

    Cli show = Cli.run("skills", "show", SHARED, "--json", "--data-dir", other.toString());
    assertThat(show.exit()).as(show.err()).isZero();
    Skill shown = json.readValue(show.out(), Skill.class);
    assertThat(shown.verifications()).hasSize(2);
    assertThat(shown.status()).isEqualTo(Skill.Status.VERIFIED);
  }
}
