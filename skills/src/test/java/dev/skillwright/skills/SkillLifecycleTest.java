package dev.skillwright.skills;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import dev.skillwright.trajectories.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Verification, health and demotion; composition of skills, by calls and by distillation. */
class SkillLifecycleTest {
  static final Instant NOW = Instant.parse("2026-11-22T00:00:00Z");

  static Skill skill(String name, String description, List<Action> steps, String... params) {
    return new Skill(1, "shop:" + name, name, "shop", description, java.util.Arrays.stream(params)
        .map(p -> new Skill.Parameter(p, "string", List.of("x"))).toList(), steps, "*/",
        SuccessSignal.none(), List.of(), List.of());
  }

  static final Skill SEARCH = skill("search-for-query", "Search for \"{query}\"", List.of(
      new Action.Fill(Target.of(null, "searchbox", "Search"), "{query}"),
      new Action.Press(Target.of(null, "searchbox", "Search"), "Enter")), "query");
  static final Skill SEARCH_OPEN = skill("search-open", "Search for \"{query}\", then open "
      + "\"{item}\"", List.of(new Action.UseSkill("shop:search-for-query", Map.of("query",
          "{query}")), new Action.Click(Target.of(null, "link", "{item}"))), "query", "item");

  static Skill.Verification verification(boolean passed) {
    return new Skill.Verification(NOW, Map.of("item", "Hand Trowel"), passed,
        passed ? "ok" : "step 1 failed", "e-v");
  }

  @Test
  void a_candidate_is_verified_by_passing_and_a_verified_skill_is_demoted_by_failing() {
    Skill s = SEARCH.verified(verification(false));
    assertThat(s.status()).isEqualTo(Skill.Status.CANDIDATE);
    assertThat(s.offered()).isFalse();

    s = s.verified(verification(true));
    assertThat(s.status()).isEqualTo(Skill.Status.VERIFIED);
    assertThat(s.health().lastVerified()).isEqualTo(NOW);

    s = s.ran(true, null, "e1", NOW).ran(false, "step 2 failed", "e2", NOW);
    assertThat(s.health().failingLately()).isFalse();
    s = s.ran(false, "step 2 failed", "e3", NOW);
    assertThat(s.health().failingLately()).as("two failures in a row").isTrue();
    assertThat(s.health().executions()).isEqualTo(3);
    assertThat(s.health().successes()).isEqualTo(1);
    assertThat(s.health().failures()).extracting(Skill.Failure::episode)
        .containsExactly("e2", "e3");
    assertThat(s.health().successRate()).isEqualTo(2.0 / 5);

    s = s.verified(verification(false));
    assertThat(s.status()).isEqualTo(Skill.Status.DEMOTED);
    assertThat(s.verifications()).hasSize(3);
  }

  @Test
  void a_round_of_tries_verifies_only_on_a_clear_majority() {
    assertThat(SEARCH.verified(List.of(verification(true), verification(true))).status())
        .isEqualTo(Skill.Status.VERIFIED);
    assertThat(SEARCH.verified(List.of(verification(true), verification(false),
        verification(true))).status()).isEqualTo(Skill.Status.VERIFIED);
    Skill split = SEARCH.verified(List.of(verification(true), verification(false)));
    assertThat(split.status()).as("one of two is no majority").isEqualTo(Skill.Status.CANDIDATE);
    assertThat(split.verifications()).hasSize(2);
    Skill verified = SEARCH.verified(verification(true));
    assertThat(verified.verified(List.of(verification(false), verification(false),
        verification(true))).status()).isEqualTo(Skill.Status.DEMOTED);
  }

  @Test
  void a_skill_calling_a_skill_runs_as_one_flat_list_and_cycles_are_refused() {
    Map<String, Skill> known = Map.of(SEARCH.id(), SEARCH, SEARCH_OPEN.id(), SEARCH_OPEN);
    List<Action> flat = SkillBinding.bind(SEARCH_OPEN, Map.of("query", "mug", "item", "Mug"))
        .flatSteps(n -> Optional.ofNullable(known.get(n)));

    assertThat(flat).containsExactly(
        new Action.Fill(Target.of(null, "searchbox", "Search"), "mug"),
        new Action.Press(Target.of(null, "searchbox", "Search"), "Enter"),
        new Action.Click(Target.of(null, "link", "Mug")));

    Skill loop = skill("loop", "Loop", List.of(new Action.UseSkill("shop:loop", Map.of())));
    assertThatThrownBy(() -> SkillBinding.bind(loop, Map.of()).flatSteps(n -> Optional.of(loop)))
        .isInstanceOf(BadInputException.class).hasMessageContaining("cycle");
  }

  @Test
  void an_episode_that_called_a_skill_distills_into_a_skill_that_calls_it() {
    Action.UseSkill call = new Action.UseSkill("shop:search-for-query", Map.of("query", "mug"));
    Task task = new Task("t", "shop", "Search for \"mug\", then open \"Blue Ceramic Mug\".",
        "http://127.0.0.1:1/", SuccessSignal.of(new Condition.UrlMatches("*/product/*")),
        Map.of("query", "mug", "item", "Blue Ceramic Mug"));
    List<Step> steps = List.of(
        new Step(0, "u", "", null, null, "", new Action.Fill(Target.of(null, "searchbox",
            "Search"), "mug"), true, null, 1, null, "role", call),
        new Step(1, "u", "", null, null, "", new Action.Press(Target.of(null, "searchbox",
            "Search"), "Enter"), true, null, 1, null, "role", call),
        new Step(2, "u", "", null, null, "", new Action.Click(Target.of("e9", "link",
            "Blue Ceramic Mug")), true, null, 1, null, "ref", null),
        new Step(3, "u", "", null, null, "", new Action.Answer("Done."), true, null, 0));
    Trajectory t = new Trajectory(1, "s", "e1", task, NOW, 10, steps, Trajectory.Status.ANSWERED,
        "Done.", "u", "", null, null, List.of(), new Verdict(true, 1, "ok", null, "rules"), null,
        null, null);

    Skill composed = Distiller.distill(t).orElseThrow();

    assertThat(composed.steps()).containsExactly(
        new Action.UseSkill("shop:search-for-query", Map.of("query", "{query}")),
        new Action.Click(Target.of(null, "link", "{item}")));
  }

  @Test
  void a_candidate_takes_the_steps_of_a_run_that_went_another_way() {
    Skill featured = skill("add", "Add \"{item}\" to the cart", List.of(
        new Action.Click(Target.of(null, "link", "{item}"))), "item").verified(verification(false));
    Skill searched = skill("add", "Add \"{item}\" to the cart", List.of(
        new Action.Fill(Target.of(null, "searchbox", "Search"), "{item}"),
        new Action.Click(Target.of(null, "link", "{item}"))), "item");

    Skill merged = Distiller.merge(featured, searched);

    assertThat(merged.steps()).isEqualTo(searched.steps());
    assertThat(merged.status()).isEqualTo(Skill.Status.CANDIDATE);
    assertThat(merged.verifications()).hasSize(1);
    Skill verified = featured.withStatus(Skill.Status.VERIFIED);
    assertThat(Distiller.merge(verified, searched).steps()).as("a verified skill keeps its steps")
        .isEqualTo(featured.steps());
  }
}
