package dev.skillwright.llm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Answers a request seen before from memory. Keyed on a hash of the whole request (images
 * included), bounded by weight (roughly the answer's size), so the same prompt is paid for once.
 * Only deterministic requests (temperature 0) are cached.
 */
final class CachingChatModel implements ChatModel {
  private final ChatModel inner;
  private final Cache<String, ChatResponse> cache;

  CachingChatModel(ChatModel inner, long maxWeightChars) {
    this.inner = inner;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxWeightChars)
        .weigher((String k, ChatResponse v) -> k.length() + v.text().length())
        .build();
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    if (request.temperature() != 0.0) {
      return inner.chat(request);
    }
    String key = RequestKey.exact(request);
    ChatResponse hit = cache.getIfPresent(key);
    if (hit != null) {
      return hit.asCached();
    }
    ChatResponse fresh = inner.chat(request);
    if (!"length".equals(fresh.finishReason())) {
      cache.put(key, fresh);
    }
    return fresh;
  }
}
