package dev.skillwright.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skillwright.agent.Policies;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.loop.ModelBackend;
import dev.skillwright.loop.SessionRunner;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillBinding;
import dev.skillwright.skills.SkillExport;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.skills.SkillLibrary;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.Secrets;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A site's verified skills as tools another agent calls: each with its name, description and
 * input schema (those of {@link SkillExport#toolSchema}), and {@code search_skills} over the
 * Lucene index. Calling a skill replays it with the arguments bound, in a fresh context of a
 * headless Chromium inside the site's scope, healing a step whose element moved, and records the
 * use in the skill's health. One call runs at a time.
 */
final class SkillTools {
  /** The tool that searches the skills. */
  static final String SEARCH = "search_skills";

  /** One tool: its name, description, input schema, side effect, and the skill it runs. */
  record Tool(String name, String description, Map<String, Object> inputSchema,
      boolean destructive, boolean readOnly, Skill skill) {}

  /** How a call went: the structured result, and whether it is an error. */
  record Outcome(Map<String, Object> content, boolean error) {}

  private final Path dataDir;
  private final SiteOptions.Target site;
  private final BrowserConfig browser;
  private final ModelBackend backend;
  private final Secrets secrets;
  private final Consumer<String> notices;
  private final Map<String, Tool> tools = new LinkedHashMap<>();

  SkillTools(Path dataDir, SiteOptions.Target site, BrowserConfig browser, ModelBackend backend,
      Secrets secrets, Consumer<String> notices) {
    this.dataDir = dataDir;
    this.site = site;
    this.browser = browser;
    this.backend = backend;
    this.secrets = secrets;
    this.notices = notices;
    List<Skill> offered;
    try (SkillIndex index = SkillIndex.open(Store.at(dataDir).skillsDir(), notices)) {
      offered = index.list(site.site()).stream().filter(Skill::offered).toList();
    }
    JsonNode schema;
    try {
      schema = Json.mapper().readTree(SkillExport.toolSchema(offered));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the tool schema is no JSON", e);
    }
    for (int i = 0; i < offered.size(); i++) {
      JsonNode fn = schema.get("tools").get(i).get("function");
      Skill s = offered.get(i);
      @SuppressWarnings("unchecked")
      Map<String, Object> input = Json.mapper().convertValue(fn.get("parameters"), Map.class);
      input.put("$schema", "https://json-schema.org/draft/2020-12/schema");
      String effect = fn.get("x-side-effect").asText();
      tools.put(fn.get("name").asText(), new Tool(fn.get("name").asText(),
          fn.get("description").asText(), input, effect.equals("destructive"),
          effect.equals("reads"), s));
    }
  }

  /** The skills' tools, in the index's order. */
  List<Tool> skills() {
    return List.copyOf(tools.values());
  }

  /** The input schema of {@code search_skills}. */
  static Map<String, Object> searchSchema() {
    return JsonOutput.doc("$schema", "https://json-schema.org/draft/2020-12/schema",
        "type", "object", "properties", JsonOutput.doc(
            "query", JsonOutput.doc("type", "string", "description",
                "What you want to do on the site, in your own words."),
            "k", JsonOutput.doc("type", "integer", "minimum", 1, "maximum", 50,
                "description", "How many skills at most (default 5).")),
        "required", List.of("query"), "additionalProperties", false);
  }

  /** Runs {@code search_skills}: the best skills of the site for the query, best first. */
  Outcome search(Map<String, Object> args) {
    Object query = args == null ? null : args.get("query");
    if (!(query instanceof String q) || q.isBlank()) {
      return error("search_skills needs a query: {\"query\": \"put a mug in the cart\"}");
    }
    int k = args.get("k") instanceof Number n ? Math.max(1, Math.min(50, n.intValue())) : 5;
    try (SkillIndex index = SkillIndex.open(Store.at(dataDir).skillsDir(), notices)) {
      List<Map<String, Object>> hits = index.search(q, site.site(), k).stream()
          .map(h -> JsonOutput.doc("tool", toolOf(h.skill()), "id", h.skill().id(),
              "description", h.skill().description(), "status",
              h.skill().status().name().toLowerCase(java.util.Locale.ROOT), "score", h.score()))
          .toList();
      return new Outcome(JsonOutput.doc("query", q, "hits", hits), false);
    }
  }

  private String toolOf(Skill s) {
    return tools.values().stream().filter(t -> t.skill().id().equals(s.id())).map(Tool::name)
        .findFirst().orElse(null);
  }

  /**
   * Runs the skill of tool {@code name} with {@code args}: its replay's success, final URL,
   * answer and trajectory id, or an error naming what is wrong with the call.
   */
  synchronized Outcome call(String name, Map<String, Object> args) {
    Tool tool = tools.get(name);
    if (tool == null) {
      return error("no tool '" + name + "'; list the tools to see the skills served");
    }
    Map<String, String> given = new LinkedHashMap<>();
    if (args != null) {
      for (Map.Entry<String, Object> e : args.entrySet()) {
        if (!(e.getValue() instanceof String v)) {
          return error("argument '" + e.getKey() + "' of " + name + " must be a string");
        }
        given.put(e.getKey(), v);
      }
    }
    Skill skill = tool.skill();
    SkillBinding bound;
    try {
      bound = SkillBinding.bind(skill, given);
    } catch (BadInputException e) {
      return error(e.getMessage().replace("--arg ", ""));
    }
    String start = URI.create(site.startUrl()).resolve(bound.startPath()).toString();
    Task task = new Task("skill", skill.site(), bound.instruction(), start, bound.success(),
        bound.args());
    SessionRunner runner = new SessionRunner(SessionRunner.Settings.builder(site.site(),
        site.startUrl(), site.scope()).maxSteps(bound.steps().size() + 10).browser(browser)
        .secrets(site.secrets(secrets)).build(), backend, Clock.systemUTC())
        .policies((t, e) -> Policies.replay(bound.steps(), new Policies.ReplayOptions()
            .setOriginal("skill:" + skill.id()).setHealer(e.model())))
        .kind("replay");
    Trajectory t = runner.runSession(dataDir, List.of(task), List.of()).episodes().get(0);
    try (SkillLibrary library = SkillLibrary.open(Store.at(dataDir).skillsDir(), notices)) {
      library.recordUse(skill.id(), t.succeeded(), t.verdict().reason(), t.episodeId(),
          Instant.now());
      library.commit();
    }
    Map<String, Object> out = JsonOutput.doc("success", t.succeeded(), "skill", skill.id(),
        "finalUrl", t.finalUrl(), "answer", t.answer(), "reason", t.verdict().reason(),
        "healedSteps", t.repairs().size(), "trajectory", t.episodeId(), "session",
        t.sessionId());
    return new Outcome(out, !t.succeeded());
  }

  private static Outcome error(String message) {
    return new Outcome(JsonOutput.doc("success", false, "error", message), true);
  }
}
