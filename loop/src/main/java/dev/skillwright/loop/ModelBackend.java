package dev.skillwright.loop;

import dev.skillwright.agent.Policies;
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
public final class ModelBackend {
  public static final int JUDGE_SCREENSHOTS = 3;

  private final ChatModel model;
  private final String description;
  private final Usage session = new Usage();

  private ModelBackend(ChatModel model, String description) {
    this.model = model;
    this.description = description;
  }

  public static ModelBackend offline() {
    return new ModelBackend(null, "offline");
  }

  public static ModelBackend of(ChatModel model, String description) {
    return new ModelBackend(model, description);
  }

  public boolean offlineOnly() {
    return model == null;
  }

  public String describe() {
    return description;
  }

  public ModelUsage sessionUsage() {
    return session.snapshot();
  }

  public Proposer proposer(long seed) {
    return model == null ? Proposer.offline(seed)
        : Proposer.llm(ChatModels.metered(model, session));
  }

  /**
   * The models one episode uses, counting into its own usage too; the policy is offered
   * {@code skills}, whose calls {@code calls} carries out.
   */
  public Episode episode(List<Skill> skills, dev.skillwright.agent.SkillCalls calls) {
    Usage usage = new Usage();
    Policies.SkillOptions offered = new Policies.SkillOptions().setSkills(skills).setCalls(calls);
    if (model == null) {
      return new Episode(Policies.offline(offered), Evaluator.offline(), usage, null);
    }
    ChatModel counted = ChatModels.metered(model, usage, session);
    return new Episode(Policies.llm(counted, offered),
        Evaluator.vlm(counted, JUDGE_SCREENSHOTS), usage, counted);
  }

  /** What one episode uses; {@code model} is null offline, else metered into its usage. */
  public record Episode(Policy policy, Evaluator evaluator, Usage usage, ChatModel model) {}
}
