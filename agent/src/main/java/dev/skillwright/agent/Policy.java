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
   * Told that a skill it called failed part-way (or did not do what it promises): the policy
   * takes over from the page as it is. Most policies need not do anything.
   */
  default void skillFailed(dev.skillwright.skills.Skill skill, String reason) {}

  /**
   * A new offline policy: it reads only the instruction text and the page, grounding the quoted
   * values and element names of the instruction in the aria snapshot.
   */
  static Policy offline() {
    return new OfflinePolicy(List.of());
  }

  /**
   * An offline policy that calls a skill where the skill's description matches clauses of the
   * instruction and its arguments bind; the skills are retrieved for the task and verified.
   */
  static Policy offline(List<dev.skillwright.skills.Skill> skills, SkillCalls calls) {
    return new SkillUsingPolicy(new OfflinePolicy(skills), calls);
  }

  /** An LLM policy offered {@code skills} as {@code use_skill} calls, carried out by {@code calls}. */
  static Policy llm(dev.skillwright.llm.ChatModel model, List<dev.skillwright.skills.Skill> skills,
      SkillCalls calls) {
    return new SkillUsingPolicy(llm(model, skills), calls);
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

  /**
   * A replay that does not heal: a step none of whose locators matches ends it with give_up. It
   * verifies a skill: the skill as it is must work.
   */
  static Policy strictReplay(List<dev.skillwright.trajectories.Action> actions, String original) {
    return new ReplayPolicy(actions, original, null, true);
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
