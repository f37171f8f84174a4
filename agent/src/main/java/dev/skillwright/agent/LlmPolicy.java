package dev.skillwright.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skillwright.llm.ChatModel;
import dev.skillwright.llm.ChatRequest;
import dev.skillwright.llm.ChatResponse;
import dev.skillwright.llm.Message;
import dev.skillwright.llm.ModelJson;
import dev.skillwright.llm.ModelOutputException;
import dev.skillwright.llm.PageText;
import dev.skillwright.llm.Prompt;
import dev.skillwright.skills.Skill;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The grounded agent of PAE: the model sees the task, its last steps, the page's snapshot (made
 * compact, fenced as untrusted) and the screenshot, thinks, and picks one action by ref. An
 * unusable reply gets one corrective re-ask; a second one is a failed step. Model faults are
 * thrown, and the runner ends the episode as errored.
 */
final class LlmPolicy implements Policy, Looks {
  static final Prompt SYSTEM = Prompt.load(LlmPolicy.class, "agent");
  static final Prompt STEP = Prompt.load(LlmPolicy.class, "agent-step");

  /** How much the model is shown. */
  record Options(int pageBudget, int historySteps, boolean screenshot, int maxTokens) {
    static final Options DEFAULT = new Options(6_000, 6, true, 400);
  }

  private final ChatModel model;
  private final Options options;
  private final List<Skill> skills;

  LlmPolicy(ChatModel model, Options options, List<Skill> skills) {
    this.model = model;
    this.options = options;
    this.skills = List.copyOf(skills);
  }

  /** The screenshot only when the model is shown one. */
  @Override
  public Look look(List<Step> history) {
    return options.screenshot() ? Look.PICTURE : Look.TEXT;
  }

  @Override
  public Decision decide(Task task, Observation obs, List<Step> history) {
    List<Message> messages = new ArrayList<>(List.of(
        Message.system(SYSTEM.render(Map.of())),
        Message.user(stepPrompt(task, obs, history),
            options.screenshot() ? List.of(obs.screenshot()) : List.of())));
    AriaSnapshot page = obs.snapshot();
    ChatResponse first = ask(messages);
    try {
      return read(first, page);
    } catch (ModelOutputException e) {
      messages.add(Message.assistant(first.text()));
      messages.add(Message.user("That reply could not be used: " + e.getMessage()
          + ". Reply again with exactly one JSON object {\"thought\": \"...\", \"action\": "
          + "{...}} whose action is one of the listed types and whose ref is on the page."));
      ChatResponse second = ask(messages);
      try {
        return read(second, page);
      } catch (ModelOutputException again) {
        return Decision.invalid("The model's reply could not be used twice.",
            "invalid model output: " + again.getMessage());
      }
    }
  }

  private ChatResponse ask(List<Message> messages) {
    return model.chat(ChatRequest.json("agent", messages, options.maxTokens()));
  }

  private static Decision read(ChatResponse r, AriaSnapshot page) {
    JsonNode reply = ModelJson.object(r.text());
    Action action = ActionParser.parse(reply.get("action"), page);
    return Decision.of(reply.path("thought").asText(""), action);
  }

  String stepPrompt(Task task, Observation obs, List<Step> history) {
    return STEP.render(Map.of(
        "task", task.instruction(),
        "skills", skills(),
        "history", history(history),
        "title", obs.title(),
        "url", obs.url(),
        "page", Prompt.untrusted("PAGE", PageText.compact(obs.ariaSnapshot(),
            obs.url(), options.pageBudget()))));
  }

  private String skills() {
    if (skills.isEmpty()) {
      return "(none yet)";
    }
    StringBuilder sb = new StringBuilder();
    for (Skill k : skills) {
      sb.append("- ").append(k.id()).append('(').append(k.parameters().stream()
          .map(p -> p.name() + (p.examples().isEmpty() ? "" : ", e.g. \"" + p.examples().get(0)
              + "\"")).collect(java.util.stream.Collectors.joining("; ")))
          .append("): ").append(k.description()).append(String.format(java.util.Locale.ROOT,
              " [%d steps, success rate %.0f%%]", k.steps().size(),
              100 * k.health().successRate())).append('\n');
    }
    return sb.toString().strip();
  }

  private String history(List<Step> steps) {
    if (steps.isEmpty()) {
      return "(none yet)";
    }
    StringBuilder sb = new StringBuilder();
    int from = Math.max(0, steps.size() - options.historySteps());
    if (from > 0) {
      sb.append("(").append(from).append(" earlier steps not shown)\n");
    }
    for (Step s : steps.subList(from, steps.size())) {
      sb.append(s.index() + 1).append(". ").append(s.thought()).append(" -> ")
          .append(compact(s.action()))
          .append(s.ok() ? " (done)" : " (failed: " + s.error() + ")").append('\n');
    }
    return sb.toString().strip();
  }

  private static String compact(Action a) {
    try {
      // refs die with their page, and locators are noise to the model: keep role and name
      Action shown = a.target() == null ? a
          : a.withTarget(new dev.skillwright.trajectories.Target(null, a.target().role(),
              a.target().name(), List.of()));
      return Json.compact().writeValueAsString(shown).replace(",\"locators\":[]", "")
          .replace("\"ref\":null,", "");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return a.toString();
    }
  }
}
