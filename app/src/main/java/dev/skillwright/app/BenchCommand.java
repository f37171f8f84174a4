package dev.skillwright.app;

import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.envs.BenchTask;
import dev.skillwright.envs.Site;
import dev.skillwright.envs.Sites;
import dev.skillwright.loop.ConsoleProgress;
import dev.skillwright.loop.ModelBackend;
import dev.skillwright.loop.SessionRunner;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.AtomicFiles;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.ModelUsage;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code skillwright bench}: runs a bundled site's suite and scores it by ground truth, and the
 * evaluator by its agreement with ground truth.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Run a bundled site's benchmark suite; score the agent by ground truth and "
        + "the evaluator by its agreement with it. With --perf, measure speed and size beside "
        + "raw Playwright instead.")
final class BenchCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand
  Main main;

  @Option(names = "--env", paramLabel = "NAME",
      description = "A bundled site, or all (needed unless --perf).")
  String env;

  @Option(names = "--perf",
      description = "Measure Skillwright beside its baselines (raw Playwright doing the same "
          + "actions, or the goal) on the shop, and print a table of the figures.")
  boolean perf;

  @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
      description = "With --perf: timed rounds after the warm-up, whose median is reported "
          + "(default: 3).")
  int rounds;

  @Option(names = "--index-skills", defaultValue = "100000", paramLabel = "N",
      description = "With --perf: skills in the index whose searches are timed (default: "
          + "100000).")
  int indexSkills;

  @Option(names = "--seed", defaultValue = "7", description = "Recorded with the report.")
  long seed;

  @Mixin
  StepLimit steps;

  @Option(names = "--concurrency", defaultValue = "1", paramLabel = "N",
      description = "Tasks run in parallel, one browser each (default: 1); the scores do not "
          + "depend on it.")
  int concurrency;

  @Option(names = "--task", paramLabel = "ID",
      description = "Run only this task of the suite, by its id in the report (shop-01); "
          + "repeatable.")
  List<String> only = new ArrayList<>();

  @Option(names = "--with-skills", paramLabel = "DIR",
      description = "Let the agent use the skills of this data directory (a copy: the bench "
          + "never changes them). Without it the bench starts from an empty library, so its "
          + "scores do not depend on what was crawled before.")
  Path withSkills;

  @Mixin
  BrowserOptions browser;

  @Mixin
  ModelOptions models;

  @Mixin
  ModelOptions.Recording recording;

  /** With --json, the document is the report: what {@code report.json} holds. */
  @Mixin
  JsonOutput json;

  /** One task's result. */
  record Row(String site, String id, String difficulty, String instruction, boolean groundTruth,
      String groundTruthReason, boolean judged, String judgeReason, int steps, double seconds,
      long modelCalls) {}

  @Override
  public Integer call() throws Exception {
    if (perf) {
      return perf();
    }
    if (env == null) {
      throw new BadInputException("bench needs --env NAME (a bundled site, or all), or --perf");
    }
    steps.check();
    CrawlCommand.positive("--concurrency", concurrency, 16);
    BrowserConfig config = browser.config();
    Map<String, String> envVars = System.getenv();
    ModelBackend backend = models.backend(envVars, recording.record);
    List<String> sites = env.equals("all") ? Sites.names() : List.of(env);
    sites.forEach(Sites::suite);
    if (!only.isEmpty()) {
      java.util.TreeSet<String> known = new java.util.TreeSet<>();
      sites.forEach(n -> Sites.suite(n).forEach(b -> known.add(b.id())));
      for (String id : only) {
        if (!known.contains(id)) {
          throw new BadInputException("--task: no task '" + id + "' in the suite of " + env
              + " (its ids: " + known.first() + " to " + known.last() + ")");
        }
      }
      sites = sites.stream().filter(n -> Sites.suite(n).stream()
          .anyMatch(b -> only.contains(b.id()))).toList();
    }
    Path from = skillsToUse();
    Path library = null;
    try {
      library = Files.createTempDirectory("skillwright-bench-skills-");
      if (from != null) {
        SkillIndex.copy(from, library,
            n -> spec.commandLine().getErr().println("skillwright: " + n));
      }
      return run(sites, config, envVars, backend, library);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      if (library != null) {
        deleteTree(library);
      }
    }
  }

  /** The skills folder --with-skills names (a data directory's, or itself), or null. */
  private Path skillsToUse() {
    if (withSkills == null) {
      return null;
    }
    Path skills = withSkills.resolve("skills");
    if (Files.isDirectory(skills)) {
      return skills;
    }
    if (!Files.isDirectory(withSkills)) {
      throw new BadInputException("--with-skills: no such folder " + withSkills);
    }
    if (Files.isDirectory(withSkills.resolve("sessions"))) {
      throw new BadInputException("--with-skills: the data directory " + withSkills
          + " holds no skills yet");
    }
    return withSkills;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }

  private Integer run(List<String> sites, BrowserConfig config, Map<String, String> envVars,
      ModelBackend backend, Path library) {
    List<Row> rows = new ArrayList<>();
    ModelUsage usage = ModelUsage.NONE;
    String sessionIds = "";
    for (String name : sites) {
      List<BenchTask> suite = Sites.suite(name).stream()
          .filter(b -> only.isEmpty() || only.contains(b.id())).toList();
      try (SiteOptions.Target target = SiteOptions.open(name, null, "v1",
          spec.commandLine().getErr())) {
        Site site = target.env();
        Map<String, BenchTask> byId = new LinkedHashMap<>();
        List<Task> tasks = new ArrayList<>();
        for (BenchTask b : suite) {
          byId.put(b.id(), b);
          tasks.add(new Task(b.id(), name, b.instruction(), site.baseUrl(), b.signal(), Map.of()));
        }
        // the observer is called on the workers' threads
        List<Row> siteRows = java.util.Collections.synchronizedList(new ArrayList<>());
        // a benchmark uses its own library's skills and learns nothing
        SessionRunner runner = new SessionRunner(SessionRunner.Settings.builder(name,
            site.baseUrl(), dev.skillwright.browser.Scope.ofUrl(site.baseUrl()))
            .maxSteps(steps.maxSteps).concurrency(concurrency).browser(config)
            .secrets(target.secrets(models.secrets(envVars)).with(browser.storageSecrets()))
            .build(), backend, Clock.systemUTC()).withSkills(library).kind("bench").recordingSeed(seed)
            .observing((task, t, tab) -> siteRows.add(row(name, byId.get(task.id()), t,
                site.groundTruth(tab.cookie(site.visitorCookie()).orElse(null)))));
        SessionRunner.Result s = runner.runSession(main.dataDir(), tasks, List.of(
            new ConsoleProgress(json.text(), spec.commandLine().getErr())));
        rows.addAll(siteRows);
        usage = backend.sessionUsage();
        sessionIds += (sessionIds.isEmpty() ? "" : ",") + s.sessionId();
      }
    }
    rows.sort((a, b) -> (a.site() + a.id()).compareTo(b.site() + b.id()));
    Map<String, Object> report = report(rows, usage);
    report.put("seed", seed);
    report.put("sessions", sessionIds);
    report.put("model", backend.describe());
    Path dir = Store.at(main.dataDir()).root().resolve("bench")
        .resolve(sessionIds.replace(',', '+'));
    try {
      AtomicFiles.write(dir.resolve("report.json"), Json.mapper().writeValueAsBytes(report));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    String md = markdown(rows, report);
    AtomicFiles.write(dir.resolve("report.md"), md);
    PrintWriter out = json.text();
    out.println();
    out.print(md);
    out.println("Report: " + dir.resolve("report.json") + " and report.md");
    if (json.on()) {
      json.print(report);
    }
    return 0;
  }

  private int perf() throws Exception {
    CrawlCommand.positive("--rounds", rounds, 50);
    CrawlCommand.positive("--index-skills", indexSkills, 2_000_000);
    if (env != null && !env.equals("shop")) {
      throw new BadInputException("--perf measures on the shop; leave out --env or give shop");
    }
    if (models.model != null || withSkills != null || concurrency != 1 || !only.isEmpty()) {
      throw new BadInputException("--perf runs offline on the shop with its own settings; it "
          + "takes --rounds, --index-skills and the browser flags");
    }
    BrowserConfig config = browser.config();
    PrintWriter out = json.text();
    Path work = Files.createTempDirectory("skillwright-perf-");
    try {
      List<PerfBench.Row> rows = new PerfBench(rounds, indexSkills, config, out).run(work);
      String command = "skillwright bench --perf --rounds " + rounds + " --index-skills "
          + indexSkills + (config.tracing() ? "" : " --no-trace");
      String md = PerfBench.markdown(rows, command);
      Path dir = Store.at(main.dataDir()).root().resolve("bench").resolve("perf-"
          + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
              .withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now()));
      Map<String, Object> report = PerfBench.report(rows, command);
      AtomicFiles.write(dir.resolve("report.json"), Json.mapper().writeValueAsBytes(report));
      AtomicFiles.write(dir.resolve("report.md"), md);
      out.println();
      out.print(md);
      out.println();
      out.println("Report: " + dir.resolve("report.md") + " and report.json");
      if (json.on()) {
        json.print(report);
      }
      return 0;
    } finally {
      deleteTree(work);
    }
  }

  static Row row(String site, BenchTask b, Trajectory t, Map<String, Object> truth) {
    String fail = b.check().fail(new BenchTask.Outcome(t.status() == Trajectory.Status.GAVE_UP,
        t.answer(), t.finalUrl(), truth));
    return new Row(site, b.id(), b.difficulty(), b.instruction(), fail == null,
        fail == null ? "" : fail, t.succeeded(), t.verdict().reason(), t.steps().size(),
        t.durationMillis() / 1000.0, t.usage().calls());
  }

  static Map<String, Object> report(List<Row> rows, ModelUsage usage) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int tn = 0;
    for (Row r : rows) {
      if (r.judged() && r.groundTruth()) {
        tp++;
      } else if (r.judged()) {
        fp++;
      } else if (r.groundTruth()) {
        fn++;
      } else {
        tn++;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tasks", rows.size());
    m.put("successByGroundTruth", tp + fn);
    m.put("successRate", rows.isEmpty() ? 0 : (double) (tp + fn) / rows.size());
    m.put("confusion", Map.of("judgedSuccessTrulySuccess", tp, "judgedSuccessTrulyFailure", fp,
        "judgedFailureTrulySuccess", fn, "judgedFailureTrulyFailure", tn));
    m.put("evaluatorPrecision", tp + fp == 0 ? null : (double) tp / (tp + fp));
    m.put("evaluatorRecall", tp + fn == 0 ? null : (double) tp / (tp + fn));
    m.put("meanSteps", rows.stream().mapToInt(Row::steps).average().orElse(0));
    m.put("meanSeconds", rows.stream().mapToDouble(Row::seconds).average().orElse(0));
    m.put("modelUsage", usage);
    Map<String, Object> byDifficulty = new LinkedHashMap<>();
    for (String d : List.of("easy", "medium", "hard", "infeasible")) {
      List<Row> of = rows.stream().filter(r -> r.difficulty().equals(d)).toList();
      if (!of.isEmpty()) {
        byDifficulty.put(d, of.stream().filter(Row::groundTruth).count() + "/" + of.size());
      }
    }
    m.put("byDifficulty", byDifficulty);
    m.put("rows", rows);
    return m;
  }

  static String markdown(List<Row> rows, Map<String, Object> m) {
    StringBuilder sb = new StringBuilder();
    sb.append("| task | difficulty | ground truth | evaluator | steps | seconds |\n");
    sb.append("| --- | --- | --- | --- | ---: | ---: |\n");
    for (Row r : rows) {
      sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %.1f |%n", r.id(),
          r.difficulty(), r.groundTruth() ? "pass" : "fail", r.judged() ? "success" : "failure",
          r.steps(), r.seconds()));
    }
    @SuppressWarnings("unchecked")
    Map<String, Integer> c = (Map<String, Integer>) m.get("confusion");
    @SuppressWarnings("unchecked")
    Map<String, Object> byDifficulty = (Map<String, Object>) m.get("byDifficulty");
    sb.append('\n');
    line(sb, String.format(Locale.ROOT, "Success by ground truth: %d of %d (%.0f%%); by "
            + "difficulty: %s.", (Integer) m.get("successByGroundTruth"), rows.size(),
        100 * (double) m.get("successRate"), byDifficulty.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
    line(sb, String.format(Locale.ROOT, "Evaluator against ground truth: %d true successes, %d "
            + "false successes, %d missed successes, %d true failures; precision %s, recall %s.",
        c.get("judgedSuccessTrulySuccess"), c.get("judgedSuccessTrulyFailure"),
        c.get("judgedFailureTrulySuccess"), c.get("judgedFailureTrulyFailure"),
        ratio(m.get("evaluatorPrecision")), ratio(m.get("evaluatorRecall"))));
    line(sb, String.format(Locale.ROOT, "Mean %.1f steps and %.1f s per task; model: %s.",
        (double) m.get("meanSteps"), (double) m.get("meanSeconds"),
        ((ModelUsage) m.get("modelUsage")).describe()));
    return sb.toString();
  }

  /** A paragraph of the report within 100 columns, then a blank line. */
  private static void line(StringBuilder sb, String text) {
    ConsoleProgress.wrap("", text, "").forEach(l -> sb.append(l).append('\n'));
    sb.append('\n');
  }

  private static String ratio(Object v) {
    return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) v);
  }
}
