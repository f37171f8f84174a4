package dev.skillwright.skills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.LocatorCandidate.Strategy;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import dev.skillwright.trajectories.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DistillerTest {
  static Trajectory searchThenOpen(String query, String item, String episode, boolean success) {
    Task task = new Task("t1", "shop", "Search for \"" + query + "\", then open \"" + item + "\".",
        "http://127.0.0.1:1/", SuccessSignal.of(new Condition.UrlMatches(
            "*/product/" + item.toLowerCase().replace(' ', '-'))),
        Map.of("query", query, "item", item));
    Target box = new Target("e8", "searchbox", "Search products", List.of(
        LocatorCandidate.role("searchbox", "Search products"),
        LocatorCandidate.of(Strategy.PLACEHOLDER, "Search products")));
    Target link = new Target("e20", "link", item, List.of(LocatorCandidate.role("link", item),
        LocatorCandidate.of(Strategy.TEXT, item),
        LocatorCandidate.of(Strategy.CSS, "main > ul > li:nth-of-type(1) > a")));
    List<Step> steps = new ArrayList<>(List.of(
        step(0, new Action.Fill(box, query), true),
        step(1, new Action.Click(Target.of("e3", "button", "Gone")), false),
        step(2, new Action.Press(box, "Enter"), true),
        step(3, new Action.Wait(100), true),
        step(4, new Action.Click(link), true),
        step(5, new Action.Answer("Done."), true)));
    return new Trajectory(1, "s1", episode, task, Instant.EPOCH, 10, steps,
        Trajectory.Status.ANSWERED, "Done.", "http://127.0.0.1:1/product/x", "", null, null,
        List.of(), new Verdict(success, 0.9, "r", null, "offline-rules"), null, null, null);
  }

  static Step step(int i, Action a, boolean ok) {
    return new Step(i, "http://127.0.0.1:1/", "", null, null, "", a, ok, ok ? null : "failed", 1);
  }

  @Test
  void task_values_become_parameters_in_steps_locators_and_signal() {
    Skill s = Distiller.distill(searchThenOpen("mug", "Blue Ceramic Mug", "e1", true))
        .orElseThrow();

    assertThat(s.id()).isEqualTo("shop:search-for-query-then-open-item");
    assertThat(s.description()).isEqualTo("Search for \"{query}\", then open \"{item}\"");
    assertThat(s.parameters()).extracting(Skill.Parameter::name).containsExactly("query", "item");
    assertThat(s.parameters().get(0).examples()).containsExactly("mug");
    assertThat(s.steps()).hasSize(3);
    assertThat(((Action.Fill) s.steps().get(0)).text()).isEqualTo("{query}");
    Target link = s.steps().get(2).target();
    assertThat(link.ref()).isNull();
    assertThat(link.name()).isEqualTo("{item}");
    // the positional path would find the recorded item whatever item the skill is given
    assertThat(link.locators()).containsExactly(LocatorCandidate.role("link", "{item}"),
        LocatorCandidate.of(Strategy.TEXT, "{item}"));
    assertThat(s.success().all()).containsExactly(new Condition.UrlMatches("*/product/{item}"));
    assertThat(s.startUrlPattern()).isEqualTo("*/");
    assertThat(s.provenance()).extracting(Skill.Provenance::episodeId).containsExactly("e1");
  }

  @Test
  void the_longer_value_is_lifted_before_a_shorter_one_inside_it() {
    Skill s = Distiller.distill(searchThenOpen("Mug", "Blue Ceramic Mug", "e1", true))
        .orElseThrow();

    assertThat(s.steps().get(2).target().name()).isEqualTo("{item}");
    assertThat(((Action.Fill) s.steps().get(0)).text()).isEqualTo("{query}");
  }

  @Test
  void url_globs_lift_whole_segments_only() {
    List<Map.Entry<String, String>> params = List.of(Map.entry("item", "Blue Ceramic Mug"),
        Map.entry("query", "mug"), Map.entry("page", "Office"));

    assertThat(Distiller.liftUrl("*/product/blue-ceramic-mug", params)).isEqualTo("*/product/{item}");
    assertThat(Distiller.liftUrl("*/search?*q=mug*", params)).isEqualTo("*/search?*q={query}*");
    assertThat(Distiller.liftUrl("*/category/office?*sort=price-desc*", params))
        .isEqualTo("*/category/{page}?*sort=price-desc*");
    assertThat(Distiller.liftUrl("*/mugshots", params)).isEqualTo("*/mugshots");
  }

  @Test
  void failed_episodes_and_episodes_without_actions_give_no_skill() {
    assertThat(Distiller.distill(searchThenOpen("mug", "Blue Ceramic Mug", "e1", false))).isEmpty();
  }

  @Test
  void merging_keeps_both_examples_and_provenance() {
    Skill a = Distiller.distill(searchThenOpen("mug", "Blue Ceramic Mug", "e1", true)).orElseThrow();
    Skill b = Distiller.distill(searchThenOpen("lamp", "Brass Desk Lamp", "e2", true)).orElseThrow();

    assertThat(a.id()).isEqualTo(b.id());
    Skill m = Distiller.merge(a, b);
    assertThat(m.examples()).hasSize(2);
    assertThat(m.parameters().get(1).examples()).containsExactly("Blue Ceramic Mug",
        "Brass Desk Lamp");
    assertThat(m.provenance()).extracting(Skill.Provenance::episodeId).containsExactly("e1", "e2");
  }

  @Test
  void long_names_are_cut_at_a_word_and_kept_unique() {
    String a = Distiller.slug("Add {item} to the cart, then open Checkout, fill Full name with "
        + "{name}, then press Place order");
    String b = Distiller.slug("Add {item} to the cart, then open Checkout, fill Full name with "
        + "{name}, then press Buy now");

    assertThat(a).startsWith("add-item-to-the-cart-then-open-checkout-fill").hasSizeLessThan(60);
    assertThat(a).isNotEqualTo(b);
  }
}
