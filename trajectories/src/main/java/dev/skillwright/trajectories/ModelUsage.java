package dev.skillwright.trajectories;

/**
 * Model usage over an episode or a session: calls, prompt and completion tokens, time spent
 * waiting for the model, and calls answered from the cache or a cassette.
 */
public record ModelUsage(long calls, long promptTokens, long completionTokens, long millis,
    long cacheHits) {
  public static final ModelUsage NONE = new ModelUsage(0, 0, 0, 0, 0);

  public String describe() {
    return String.format(java.util.Locale.ROOT,
        "%d call%s, %d prompt + %d completion tokens, %.1f s waiting, %d cache hit%s", calls,
        calls == 1 ? "" : "s", promptTokens, completionTokens, millis / 1000.0, cacheHits,
        cacheHits == 1 ? "" : "s");
  }
}
