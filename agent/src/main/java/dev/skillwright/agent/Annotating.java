package dev.skillwright.agent;

import dev.skillwright.trajectories.Trajectory;

/**
 * A policy that adds what it knows to the finished record: a replay adds the episode it replays
 * and the repairs it made.
 */
public interface Annotating {
  Trajectory annotate(Trajectory trajectory);
}
