package dev.skillwright.agent;

import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Task;
import java.util.List;

/**
 * Whatever drives the browser: it sees the task, the current observation and the steps so far, and
 * decides the next action. One instance serves one episode (it may keep state across its steps);
 * create a fresh one per episode. Not thread-safe. What a policy can do besides deciding is a
 * small interface of its own ({@link Annotating}, {@link TakesOver}); policies are made by
 * {@link Policies}.
 */
public interface Policy {

  /**
   * Decides the next step. A policy must end an episode with {@code answer} or {@code give_up};
   * the runner also ends it at the step limit.
   */
  Decision decide(Task task, Observation observation, List<Step> history);
}
