package dev.skillwright.llm;

import static java.util.Objects.requireNonNull;

/**
 * The model's answer.
 *
 * @param finishReason {@code stop}, or {@code length} when the answer was cut at max tokens
 * @param cached whether it came from the cache or a cassette rather than the model
 */
public record ChatResponse(String text, int promptTokens, int completionTokens, long millis,
    String finishReason, boolean cached) {
  public ChatResponse {
    requireNonNull(text, "text");
    finishReason = finishReason == null ? "stop" : finishReason;
  }

  public ChatResponse asCached() {
    return new ChatResponse(text, promptTokens, completionTokens, 0, finishReason, true);
  }
}
