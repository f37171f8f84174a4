package dev.skillwright.envs;

import dev.skillwright.envs.BenchTask.GroundTruthCheck;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.SignalCheck;
import dev.skillwright.trajectories.SuccessSignal;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The building blocks of the suites: tasks, success signals and ground-truth checks. */
final class Checks {
  private Checks() {}

  static BenchTask task(String id, String difficulty, String instruction, SuccessSignal signal,
      GroundTruthCheck check) {
    return new BenchTask(id, difficulty, instruction, signal, false, check);
  }

  /** A task the site cannot do; the right outcome is to give up. */
  static BenchTask infeasible(String id, String instruction) {
    return new BenchTask(id, "infeasible", instruction, SuccessSignal.none(), true,
        o -> o.gaveUp() ? null : "the task is impossible here, and the agent did not give up");
  }

  static SuccessSignal url(String glob) {
    return SuccessSignal.of(new Condition.UrlMatches(glob));
  }

  static SuccessSignal answer(String text) {
    return SuccessSignal.of(new Condition.AnswerContains(text));
  }

  static GroundTruthCheck urlIs(String glob) {
    return o -> o.finalUrl() != null && SignalCheck.glob(glob).matcher(o.finalUrl()).matches()
        ? null : "the final URL " + o.finalUrl() + " does not match " + glob;
  }

  static GroundTruthCheck answerHas(String text) {
    return o -> o.answer() != null && o.answer().contains(text) ? null
        : "the answer " + o.answer() + " does not include " + text;
  }

  /** Passes when some record under {@code key} of the ground truth satisfies {@code test}. */
  @SuppressWarnings("unchecked")
  static GroundTruthCheck some(String key, String what, Predicate<Map<String, Object>> test) {
    return o -> ((List<Map<String, Object>>) o.groundTruth().getOrDefault(key, List.of()))
        .stream().anyMatch(test) ? null : "no " + what;
  }

  static GroundTruthCheck all(GroundTruthCheck... checks) {
    return o -> {
      for (GroundTruthCheck c : checks) {
        String f = c.fail(o);
        if (f != null) {
          return f;
        }
      }
      return null;
    };
  }
}
