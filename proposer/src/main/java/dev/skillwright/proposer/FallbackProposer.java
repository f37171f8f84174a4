package dev.skillwright.proposer;

import dev.skillwright.llm.ModelException;
import java.util.function.Consumer;

/**
 * A proposer that hands over to another when it fails: when the model cannot be reached or
 * answers nothing usable, the fallback (the offline proposer) proposes instead, and
 * {@code notices} is told why.
 */
final class FallbackProposer implements Proposer {
  private final Proposer primary;
  private final Proposer fallback;
  private final Consumer<String> notices;

  FallbackProposer(Proposer primary, Proposer fallback, Consumer<String> notices) {
    this.primary = primary;
    this.fallback = fallback;
    this.notices = notices;
  }

  @Override
  public Proposal propose(SiteContext context, int count) {
    Proposal p;
    try {
      p = primary.propose(context, count);
    } catch (ModelException e) {
      notices.accept("the model could not propose tasks (" + e.getMessage() + "); the offline "
          + "proposer takes over");
      return report(fallback.propose(context, count));
    }
    report(p);
    if (p.tasks().isEmpty()) {
      notices.accept("the model proposed no usable task; the offline proposer takes over");
      return report(fallback.propose(context, count));
    }
    return p;
  }

  private Proposal report(Proposal p) {
    p.rejected().forEach(r -> notices.accept("proposal turned down: " + r));
    return p;
  }
}
