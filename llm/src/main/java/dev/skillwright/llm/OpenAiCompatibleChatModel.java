package dev.skillwright.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillwright.trajectories.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Chat completions over {@code java.net.http}, for OpenAI and the servers that speak its dialect
 * (vLLM, Ollama, llama.cpp's server, LM Studio). Where they differ in what this relies on:
 *
 * <ul>
 *   <li>text-only messages go as a plain string, images as {@code image_url} parts with a base64
 *       data URL, which all of them read;
 *   <li>JSON mode is asked for with {@code response_format: json_object}; a server that rejects
 *       it with a 400 naming {@code response_format} is asked again without, and not asked again
 *       (the prompts ask for JSON in words too);
 *   <li>a response without {@code usage} has its tokens estimated at four characters a token.
 * </ul>
 *
 * <p>429, 5xx, timeouts and dropped connections are retried with exponential backoff and full
 * jitter, honouring {@code Retry-After}; 400 and 401 are not. Thread-safe.
 */
final class OpenAiCompatibleChatModel implements ChatModel {
  private final ModelConfig config;
  private final HttpClient http;
  private final URI endpoint;
  private final AtomicBoolean jsonModeWorks = new AtomicBoolean(true);

  OpenAiCompatibleChatModel(ModelConfig config) {
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .version(HttpClient.Version.HTTP_1_1).build();
    this.endpoint = URI.create(config.baseUrl + "/chat/completions");
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    Exception last = null;
    for (int attempt = 0; attempt <= config.maxRetries; attempt++) {
      long t0 = System.nanoTime();
      Duration wait;
      try {
        boolean jsonMode = request.json() && jsonModeWorks.get();
        HttpResponse<String> r = http.send(httpRequest(request, jsonMode),
            HttpResponse.BodyHandlers.ofString());
        int status = r.statusCode();
        if (status == 200) {
          return parse(r.body(), (System.nanoTime() - t0) / 1_000_000);
        }
        String message = serverMessage(r.body());
        if (status == 400 && jsonMode && message.toLowerCase(Locale.ROOT).contains("response_format")) {
          jsonModeWorks.set(false);
          attempt--;
          continue;
        }
        if (status == 401 || status == 403) {
          throw new ModelException("the model server refused the API key (" + status
              + "); check OPENAI_API_KEY");
        }
        if (status == 429 || status >= 500) {
          last = new ModelException("HTTP " + status + ": " + message);
          wait = retryAfter(r).orElse(backoff(attempt));
        } else {
          throw new ModelException("the model server rejected the request (HTTP " + status
              + "): " + message);
        }
      } catch (IOException e) {
        // timed out, refused, reset, cut off: all worth another try; describe() tells them apart
        last = e;
        wait = backoff(attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ModelException("interrupted while waiting for the model");
      } catch (MalformedReply e) {
        last = e;
        wait = backoff(attempt);
      }
      if (attempt < config.maxRetries) {
        try {
          config.sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new ModelException("interrupted while waiting to retry the model");
        }
      }
    }
    throw new ModelUnavailableException("the model at " + config.baseUrl + " did not answer after "
        + (config.maxRetries + 1) + " attempts: " + describe(last), last);
  }

  private HttpRequest httpRequest(ChatRequest request, boolean jsonMode) {
    HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(config.timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(request, jsonMode).toString()));
    if (!config.apiKey.isEmpty()) {
      b.header("Authorization", "Bearer " + config.apiKey);
    }
    return b.build();
  }

  ObjectNode body(ChatRequest request, boolean jsonMode) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("model", config.model);
    ArrayNode messages = root.putArray("messages");
    for (Message m : request.messages()) {
      ObjectNode msg = messages.addObject();
      msg.put("role", m.role().name().toLowerCase(Locale.ROOT));
      boolean textOnly = m.parts().stream().allMatch(p -> p instanceof Message.Text);
      if (textOnly) {
        msg.put("content", m.text());
        continue;
      }
      ArrayNode parts = msg.putArray("content");
      for (Message.Part p : m.parts()) {
        if (p instanceof Message.Text t) {
          parts.addObject().put("type", "text").put("text", t.text());
        } else if (p instanceof Message.Image i) {
          parts.addObject().put("type", "image_url").putObject("image_url")
              .put("url", "data:" + i.mimeType() + ";base64,"
                  + Base64.getEncoder().encodeToString(i.data()));
        }
      }
    }
    root.put("temperature", request.temperature());
    root.put("max_tokens", request.maxTokens());
    if (jsonMode) {
      root.putObject("response_format").put("type", "json_object");
    }
    return root;
  }

  /** A 200 whose body is not a chat completion: worth another try, as proxies garble bodies. */
  static final class MalformedReply extends Exception {
    MalformedReply(String message) {
      super(message);
    }
  }

  private ChatResponse parse(String body, long millis) throws MalformedReply {
    JsonNode root;
    try {
      root = Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new MalformedReply("the reply is not JSON");
    }
    JsonNode choice = root == null ? null : root.path("choices").path(0);
    JsonNode content = choice == null ? null : choice.path("message").path("content");
    if (content == null || !content.isTextual()) {
      throw new MalformedReply("the reply has no choices[0].message.content");
    }
    String text = content.asText();
    JsonNode usage = root.path("usage");
    int prompt = usage.path("prompt_tokens").asInt(-1);
    int completion = usage.path("completion_tokens").asInt(-1);
    if (completion < 0) {
      completion = (text.length() + 3) / 4;
    }
    return new ChatResponse(text, Math.max(prompt, 0), completion, millis,
        choice.path("finish_reason").asText("stop"), false);
  }

  private static String serverMessage(String body) {
    try {
      JsonNode root = Json.mapper().readTree(body);
      JsonNode m = root.path("error").path("message");
      if (m.isTextual()) {
        return m.asText();
      }
      if (root.path("error").isTextual()) {
        return root.path("error").asText();
      }
    } catch (IOException | RuntimeException e) {
      // not JSON: fall through to the raw text
    }
    String s = body == null ? "" : body.strip();
    return s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }

  private Duration backoff(int attempt) {
    long cap = Math.min(config.maxBackoff.toMillis(),
        config.initialBackoff.toMillis() * (1L << Math.min(attempt, 20)));
    // full jitter: a uniform wait up to the cap keeps retrying clients from moving in step
    return Duration.ofMillis(cap <= 0 ? 0 : (long) (config.random.nextDouble() * cap) + 1);
  }

  private Optional<Duration> retryAfter(HttpResponse<String> r) {
    return r.headers().firstValue("Retry-After").flatMap(v -> {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v.strip())));
      } catch (NumberFormatException e) {
        try {
          ZonedDateTime when = ZonedDateTime.parse(v.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
          return Optional.of(Duration.between(ZonedDateTime.now(), when));
        } catch (RuntimeException e2) {
          return Optional.empty();
        }
      }
    }).map(d -> d.isNegative() ? Duration.ZERO : d)
        .map(d -> d.compareTo(Duration.ofMinutes(2)) > 0 ? Duration.ofMinutes(2) : d);
  }

  private static String describe(Exception e) {
    if (e == null) {
      return "no attempt was made";
    }
    if (e instanceof HttpTimeoutException) {
      return "timed out";
    }
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    String m = e.getMessage();
    return e instanceof IOException ? "connection failed (" + (m == null ? e.getClass().getSimpleName() : m) + ")"
        : String.valueOf(m);
  }
}
