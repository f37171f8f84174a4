package dev.skillwright.evaluator;

import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Trajectory;
import dev.skillwright.trajectories.Verdict;

/**
 * Judges whether a recorded episode did its task, from the final observation and the answer.
 * Implementations are thread-safe.
 */
public interface Evaluator {

  /**
   * Judges one trajectory.
   *
   * @param trajectory the record, without a verdict
   * @param last the final observation (after the last action), or null if none was captured
   * @return the verdict; never null, never throws for a bad episode (that is a failed verdict)
   */
  Verdict judge(Trajectory trajectory, Observation last);

  /** The offline evaluator: rules over the task's success signal. No model, no network. */
  static Evaluator offline() {
    return new RuleEvaluator();
  }
}
