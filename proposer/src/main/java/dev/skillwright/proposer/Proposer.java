package dev.skillwright.proposer;


/**
 * Proposes tasks a user could do on a site, each with how its success shows. Implementations are
 * thread-safe and, given the same context and seed, deterministic.
 */
public interface Proposer {

  /**
   * Proposes up to {@code count} tasks, diverse in kind, none of them already known.
   *
   * @return the tasks, fewer when the site offers fewer, and the items turned down
   */
  Proposal propose(SiteContext context, int count);

  /**
   * Whether the walks in the context's exploration are all that {@code count} tasks would take,
   * so that exploring may end with them; asked again as exploring finds more. By default never:
   * a proposer that reads every walk as context wants all that exploring finds in its limits.
   */
  default boolean walksSuffice(SiteContext context, int count) {
    return false;
  }

  /** The offline proposer: rules over the crawled affordances, seeded for repeatability. */
  static Proposer offline(long seed) {
    return new OfflineProposer(seed);
  }

  /**
   * {@code primary}, and {@code fallback} in its place when it fails or proposes nothing usable;
   * {@code notices} hears each fallback and each proposal turned down.
   */
  static Proposer withFallback(Proposer primary, Proposer fallback,
      java.util.function.Consumer<String> notices) {
    return new FallbackProposer(primary, fallback, notices);
  }

  /** The LLM proposer of PAE, reading the site's context. */
  static Proposer llm(dev.skillwright.llm.ChatModel model) {
    return new LlmProposer(model);
  }
}
