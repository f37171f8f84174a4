package dev.skillwright.envs;

import static java.util.Objects.requireNonNull;

import dev.skillwright.trajectories.SuccessSignal;

/**
 * One task of a site's benchmark suite: the instruction, how success shows (for the evaluator,
 * as a proposer would state it), and the ground-truth check that decides whether it really
 * succeeded. An infeasible task's right outcome is {@code give_up}.
 */
public record BenchTask(String id, String difficulty, String instruction, SuccessSignal signal,
    boolean infeasible, GroundTruthCheck check) {
  public BenchTask {
    requireNonNull(id, "id");
    requireNonNull(instruction, "instruction");
    requireNonNull(check, "check");
    signal = signal == null ? SuccessSignal.none() : signal;
  }

  /** What a check sees of a finished episode: never the agent's view, the site's own record. */
  public record Outcome(boolean gaveUp, String answer, String finalUrl,
      java.util.Map<String, Object> groundTruth) {}

  /** A ground-truth checker: passes, or says why not. */
  @FunctionalInterface
  public interface GroundTruthCheck {
    /** @return null when the outcome is right, else the reason it is not */
    String fail(Outcome outcome);
  }
}
