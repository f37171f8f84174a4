package dev.skillwright.app;

import dev.skillwright.agent.Policies;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.loop.ModelBackend;
import dev.skillwright.loop.SessionRunner;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillBinding;
import dev.skillwright.skills.SkillExport;
import dev.skillwright.skills.SkillLibrary;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.Secrets;
import dev.skillwright.trajectories.SkillwrightException;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A site's verified skills as tools another agent calls: each with its name, description and
 * input schema (those of {@link SkillExport#tools}), {@code search_skills} over the Lucene index,
 * and {@code run_task}, which carries out a plain-English task as {@code skillwright run} does.
 * Calling a skill replays it with the arguments bound, in a fresh context behind the site's
 * scope, healing a step whose element moved (a healed skill is re-verified and written back, as
 * {@code replay skill} does), and records the use in the skill's health. A skill that a task
 * taught and verified becomes a tool too.
 *
 * <p>One browser and one skill library serve every call for the tools' life; close the tools to
 * release them. Thread-safe: calls that drive the browser run one at a time (Playwright is not
 * thread-safe), searches do not wait for them.
 */
final class SkillTools implements AutoCloseable {
  /** The tool that searches the skills. */
  static final String SEARCH = "search_skills";
  /** The tool that runs a plain-English task. */
  static final String RUN_TASK = "run_task";

  /** One tool: its name, description, input schema, side effect, and the skill it runs. */
  record Tool(String name, String description, Map<String, Object> inputSchema,
      boolean destructive, boolean readOnly, Skill skill) {}

  /** How a call went: the structured result, and whether it is an error. */
  record Outcome(Map<String, Object> content, boolean error) {}

  private final Path dataDir;
  private final SiteOptions.Target site;
  private final BrowserConfig browserConfig;
  private final ModelBackend backend;
  private final Secrets secrets;
  private final SkillLibrary library;
  /** By name, in the index's order; replaced, never changed, when a skill joins. */
  private volatile Map<String, Tool> tools = Map.of();
  /** Told of the tools of skills that became verified while serving. */
  private volatile Consumer<List<Tool>> joined = added -> { };
  /** Held while a call drives the browser. */
  private final ReentrantLock driving = new ReentrantLock();
  /** Launched by the first call that needs it, replaced when it died; guarded by driving. */
  private BrowserSession browser;

  SkillTools(Path dataDir, SiteOptions.Target site, BrowserConfig browser, ModelBackend backend,
      Secrets secrets, Consumer<String> notices) {
    this.dataDir = dataDir;
    this.site = site;
    this.browserConfig = browser;
    this.backend = backend;
    this.secrets = secrets;
    this.library = SkillLibrary.open(Store.at(dataDir).skillsDir(), notices);
    try {
      refresh();
      library.release(); // a rename of old names wrote: let others write until a call does
    } catch (RuntimeException e) {
      library.close();
      throw e;
    }
  }

  /**
   * Adds the tools of the site's verified skills not served yet (learned and verified by a task,
   * say); the tools added. A skill whose tool name is taken waits for the next start.
   */
  private synchronized List<Tool> refresh() {
    List<Skill> offered = library.index().list(site.site()).stream().filter(Skill::offered)
        .toList();
    Map<String, Tool> now = new LinkedHashMap<>(tools);
    List<Tool> added = new java.util.ArrayList<>();
    for (SkillExport.Tool t : SkillExport.tools(offered, java.util.Set.of(SEARCH, RUN_TASK))) {
      if (now.containsKey(t.name()) || toolOf(now, t.skill()) != null) {
        continue;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> input = Json.mapper().convertValue(t.parameters(), Map.class);
      input.put("$schema", "https://json-schema.org/draft/2020-12/schema");
      Tool tool = new Tool(t.name(), t.description(), input,
          t.sideEffect().equals("destructive"), t.sideEffect().equals("reads"), t.skill());
      now.put(t.name(), tool);
      added.add(tool);
    }
    tools = java.util.Collections.unmodifiableMap(now);
    return added;
  }

  /** Tells {@code listener} of the tools added while serving, after the call that added them. */
  void onJoined(Consumer<List<Tool>> listener) {
    this.joined = listener;
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

  /** The input schema of {@code run_task}. */
  static Map<String, Object> runTaskSchema() {
    return JsonOutput.doc("$schema", "https://json-schema.org/draft/2020-12/schema",
        "type", "object", "properties", JsonOutput.doc(
            "task", JsonOutput.doc("type", "string", "minLength", 1, "description",
                "What to do on the site, in plain English, with values in double quotes: "
                    + "Add \"Blue Ceramic Mug\" to the cart.")),
        "required", List.of("task"), "additionalProperties", false);
  }

  /** Runs {@code search_skills}: the best skills of the site for the query, best first. */
  Outcome search(Map<String, Object> args) {
    Object query = args == null ? null : args.get("query");
    if (!(query instanceof String q) || q.isBlank()) {
      return error(SEARCH + " needs a query: {\"query\": \"put a mug in the cart\"}");
    }
    int k = args.get("k") instanceof Number n ? Math.max(1, Math.min(50, n.intValue())) : 5;
    List<Map<String, Object>> hits = library.index().search(q, site.site(), k).stream()
        .map(h -> JsonOutput.doc("tool", toolOf(h.skill()), "id", h.skill().id(),
            "description", h.skill().description(), "status",
            h.skill().status().name().toLowerCase(java.util.Locale.ROOT), "score", h.score()))
        .toList();
    return new Outcome(JsonOutput.doc("query", q, "hits", hits), false);
  }

  private String toolOf(Skill s) {
    return toolOf(tools, s);
  }

  private static String toolOf(Map<String, Tool> tools, Skill s) {
    return tools.values().stream().filter(t -> t.skill().id().equals(s.id())).map(Tool::name)
        .findFirst().orElse(null);
  }

  /**
   * Runs the skill of tool {@code name} with {@code args}: its replay's success, final URL,
   * answer, trajectory id, how many steps healed and whether the healed steps were written back
   * ({@code healed}), or an error naming what is wrong with the call.
   */
  Outcome call(String name, Map<String, Object> args) {
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
    // as it is now: healed or merged since the tools were listed
    Skill skill = library.index().get(tool.skill().id()).orElse(tool.skill());
    SkillBinding bound;
    try {
      bound = SkillBinding.bind(skill, given);
    } catch (BadInputException e) {
      return error(e.getMessage().replace("--arg ", ""));
    }
    String start = URI.create(site.startUrl()).resolve(bound.startPath()).toString();
    Task task = new Task("skill", skill.site(), bound.instruction(), start, bound.success(),
        bound.args());
    return driving(() -> {
      Trajectory t = replay(skill, task, bound, true);
      library.recordUse(skill.id(), t.succeeded(), t.verdict().reason(), t.episodeId(),
          Instant.now());
      library.commit();
      boolean healed = t.succeeded() && !t.repairs().isEmpty()
          && HealedWriteBack.writeBack(skill, given, t, again -> replay(skill, task, again,
              false), library) == HealedWriteBack.Result.WRITTEN;
      Map<String, Object> out = JsonOutput.doc("success", t.succeeded(), "skill", skill.id(),
          "finalUrl", t.finalUrl(), "answer", t.answer(),
          "value", skill.reads() != null && t.succeeded() ? t.answer() : null,
          "reason", t.verdict().reason(),
          "healedSteps", t.repairs().size(), "healed", healed, "trajectory", t.episodeId(),
          "session", t.sessionId());
      return new Outcome(out, !t.succeeded());
    });
  }

  /**
   * One replay of the bound skill in a session of its own, answering with the value it reads;
   * the model heals when {@code heal}.
   */
  private Trajectory replay(Skill skill, Task task, SkillBinding bound, boolean heal) {
    List<Action> steps = bound.steps();
    SessionRunner runner = new SessionRunner(settings(Math.max(StepLimit.DEFAULT,
        steps.size() + StepLimit.REPLAY_HEADROOM)),
        backend, Clock.systemUTC())
        .policies((t, e) -> Policies.replay(steps, new Policies.ReplayOptions()
            .setOriginal("skill:" + skill.id()).setHealer(heal ? e.model() : null)
            .setReads(bound.reads())))
        .kind("replay").onBrowser(browser());
    return runner.runSession(dataDir, List.of(task), List.of()).episodes().get(0);
  }

  /**
   * Runs {@code run_task}: the task as one episode, as {@code skillwright run} runs it (the
   * library's skills offered, the evaluator judging, a success learned and verified); its
   * success, the verdict's reason, the answer, final URL, trajectory and session ids, and the
   * tools of skills it made verified, which are served from now on.
   */
  Outcome runTask(Map<String, Object> args) {
    Object given = args == null ? null : args.get("task");
    if (!(given instanceof String instruction) || instruction.isBlank()) {
      return error(RUN_TASK + " needs a task: {\"task\": \"Add \\\"Blue Ceramic Mug\\\" to the "
          + "cart.\"}");
    }
    Task task = new Task("t001", site.site(), instruction.strip(), site.startUrl(),
        SuccessSignal.none(), Map.of());
    return driving(() -> {
      SessionRunner runner = new SessionRunner(settings(StepLimit.DEFAULT), backend,
          Clock.systemUTC()).withSkills(library).learning(null).onBrowser(browser());
      Trajectory t = runner.runSession(dataDir, List.of(task), List.of()).episodes().get(0);
      List<Tool> added = refresh();
      if (!added.isEmpty()) {
        joined.accept(added);
      }
      return new Outcome(JsonOutput.doc("success", t.succeeded(), "reason",
          t.verdict().reason(), "answer", t.answer(), "finalUrl", t.finalUrl(), "trajectory",
          t.episodeId(), "session", t.sessionId(), "newTools",
          added.stream().map(Tool::name).toList()), !t.succeeded());
    });
  }

  private SessionRunner.Settings settings(int maxSteps) {
    return SessionRunner.Settings.builder(site.site(), site.startUrl(), site.scope())
        .maxSteps(maxSteps).browser(browserConfig).secrets(site.secrets(secrets)).build();
  }

  /**
   * Runs {@code call} holding the browser; a failure to run at all is the call's error. Once it
   * is done the library's write lock goes, so a crawl or a replay may use the library while the
   * server waits for its next call.
   */
  private Outcome driving(Supplier<Outcome> call) {
    driving.lock();
    try {
      Outcome out = call.get();
      library.release();
      return out;
    } catch (SkillwrightException e) {
      return error(site.secrets(secrets).redact(BrowserSession.firstLine(e.getMessage())));
    } finally {
      driving.unlock();
    }
  }

  /** The browser, launched or relaunched when it is not there; hold {@link #driving}. */
  private BrowserSession browser() {
    if (browser != null && !browser.alive()) {
      closeBrowser();
    }
    if (browser == null) {
      browser = BrowserSession.launch(browserConfig);
    }
    return browser;
  }

  private void closeBrowser() {
    try {
      browser.close();
    } catch (RuntimeException e) {
      // a dead browser may fail to close; its Playwright is stopped either way
    }
    browser = null;
  }

  private static Outcome error(String message) {
    return new Outcome(JsonOutput.doc("success", false, "error", message), true);
  }

  /** Closes the browser, once a call in progress is done, and the skill library. */
  @Override
  public void close() {
    driving.lock();
    try {
      if (browser != null) {
        closeBrowser();
      }
    } finally {
      driving.unlock();
      library.close();
    }
  }
}
