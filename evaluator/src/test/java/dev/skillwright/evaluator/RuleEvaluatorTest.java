package dev.skillwright.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import dev.skillwright.trajectories.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleEvaluatorTest {
  static final String CART = """
      - heading "Your cart" [level=1] [ref=e1]
      - status [ref=e2]: Added 1 × Hand Trowel to your cart.
      - link "Hand Trowel" [ref=e3]:
        - /url: /product/hand-trowel
      """;

  final Evaluator evaluator = Evaluator.offline();

  Verdict judge(Trajectory t, Observation last) {
    return evaluator.judge(t, last == null ? List.of() : List.of(last));
  }

  static Trajectory episode(SuccessSignal signal, Trajectory.Status status, String answer,
      int steps) {
    Task task = new Task("t1", "shop", "Add \"Hand Trowel\" to the cart, then open \"Cart\".",
        "http://127.0.0.1:1/", signal, Map.of());
    List<Step> recorded = steps == 0 ? List.of() : List.of(new Step(0, "http://127.0.0.1:1/",
        "", null, null, "", new Action.Answer(answer), true, null, 0));
    return new Trajectory(1, "s", "e", task, Instant.EPOCH, 1, recorded, status, answer,
        "http://127.0.0.1:1/cart", "Cart", null, null, List.of(), null, null, null, null);
  }

  static Observation at(String url, String snapshot) {
    return new Observation(url, "Cart", snapshot, new byte[0]);
  }

  final SuccessSignal cartSignal = SuccessSignal.of(new Condition.UrlMatches("*/cart*"),
      new Condition.TextPresent("Hand Trowel"));

  @Test
  void succeeds_when_every_condition_holds_on_the_final_page() {
    Verdict v = judge(episode(cartSignal, Trajectory.Status.ANSWERED, "Done.", 1),
        at("http://127.0.0.1:1/cart", CART));

    assertThat(v.success()).isTrue();
    assertThat(v.reason()).isEqualTo("met: the URL matches */cart* and the page shows \"Hand Trowel\"");
    assertThat(v.evaluator()).isEqualTo("offline-rules");
  }

  @Test
  void fails_naming_the_unmet_condition() {
    Verdict v = judge(episode(cartSignal, Trajectory.Status.ANSWERED, "Done.", 1),
        at("http://127.0.0.1:1/product/hand-trowel", CART));

    assertThat(v.success()).isFalse();
    assertThat(v.failureKind()).isEqualTo("signal_not_met");
    assertThat(v.reason()).isEqualTo("not met: the URL matches */cart*");
  }

  @Test
  void an_answer_must_hold_the_asked_value() {
    SuccessSignal price = SuccessSignal.of(new Condition.AnswerContains("$12.99"));
    Observation page = at("http://127.0.0.1:1/p", CART);

    assertThat(judge(episode(price, Trajectory.Status.ANSWERED, "$12.99", 1), page)
        .success()).isTrue();
    assertThat(judge(episode(price, Trajectory.Status.ANSWERED, "$9.50", 1), page)
        .success()).isFalse();
  }

  @Test
  void giving_up_running_out_of_steps_and_errors_fail_even_on_a_good_page() {
    Observation good = at("http://127.0.0.1:1/cart", CART);

    assertThat(judge(episode(cartSignal, Trajectory.Status.GAVE_UP, "no", 1), good)
        .failureKind()).isEqualTo("gave_up");
    assertThat(judge(episode(cartSignal, Trajectory.Status.STEP_LIMIT, null, 1), good)
        .failureKind()).isEqualTo("step_limit");
    assertThat(judge(episode(cartSignal, Trajectory.Status.ERROR, "boom", 1), good)
        .failureKind()).isEqualTo("error");
  }

  @Test
  void an_empty_or_unreadable_episode_fails() {
    assertThat(judge(episode(cartSignal, Trajectory.Status.ANSWERED, "Done.", 0),
        at("http://127.0.0.1:1/cart", CART)).failureKind()).isEqualTo("empty");
    assertThat(judge(episode(cartSignal, Trajectory.Status.ANSWERED, "Done.", 1), null)
        .failureKind()).isEqualTo("empty");
    assertThat(judge(episode(cartSignal, Trajectory.Status.ANSWERED, "Done.", 1),
        at("http://127.0.0.1:1/cart", "")).failureKind()).isEqualTo("unreadable");
  }

  @Test
  void without_a_signal_an_answered_episode_passes_with_low_confidence() {
    Verdict v = judge(episode(SuccessSignal.none(), Trajectory.Status.ANSWERED,
        "Done.", 1), at("http://127.0.0.1:1/cart", CART));

    assertThat(v.success()).isTrue();
    assertThat(v.confidence()).isEqualTo(0.5);
  }
}
