package dev.skillwright.evaluator;

import dev.skillwright.llm.ChatModel;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Trajectory;
import dev.skillwright.trajectories.Verdict;
import java.util.List;

/**
 * Judges whether a recorded episode did its task, from its last observations and its answer.
 * Implementations are thread-safe and never throw for a bad episode or a model fault: those are
 * failed verdicts with a {@code failureKind} saying so.
 */
public interface Evaluator {

  /**
   * Judges one trajectory.
   *
   * @param trajectory the record, without a verdict
   * @param recent the last observations, oldest first, the final page last; empty if none
   */
  Verdict judge(Trajectory trajectory, List<Observation> recent);

  /** The offline evaluator: rules over the task's success signal. No model, no network. */
  static Evaluator offline() {
    return new RuleEvaluator();
  }

  /**
   * The VLM judge of PAE: it reads the task, the answer, the actions and the last
   * {@code screenshots} screenshots, and answers with a JSON verdict.
   */
  static Evaluator vlm(ChatModel model, int screenshots) {
    return new VlmEvaluator(model, screenshots);
  }
}
