package dev.skillwright.llm;

import java.nio.file.Path;
import java.util.List;

/** Builds the model stack: an adapter, then the decorators a session wants. */
public final class ChatModels {
  private ChatModels() {}

  /** The OpenAI-compatible HTTP adapter. */
  public static ChatModel openAiCompatible(ModelConfig config) {
    return new OpenAiCompatibleChatModel(config);
  }

  /** Answers repeated temperature-0 requests from memory, up to about {@code maxChars}. */
  public static ChatModel cached(ChatModel inner, long maxChars) {
    return new CachingChatModel(inner, maxChars);
  }

  /** Records every exchange into {@code dir} while passing it through. */
  public static ChatModel recording(ChatModel inner, Path dir) {
    return CassetteChatModel.recording(inner, dir);
  }

  /** Replays the exchanges recorded in {@code dir}, with no network. */
  public static ChatModel replaying(Path dir) {
    return CassetteChatModel.replaying(dir);
  }

  /** Counts usage into each of {@code sinks}. */
  public static ChatModel metered(ChatModel inner, Usage... sinks) {
    return new MeteredChatModel(inner, List.of(sinks));
  }
}
