package dev.skillwright.agent;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Trajectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Chat-format examples for filtered behaviour cloning, the way PAE trains its agent: for every
 * successful step, the LLM policy's own system and step prompts (task, earlier steps, the page's
 * compact snapshot, the screenshot's path) and, as the assistant's reply, the thought and action
 * the policy would have given.
 */
public final class TrainingExamples {
  private TrainingExamples() {}

  /** One JSON object per step that went through, for the trajectory stored in {@code dir}. */
  public static List<ObjectNode> of(Trajectory t, Path dir) {
    LlmPolicy prompts = new LlmPolicy(null, LlmPolicy.Options.DEFAULT, List.of());
    String system = LlmPolicy.SYSTEM.render(Map.of());
    List<ObjectNode> out = new ArrayList<>();
    List<Step> before = new ArrayList<>();
    for (Step s : t.steps()) {
      if (!s.ok()) {
        continue;
      }
      Observation obs = new Observation(s.url(), s.title(), read(dir, s.snapshotFile()), null);
      ObjectNode ex = Json.mapper().createObjectNode();
      ex.put("episode", t.episodeId());
      ex.put("step", s.index());
      ArrayNode messages = ex.putArray("messages");
      messages.addObject().put("role", "system").put("content", system);
      ObjectNode user = messages.addObject().put("role", "user");
      ArrayNode content = user.putArray("content");
      content.addObject().put("type", "text").put("text",
          prompts.stepPrompt(t.task(), obs, before));
      if (s.screenshotFile() != null) {
        content.addObject().put("type", "image")
            .put("image", dir.resolve(s.screenshotFile()).toString());
      }
      ObjectNode reply = Json.mapper().createObjectNode();
      reply.put("thought", s.thought());
      reply.set("action", modelJson(s.action()));
      messages.addObject().put("role", "assistant").put("content", reply.toString());
      out.add(ex);
      before.add(s);
    }
    return out;
  }

  /** An action in the form the LLM policy replies with: a type, a ref, the values. */
  static ObjectNode modelJson(Action a) {
    ObjectNode o = Json.mapper().valueToTree(a);
    o.remove("target");
    if (a.target() != null) {
      if (a.target().ref() != null) {
        o.put("ref", a.target().ref());
      } else {
        o.put("role", a.target().role()).put("name", a.target().name());
      }
    }
    if (a instanceof Action.Scroll s) {
      o.remove("deltaY");
      o.put("delta_y", s.deltaY());
    } else if (a instanceof Action.Wait w) {
      o.remove("millis");
      o.put("ms", w.millis());
    }
    return o;
  }

  private static String read(Path dir, String file) {
    if (file == null) {
      return "";
    }
    try {
      return Files.readString(dir.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
