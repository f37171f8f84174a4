package dev.skillwright.app;

import dev.skillwright.agent.Policy;
import dev.skillwright.evaluator.Evaluator;
import dev.skillwright.llm.ChatModel;
import dev.skillwright.llm.ChatModels;
import dev.skillwright.llm.Usage;
import dev.skillwright.proposer.Proposer;
import dev.skillwright.skills.Skill;
import dev.skillwright.trajectories.ModelUsage;
import java.util.List;

/**
 * The model side of a session: the offline rules, or one {@link ChatModel} behind the LLM
 * proposer, policy and judge. Every call is counted twice, into the episode's usage and the
 * session's. Thread-safe.
 */
final class ModelBackend {
  static final int JUDGE_SCREENSHOTS = 3;

  private final ChatModel model;
  private final String description;
  private final Usage session = new Usage();

  private ModelBackend(ChatModel model, String description) {
    this.model = model;
    this.description = description;
  }

  static ModelBackend offline() {
    return new ModelBackend(null, "offline");
  }

  static ModelBackend of(ChatModel model, String description) {
    return new ModelBackend(model, description);
  }

  boolean offlineOnly() {
    return model == null;
  }

  String describe() {
    return description;
  }

  ModelUsage sessionUsage() {
    return session.snapshot();
  }

  Proposer proposer(long seed) {
    return model == null ? Proposer.offline(seed) : Proposer.llm(ChatModels.metered(model, session));
  }

  /**
   * The models one episode uses, counting into its own usage too; the policy is offered
   * {@code skills}, whose calls {@code calls} carries out.
   */
  Episode episode(List<Skill> skills, dev.skillwright.agent.SkillCalls calls) {
    Usage usage = new Usage();
    if (model == null) {
      return new Episode(Policy.offline(skills, calls), Evaluator.offline(), usage, null);
    }
    ChatModel counted = ChatModels.metered(model, usage, session);
    return new Episode(Policy.llm(counted, skills, calls),
        Evaluator.vlm(counted, JUDGE_SCREENSHOTS), usage, counted);
  }

  /** What one episode uses; {@code model} is null offline, else metered into its usage. */
  record Episode(Policy policy, Evaluator evaluator, Usage usage, ChatModel model) {}
}
