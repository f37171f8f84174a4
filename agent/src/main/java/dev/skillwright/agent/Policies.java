package dev.skillwright.agent;

import dev.skillwright.llm.ChatModel;
import dev.skillwright.skills.Skill;
import dev.skillwright.trajectories.Action;
import java.util.List;

/**
 * Where policies are made: the offline agent, the LLM agent, a replay. Each is fresh, for one
 * episode. Options are objects with setters, in Playwright's style:
 * {@code Policies.replay(steps, new ReplayOptions().setOriginal("e1").setStrict(true))}.
 */
public final class Policies {
  private Policies() {}

  /** The skills a policy is offered, and who carries out its calls of them. */
  public static final class SkillOptions {
    private List<Skill> skills = List.of();
    private SkillCalls calls;

    /** Skills retrieved for the task (verified ones); the policy may call them. */
    public SkillOptions setSkills(List<Skill> skills) {
      this.skills = List.copyOf(skills);
      return this;
    }

    /** Carries out the policy's skill calls; without it, the calls are left to the caller. */
    public SkillOptions setCalls(SkillCalls calls) {
      this.calls = calls;
      return this;
    }
  }

  /** How a replay runs. */
  public static final class ReplayOptions {
    private String original;
    private ChatModel healer;
    private boolean strict;
    private dev.skillwright.skills.Reading reads;

    /**
     * Where the value is read once every step ran (a skill that answers a question): the replay
     * answers with it, and gives up when the page does not show it.
     */
    public ReplayOptions setReads(dev.skillwright.skills.Reading reads) {
      this.reads = reads;
      return this;
    }

    /** What is replayed (an episode id, {@code skill:<id>}), recorded as {@code replayOf}. */
    public ReplayOptions setOriginal(String original) {
      this.original = original;
      return this;
    }

    /** The model that grounds a lost step anew, instead of the offline matcher. */
    public ReplayOptions setHealer(ChatModel model) {
      this.healer = model;
      return this;
    }

    /** Whether a step none of whose locators matches ends the replay instead of healing. */
    public ReplayOptions setStrict(boolean strict) {
      this.strict = strict;
      return this;
    }
  }

  /**
   * The offline agent: it reads only the instruction text and the page, grounding the quoted
   * values and element names of the instruction in the aria snapshot.
   */
  public static Policy offline() {
    return new OfflinePolicy(List.of());
  }

  /**
   * The offline agent, calling an offered skill where the skill's description matches clauses of
   * the instruction and its arguments bind.
   */
  public static Policy offline(SkillOptions o) {
    OfflinePolicy p = new OfflinePolicy(o.skills);
    return o.calls == null ? p : new SkillUsingPolicy(p, o.calls);
  }

  /**
   * The LLM agent: the model sees the task, its last steps, the compact page snapshot and the
   * screenshot, and replies with a thought and an action.
   */
  public static Policy llm(ChatModel model) {
    return llm(model, new SkillOptions());
  }

  /** The LLM agent, its prompt showing the offered skills as {@code use_skill} calls. */
  public static Policy llm(ChatModel model, SkillOptions o) {
    LlmPolicy p = new LlmPolicy(model, LlmPolicy.Options.DEFAULT, o.skills);
    return o.calls == null ? p : new SkillUsingPolicy(p, o.calls);
  }

  /**
   * What the LLM agent is shown of the page at {@code pageUrl} (null when not known) whose full
   * AI-mode aria snapshot is given.
   */
  public static String modelView(String ariaSnapshot, String pageUrl) {
    return dev.skillwright.llm.PageText.compact(ariaSnapshot, pageUrl,
        LlmPolicy.Options.DEFAULT.pageBudget());
  }

  /**
   * A replay of recorded actions, with no model: targets are found by their durable locators,
   * and a step none of them finds is healed by grounding it anew (unless strict).
   */
  public static Policy replay(List<Action> actions, ReplayOptions o) {
    return new ReplayPolicy(actions, o.original, o.healer == null ? null
        : new ModelGrounder(o.healer), o.strict, o.reads);
  }
}
