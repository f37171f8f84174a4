package dev.skillwright.evaluator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skillwright.llm.ChatModel;
import dev.skillwright.llm.ChatRequest;
import dev.skillwright.llm.Message;
import dev.skillwright.llm.ModelException;
import dev.skillwright.llm.ModelJson;
import dev.skillwright.llm.ModelOutputException;
import dev.skillwright.llm.PageText;
import dev.skillwright.llm.Prompt;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Trajectory;
import dev.skillwright.trajectories.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * PAE's autonomous judge: a vision-language model reads the task, the actions, the answer, the
 * final page's text and the last K screenshots, and replies with a JSON verdict. An unreadable
 * reply is a failure flagged {@code unparseable_verdict}; a model fault is one flagged
 * {@code evaluator_error}; neither is thrown.
 */
final class VlmEvaluator implements Evaluator {
  static final String NAME = "vlm";
  static final int PAGE_BUDGET = 4_000;
  private static final Prompt PROMPT = Prompt.load(VlmEvaluator.class, "evaluator");

  private final ChatModel model;
  private final int screenshots;

  VlmEvaluator(ChatModel model, int screenshots) {
    if (screenshots < 1) {
      throw new IllegalArgumentException("screenshots must be positive: " + screenshots);
    }
    this.model = model;
    this.screenshots = screenshots;
  }

  @Override
  public Verdict judge(Trajectory t, List<Observation> recent) {
    Observation last = recent.isEmpty() ? null : recent.get(recent.size() - 1);
    Optional<Verdict> early = Prechecks.of(t, last, NAME);
    if (early.isPresent()) {
      return early.get();
    }
    // the last K pictures: a step its policy only read (or did not look at) has none
    List<byte[]> pictured = recent.stream().map(Observation::screenshot)
        .filter(b -> b.length > 0).toList();
    List<byte[]> shots = pictured.subList(Math.max(0, pictured.size() - screenshots),
        pictured.size());
    ChatRequest request = ChatRequest.json("evaluator",
        List.of(Message.user(prompt(t, last), shots)), 300);
    try {
      return parse(ModelJson.object(model.chat(request).text()));
    } catch (ModelOutputException e) {
      return new Verdict(false, 0, "the judge's reply could not be read: " + e.getMessage(),
          "unparseable_verdict", NAME);
    } catch (ModelException e) {
      return new Verdict(false, 0, "the judge could not be asked: " + e.getMessage(),
          "evaluator_error", NAME);
    }
  }

  static String prompt(Trajectory t, Observation last) {
    String actions = t.steps().stream().map(VlmEvaluator::describe)
        .collect(Collectors.joining("\n"));
    return PROMPT.render(Map.of(
        "task", t.task().instruction(),
        "actions", actions.isEmpty() ? "(none)" : actions,
        "answer", t.answer() == null ? "(none)" : t.answer(),
        "url", last.url(),
        "page", Prompt.untrusted("FINAL PAGE", PageText.compact(last.ariaSnapshot(), last.url(),
            PAGE_BUDGET))));
  }

  private static String describe(Step s) {
    return (s.index() + 1) + ". " + s.action().describe()
        + (s.ok() ? "" : " (failed: " + s.error() + ")");
  }

  private static Verdict parse(JsonNode v) {
    JsonNode success = v.get("success");
    if (success == null || !success.isBoolean()) {
      throw new ModelOutputException("no boolean \"success\"");
    }
    double confidence = Math.max(0, Math.min(1, v.path("confidence").asDouble(0.5)));
    String reason = v.path("reason").asText("").strip();
    String kind = success.asBoolean() ? null
        : v.path("failure_kind").isTextual() ? v.path("failure_kind").asText() : "other";
    return new Verdict(success.asBoolean(), confidence,
        reason.isEmpty() ? "(the judge gave no reason)" : reason, kind, NAME);
  }
}
