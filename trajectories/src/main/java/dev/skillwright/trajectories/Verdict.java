package dev.skillwright.trajectories;

import static java.util.Objects.requireNonNull;

/**
 * An evaluator's judgement of one trajectory.
 *
 * @param success whether the task was done
 * @param confidence from 0 to 1
 * @param reason one or two sentences a person can check
 * @param failureKind null on success; otherwise a short code such as {@code signal_not_met}
 * @param evaluator which evaluator judged, such as {@code offline-rules}
 */
public record Verdict(
    boolean success, double confidence, String reason, String failureKind, String evaluator) {
  public Verdict {
    requireNonNull(reason, "reason");
    if (confidence < 0 || confidence > 1) {
      throw new IllegalArgumentException("confidence must be within 0..1: " + confidence);
    }
  }
}
