package dev.skillwright.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneSkillIndexTest {
  @TempDir
  Path dir;

  static Skill skill(String site, String description, String example) {
    String name = Distiller.slug(description);
    return new Skill(Skill.SCHEMA_VERSION, site + ":" + name, name, site, description,
        List.of(new Skill.Parameter("item", "string", List.of("x"))),
        List.of(new Action.Click(Target.of(null, "button", "Go"))), "*/", SuccessSignal.none(),
        List.of(example), List.of());
  }

  static final Skill ADD = skill("shop", "Add \"{item}\" to the cart, then open \"Cart\"",
      "Add \"Blue Ceramic Mug\" to the cart, then open \"Cart\".");
  static final Skill SEARCH = skill("shop", "Search for \"{query}\"", "Search for \"lamp\".");
  static final Skill PRICE = skill("shop", "What is the price of \"{item}\"",
      "What is the price of \"Hand Trowel\"?");
  static final Skill WIKI = skill("wiki", "Search for \"{query}\"", "Search for \"Turing\".");

  @Test
  void paraphrases_find_the_skill_through_stems_and_synonyms() {
    try (SkillIndex index = SkillIndex.open(dir)) {
      List.of(ADD, SEARCH, PRICE).forEach(index::add);

      assertThat(index.search("put a mug in the cart", null, 3).get(0).skill().id())
          .isEqualTo(ADD.id());
      assertThat(index.search("how much does the trowel cost", null, 3).get(0).skill().id())
          .isEqualTo(PRICE.id());
      assertThat(index.search("look for lamps", null, 3).get(0).skill().id())
          .isEqualTo(SEARCH.id());
      assertThat(index.search("zebra", null, 3)).isEmpty();
      assertThat(index.search("\"]:*(", null, 3)).isEmpty();
    }
  }

  @Test
  void the_site_filter_is_exact() {
    try (SkillIndex index = SkillIndex.open(dir)) {
      List.of(SEARCH, WIKI).forEach(index::add);

      assertThat(index.search("search", "wiki", 5)).extracting(h -> h.skill().id())
          .containsExactly(WIKI.id());
      assertThat(index.list("shop")).containsExactly(SEARCH);
      assertThat(index.list(null)).hasSize(2);
    }
  }

  @Test
  void adding_the_same_skill_again_merges_instead_of_duplicating() {
    try (SkillIndex index = SkillIndex.open(dir)) {
      assertThat(index.add(ADD)).isTrue();
      Skill again = skill("shop", ADD.description(), "Add \"Hand Trowel\" to the cart.");
      assertThat(index.add(again)).isFalse();

      assertThat(index.size()).isEqualTo(1);
      assertThat(index.get(ADD.id()).orElseThrow().examples()).hasSize(2);
      assertThat(index.get(ADD.name())).isPresent();
    }
  }

  @Test
  void skills_survive_reopening_from_disk() {
    try (SkillIndex index = SkillIndex.open(dir)) {
      index.add(ADD);
    }
    try (SkillIndex reopened = SkillIndex.open(dir)) {
      assertThat(reopened.get(ADD.id())).contains(ADD);
    }
  }

  @Test
  void an_index_that_does_not_exist_yet_is_empty_and_not_created_by_reads() {
    Path nowhere = dir.resolve("not-yet");
    try (SkillIndex index = SkillIndex.open(nowhere)) {
      assertThat(index.list(null)).isEmpty();
      assertThat(index.search("cart", null, 5)).isEmpty();
      assertThat(index.size()).isZero();
    }
    assertThat(nowhere).doesNotExist();
  }
}
