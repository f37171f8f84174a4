package dev.skillwright.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skillwright.llm.ModelJson;
import dev.skillwright.skills.Skill;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot;
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
 * step the agent decided, the LLM policy's own system and step prompts (task, the skills it was
 * offered, earlier steps, the page's compact snapshot, the screenshot) and, as the assistant's
 * reply, the thought and action in the policy's own reply format, with the element's ref. A skill
 * call is one example (its {@code use_skill}), however many steps it ran.
 *
 * <p>Each line is {@code {"episode", "step", "messages": [system, user, assistant]}}; the user
 * message's content is a list of parts, {@code {"type": "text", "text"}} and
 * {@code {"type": "image", "image"}}, the image a path relative to the export file or a
 * {@code data:image/jpeg;base64,} URL: the chat-with-images layout that Hugging Face's chat
 * templates and TRL's vision trainers read.
 */
public final class TrainingExamples {
  private TrainingExamples() {}

  /**
   * One JSON object per decided step of the trajectory stored in {@code dir}.
   *
   * @param exportDir where the export file is: image paths are relative to it
   * @param inlineImages whether images go inline as base64 instead
   * @param skills the skills the trajectory called, as the policy was offered them
   */
  public static List<ObjectNode> of(Trajectory t, Path dir, Path exportDir, boolean inlineImages,
      List<Skill> skills) {
    LlmPolicy prompts = new LlmPolicy(null, LlmPolicy.Options.DEFAULT, skills);
    String system = LlmPolicy.SYSTEM.render(Map.of());
    List<ObjectNode> out = new ArrayList<>();
    List<Step> before = new ArrayList<>();
    Action.UseSkill call = null;
    for (Step s : t.steps()) {
      if (!s.ok()) {
        continue;
      }
      boolean sameCall = s.skill() != null && s.skill().equals(call);
      call = s.skill();
      if (sameCall) {
        before.add(s); // a skill call's later steps: the model decided none of them
        continue;
      }
      Path snapshot = inside(dir, s.snapshotFile());
      Observation obs = new Observation(s.url(), s.title(),
          snapshot == null ? "" : read(snapshot), null);
      ObjectNode ex = Json.mapper().createObjectNode();
      ex.put("episode", t.episodeId());
      ex.put("step", s.index());
      ArrayNode messages = ex.putArray("messages");
      messages.addObject().put("role", "system").put("content", system);
      ObjectNode user = messages.addObject().put("role", "user");
      ArrayNode content = user.putArray("content");
      content.addObject().put("type", "text").put("text",
          prompts.stepPrompt(t.task(), obs, before));
      Path shot = inside(dir, s.screenshotFile());
      if (shot != null) {
        content.addObject().put("type", "image").put("image", inlineImages
            ? "data:image/jpeg;base64," + java.util.Base64.getEncoder().encodeToString(
                bytes(shot))
            : exportDir.toAbsolutePath().relativize(shot).toString().replace('\\', '/'));
      }
      ObjectNode reply = Json.mapper().createObjectNode();
      reply.put("thought", s.thought());
      reply.set("action", modelJson(s.skill() != null ? s.skill() : s.action()));
      messages.addObject().put("role", "assistant").put("content", reply.toString());
      out.add(ex);
      before.add(s);
    }
    return out;
  }

  /**
   * Reads an example's assistant reply back as the policy would, against the page the step was
   * decided on (its ref must be one the page shows).
   *
   * @throws dev.skillwright.llm.ModelOutputException when it is not a usable reply
   */
  public static Action readAction(String assistantContent, String pageSnapshot) {
    JsonNode reply = ModelJson.object(assistantContent);
    return ActionParser.parse(reply.get("action"), AriaSnapshot.parse(pageSnapshot));
  }

  /**
   * The episode's file {@code name}, when it is one inside {@code dir} (a record names its own
   * files; one naming another place, or a file gone, gives none).
   */
  private static Path inside(Path dir, String name) {
    if (name == null) {
      return null;
    }
    Path root = dir.toAbsolutePath().normalize();
    Path f = root.resolve(name).normalize();
    return f.startsWith(root) && Files.isRegularFile(f) ? f : null;
  }

  private static byte[] bytes(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
