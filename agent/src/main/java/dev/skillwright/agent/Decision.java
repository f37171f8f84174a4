package dev.skillwright.agent;

import static java.util.Objects.requireNonNull;

import dev.skillwright.trajectories.Action;

/**
 * A policy's next step: why, and what, and the skill call it is part of ({@code via}, null for
 * the policy's own steps). A decision with an {@code error} is a step that failed
 * before reaching the browser (the model's output could not be used); the runner records it as a
 * failed step and does not execute its action.
 */
public record Decision(String thought, Action action, String error, Action.UseSkill via) {
  public Decision {
    requireNonNull(action, "action");
    thought = thought == null ? "" : thought;
  }

  public Decision(String thought, Action action) {
    this(thought, action, null, null);
  }

  public Decision(String thought, Action action, String error) {
    this(thought, action, error, null);
  }

  /** A step error: nothing is done, the failure is recorded. */
  public static Decision invalid(String thought, String error) {
    return new Decision(thought, new Action.Wait(0), requireNonNull(error, "error"));
  }
}
