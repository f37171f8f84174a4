package dev.skillwright.agent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skillwright.llm.ChatModel;
import dev.skillwright.llm.ChatRequest;
import dev.skillwright.llm.Message;
import dev.skillwright.llm.ModelException;
import dev.skillwright.llm.ModelJson;
import dev.skillwright.llm.PageText;
import dev.skillwright.llm.Prompt;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Self-healing by the model: it is shown the lost element (role, name, every name its locators
 * knew) and the current page, and names the element that is the same control. A reply naming no
 * element of the page, or a model fault, is no match.
 */
final class ModelGrounder {
  private static final Prompt PROMPT = Prompt.load(ModelGrounder.class, "heal");
  private final ChatModel model;

  ModelGrounder(ChatModel model) {
    this.model = model;
  }

  Optional<Healer.Match> ground(Target lost, Observation obs) {
    String names = lost.locators().stream()
        .filter(c -> c.strategy() != LocatorCandidate.Strategy.CSS)
        .map(c -> c.strategy().name().toLowerCase(java.util.Locale.ROOT) + " \""
            + (c.name() != null ? c.name() : c.value()) + "\"")
        .collect(Collectors.joining(", "));
    String prompt = PROMPT.render(Map.of("target", lost.describe(),
        "names", names.isEmpty() ? "(none)" : names,
        "page", Prompt.untrusted("PAGE", PageText.compact(obs.ariaSnapshot(), obs.url(),
            6_000))));
    try {
      JsonNode reply = ModelJson.object(model.chat(ChatRequest.json("healer",
          List.of(Message.user(prompt, List.of(obs.screenshot()))), 200)).text());
      String ref = reply.path("ref").asText("");
      AriaSnapshot page = obs.snapshot();
      return page.byRef(ref).map(n -> new Healer.Match(n, 1.0));
    } catch (ModelException e) {
      return Optional.empty();
    }
  }
}
