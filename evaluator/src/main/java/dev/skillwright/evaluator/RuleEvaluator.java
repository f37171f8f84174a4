package dev.skillwright.evaluator;

import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.SignalCheck;
import dev.skillwright.trajectories.Trajectory;
import dev.skillwright.trajectories.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * Judges by the task's stated success signal: every condition must hold on the final page and in
 * the answer. An episode that errored, gave up, ran out of steps or shows nothing fails.
 */
final class RuleEvaluator implements Evaluator {
  static final String NAME = "offline-rules";

  @Override
  public Verdict judge(Trajectory t, List<Observation> recent) {
    Observation last = recent.isEmpty() ? null : recent.get(recent.size() - 1);
    Optional<Verdict> early = Prechecks.of(t, last, NAME);
    if (early.isPresent()) {
      return early.get();
    }
    if (t.task().success().isEmpty()) {
      return new Verdict(true, 0.5,
          "the task states no success signal; the agent reported it done", null, NAME);
    }
    List<String> unmet = SignalCheck.unmet(t.task().success(), last.url(), last.snapshot(),
        t.answer());
    if (!unmet.isEmpty()) {
      return new Verdict(false, 0.9, "not met: " + String.join("; ", unmet), "signal_not_met",
          NAME);
    }
    return new Verdict(true, 0.9, "met: " + t.task().success().describe(), null, NAME);
  }
}
