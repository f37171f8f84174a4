package dev.skillwright.llm;

import java.util.List;

/** Counts every answered call into one or more {@link Usage}s (an episode's and the session's). */
final class MeteredChatModel implements ChatModel {
  private final ChatModel inner;
  private final List<Usage> sinks;

  MeteredChatModel(ChatModel inner, List<Usage> sinks) {
    this.inner = inner;
    this.sinks = List.copyOf(sinks);
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    ChatResponse r = inner.chat(request);
    sinks.forEach(u -> u.record(r));
    return r;
  }
}
