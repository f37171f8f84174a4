package dev.skillwright.evaluator;

import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.SignalCheck;
import dev.skillwright.trajectories.Trajectory;
import dev.skillwright.trajectories.Verdict;
import java.util.List;

/**
 * Judges by the task's stated success signal: every condition must hold on the final page and in
 * the answer. An episode that errored, gave up, ran out of steps or shows nothing fails.
 */
final class RuleEvaluator implements Evaluator {
  static final String NAME = "offline-rules";

  @Override
  public Verdict judge(Trajectory t, Observation last) {
    switch (t.status()) {
      case ERROR -> {
        return fail("the episode ended in an error", "error");
      }
      case GAVE_UP -> {
        return fail("the agent gave up: " + t.answer(), "gave_up");
      }
      case STEP_LIMIT -> {
        return fail("the agent ran out of steps without answering", "step_limit");
      }
      case ANSWERED -> {
        // judged below
      }
    }
    if (t.steps().isEmpty() || last == null) {
      return fail("the episode is empty: no step or no final page", "empty");
    }
    AriaSnapshot page = last.snapshot();
    if (page.isEmpty()) {
      return fail("the final page could not be read", "unreadable");
    }
    if (t.task().success().isEmpty()) {
      return new Verdict(true, 0.5,
          "the task states no success signal; the agent reported it done", null, NAME);
    }
    List<String> unmet = SignalCheck.unmet(t.task().success(), last.url(), page, t.answer());
    if (!unmet.isEmpty()) {
      return fail("not met: " + String.join("; ", unmet), "signal_not_met");
    }
    return new Verdict(true, 0.9, "met: " + t.task().success().describe(), null, NAME);
  }

  private static Verdict fail(String reason, String kind) {
    return new Verdict(false, 0.9, reason, kind, NAME);
  }
}
