package dev.skillwright.app;

import dev.skillwright.agent.Policies;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.loop.ConsoleProgress;
import dev.skillwright.loop.ModelBackend;
import dev.skillwright.loop.SessionRunner;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillBinding;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.skills.SkillLibrary;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Secrets;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code skillwright replay}: re-executes a recorded episode or a skill with no model call,
 * healing steps whose element moved, and writes a new trajectory linked to what it replays.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replay episodes (ids, trajectory.json files, last, or --session SESSION; of "
        + "one site) or a skill (skill NAME --arg k=v) without a model, healing what drifted "
        + "(with --model, the model heals).")
final class ReplayCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand
  Main main;

  @Parameters(arity = "0..*", paramLabel = "WHAT",
      description = "Episode ids, trajectory.json files or last (replayed in one session, "
          + "one browser), or: skill NAME")
  List<String> what = new java.util.ArrayList<>();

  @Option(names = "--session", paramLabel = "SESSION",
      description = "Replay every successful task episode of this session (its id, or last for "
          + "the newest).")
  String session;

  @Option(names = "--arg", paramLabel = "NAME=VALUE", description = "A skill's argument.")
  Map<String, String> args = new LinkedHashMap<>();

  @Option(names = "--env", paramLabel = "NAME",
      description = "Replay on this bundled site (default: the recording's, if bundled).")
  String env;

  @Option(names = "--variant", defaultValue = "v1", paramLabel = "NAME",
      description = "The bundled site's variant, such as v2 (drifted markup).")
  String variant;

  @Option(names = "--url", paramLabel = "URL",
      description = "Replay on this site instead of the recorded one.")
  String url;

  @Mixin
  StepLimit steps;

  @Mixin
  BrowserOptions browser;

  /** With --model, the model grounds lost steps and judges; without, the offline matcher heals. */
  @Mixin
  ModelOptions models;

  @Mixin
  JsonOutput json;

  private ModelBackend backend;
  private Secrets secrets;
  /** The most steps any recording (or skill) to replay has. */
  private int longest;

  @Override
  public Integer call() {
    steps.check();
    if (env != null && url != null) {
      throw new BadInputException("--env and --url exclude each other");
    }
    BrowserConfig browserConfig = browser.config();
    backend = models.backend(System.getenv());
    secrets = models.secrets(System.getenv());
    Store store = Store.at(main.dataDir());
    if (what.isEmpty() && session == null) {
      throw new BadInputException("replay needs episodes (ids, trajectory.json files or last), "
          + "skill NAME, or --session SESSION");
    }
    if (!what.isEmpty() && session != null) {
      throw new BadInputException("replay takes episodes or --session SESSION, not both");
    }
    if (session != null) {
      what = sessionEpisodes(store, store.sessionId(session));
    }
    if (what.get(0).equals("skill")) {
      if (what.size() != 2) {
        throw new BadInputException("replay skill needs the skill's name: replay skill NAME");
      }
      return replaySkill(store, what.get(1), browserConfig);
    }
    if (!args.isEmpty()) {
      throw new BadInputException("--arg is for skills: replay skill NAME --arg k=v");
    }
    // every recording read and checked before anything runs
    Map<String, Trajectory> originals = new LinkedHashMap<>();
    for (String w : what) {
      Path file = store.trajectoryFile(w);
      Trajectory original = store.readTrajectory(file);
      if (replayable(original).isEmpty()) {
        throw new BadInputException(file + ": the episode has no step to replay");
      }
      originals.put(original.episodeId(), original);
      longest = Math.max(longest, replayable(original).size());
    }
    Trajectory first = originals.values().iterator().next();
    for (Trajectory t : originals.values()) {
      if (!t.task().site().equals(first.task().site())) {
        throw new BadInputException("replay episodes of one site at a time: " + t.episodeId()
            + " is of " + t.task().site() + ", " + first.episodeId() + " of "
            + first.task().site());
      }
    }
    String defaultEnv = env == null && url == null && isBundled(first.task().site())
        ? first.task().site() : env;
    try (SiteOptions.Target target = open(defaultEnv, first.task().startUrl())) {
      // each task named by the episode it replays, so each gets its own recording's steps
      List<Task> tasks = originals.values().stream().map(o -> {
        Task t = rebase(o.task(), target.startUrl());
        return new Task(o.episodeId(), t.site(), t.instruction(), t.startUrl(), t.success(),
            t.params());
      }).toList();
      List<Trajectory> replays = run(store, target, browserConfig, tasks, (task, e) -> {
        Trajectory o = originals.get(task.id());
        return Policies.replay(rebased(replayable(o), target.startUrl()),
            new Policies.ReplayOptions().setOriginal(o.episodeId()).setHealer(e.model()));
      });
      replays.forEach(r -> report(r, store));
      long ok = replays.stream().filter(Trajectory::succeeded).count();
      int healed = replays.stream().mapToInt(r -> r.repairs().size()).sum();
      long calls = replays.stream().mapToLong(r -> r.usage().calls()).sum();
      if (replays.size() > 1) {
        json.text().printf(Locale.ROOT,
            "%nReplayed %d episodes: %d succeeded, %d steps healed, %d model calls%n",
            replays.size(), ok, healed, calls);
      }
      if (json.on()) {
        json.print(JsonOutput.doc("session", replays.get(0).sessionId(), "site", target.site(),
            "success", ok == replays.size(), "replayed", replays.size(), "succeeded", ok,
            "healedSteps", healed, "modelCalls", calls, "replays",
            replays.stream().map(r -> outcome(r, store)).toList()));
      }
      return ok == replays.size() ? 0 : 1;
    }
  }

  /** The ids of a session's task episodes that succeeded with a step to replay. */
  private static List<String> sessionEpisodes(Store store, String id) {
    List<String> ids = store.trajectoryFiles(id).stream().map(store::readTrajectory)
        .filter(t -> t.succeeded() && !replayable(t).isEmpty()).map(Trajectory::episodeId)
        .toList();
    if (ids.isEmpty()) {
      throw new BadInputException("session " + id + " has no successful episode with a step to "
          + "replay");
    }
    return ids;
  }

  /** The steps of a recording that a replay does again: those that went well, as they ran. */
  static List<Action> replayable(Trajectory t) {
    return t.steps().stream().filter(Step::ok).map(Step::action)
        .filter(a -> !(a instanceof Action.UseSkill)).toList();
  }

  private int replaySkill(Store store, String name, BrowserConfig browserConfig) {
    Skill skill;
    try (SkillIndex index = SkillIndex.open(store.skillsDir(),
          n -> spec.commandLine().getErr().println("skillwright: " + n))) {
      skill = index.get(name).orElseThrow(() -> new BadInputException(
          "no skill '" + name + "'; see: skillwright skills list"));
    }
    SkillBinding bound = SkillBinding.bind(skill, args);
    longest = bound.steps().size();
    String defaultEnv = env == null && url == null && isBundled(skill.site()) ? skill.site() : env;
    if (defaultEnv == null && url == null) {
      throw new BadInputException("skill " + skill.name() + " is of site " + skill.site()
          + ": say where to run it with --url URL");
    }
    try (SiteOptions.Target target = open(defaultEnv, null)) {
      String start = URI.create(target.startUrl()).resolve(bound.startPath()).toString();
      Task task = new Task("skill", skill.site(), bound.instruction(), start, bound.success(),
          bound.args());
      Trajectory replay = run(store, target, browserConfig, List.of(task),
          (t, e) -> Policies.replay(bound.steps(), new Policies.ReplayOptions()
              .setOriginal("skill:" + skill.id()).setHealer(e.model())
              .setReads(bound.reads()))).get(0);
      report(replay, store);
      boolean rewritten = replay.succeeded() && !replay.repairs().isEmpty()
          && writeBackHealed(store, target, browserConfig, skill, task, replay);
      if (json.on()) {
        Map<String, Object> doc = JsonOutput.doc("session", replay.sessionId(), "site",
            target.site(), "skill", skill.id());
        doc.putAll(outcome(replay, store));
        doc.put("value", skill.reads() != null && replay.succeeded() ? replay.answer() : null);
        doc.put("rewritten", rewritten);
        doc.put("status", statusNow(store, skill.id()));
        json.print(doc);
      }
      return replay.succeeded() ? 0 : 1;
    }
  }

  /**
   * A healed skill counts only once it works again from scratch: its healed steps are replayed
   * in a fresh context, and must succeed with no repair before the index takes them.
   *
   * @return whether the library took the healed steps
   */
  private boolean writeBackHealed(Store store, SiteOptions.Target target, BrowserConfig config,
      Skill skill, Task task, Trajectory replay) {
    PrintWriter out = json.text();
    out.println("Re-verifying the healed skill in a fresh context...");
    HealedWriteBack.Result r;
    try (SkillLibrary library = SkillLibrary.open(store.skillsDir(),
        n -> spec.commandLine().getErr().println("skillwright: " + n))) {
      r = HealedWriteBack.writeBack(skill, args, replay, again -> run(store, target, config,
          List.of(task), (t, e) -> Policies.replay(again.steps(), new Policies.ReplayOptions()
              .setOriginal("skill:" + skill.id()).setReads(again.reads()))).get(0), library);
    }
    out.println(switch (r) {
      case WRITTEN -> "The healed skill works: " + skill.id() + " now has its repaired steps.";
      case GONE -> "The healed skill works, but " + skill.id()
          + " is no longer in the library; nothing was written.";
      case FAILED -> "The healed skill failed its re-verification; the skill is unchanged.";
    });
    return r == HealedWriteBack.Result.WRITTEN;
  }

  /** Skill {@code id}'s status in the library now (lower case), or null when it is gone. */
  private String statusNow(Store store, String id) {
    try (SkillIndex index = SkillIndex.open(store.skillsDir(),
          n -> spec.commandLine().getErr().println("skillwright: " + n))) {
      return index.get(id).map(s -> s.status().name().toLowerCase(Locale.ROOT)).orElse(null);
    }
  }

  /**
   * One replay as {@code --json} tells it: what it replayed, its verdict and answer, where it
   * ended, what it healed, and its trajectory (the names {@code run --json} uses).
   */
  private static Map<String, Object> outcome(Trajectory t, Store store) {
    return JsonOutput.doc("replayOf", t.replayOf(), "success", t.succeeded(), "reason",
        t.verdict().reason(), "answer", t.answer(), "finalUrl", t.finalUrl(), "healedSteps",
        t.repairs().size(), "modelCalls", t.usage().calls(), "trajectory", t.episodeId(),
        "trajectoryFile", store.findEpisode(t.episodeId()).map(Path::toString).orElse(null));
  }

  /**
   * Runs {@code tasks} in one session on one browser; their trajectories, in order. A replay
   * leaves the skill library alone: it neither offers skills nor learns.
   */
  private List<Trajectory> run(Store store, SiteOptions.Target target, BrowserConfig config,
      List<Task> tasks, SessionRunner.PolicyChoice policy) {
    SessionRunner runner = new SessionRunner(SessionRunner.Settings.builder(target.site(),
        target.startUrl(), target.scope()).maxSteps(steps.forReplay(longest)).browser(config)
        .secrets(target.secrets(secrets).with(browser.storageSecrets())).build(), backend,
        Clock.systemUTC()).policies(policy).kind("replay");
    return runner.runSession(main.dataDir(), tasks, List.of(new ConsoleProgress(
        new PrintWriter(java.io.Writer.nullWriter()), spec.commandLine().getErr()))).episodes();
  }

  private void report(Trajectory t, Store store) {
    PrintWriter out = json.text();
    out.println("Replay of " + t.replayOf() + " on " + t.task().startUrl());
    for (Step s : t.steps()) {
      String how = s.action().isFinal() ? "" : !s.ok() ? "FAILED (below)"
          : "found by " + (s.matchedBy() == null ? "-" : s.matchedBy());
      out.printf(Locale.ROOT, "%3d  %-46s %-36s %5d ms%n", s.index() + 1,
          ConsoleProgress.fit(s.action().describe(), 46), ConsoleProgress.fit(how, 36),
          s.millis());
      if (!s.ok() && !s.action().isFinal()) {
        SkillsCommand.print(out, "       failed: ", String.valueOf(s.error()));
      }
    }
    for (Trajectory.Repair r : t.repairs()) {
      SkillsCommand.print(out, "healed step " + (r.step() + 1) + ": ", String.format(Locale.ROOT,
          "%s -> %s (%s, similarity %.2f)", r.from().describe(), r.to().describe(), r.method(),
          r.score()));
    }
    if (t.status() == Trajectory.Status.ANSWERED && t.answer() != null
        && !t.answer().equals("Done.")) {
      SkillsCommand.print(out, "Answer: ", t.answer());
    }
    SkillsCommand.print(out, "Verdict: ", (t.succeeded() ? "success" : "failure") + " ("
        + t.verdict().reason() + ")");
    out.println("Model calls: " + t.usage().calls());
    store.findEpisode(t.episodeId()).ifPresent(f -> out.println("Written to " + f));
  }

  private SiteOptions.Target open(String envName, String recordedUrl) {
    if (envName == null && url == null) {
      return SiteOptions.open(null, origin(recordedUrl), variant,
          spec.commandLine().getErr());
    }
    return SiteOptions.open(envName, url, variant, spec.commandLine().getErr());
  }

  private static boolean isBundled(String site) {
    return dev.skillwright.envs.Sites.names().contains(site);
  }

  /** {@code actions} with every {@code goto} moved to the origin of {@code origin}. */
  static List<Action> rebased(List<Action> actions, String origin) {
    return actions.stream().map(a -> a instanceof Action.Goto g
        ? new Action.Goto(rebaseUrl(g.url(), origin)) : a).toList();
  }

  static Task rebase(Task t, String origin) {
    return new Task(t.id(), t.site(), t.instruction(), rebaseUrl(t.startUrl(), origin),
        t.success(), t.params());
  }

  /** {@code url} moved to the scheme, host and port of {@code origin}. */
  static String rebaseUrl(String url, String origin) {
    try {
      URI u = URI.create(url);
      URI o = URI.create(origin);
      return new URI(o.getScheme(), o.getAuthority(), u.getPath(), u.getQuery(), u.getFragment())
          .toString();
    } catch (Exception e) {
      return url;
    }
  }

  private static String origin(String url) {
    URI u = URI.create(url);
    return u.getScheme() + "://" + u.getAuthority() + "/";
  }
}
