package dev.skillwright.llm;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One request to the model.
 *
 * @param purpose who asks ({@code proposer}, {@code agent}, {@code evaluator}), for accounting
 * @param json whether the answer must be one JSON object; adapters use the server's JSON mode
 *     where it has one
 */
public record ChatRequest(String purpose, List<Message> messages, double temperature,
    int maxTokens, boolean json) {
  public ChatRequest {
    requireNonNull(purpose, "purpose");
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a request needs at least one message");
    }
    if (maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
    }
  }

  /** A JSON-mode request at temperature 0, the usual kind here. */
  public static ChatRequest json(String purpose, List<Message> messages, int maxTokens) {
    return new ChatRequest(purpose, messages, 0.0, maxTokens, true);
  }

  public ChatRequest withMessages(List<Message> newMessages) {
    return new ChatRequest(purpose, newMessages, temperature, maxTokens, json);
  }
}
