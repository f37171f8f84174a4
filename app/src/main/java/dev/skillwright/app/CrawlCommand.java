package dev.skillwright.app;

import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.loop.ConsoleProgress;
import dev.skillwright.loop.DiscoveryLoop;
import dev.skillwright.loop.ModelBackend;
import dev.skillwright.loop.SessionCounters;
import dev.skillwright.loop.SessionRunner;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Secrets;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Store;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code skillwright crawl}: a whole discovery session on one site. */
@Command(name = "crawl", mixinStandardHelpOptions = true,
    description = "Propose tasks on a site, run and judge them, and distill the successes "
        + "into skills.")
final class CrawlCommand implements Callable<Integer> {
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

  @Option(names = "--demos", paramLabel = "FILE",
      description = "Example tasks users do on the site, for the model's proposer (with "
          + "--model): one per line, or a trajectory.json.")
  java.nio.file.Path demos;

  @Option(names = "--budget", defaultValue = "12", description = "Tasks to run (default: 12).")
  int budget;

  @Option(names = "--seed", defaultValue = "7", description = "Seed for the proposer "
      + "(default: 7).")
  long seed;

  @Mixin
  StepLimit steps;

  @Option(names = "--concurrency", defaultValue = "1",
      description = "Episodes in parallel, one browser each (default: 1).")
  int concurrency;

  @Option(names = "--pages", defaultValue = "16",
      description = "Pages to crawl for context (default: 16).")
  int pages;

  @Option(names = "--resume", paramLabel = "SESSION",
      description = "Run the remaining tasks of an interrupted session (its site is started "
          + "again unless you name one).")
  String resume;

  @Option(names = "--allow-destructive",
      description = "Let exploration try controls that look destructive (delete, clear, log "
          + "out, pay, unsubscribe, ...); left alone by default.")
  boolean allowDestructive;

  @Option(names = "--explore", paramLabel = "SECONDS",
      description = "How long to explore the start page's controls before proposing tasks "
          + "(default: 15 s and 5 s a task, at most 90; 0 proposes from the crawled pages "
          + "alone).")
  Integer exploreSeconds;

  @Mixin
  JsonOutput json;

  @Override
  public Integer call() {
    positive("--budget", budget, 10_000);
    steps.check();
    positive("--concurrency", concurrency, 32);
    positive("--pages", pages, 500);
    if (exploreSeconds != null && (exploreSeconds < 0 || exploreSeconds > 3600)) {
      throw new BadInputException("--explore must be between 0 and 3600: " + exploreSeconds);
    }
    if (resume != null) {
      SessionRecord old = Store.at(main.dataDir()).readSession(Store.at(main.dataDir())
          .session(resume).dir().resolve(Store.SESSION_FILE));
      // the session's own settings: a session killed before its tasks were saved proposes
      // them again as it first would have
      budget = (int) setting(old, "budget", budget);
      seed = setting(old, "seed", seed);
      if (!site.given()) {
        // the session's own site: a bundled one starts again, a URL is reached again
        String url = old.config().get("startUrl");
        try (SiteOptions.Target t = dev.skillwright.envs.Sites.names().contains(old.site())
            ? SiteOptions.open(old.site(), null, site.variant,
                spec.commandLine().getErr())
            : SiteOptions.open(null, requireUrl(url, resume), site.variant,
                spec.commandLine().getErr())) {
          return crawl(t);
        }
      }
    }
    try (SiteOptions.Target target = site.open()) {
      return crawl(target);
    }
  }

