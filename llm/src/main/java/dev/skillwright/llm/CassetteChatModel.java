package dev.skillwright.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillwright.trajectories.AtomicFiles;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Records every model exchange of a session into a folder, or replays them with no network. One
 * file per distinct request ({@code <key>.json}, keyed by {@link RequestKey#portable}), holding
 * the request's text and the answers in the order they were given; replay hands them out in the
 * same order and repeats the last. Re-running a recorded session from its cassette gives the
 * same trajectories. Thread-safe.
 */
final class CassetteChatModel implements ChatModel {
  static final int SCHEMA_VERSION = 1;

  private final Path dir;
  private final ChatModel recordFrom;
  private final Map<String, List<ChatResponse>> recorded = new HashMap<>();
  private final Map<String, Integer> cursor = new HashMap<>();

  private CassetteChatModel(Path dir, ChatModel recordFrom) {
    this.dir = dir;
    this.recordFrom = recordFrom;
  }

  static CassetteChatModel recording(ChatModel inner, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new BadInputException("cannot create the cassette folder " + dir + ": " + e.getMessage());
    }
    return new CassetteChatModel(dir, inner);
  }

  static CassetteChatModel replaying(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new BadInputException("no cassette folder at " + dir);
    }
    CassetteChatModel c = new CassetteChatModel(dir, null);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        c.load(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (c.recorded.isEmpty()) {
      throw new BadInputException("the cassette folder " + dir + " holds no recording");
    }
    return c;
  }

  private void load(Path f) {
    try {
      JsonNode root = Json.mapper().readTree(f.toFile());
      if (root.path("schemaVersion").asInt() != SCHEMA_VERSION) {
        throw new BadInputException(f + ": expected schemaVersion " + SCHEMA_VERSION);
      }
      List<ChatResponse> answers = new ArrayList<>();
      for (JsonNode a : root.path("answers")) {
        answers.add(new ChatResponse(a.path("text").asText(), a.path("promptTokens").asInt(),
            a.path("completionTokens").asInt(), 0, a.path("finishReason").asText("stop"), true));
      }
      recorded.put(root.path("key").asText(), answers);
    } catch (IOException e) {
      throw new BadInputException(f + ": not a cassette file: " + e.getMessage());
    }
  }

  @Override
  public synchronized ChatResponse chat(ChatRequest request) {
    String key = RequestKey.portable(request);
    if (recordFrom == null) {
      List<ChatResponse> answers = recorded.get(key);
      if (answers == null || answers.isEmpty()) {
        throw new ModelException("the cassette " + dir + " has no answer for this "
            + request.purpose() + " request (key " + key + "); record it with the same seed "
            + "and settings");
      }
      int i = cursor.merge(key, 1, Integer::sum) - 1;
      return answers.get(Math.min(i, answers.size() - 1));
    }
    ChatResponse answer = recordFrom.chat(request);
    recorded.computeIfAbsent(key, k -> new ArrayList<>()).add(answer);
    write(key, request, recorded.get(key));
    return answer;
  }

  private void write(String key, ChatRequest request, List<ChatResponse> answers) {
    ObjectNode root = Json.mapper().createObjectNode();
    root.put("schemaVersion", SCHEMA_VERSION);
    root.put("key", key);
    root.put("purpose", request.purpose());
    ArrayNode messages = root.putArray("request");
    for (Message m : request.messages()) {
      long images = m.parts().stream().filter(p -> p instanceof Message.Image).count();
      messages.addObject().put("role", m.role().name().toLowerCase(java.util.Locale.ROOT))
          .put("text", m.text()).put("images", images);
    }
    ArrayNode out = root.putArray("answers");
    for (ChatResponse a : answers) {
      out.addObject().put("text", a.text()).put("promptTokens", a.promptTokens())
          .put("completionTokens", a.completionTokens()).put("finishReason", a.finishReason());
    }
    try {
      AtomicFiles.write(dir.resolve(key + ".json"), Json.mapper().writeValueAsBytes(root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
