package dev.skillwright.llm;

/**
 * The model port: messages with text and images in, text out. Adapters: an OpenAI-compatible HTTP
 * client, a cassette player; decorators add caching, recording and usage accounting.
 * Implementations are thread-safe.
 */
public interface ChatModel {

  /**
   * Sends one request.
   *
   * @throws ModelException when the model cannot answer; {@link ModelUnavailableException} when
   *     it may answer later (retries ran out on a rate limit, a server error or a timeout)
   */
  ChatResponse chat(ChatRequest request);
}
