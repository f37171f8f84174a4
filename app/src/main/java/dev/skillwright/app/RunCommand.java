package dev.skillwright.app;

import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.loop.ConsoleProgress;
import dev.skillwright.loop.ModelBackend;
import dev.skillwright.loop.SessionRunner;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.Secrets;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code skillwright run}: one given task on any page in scope. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run one task on a site and print the verdict, the answer and where the "
        + "trajectory went.")
final class RunCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand
  Main main;

  @Mixin
  SiteOptions site;

  @Mixin
  BrowserOptions browser;

  @Mixin
  ModelOptions models;

  @Mixin
  ModelOptions.Recording recording;

  @Option(names = "--task", required = true, paramLabel = "TEXT",
      description = "The instruction, with values in double quotes.")
  String task;

  @Option(names = "--expect-url", paramLabel = "GLOB",
      description = "Success shows as a final URL matching this glob (* matches anything).")
  String expectUrl;

  @Option(names = "--expect-text", paramLabel = "TEXT",
      description = "Success shows as this text on the final page.")
  String expectText;

  @Mixin
  StepLimit steps;

  @Mixin
  JsonOutput json;

  @Override
  public Integer call() {
    steps.check();
    List<Condition> expect = new ArrayList<>();
    if (expectUrl != null) {
      expect.add(new Condition.UrlMatches(expectUrl));
    }
    if (expectText != null) {
      expect.add(new Condition.TextPresent(expectText));
    }
    PrintWriter out = json.text();
    BrowserConfig browserConfig = browser.config();
    Map<String, String> env = System.getenv();
    ModelBackend backend = models.backend(env, recording.record);
    Secrets secrets = models.secrets(env);
    try (SiteOptions.Target target = site.open()) {
      Task t = new Task("t001", target.site(), task, target.startUrl(),
          new SuccessSignal(expect), Map.of());
      SessionRunner runner = new SessionRunner(SessionRunner.Settings.builder(target.site(),
          target.startUrl(), target.scope()).maxSteps(steps.maxSteps).browser(browserConfig)
          .secrets(target.secrets(secrets).with(browser.storageSecrets())).build(), backend,
          Clock.systemUTC())
          // a run uses the library's skills and learns from its success
          .withSkills(Store.at(main.dataDir()).skillsDir()).learning(null);
      SessionRunner.Result r = runner.runSession(main.dataDir(), List.of(t),
          List.of(new ConsoleProgress(out, spec.commandLine().getErr())));
      Trajectory tr = r.episodes().get(0);
      Path file = r.fileOf(tr).toAbsolutePath();
      out.println();
      out.println("Verdict:    " + (tr.succeeded() ? "success" : "failure") + " ("
          + tr.verdict().reason() + ")");
      out.println("Answer:     " + (tr.answer() == null ? "(none)" : tr.answer()));
      out.println("Steps:      " + tr.steps().size() + ", ended " + tr.status());
      if (!backend.offlineOnly()) {
        out.println("Model:      " + tr.usage().describe());
      }
      out.println("Trajectory: " + file);
      if (json.on()) {
        json.print(outcome(r.sessionId(), tr, file, backend));
      }
      return tr.succeeded() ? 0 : 1;
    }
  }

  /**
   * What {@code --json} prints: the session and the episode (verdict, answer, where it ended,
   * its trajectory), and the skills it taught, as {@code crawl --json} names them.
   */
  private Map<String, Object> outcome(String session, Trajectory tr, Path file,
      ModelBackend backend) {
    return JsonOutput.doc("session", session, "site", tr.task().site(), "task",
        tr.task().instruction(), "success", tr.succeeded(), "reason", tr.verdict().reason(),
        "answer", tr.answer(), "finalUrl", tr.finalUrl(), "ended",
        tr.status().name().toLowerCase(java.util.Locale.ROOT), "trajectory", tr.episodeId(),
        "trajectoryFile", file.toString(), "steps", tr.steps().size(), "seconds",
        tr.durationMillis() / 1000.0, "model", backend.describe(), "modelUsage", tr.usage(),
        "skills", CrawlCommand.skillsFrom(main.dataDir(), tr.task().site(), session));
  }
}
