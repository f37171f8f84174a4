package dev.skillwright.agent;

import static java.util.Objects.requireNonNull;

import dev.skillwright.trajectories.Action;

/** A policy's next step: why, and what. */
public record Decision(String thought, Action action) {
  public Decision {
    requireNonNull(action, "action");
    thought = thought == null ? "" : thought;
  }
}
