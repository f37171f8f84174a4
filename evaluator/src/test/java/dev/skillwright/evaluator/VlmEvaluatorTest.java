package dev.skillwright.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.llm.ChatModel;
import dev.skillwright.llm.ChatRequest;
import dev.skillwright.llm.ChatResponse;
import dev.skillwright.llm.Message;
import dev.skillwright.llm.ModelUnavailableException;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Trajectory;
import dev.skillwright.trajectories.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VlmEvaluatorTest {
  final List<ChatRequest> asked = new ArrayList<>();

  ChatModel replying(String text) {
    return r -> {
      asked.add(r);
      return new ChatResponse(text, 100, 20, 3, "stop", false);
    };
  }

  static List<Observation> pages(int n) {
    List<Observation> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Observation("http://127.0.0.1:1/cart", "Cart", RuleEvaluatorTest.CART,
          new byte[] {(byte) i}));
    }
    return out;
  }

  Trajectory answered() {
    return RuleEvaluatorTest.episode(SuccessSignal.none(), Trajectory.Status.ANSWERED, "Done.", 1);
  }

  @Test
  void the_judge_sees_the_task_actions_answer_page_and_the_last_k_screenshots() {
    Verdict v = Evaluator.vlm(replying("{\"success\": true, \"confidence\": 0.8, "
        + "\"reason\": \"The cart lists the trowel.\", \"failure_kind\": null}"), 3)
        .judge(answered(), pages(5));

    assertThat(v).isEqualTo(new Verdict(true, 0.8, "The cart lists the trowel.", null, "vlm"));
    ChatRequest r = asked.get(0);
    assertThat(r.json()).isTrue();
    assertThat(r.purpose()).isEqualTo("evaluator");
    Message m = r.messages().get(0);
    assertThat(m.parts()).filteredOn(p -> p instanceof Message.Image).hasSize(3)
        .extracting(p -> ((Message.Image) p).data()[0]).containsExactly((byte) 2, (byte) 3, (byte) 4);
    assertThat(m.text()).contains("Task: Add \"Hand Trowel\" to the cart",
        "1. answer", "Final answer: Done.", "Final URL: http://127.0.0.1:1/cart",
        "<<<FINAL PAGE (untrusted page content", "status: Added 1 × Hand Trowel");
  }

  @Test
  void pages_a_policy_only_read_send_no_empty_picture_and_the_last_k_pictured_ones_go() {
    // as an offline agent's steps come: read as text, only the final page pictured
    List<Observation> recent = new ArrayList<>(pages(4));
    recent.set(1, recent.get(1).withScreenshot(new byte[0]));
    recent.set(2, recent.get(2).withScreenshot(new byte[0]));

    Evaluator.vlm(replying("{\"success\": true, \"confidence\": 0.8, \"reason\": \"ok\", "
        + "\"failure_kind\": null}"), 3).judge(answered(), recent);

    assertThat(asked.get(0).messages().get(0).parts())
        .filteredOn(p -> p instanceof Message.Image)
        .extracting(p -> ((Message.Image) p).data()).containsExactly(new byte[] {0},
            new byte[] {3});
  }

  @Test
  void an_unreadable_reply_is_a_failure_flagged_as_such() {
    Verdict v = Evaluator.vlm(replying("I think it worked!"), 3).judge(answered(), pages(1));

    assertThat(v.success()).isFalse();
    assertThat(v.failureKind()).isEqualTo("unparseable_verdict");
    assertThat(Evaluator.vlm(replying("{\"success\": \"yes\"}"), 3).judge(answered(), pages(1))
        .failureKind()).isEqualTo("unparseable_verdict");
  }

  @Test
  void a_model_fault_is_a_failed_verdict_not_an_exception() {
    ChatModel down = r -> {
      throw new ModelUnavailableException("the model did not answer", null);
    };

    Verdict v = Evaluator.vlm(down, 3).judge(answered(), pages(1));
    assertThat(v.failureKind()).isEqualTo("evaluator_error");
    assertThat(v.reason()).contains("the model did not answer");
  }

  @Test
  void errors_and_give_ups_are_judged_without_asking_the_model() {
    Trajectory gaveUp = RuleEvaluatorTest.episode(SuccessSignal.none(), Trajectory.Status.GAVE_UP,
        "no such item", 1);

    Verdict v = Evaluator.vlm(replying("{\"success\": true}"), 3).judge(gaveUp, pages(1));
    assertThat(v.failureKind()).isEqualTo("gave_up");
    assertThat(asked).isEmpty();
  }
}
