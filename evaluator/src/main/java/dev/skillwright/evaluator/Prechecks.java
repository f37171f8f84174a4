package dev.skillwright.evaluator;

import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Trajectory;
import dev.skillwright.trajectories.Verdict;
import java.util.Optional;

/** What every evaluator decides without looking: errors, give-ups, empty episodes. */
final class Prechecks {
  private Prechecks() {}

  static Optional<Verdict> of(Trajectory t, Observation last, String evaluator) {
    switch (t.status()) {
      case ERROR -> {
        return fail("the episode ended in an error: " + t.answer(), "error", evaluator);
      }
      case GAVE_UP -> {
        return fail("the agent gave up: " + t.answer(), "gave_up", evaluator);
      }
      case STEP_LIMIT -> {
        return fail("the agent ran out of steps without answering", "step_limit", evaluator);
      }
      case ANSWERED -> {
        // judged by the evaluator
      }
    }
    if (t.steps().isEmpty() || last == null) {
      return fail("the episode is empty: no step or no final page", "empty", evaluator);
    }
    if (last.snapshot().isEmpty()) {
      return fail("the final page could not be read", "unreadable", evaluator);
    }
    return Optional.empty();
  }

  static Optional<Verdict> fail(String reason, String kind, String evaluator) {
    return Optional.of(new Verdict(false, 0.9, reason, kind, evaluator));
  }
}
