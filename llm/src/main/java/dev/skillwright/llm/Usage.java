package dev.skillwright.llm;

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

  /** A moment's totals. */
  public record Snapshot(long calls, long promptTokens, long completionTokens, long millis,
      long cacheHits) {
    public static final Snapshot ZERO = new Snapshot(0, 0, 0, 0, 0);

    public String describe() {
      return String.format("%d call%s, %d prompt + %d completion tokens, %.1f s waiting, "
              + "%d cache hit%s", calls, calls == 1 ? "" : "s", promptTokens, completionTokens,
          millis / 1000.0, cacheHits, cacheHits == 1 ? "" : "s");
    }
  }

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

  public Snapshot snapshot() {
    return new Snapshot(calls.get(), promptTokens.get(), completionTokens.get(), millis.get(),
        cacheHits.get());
  }
}
