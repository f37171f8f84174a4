package dev.skillwright.llm;

import dev.skillwright.trajectories.ModelUsage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Model usage, counted as it happens: calls, prompt and completion tokens, latency, cache hits.
 * Thread-safe; one per episode and one per session.
 */
public final class Usage {
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong promptTokens = new AtomicLong();
  private final AtomicLong completionTokens = new AtomicLong();
  private final AtomicLong millis = new AtomicLong();
  private final AtomicLong cacheHits = new AtomicLong();

  void record(ChatResponse r) {
    calls.incrementAndGet();
    if (r.cached()) {
      cacheHits.incrementAndGet();
      return;
    }
    promptTokens.addAndGet(r.promptTokens());
    completionTokens.addAndGet(r.completionTokens());
    millis.addAndGet(r.millis());
  }

  public ModelUsage snapshot() {
    return new ModelUsage(calls.get(), promptTokens.get(), completionTokens.get(), millis.get(),
        cacheHits.get());
  }
}
