package dev.skillwright.app;

import dev.skillwright.llm.ChatModel;
import dev.skillwright.llm.ChatModels;
import dev.skillwright.llm.ModelConfig;
import dev.skillwright.loop.ModelBackend;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Secrets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The model and secret flags of the commands that run episodes. A picocli mixin; crawl, run and
 * bench add {@link Recording}.
 */
final class ModelOptions {
  /** Responses kept in memory per session, in characters (about 64 MB). */
  static final long CACHE_CHARS = 32_000_000;

  @Option(names = "--model", paramLabel = "NAME",
      description = "An OpenAI-compatible model (with $OPENAI_BASE_URL and $OPENAI_API_KEY); "
          + "without it the offline model runs.")
  String model;

  @Option(names = "--base-url", paramLabel = "URL",
      description = "The server's API root, such as http://127.0.0.1:11434/v1 for Ollama "
          + "(default: $OPENAI_BASE_URL, else OpenAI's).")
  String baseUrl;

  @Option(names = "--replay-cassette", paramLabel = "DIR",
      description = "Replay the model exchanges recorded in DIR, with no network.")
  Path replay;

  @Option(names = "--secret", paramLabel = "NAME=VALUE",
      description = "A secret a task names as {{secret:NAME}}; also $SKILLWRIGHT_SECRET_NAME. "
          + "It is typed into pages and never recorded.")
  Map<String, String> secrets = new LinkedHashMap<>();

  /** The backend these flags ask for, checked before anything is written. */
  ModelBackend backend(Map<String, String> env) {
    return backend(env, null);
  }

  /**
   * The backend these flags ask for, recording every exchange into {@code record} when it is
   * set (see {@link Recording}); checked before anything is written.
   */
  ModelBackend backend(Map<String, String> env, Path record) {
    if (record != null && replay != null) {
      throw new BadInputException("--record-cassette and --replay-cassette exclude each other");
    }
    if (replay != null) {
      return ModelBackend.of(ChatModels.replaying(replay), "cassette " + replay);
    }
    if (model == null) {
      if (record != null) {
        throw new BadInputException("--record-cassette needs --model: the offline model makes "
            + "no model calls to record");
      }
      return ModelBackend.offline();
    }
    ModelConfig.Builder b = ModelConfig.fromEnvironment(model, env);
    if (baseUrl != null) {
      b.baseUrl(baseUrl);
    }
    ModelConfig config = b.build();
    ChatModel chat = ChatModels.openAiCompatible(config);
    if (record != null) {
      chat = ChatModels.recording(chat, record);
    }
    return ModelBackend.of(ChatModels.cached(chat, CACHE_CHARS),
        model + " at " + config.baseUrl() + (record == null ? "" : ", recording to " + record));
  }

  Secrets secrets(Map<String, String> env) {
    return Secrets.fromEnvironment(env).with(Secrets.of(secrets));
  }

  /** {@code --record-cassette}, for the commands whose model exchanges are worth keeping. */
  static final class Recording {
    @Option(names = "--record-cassette", paramLabel = "DIR",
        description = "Record every model exchange of the session into DIR (with --model).")
    Path record;
  }
}
