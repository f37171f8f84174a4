package dev.skillwright.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skillwright.llm.ModelOutputException;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.AriaSnapshot.Node;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.Target;
import java.util.List;
import java.util.Locale;

/**
 * Reads a model's {@code action} object into an {@link Action}, checking it against the page it
 * was decided on: a ref must be one the snapshot shows. An element may also be named by
 * {@code role} and {@code name}, found then by its role locator.
 */
final class ActionParser {
  private ActionParser() {}

  /** @throws ModelOutputException saying what is wrong, for a corrective re-ask */
  static Action parse(JsonNode a, AriaSnapshot page) {
    if (a == null || !a.isObject()) {
      throw new ModelOutputException("\"action\" must be an object");
    }
    String type = a.path("type").asText("").toLowerCase(Locale.ROOT);
    return switch (type) {
      case "click" -> new Action.Click(target(a, page, true));
      case "fill", "type" -> new Action.Fill(target(a, page, true), text(a, "text"));
      case "press" -> new Action.Press(target(a, page, false), text(a, "key"));
      case "select" -> new Action.Select(target(a, page, true), text(a, "option"));
      case "check" -> new Action.Check(target(a, page, true), a.path("checked").asBoolean(true));
      case "hover" -> new Action.Hover(target(a, page, true));
      case "scroll" -> new Action.Scroll(a.path("delta_y").asInt(600));
      case "goto" -> new Action.Goto(text(a, "url"));
      case "back" -> new Action.Back();
      case "wait" -> new Action.Wait(Math.max(0, Math.min(10_000, a.path("ms").asLong(1000))));
      case "use_skill" -> new Action.UseSkill(text(a, "name"), args(a.path("args")));
      case "answer" -> new Action.Answer(a.path("text").asText(""));
      case "give_up" -> new Action.GiveUp(a.path("reason").asText(""));
      default -> throw new ModelOutputException("unknown action type \"" + type + "\"");
    };
  }

  private static java.util.Map<String, String> args(JsonNode args) {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    if (args.isObject()) {
      args.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    } else if (!args.isMissingNode() && !args.isNull()) {
      throw new ModelOutputException("\"args\" of use_skill must be an object");
    }
    return out;
  }

  private static String text(JsonNode a, String field) {
    JsonNode v = a.get(field);
    if (v == null || !v.isValueNode() || v.asText().isEmpty()) {
      throw new ModelOutputException("a " + a.path("type").asText() + " action needs \"" + field
          + "\"");
    }
    return v.asText();
  }

  private static Target target(JsonNode a, AriaSnapshot page, boolean required) {
    String ref = a.path("ref").asText("");
    if (!ref.isEmpty()) {
      Node n = page.byRef(ref).orElseThrow(() -> new ModelOutputException(
          "there is no element [ref=" + ref + "] on this page"));
      return Target.of(n.ref(), n.role(), n.name());
    }
    String role = a.path("role").asText("");
    if (!role.isEmpty()) {
      String name = a.path("name").asText("");
      return new Target(null, role, name, List.of(LocatorCandidate.role(role, name)));
    }
    if (required) {
      throw new ModelOutputException("a " + a.path("type").asText() + " action needs \"ref\"");
    }
    return null;
  }
}