  private static long setting(SessionRecord r, String key, long fallback) {
    try {
      return Long.parseLong(r.config().getOrDefault(key, String.valueOf(fallback)));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String requireUrl(String url, String session) {
    if (url == null) {
      throw new BadInputException("session " + session + " records no start URL: name the "
          + "site with --url");
    }
    return url;
  }

  private Integer crawl(SiteOptions.Target target) {
    PrintWriter out = json.text();
    BrowserConfig browserConfig = browser.config();
    Map<String, String> env = System.getenv();
    ModelBackend backend = models.backend(env, recording.record);
    Secrets secrets = models.secrets(env);
    List<String> demoTasks = demoTasks(Store.at(main.dataDir()));
    {
      if (target.env() != null) {
        out.println("Started the bundled '" + target.site() + "' site at " + target.startUrl());
      }
      SessionRunner.Settings run = SessionRunner.Settings.builder(target.site(),
          target.startUrl(), target.scope()).maxSteps(steps.maxSteps).concurrency(concurrency)
          .browser(browserConfig).secrets(target.secrets(secrets).with(browser.storageSecrets()))
          .build();
      DiscoveryLoop.Settings discovery = DiscoveryLoop.Settings.builder(main.dataDir())
          .budget(budget).seed(seed).pages(pages).allowDestructive(allowDestructive)
          .exploreSeconds(exploreSeconds == null ? -1 : exploreSeconds).demos(demoTasks)
          .resume(resume).build();
      DiscoveryLoop.Summary s = new DiscoveryLoop(discovery, run, backend, Clock.systemUTC(),
          List.of(new ConsoleProgress(out, spec.commandLine().getErr()))).run();
      SessionCounters.Snapshot c = s.counters();
      out.println();
      out.printf("Session %s on %s%n", s.sessionId(), target.site());
      out.printf("  tasks proposed    %d%n", c.proposed());
      out.printf("  episodes run      %d%n", c.done());
      out.printf("  judged successful %d (%.0f%%)%n", c.succeeded(),
          c.done() == 0 ? 0.0 : 100.0 * c.succeeded() / c.done());
      out.printf("  errored           %d%n", c.errored());
      out.printf("  skills added      %d new, %d merged into known ones (index holds %d)%n",
          c.skillsAdded(), c.skillsMerged(), s.indexSize());
      out.printf("  skills verified   %d by re-execution with new values; %d skill calls%n",
          c.skillsVerified(), c.skillCalls());
      out.printf("  time              %s in all, %s per episode%n",
          ConsoleProgress.seconds(s.seconds()), ConsoleProgress.seconds(c.secondsPerEpisode()));
      out.println("  by phase          " + byPhase(c, s.seconds()));
      out.printf("  model             %s%s%n", backend.describe(),
          backend.offlineOnly() ? "" : ": " + s.usage().describe());
      out.printf("  data              %s%n", s.sessionDir());
      out.println("See the skills with: " + main.hint("skills list"));
      if (json.on()) {
        json.print(outcome(s, target.site(), backend));
      }
    }
    return 0;
  }

  /**
   * What {@code --json} prints: the session, its counters, and the skills its episodes taught
   * or proved (by id, with their status).
   */
  private Map<String, Object> outcome(DiscoveryLoop.Summary s, String siteName,
      ModelBackend backend) {
    return JsonOutput.doc("session", s.sessionId(), "site", siteName, "dataDir",
        s.sessionDir().toString(), "counters", s.counters(), "indexSize", s.indexSize(),
        "seconds", s.seconds(), "model", backend.describe(), "skills",
        skillsFrom(main.dataDir(), siteName, s.sessionId()));
  }

  /**
   * The skills of {@code site} that an episode of session {@code sessionId} taught or proved (in
   * their provenance), each by id, description and status: the {@code skills} of a
   * {@code --json} document.
   */
  static List<Map<String, Object>> skillsFrom(java.nio.file.Path dataDir, String site,
      String sessionId) {
    List<Map<String, Object>> skills = new java.util.ArrayList<>();
    try (dev.skillwright.skills.SkillIndex index = dev.skillwright.skills.SkillIndex.open(
        Store.at(dataDir).skillsDir(), n -> { })) {
      for (dev.skillwright.skills.Skill k : index.list(site)) {
        if (k.provenance().stream().anyMatch(p -> sessionId.equals(p.sessionId()))) {
          skills.add(JsonOutput.doc("id", k.id(), "description", k.description(), "status",
              k.status().name().toLowerCase(java.util.Locale.ROOT)));
        }
      }
    }
    return skills;
  }

  /**
   * Where the time went: each phase, verification within the episodes, and the rest (opening the
   * session and the library, starting the site's browser).
   */
  static String byPhase(SessionCounters.Snapshot c, double total) {
    StringBuilder sb = new StringBuilder();
    double accounted = 0;
    for (Map.Entry<String, Double> p : c.phases().entrySet()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(p.getKey()).append(' ')
          .append(ConsoleProgress.seconds(p.getValue()));
      if (p.getKey().equals("episodes") && c.verificationSeconds() > 0) {
        sb.append(" (verifying skills ").append(ConsoleProgress.seconds(c.verificationSeconds()))
            .append(')');
      }
      accounted += p.getValue();
    }
    sb.append(sb.length() == 0 ? "" : ", ").append("other ")
        .append(ConsoleProgress.seconds(Math.max(0, total - accounted)));
    // within 100 columns: the line goes on under itself after a comma
    StringBuilder lines = new StringBuilder();
    int width = 0;
    for (String part : sb.toString().split(", ")) {
      if (width > 0 && width + part.length() + 2 > 100 - 20) {
        lines.append(",\n").append(" ".repeat(20));
        width = 0;
      } else if (width > 0) {
        lines.append(", ");
        width += 2;
      }
      lines.append(part);
      width += part.length();
    }
    return lines.toString();
  }

  /** The example tasks of {@code --demos}, or none. */
  private List<String> demoTasks(Store store) {
    if (demos == null) {
      return List.of();
    }
    if (demos.toString().endsWith(".json")) {
      return List.of(store.readTrajectory(demos).task().instruction());
    }
    try {
      List<String> out = new java.util.ArrayList<>();
      for (String line : java.nio.file.Files.readAllLines(demos)) {
        if (!line.isBlank() && !line.strip().startsWith("#")) {
          out.add(line.strip());
        }
      }
      return out;
    } catch (java.io.IOException e) {
      throw new BadInputException("--demos " + demos + ": cannot read: " + e.getMessage());
    }
  }

  /** A {@code --port}: 0 (any free one) to 65535. */
  static void port(int value) {
    if (value < 0 || value > 65_535) {
      throw new BadInputException("--port must be between 0 and 65535: " + value);
    }
  }

  static void positive(String flag, long value, long max) {
    if (value < 1 || value > max) {
      throw new BadInputException(flag + " must be between 1 and " + max + ": " + value);
    }
  }
}
