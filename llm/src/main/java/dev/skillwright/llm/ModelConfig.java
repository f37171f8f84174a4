package dev.skillwright.llm;

import static java.util.Objects.requireNonNull;

import dev.skillwright.trajectories.BadInputException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

/**
 * How to reach an OpenAI-compatible server. Built with {@link #builder()}; {@link #fromEnvironment}
 * follows the ecosystem's conventions ({@code OPENAI_BASE_URL}, {@code OPENAI_API_KEY}). The API
 * key never appears in {@link #toString()}, logs or recordings.
 */
public final class ModelConfig {
  final URI baseUrl;
  final String apiKey;
  final String model;
  final Duration timeout;
  final int maxRetries;
  final Duration initialBackoff;
  final Duration maxBackoff;
  final Sleeper sleeper;
  final Random random;

  /** Waits between retries; tests inject one that records instead of sleeping. */
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private ModelConfig(Builder b) {
    this.baseUrl = b.baseUrl;
    this.apiKey = b.apiKey;
    this.model = b.model;
    this.timeout = b.timeout;
    this.maxRetries = b.maxRetries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.sleeper = b.sleeper;
    this.random = b.random;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The configuration for {@code model} from {@code OPENAI_BASE_URL} (default
   * {@code https://api.openai.com/v1}) and {@code OPENAI_API_KEY} (may be absent for local
   * servers such as Ollama or llama.cpp).
   */
  public static Builder fromEnvironment(String model, Map<String, String> env) {
    return builder().model(model)
        .baseUrl(env.getOrDefault("OPENAI_BASE_URL", "https://api.openai.com/v1"))
        .apiKey(env.get("OPENAI_API_KEY"));
  }

  public String model() {
    return model;
  }

  public URI baseUrl() {
    return baseUrl;
  }

  @Override
  public String toString() {
    return "ModelConfig[model=" + model + ", baseUrl=" + baseUrl + ", apiKey="
        + (apiKey == null || apiKey.isEmpty() ? "none" : "(set)") + "]";
  }

  /** Collects settings; every default is here. */
  public static final class Builder {
    private URI baseUrl;
    private String apiKey;
    private String model;
    private Duration timeout = Duration.ofSeconds(120);
    private int maxRetries = 4;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Sleeper sleeper = d -> Thread.sleep(d.toMillis());
    private Random random = new Random();

    private Builder() {}

    /** The API root, such as {@code http://127.0.0.1:11434/v1}; {@code /chat/completions} is added. */
    public Builder baseUrl(String url) {
      try {
        URI u = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
          throw new IllegalArgumentException("not http");
        }
        this.baseUrl = u;
      } catch (IllegalArgumentException e) {
        throw new BadInputException("OPENAI_BASE_URL is not an http or https URL: " + url);
      }
      return this;
    }

    public Builder apiKey(String key) {
      this.apiKey = key == null ? "" : key.strip();
      return this;
    }

    public Builder model(String name) {
      if (name == null || name.isBlank()) {
        throw new BadInputException("--model needs a model name");
      }
      this.model = name;
      return this;
    }

    public Builder timeout(Duration d) {
      this.timeout = requireNonNull(d, "timeout");
      return this;
    }

    public Builder maxRetries(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("maxRetries must not be negative: " + n);
      }
      this.maxRetries = n;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = requireNonNull(initial, "initial");
      this.maxBackoff = requireNonNull(max, "max");
      return this;
    }

    public Builder sleeper(Sleeper s) {
      this.sleeper = requireNonNull(s, "sleeper");
      return this;
    }

    /** The source of backoff jitter; seed it for repeatable tests. */
    public Builder random(Random r) {
      this.random = requireNonNull(r, "random");
      return this;
    }

    public ModelConfig build() {
      requireNonNull(baseUrl, "baseUrl");
      requireNonNull(model, "model");
      if (apiKey == null) {
        apiKey = "";
      }
      return new ModelConfig(this);
    }
  }
}
