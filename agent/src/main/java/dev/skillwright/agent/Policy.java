package dev.skillwright.agent;

import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Task;
import java.util.List;

/**
 * Whatever drives the browser: it sees the task, the current observation and the steps so far, and
 * decides the next action. One instance serves one episode (it may keep state across its steps);
 * create a fresh one per episode. Not thread-safe.
 */
public interface Policy {

  /**
   * Decides the next step. A policy must end an episode with {@code answer} or {@code give_up};
   * the runner also ends it at the step limit.
   */
  Decision decide(Task task, Observation observation, List<Step> history);

  /**
   * Adds what this policy knows to the finished record: a replay adds the episode it replays and
   * the repairs it made. Most policies add nothing.
   */
  default dev.skillwright.trajectories.Trajectory annotate(
      dev.skillwright.trajectories.Trajectory trajectory) {
    return trajectory;
  }

  /**
   * A new offline policy: it reads only the instruction text and the page, grounding the quoted
   * values and element names of the instruction in the aria snapshot.
   */
  static Policy offline() {
    return new OfflinePolicy();
  }

  /**
   * A new LLM policy: the model sees the task, its last steps, the compact page snapshot and the
   * screenshot, and replies with a thought and an action.
   */
  static Policy llm(dev.skillwright.llm.ChatModel model) {
    return llm(model, java.util.List.of());
  }

  /**
   * A replay of recorded actions, with no model: targets are found by their durable locators, and
   * a step none of them finds is healed by grounding it anew on the page.
   *
   * @param original what is replayed, recorded as the new trajectory's {@code replayOf}
   */
  static Policy replay(List<dev.skillwright.trajectories.Action> actions, String original) {
    return new ReplayPolicy(actions, original, null);
  }

  /** A replay whose lost steps the model grounds anew instead of the offline matcher. */
  static Policy replay(List<dev.skillwright.trajectories.Action> actions, String original,
      dev.skillwright.llm.ChatModel model) {
    return new ReplayPolicy(actions, original, model == null ? null : new ModelGrounder(model));
  }

  /** An LLM policy whose prompt also shows {@code skills}, retrieved for the task. */
  static Policy llm(dev.skillwright.llm.ChatModel model,
      java.util.List<dev.skillwright.skills.Skill> skills) {
    return new LlmPolicy(model, LlmPolicy.Options.DEFAULT, skills);
  }
}
