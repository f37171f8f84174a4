package dev.skillwright.agent;

import static java.util.Objects.requireNonNull;

import dev.skillwright.trajectories.Action;

/**
 * A policy's next step, and why: an action for the browser ({@link Act}), the end of the episode
 * ({@link Finish}: an answer or a give-up), or output that could not be used ({@link Invalid}:
 * recorded as a failed step, nothing done).
 */
public sealed interface Decision {

  /** Why the policy decided so, in its words (recorded with the step). */
  String thought();

  /**
   * An action for the browser.
   *
   * @param via the skill call the action is part of, or null for the policy's own steps
   */
  record Act(String thought, Action action, Action.UseSkill via) implements Decision {
    public Act {
      requireNonNull(action, "action");
      thought = thought == null ? "" : thought;
      if (action.isFinal()) {
        throw new IllegalArgumentException("an answer or a give-up is a Finish: " + action);
      }
    }
  }

  /** The episode ends: {@code action} is an {@link Action.Answer} or an {@link Action.GiveUp}. */
  record Finish(String thought, Action action) implements Decision {
    public Finish {
      requireNonNull(action, "action");
      thought = thought == null ? "" : thought;
      if (!action.isFinal()) {
        throw new IllegalArgumentException("only an answer or a give-up ends: " + action);
      }
    }
  }

  /** Output that could not be used (a model's malformed reply): a failed step, nothing done. */
  record Invalid(String thought, String error) implements Decision {
    public Invalid {
      requireNonNull(error, "error");
      thought = thought == null ? "" : thought;
    }
  }

  /** {@code action} as a decision: a {@link Finish} when it ends the episode, else an {@link Act}.
   */
  static Decision of(String thought, Action action) {
    return requireNonNull(action, "action").isFinal() ? new Finish(thought, action)
        : new Act(thought, action, null);
  }

  /** A step error: nothing is done, the failure is recorded. */
  static Decision invalid(String thought, String error) {
    return new Invalid(thought, error);
  }

  /** The action decided, if any: what an {@link Act} or a {@link Finish} carries. */
  default java.util.Optional<Action> chosen() {
    return this instanceof Act a ? java.util.Optional.of(a.action())
        : this instanceof Finish f ? java.util.Optional.of(f.action())
        : java.util.Optional.empty();
  }
}
