package dev.skillwright.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.llm.ChatModel;
import dev.skillwright.llm.ChatResponse;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayPolicyTest {
  static final Task TASK = new Task("t", "shop", "Add it.", "http://x/", SuccessSignal.none(),
      Map.of());
  static final Target RECORDED = new Target("e18", "button", "Add to cart",
      List.of(LocatorCandidate.role("button", "Add to cart"),
          LocatorCandidate.of(LocatorCandidate.Strategy.TEXT, "Add to cart")));
  static final List<Action> ACTIONS = List.of(new Action.Click(RECORDED),
      new Action.Answer("Done."));

  static Observation page(String snapshot) {
    return new Observation("http://x/p", "P", snapshot, new byte[0]);
  }

  final List<Step> history = new ArrayList<>();

  Decision step(Policy p, Observation obs, boolean ok) {
    Decision d = p.decide(TASK, obs, List.copyOf(history));
    history.add(new Step(history.size(), obs.url(), "", null, null, d.thought(), d.chosen().orElseThrow(), ok,
        ok ? null : "no locator matches", 1));
    return d;
  }

  @Test
  void a_step_bound_to_a_value_heals_only_onto_an_element_naming_that_value() {
    Task teapot = new Task("t", "shop", "Open it.", "http://x/", SuccessSignal.none(),
        Map.of("item", "Red Enamel Teapot"));
    Target link = new Target(null, "link", "Red Enamel Teapot",
        List.of(LocatorCandidate.role("link", "Red Enamel Teapot")));
    Observation similar = page("- link \"Red Enamel Kettle\" [ref=e4]");
    Policy p = Policies.replay(List.of(new Action.Click(link), new Action.Answer("Done.")),
        new Policies.ReplayOptions().setOriginal("e1"));
    Decision first = p.decide(teapot, similar, List.of());
    List<Step> failed = List.of(new Step(0, similar.url(), "", null, null, first.thought(),
        first.chosen().orElseThrow(), false, "no locator matches", 1));

    assertThat(p.decide(teapot, similar, failed).chosen().orElseThrow())
        .as("a kettle looks like a teapot, but is another item").isInstanceOf(Action.GiveUp.class);

    Policy again = Policies.replay(List.of(new Action.Click(link), new Action.Answer("Done.")),
        new Policies.ReplayOptions().setOriginal("e1"));
    again.decide(teapot, similar, List.of());
    Observation drifted = page("- link \"Red Enamel Teapot (new)\" [ref=e5]");
    assertThat(again.decide(teapot, drifted, failed).chosen().orElseThrow().target())
        .isEqualTo(Target.of("e5", "link", "Red Enamel Teapot (new)"));
  }

  @Test
  void recorded_targets_lose_their_dead_refs_and_keep_their_locators() {
    Decision d = Policies.replay(ACTIONS,
        new Policies.ReplayOptions().setOriginal("e1")).decide(TASK, page(""), List.of());

    assertThat(d.chosen().orElseThrow().target().ref()).isNull();
    assertThat(d.chosen().orElseThrow().target().locators()).isEqualTo(RECORDED.locators());
  }

  @Test
  void a_lost_step_is_healed_by_role_and_name_and_the_repair_is_recorded() {
    Policy p = Policies.replay(ACTIONS, new Policies.ReplayOptions().setOriginal("e1"));
    Observation v2 = page("- button \"Add to Cart\" [ref=e7]\n- link \"Cart (0)\" [ref=e9]");

    step(p, v2, false);
    Decision healed = step(p, v2, true);
    Decision end = step(p, v2, true);

    assertThat(healed.chosen().orElseThrow().target()).isEqualTo(Target.of("e7", "button", "Add to Cart"));
    assertThat(end.chosen().orElseThrow()).isEqualTo(new Action.Answer("Done."));
    Trajectory t = ((Annotating) p).annotate(StoreLike.empty());
    assertThat(t.replayOf()).isEqualTo("e1");
    assertThat(t.repairs()).singleElement().satisfies(r -> {
      assertThat(r.method()).isEqualTo("offline-matcher");
      assertThat(r.score()).isEqualTo(1.0);
      assertThat(r.from()).isEqualTo(RECORDED);
    });
  }

  @Test
  void with_a_model_the_model_grounds_what_no_name_resembles() {
    ChatModel model = r -> new ChatResponse("{\"ref\": \"e7\", \"reason\": \"it buys\"}", 10, 5, 1,
        "stop", false);
    Policy p = Policies.replay(ACTIONS,
        new Policies.ReplayOptions().setOriginal("e1").setHealer(model));
    Observation renamed = page("- button \"Buy now\" [ref=e7]\n- link \"Help\" [ref=e8]");

    step(p, renamed, false);
    Decision healed = step(p, renamed, true);
    step(p, renamed, true);

    assertThat(healed.chosen().orElseThrow().target().ref()).isEqualTo("e7");
    assertThat(((Annotating) p).annotate(StoreLike.empty()).repairs()).singleElement()
        .satisfies(r -> assertThat(r.method()).isEqualTo("model"));
  }

  @Test
  void nothing_alike_or_a_failed_heal_ends_the_replay() {
    Policy p = Policies.replay(ACTIONS, new Policies.ReplayOptions().setOriginal("e1"));
    step(p, page("- link \"Help\" [ref=e8]"), false);
    assertThat(step(p, page("- link \"Help\" [ref=e8]"), true).chosen().orElseThrow())
        .isInstanceOf(Action.GiveUp.class);

    history.clear();
    Policy q = Policies.replay(ACTIONS, new Policies.ReplayOptions().setOriginal("e1"));
    Observation v2 = page("- button \"Add to Cart\" [ref=e7]");
    step(q, v2, false);
    step(q, v2, false);
    assertThat(step(q, v2, true).chosen().orElseThrow()).isInstanceOf(Action.GiveUp.class);
  }

  /** An empty trajectory to annotate. */
  static final class StoreLike {
    static Trajectory empty() {
      return new Trajectory(1, "s", "r", TASK, null, 0, List.of(), Trajectory.Status.ANSWERED,
          "Done.", null, null, null, null, List.of(), null, null, null, null);
    }
  }
}
