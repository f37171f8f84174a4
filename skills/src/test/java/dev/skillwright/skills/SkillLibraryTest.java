package dev.skillwright.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Target;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's changes read the skill as it is now: concurrent ones all stay. */
class SkillLibraryTest {
  @TempDir
  Path dir;

  static final Skill OPEN = LuceneSkillIndexTest.skill("shop", "Open \"{item}\"",
      "Open \"Blue Ceramic Mug\".").verified(new Skill.Verification(Instant.EPOCH,
          Map.of("item", "Hand Trowel"), true, "ok", "e-v1"));

  @Test
  void a_heal_made_while_another_worker_merges_into_the_same_skill_keeps_both_changes()
      throws Exception {
    int merges = 40;
    List<Action> healed = List.of(new Action.Click(Target.of(null, "link", "Hand Trowel")));
    for (int round = 0; round < 5; round++) {
      Path here = dir.resolve("round-" + round);
      long pause = round;
      try (SkillLibrary library = SkillLibrary.open(here, n -> { })) {
        library.add(OPEN);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
          Future<?> merging = pool.submit(() -> {
            go.await();
            for (int i = 0; i < merges; i++) {
              Skill again = LuceneSkillIndexTest.skill("shop", "Open \"{item}\"",
                  "Open \"Item number " + i + "\".");
              assertThat(library.add(again).isNew()).isFalse();
            }
            return null;
          });
          Future<?> healing = pool.submit(() -> {
            go.await();
            Thread.sleep(pause); // lands somewhere among the merges
            assertThat(library.heal(OPEN.id(), healed, Map.of("item", "Hand Trowel"),
                new Skill.Provenance("s", "replay", Instant.EPOCH))).isPresent();
            return null;
          });
          go.countDown();
          merging.get(60, TimeUnit.SECONDS);
          healing.get(60, TimeUnit.SECONDS);
        } finally {
          pool.shutdownNow();
        }
        Skill now = library.index().get(OPEN.id()).orElseThrow();
        assertThat(now.steps()).as("the heal").containsExactly(
            new Action.Click(Target.of(null, "link", "{item}")));
        assertThat(now.examples()).as("every merge").hasSize(merges + 1);
        assertThat(now.provenance()).extracting(Skill.Provenance::episodeId).contains("replay");
      }
    }
  }

  @Test
  void what_is_due_for_verification_is_a_candidate_or_a_skill_failing_lately() {
    assertThat(SkillLibrary.dueForVerification(LuceneSkillIndexTest.SEARCH)).isTrue();
    assertThat(SkillLibrary.dueForVerification(OPEN)).isFalse();
    Skill failing = OPEN.ran(false, "step 1 failed", "e1", Instant.EPOCH)
        .ran(false, "step 1 failed", "e2", Instant.EPOCH);
    assertThat(SkillLibrary.dueForVerification(failing)).isTrue();
  }

  @Test
  void uses_and_verifications_are_recorded_on_the_stored_skill() {
    try (SkillLibrary library = SkillLibrary.open(dir, n -> { })) {
      library.add(LuceneSkillIndexTest.SEARCH);
      assertThat(library.callable(LuceneSkillIndexTest.SEARCH.id())).as("a candidate").isEmpty();
      library.applyVerification(LuceneSkillIndexTest.SEARCH.id(), List.of(
          new Skill.Verification(Instant.EPOCH, Map.of("query", "mug"), true, "ok", "e-v1")));
      assertThat(library.callable(LuceneSkillIndexTest.SEARCH.id())).isPresent();
      assertThat(library.offer("shop", "look for a mug", 3)).extracting(Skill::id)
          .containsExactly(LuceneSkillIndexTest.SEARCH.id());
      library.recordUse(LuceneSkillIndexTest.SEARCH.id(), true, null, "e7", Instant.EPOCH);
      assertThat(library.index().get(LuceneSkillIndexTest.SEARCH.id()).orElseThrow().health()
          .executions()).isEqualTo(1);
      assertThat(library.recordUse("shop:nothing", true, null, "e8", Instant.EPOCH)).isEmpty();
    }
  }

  @Test
  void skills_of_the_old_sentence_names_are_renamed_once_and_their_old_ids_still_find_them() {
    Skill price = Skill.builder("shop:what-is-the-price-of-item", "what-is-the-price-of-item",
        "shop", "What is the price of \"{item}\"").parameters(List.of(new Skill.Parameter(
            "item", "string", List.of("Blue Ceramic Mug"))))
        .steps(List.of(new Action.Click(Target.of(null, "link", "{item}")))).build();
    // another skill whose new name would be the same: it is told apart, not merged
    Skill asked = Skill.builder("shop:tell-me-the-price-of-item", "tell-me-the-price-of-item",
        "shop", "Tell me the price of \"{item}\"").parameters(price.parameters())
        .steps(List.of(new Action.Click(Target.of(null, "button", "{item}")))).build();
    try (SkillIndex index = SkillIndex.open(dir, n -> { })) {
      index.addAll(List.of(price, asked));
    }
    List<String> notices = new java.util.ArrayList<>();
    try (SkillLibrary library = SkillLibrary.open(dir, notices::add)) {
      Skill renamed = library.index().get("shop:what-is-the-price-of-item").orElseThrow();
      assertThat(renamed.description()).isEqualTo(price.description());
      assertThat(renamed.id()).matches("shop:get_price(_[0-9a-f]{4})?");
      assertThat(renamed.aliases()).containsExactly("shop:what-is-the-price-of-item");
      assertThat(library.index().get("what-is-the-price-of-item")).contains(renamed);
      Skill other = library.index().get("shop:tell-me-the-price-of-item").orElseThrow();
      assertThat(other.description()).isEqualTo(asked.description());
      assertThat(library.index().list("shop")).extracting(Skill::id)
          .containsExactlyInAnyOrder(renamed.id(), other.id())
          .anyMatch(id -> id.equals("shop:get_price"))
          .anyMatch(id -> id.matches("shop:get_price_[0-9a-f]{4}"));
      assertThat(dir.resolve("shop/" + renamed.name() + ".json")).exists();
    }
    assertThat(notices).anyMatch(n -> n.startsWith("2 skills renamed"));
    assertThat(dir.resolve("shop/what-is-the-price-of-item.json")).doesNotExist();

    notices.clear();
    try (SkillLibrary again = SkillLibrary.open(dir, notices::add)) {
      assertThat(again.index().list("shop")).extracting(Skill::id)
          .contains("shop:get_price").hasSize(2);
    }
    assertThat(notices).as("renamed once").noneMatch(n -> n.contains("renamed"));
  }

  @Test
  void two_questions_answered_by_the_same_steps_stay_two_skills() {
    List<Action> steps = List.of(new Action.Click(Target.of(null, "link", "{item}")));
    List<Skill.Parameter> item = List.of(new Skill.Parameter("item", "string", List.of("Mug")));
    Skill price = Skill.builder("shop:get_price", "get_price", "shop",
        "What is the price of {item}").parameters(item).steps(steps)
        .reads(new Reading("paragraph", null, "Price:", "", Reading.shapeOf("$1.00"))).build();
    Skill rating = Skill.builder("shop:get_rating", "get_rating", "shop",
        "What is the rating of {item}").parameters(item).steps(steps)
        .reads(new Reading("paragraph", null, "Rating:", "", Reading.shapeOf("4.5"))).build();
    try (SkillLibrary library = SkillLibrary.open(dir, n -> { })) {
      assertThat(library.add(price).isNew()).isTrue();
      SkillLibrary.Learned second = library.add(rating);

      assertThat(second.isNew()).as("same steps, another value read").isTrue();
      assertThat(library.index().get("shop:get_rating").orElseThrow().reads().before())
          .isEqualTo("Rating:");
      assertThat(library.index().get("shop:get_price").orElseThrow().reads().before())
          .isEqualTo("Price:");
    }
  }

  @Test
  void two_skills_whose_short_names_are_alike_stay_two_and_each_keeps_its_parameters() {
    Target box = Target.of(null, "textbox", "What needs to be done?");
    var shows = dev.skillwright.trajectories.SuccessSignal.of(
        new dev.skillwright.trajectories.Condition.TextPresent("{text}"));
    Skill once = Skill.builder("todo:type_into_needs_done", "type_into_needs_done", "todo",
        "Type {text} into the What needs to be done? field and press Enter")
        .parameters(List.of(new Skill.Parameter("text", "string", List.of("Buy milk"))))
        .steps(List.of(new Action.Fill(box, "{text}"), new Action.Press(box, "Enter")))
        .success(shows).build();
    Skill twice = Skill.builder("todo:type_into_needs_done", "type_into_needs_done", "todo",
        "Type {text} into the What needs to be done? field and press Enter, then type {text2} "
            + "into the What needs to be done? field and press Enter")
        .parameters(List.of(new Skill.Parameter("text", "string", List.of("Buy milk")),
            new Skill.Parameter("text2", "string", List.of("Call Bob"))))
        .steps(List.of(new Action.UseSkill(once.id(), Map.of("text", "{text}")),
            new Action.UseSkill(once.id(), Map.of("text", "{text2}"))))
        .success(shows).build();
    try (SkillLibrary library = SkillLibrary.open(dir, n -> { })) {
      library.add(once);
      SkillLibrary.Learned second = library.add(twice);

      assertThat(second.isNew()).isTrue();
      assertThat(second.skill().id()).matches("todo:type_into_needs_done_[0-9a-f]{4}");
      assertThat(library.index().get(once.id()).orElseThrow().parameters())
          .extracting(Skill.Parameter::name).containsExactly("text");
      assertThat(library.add(twice).skill().id()).as("found again under its own name")
          .isEqualTo(second.skill().id());
    }
  }
}
