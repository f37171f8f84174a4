package dev.skillwright.app;

import com.microsoft.playwright.PlaywrightException;
import dev.skillwright.agent.EpisodeRunner;
import dev.skillwright.agent.Policy;
import dev.skillwright.agent.SkillCalls;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Tab;
import dev.skillwright.llm.ModelException;
import dev.skillwright.proposer.Exploration;
import dev.skillwright.proposer.Explorer;
import dev.skillwright.proposer.Proposal;
import dev.skillwright.proposer.Proposer;
import dev.skillwright.proposer.SiteContext;
import dev.skillwright.proposer.SiteCrawler;
import dev.skillwright.skills.Distiller;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.FileLocks;
import dev.skillwright.trajectories.ModelUsage;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Secrets;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.SessionRecord.Counters;
import dev.skillwright.trajectories.SkillwrightException;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * One discovery session: crawl the site for context, propose tasks, run each in a fresh browser
 * context, judge it, distill the successes into skills and index them. Everything it produces
 * goes under {@code sessions/<id>/} and {@code skills/} of the data directory; progress goes to
 * {@code events.jsonl} and, one line per episode, to the console. A model fault never ends the
 * session: the proposer falls back to the offline one, an episode is marked errored, a verdict
 * failed.
 */
final class DiscoverySession {
  /** How many skills the LLM policy is shown for a task. */
  static final int SKILL_HINTS = 3;

  private final CrawlSettings settings;
  private final ModelBackend models;
  private final Secrets secrets;
  private final List<String> demos;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;

  private final AtomicInteger proposed = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger succeeded = new AtomicInteger();
  private final AtomicInteger errored = new AtomicInteger();
  private final AtomicInteger skillsAdded = new AtomicInteger();
  private final AtomicInteger skillsMerged = new AtomicInteger();
  private final AtomicInteger verified = new AtomicInteger();
  private final AtomicInteger skillCalls = new AtomicInteger();
  private final DoubleAdder episodeSeconds = new DoubleAdder();
  private EpisodeObserver observer = (task, t, tab) -> { };

  /** Which policy drives a task's episode (a replay's), given the models the episode has. */
  interface PolicyChoice {
    Policy of(Task task, ModelBackend.Episode episode);
  }

  /** Sees each finished, judged episode while its tab is still open (for ground truth). */
  interface EpisodeObserver {
    void done(Task task, Trajectory trajectory, Tab tab);
  }

  DiscoverySession observing(EpisodeObserver o) {
    this.observer = o;
    return this;
  }

  /** Whether successes become skills (a benchmark leaves the library alone). */
  DiscoverySession distilling(boolean on) {
    this.distill = on;
    return this;
  }

  /** The skill library to use instead of the data directory's (a benchmark's own). */
  DiscoverySession library(Path skillsDir) {
    this.library = skillsDir;
    return this;
  }

  private boolean distill = true;
  private Path library;
  /** What the crawl saw of the site, for verification's new values; null until crawled. */
  private SiteContext context;

  /** What a finished session reports. */
  record Summary(String sessionId, Path sessionDir, int proposed, int run, int succeeded,
      int errored, int skillsAdded, int skillsMerged, int indexSize, double secondsPerEpisode,
      double seconds, ModelUsage usage, int skillsVerified, int skillCalls) {}

  DiscoverySession(CrawlSettings settings, ModelBackend models, Secrets secrets,
      List<String> demos, PrintWriter out, PrintWriter err, Clock clock) {
    this.settings = settings;
    this.models = models;
    this.secrets = secrets;
    this.demos = List.copyOf(demos);
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  /** Crawls the site and proposes {@code budget} tasks, then runs them. */
  Summary run() {
    return run(null);
  }

  /**
   * Runs the given tasks, or, when {@code given} is null, crawls the site for context and runs
   * the tasks the proposer makes of it.
   */
  Summary run(List<Task> given) {
    return run(given, null);
  }

  /**
   * Runs the given tasks with the policies {@code policies} makes for them (a replay), or with
   * the backend's when it is null.
   */
  Summary run(List<Task> given,
      PolicyChoice policies) {
    Store store = Store.at(settings.dataDir());
    // one writer per data directory: a crawl is refused at once, given tasks (run, replay,
    // bench) wait their turn; sessions whose process died are marked
    String purpose = "a session on " + settings.site();
    try (FileLocks.Held busy = given == null ? store.lockDataDir(purpose)
        : store.awaitDataDir(purpose, java.time.Duration.ofMinutes(10), err::println)) {
      for (String id : store.markInterrupted()) {
        err.println("skillwright: session " + id + " was interrupted (its process ended while "
            + "it ran); resume it with: skillwright crawl --resume " + id);
      }
      if (resumeId != null) {
        Store.SessionLog log = store.resumeSession(resumeId);
        try (log) {
          SessionRecord old = store.readSession(log.dir().resolve(Store.SESSION_FILE));
          if (old.status() == SessionRecord.Status.COMPLETED) {
            throw new BadInputException("session " + resumeId + " is complete: nothing to "
                + "resume");
          }
          SessionRecord record = old.with(SessionRecord.Status.RUNNING, null, old.counters(),
              old.usage());
          log.write(record);
          log.event("session_resumed", Map.of("session", resumeId));
          List<Task> saved = store.readTasks(resumeId).map(t -> SessionResume.rebase(t,
              old.config().get("startUrl"), settings.startUrl())).orElse(null);
          if (saved != null) {
            pending = SessionResume.pending(store, log, saved, this::countDone);
            skillsAdded.set(old.counters().skillsAdded());
          }
          return run(saved, policies, store, record, log);
        }
      }
      String sessionId = Store.newSessionId(clock, new Random(System.nanoTime()));
      Map<String, String> config = new LinkedHashMap<>();
      config.put("budget", String.valueOf(settings.budget()));
      config.put("seed", String.valueOf(settings.seed()));
      config.put("maxSteps", String.valueOf(settings.maxSteps()));
      config.put("concurrency", String.valueOf(settings.concurrency()));
      config.put("model", models.describe());
      config.put("startUrl", settings.startUrl());
      SessionRecord record = new SessionRecord(SessionRecord.SCHEMA_VERSION, sessionId,
          settings.site(), settings.scope().toString(), clock.instant(), null,
          SessionRecord.Status.RUNNING, config, Counters.zero(), null);
      try (Store.SessionLog log = store.startSession(record)) {
        log.event("session_started", Map.of("session", sessionId, "site", settings.site()));
        return run(given, policies, store, record, log);
      }
    }
  }

  /** A session to resume instead of starting one: its remaining tasks run. */
  DiscoverySession resuming(String sessionId) {
    this.resumeId = sessionId;
    return this;
  }

  private String resumeId;
  /** Indices of the tasks still to run, null for all. */
  private List<Integer> pending;

  /** Counts an episode a resumed session had finished before it was interrupted. */
  private void countDone(Trajectory t) {
    done.incrementAndGet();
    if (t.succeeded()) {
      succeeded.incrementAndGet();
    }
    if (t.status() == Trajectory.Status.ERROR) {
      errored.incrementAndGet();
    }
  }

  private Summary run(List<Task> given, PolicyChoice policies, Store store,
      SessionRecord record, Store.SessionLog log) {
    long t0 = System.nanoTime();
    String sessionId = record.id();
    try (SkillIndex index = SkillIndex.open(library != null ? library : store.skillsDir(),
        n -> err.println("skillwright: " + n))) {
      List<Task> tasks = given != null ? given : propose(store, index, log);
      if (given == null || resumeId == null) {
        log.writeTasks(tasks);
      }
      proposed.set(tasks.size());
      log.event("tasks_proposed", Map.of("count", tasks.size()));
      out.printf("%d task%s; running with %d worker%s.%n", tasks.size(),
          tasks.size() == 1 ? "" : "s", settings.concurrency(),
          settings.concurrency() == 1 ? "" : "s");
      log.write(record.with(SessionRecord.Status.RUNNING, null, counters(), usage()));

      runEpisodes(tasks, policies, sessionId, log, index, record);

      Counters c = counters();
      log.write(record.with(SessionRecord.Status.COMPLETED, clock.instant(), c, usage()));
      log.event("session_finished", Map.of("succeeded", c.succeeded(), "episodes", c.done(),
          "skillsAdded", c.skillsAdded()));
      return new Summary(sessionId, log.dir(), tasks.size(), done.get(), succeeded.get(),
          errored.get(), skillsAdded.get(), skillsMerged.get(), index.size(),
          episodeSeconds.sum() / Math.max(1, done.get()), (System.nanoTime() - t0) / 1e9,
          usage(), verified.get(), skillCalls.get());
    } catch (RuntimeException e) {
      log.write(record.with(SessionRecord.Status.FAILED, clock.instant(), counters(), usage()));
      log.event("session_failed", Map.of("error", String.valueOf(e.getMessage())));
      throw e;
    }
  }

  private ModelUsage usage() {
    return models.sessionUsage();
  }

  private Counters counters() {
    return new Counters(proposed.get(), proposed.get(), done.get(), succeeded.get(),
        errored.get(), skillsAdded.get());
  }

  private List<Task> propose(Store store, SkillIndex index, Store.SessionLog log) {
    out.printf("Crawling %s for context (up to %d pages)...%n", settings.startUrl(),
        settings.pages());
    SiteContext ctx = null;
    // a Chromium that dies or hangs here is replaced once; exploring is worth no second try
    for (int attempt = 1; ctx == null; attempt++) {
      try (BrowserSession browser = BrowserSession.launch(settings.browser())) {
        if (attempt == 1) {
          out.println("Chromium: " + browser.chromium().describe());
        }
        try {
          ctx = crawlForContext(browser, log);
        } catch (PlaywrightException | SkillwrightException e) {
          if (browser.alive()) {
            throw e;
          }
          if (attempt > 1) {
            throw new SkillwrightException("Chromium stopped twice during the context crawl ("
                + browser.stoppedBecause().orElse(BrowserSession.firstLine(e.getMessage()))
                + ")", e);
          }
        }
        // pages read before the browser died are kept; only a crawl that read none is redone
        if (ctx == null || (ctx.pages().isEmpty() && !browser.alive())) {
          if (attempt > 1) {
            throw new SkillwrightException("Chromium stopped twice during the context crawl ("
                + browser.stoppedBecause().orElse("it died") + ")");
          }
          err.println("skillwright: " + browser.stoppedBecause().orElse("Chromium stopped")
              + " during the context crawl; a new one crawls again");
          ctx = null;
          continue;
        }
        try {
          if (settings.exploreSeconds() != 0 && browser.alive()) {
            ctx = ctx.withExplored(explore(browser));
          }
        } catch (PlaywrightException | SkillwrightException e) {
          if (browser.alive()) {
            throw e;
          }
          err.println("skillwright: " + browser.stoppedBecause().orElse("Chromium stopped")
              + " while exploring; the tasks are proposed from the crawled pages alone");
        }
      }
    }
    if (ctx.pages().isEmpty()) {
      throw new BadInputException("could not load any page of " + settings.startUrl());
    }
    context = ctx;
    ctx = ctx.withKnown(knownInstructions(store), index.list(settings.site()).stream()
        .map(Skill::description).toList()).withDemos(demos);
    Proposal p;
    try {
      p = models.proposer(settings.seed()).propose(ctx, settings.budget());
    } catch (ModelException e) {
      err.println("skillwright: the model could not propose tasks (" + e.getMessage()
          + "); the offline proposer takes over");
      p = Proposer.offline(settings.seed()).propose(ctx, settings.budget());
    }
    p.rejected().forEach(r -> err.println("skillwright: proposal turned down: " + r));
    if (p.tasks().isEmpty() && !models.offlineOnly()) {
      err.println("skillwright: the model proposed no usable task; the offline proposer takes "
          + "over");
      p = Proposer.offline(settings.seed()).propose(ctx, settings.budget());
    }
    return p.tasks();
  }

  /** Reads up to {@code pages} pages of the site in one tab, counting the requests it blocks. */
  private SiteContext crawlForContext(BrowserSession browser, Store.SessionLog log) {
    try (Tab tab = browser.newScratchTab(settings.scope())) {
      // the crawler drops what it drains; every block still goes in the session's log
      AtomicInteger blocks = new AtomicInteger();
      tab.onBlock(b -> {
        blocks.incrementAndGet();
        log.event("scope_blocked", Map.of("phase", "context crawl", "kind", b.kind(),
            "url", b.url()));
      });
      SiteContext ctx = SiteCrawler.crawl(tab, settings.site(), settings.startUrl(),
          settings.pages());
      if (blocks.get() > 0) {
        out.printf("Context crawl: %d request%s out of scope blocked (see events.jsonl).%n",
            blocks.get(), blocks.get() == 1 ? "" : "s");
      }
      return ctx;
    }
  }

  /**
   * Explores the start page's controls, each walk in a fresh context of {@code browser}, and
   * says what it found; exploring stays in the scope and leaves destructive controls alone
   * unless the settings allow them.
   */
  private Exploration explore(BrowserSession browser) {
    Exploration e = Explorer.explore(() -> browser.newScratchTab(settings.scope()),
        settings.startUrl(), limits());
    out.printf("Explored %d walk%s in %d actions%s.%n", e.walks().size(),
        e.walks().size() == 1 ? "" : "s", e.actions(), e.skipped().isEmpty() ? ""
            : "; left alone: " + e.skipped().size() + " (" + abbreviate(
                String.join(", ", e.skipped()), 100) + ")");
    return e;
  }

  /** Exploring sized to the budget, for as long as the user said if they did. */
  private Explorer.Limits limits() {
    Explorer.Limits l = Explorer.Limits.defaults().forBudget(settings.budget())
        .allowingDestructive(settings.allowDestructive());
    return settings.exploreSeconds() > 0
        ? l.withTime(java.time.Duration.ofSeconds(settings.exploreSeconds())) : l;
  }

  /** Runs the tasks on {@code concurrency} workers, each with its own Playwright and Chromium. */
  private void runEpisodes(List<Task> tasks,
      PolicyChoice policies,
      String sessionId, Store.SessionLog log, SkillIndex index, SessionRecord record) {
    Queue<Integer> queue = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (pending == null || pending.contains(i)) {
        queue.add(i);
      }
    }
    int workers = Math.max(1, Math.min(settings.concurrency(), tasks.size()));
    List<Thread> threads = new ArrayList<>();
    List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    EpisodeRunner runner = new EpisodeRunner(settings.maxSteps(), clock, secrets);
    SkillVerifier verifier = new SkillVerifier(settings, runner, clock, context);
    for (int w = 0; w < workers; w++) {
      Thread t = new Thread(() -> {
        BrowserSession browser = null;
        try {
          for (Integer i; (i = queue.poll()) != null; ) {
            if (browser == null) {
              browser = BrowserSession.launch(settings.browser());
            }
            boolean suspect;
            try {
              suspect = runOne(tasks.get(i), policies, i, tasks.size(), sessionId, log, index,
                  record, browser, runner, verifier).status() == Trajectory.Status.ERROR;
            } catch (RuntimeException e) {
              if (browser.responds()) {
                throw e;
              }
              // died after its episode was written (during a verification, say)
              suspect = true;
            }
            // an errored episode may have lost its browser without Playwright noticing yet
            if (suspect ? !browser.responds() : !browser.alive()) {
              err.println("skillwright: " + browser.stoppedBecause().orElse("Chromium stopped")
                  + "; a new one runs the next episode");
              log.event("browser_relaunched", Map.of("after", i + 1));
              closeQuietly(browser);
              browser = null;
            }
          }
        } catch (RuntimeException e) {
          failures.add(e);
          queue.clear();
        } finally {
          if (browser != null) {
            closeQuietly(browser);
          }
        }
      }, "episode-worker-" + (w + 1));
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SkillwrightException("interrupted while episodes ran");
      }
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  private Trajectory runOne(Task task,
      PolicyChoice policies, int i,
      int total, String sessionId, Store.SessionLog log,
      SkillIndex index, SessionRecord record, BrowserSession browser, EpisodeRunner runner,
      SkillVerifier verifier) {
    String episodeId = sessionId.substring(sessionId.lastIndexOf('-') + 1)
        + String.format("-%03d", i + 1);
    Store.EpisodeFiles files = log.episode(episodeId);
    log.event("episode_started", Map.of("episode", episodeId, "task", task.instruction()));
    // verified skills only; a skill whose runs keep failing is verified again after the episode
    List<Skill> offered = index.search(task.instruction(),
        SkillIndex.Filter.offered(settings.site()), SKILL_HINTS).stream()
        .map(SkillIndex.Hit::skill).toList();
    Set<String> failing = ConcurrentHashMap.newKeySet();
    ModelBackend.Episode episode = models.episode(offered, new SkillCalls() {
      @Override
      public Optional<Skill> skill(String idOrName) {
        return index.get(idOrName).filter(Skill::offered);
      }

      @Override
      public void report(Skill skill, boolean ok, String reason) {
        skillCalls.incrementAndGet();
        index.update(skill.id(), s -> s.ran(ok, reason, episodeId, clock.instant()))
            .filter(s -> s.offered() && s.health().failingLately())
            .ifPresent(s -> failing.add(s.id()));
        log.event("skill_used", Map.of("skill", skill.id(), "episode", episodeId, "ok", ok,
            "reason", String.valueOf(reason)));
      }
    });
    Trajectory t;
    Observation last = null;
    Instant started = clock.instant();
    try (Tab tab = browser.newTab(settings.scope(), secrets)) {
      Policy policy = policies == null ? episode.policy() : policies.of(task, episode);
      EpisodeRunner.Result r = runner.run(sessionId, episodeId, task, policy, tab, files);
      last = r.last();
      t = r.trajectory().withVerdict(episode.evaluator().judge(r.trajectory(), r.recent()))
          .withUsage(episode.usage().snapshot());
      observer.done(task, t, tab);
    } catch (PlaywrightException | SkillwrightException e) {
      if (browser.responds()) {
        throw e;
      }
      // Chromium died under the episode: it is errored, with the reason, and the session goes on
      Trajectory died = browserDied(sessionId, episodeId, task, started,
          browser.stoppedBecause().orElse(BrowserSession.firstLine(e.getMessage())));
      t = died.withVerdict(episode.evaluator().judge(died, List.of()))
          .withUsage(episode.usage().snapshot());
    }
    files.writeTrajectory(t);
    episodeSeconds.add(t.durationMillis() / 1000.0);
    String skillNote = t.steps().stream().filter(s -> s.skill() != null)
        .map(s -> s.skill().name().substring(s.skill().name().indexOf(':') + 1)).distinct()
        .map(n -> " ~used " + n).collect(java.util.stream.Collectors.joining());
    if (t.status() == Trajectory.Status.ERROR) {
      errored.incrementAndGet();
    }
    if (t.succeeded()) {
      succeeded.incrementAndGet();
      Optional<Skill> skill = !distill ? Optional.empty() : Distiller.distill(t,
          last == null ? null : AriaSnapshot.parse(
              last.ariaSnapshot()));
      if (skill.isPresent()) {
        SkillIndex.Added a = index.add(skill.get());
        (a.isNew() ? skillsAdded : skillsMerged).incrementAndGet();
        skillNote += (a.isNew() ? " +skill " : " =skill ") + a.skill().name();
        log.event(a.isNew() ? "skill_added" : "skill_merged",
            Map.of("skill", a.skill().id(), "episode", episodeId));
        if (!a.skill().offered()) {
          skillNote += verify(a.skill(), verifier, index, browser, sessionId, episodeId, log);
        }
      }
    }
    for (String id : failing) {
      Optional<Skill> s = index.get(id);
      if (s.isPresent()) {
        skillNote += " ~reverified " + s.get().name()
            + verify(s.get(), verifier, index, browser, sessionId, episodeId, log);
      }
    }
    // the skill files are written already; the index commits once per episode
    index.commit();
    int n = done.incrementAndGet();
    log.write(record.with(SessionRecord.Status.RUNNING, null, counters(), usage()));
    log.event("episode_finished", Map.of("episode", episodeId, "success", t.succeeded(),
        "steps", t.steps().size(), "done", n, "total", total,
        "reason", t.verdict().reason()));
    synchronized (out) {
      out.printf("[%d/%d] %-4s %s (%d steps, %.1fs)%s · successes %d · skills %d%n", n, total,
          t.succeeded() ? "ok" : "fail", abbreviate(task.instruction(), 70), t.steps().size(),
          t.durationMillis() / 1000.0, skillNote, succeeded.get(), skillsAdded.get());
      if (!t.succeeded()) {
        out.println("           " + abbreviate(t.verdict().reason(), 110));
      }
    }
    return t;
  }

  /** The record of an episode whose browser died before it could be judged. */
  private Trajectory browserDied(String sessionId, String episodeId, Task task,
      Instant started, String why) {
    String reason = "episode failed: the browser stopped (" + secrets.redact(why) + ")";
    return new Trajectory(Trajectory.SCHEMA_VERSION, sessionId, episodeId, task, started,
        java.time.Duration.between(started, clock.instant()).toMillis(), List.of(),
        Trajectory.Status.ERROR, reason, task.startUrl(), null, null, null, List.of(),
        null, null, null, null);
  }

  private static void closeQuietly(BrowserSession browser) {
    try {
      browser.close();
    } catch (RuntimeException e) {
      // a dead browser may fail to close; its Playwright is stopped either way
    }
  }

  /** Verifies a skill in the episode's wake; says how it went, for the progress line. */
  private String verify(Skill skill, SkillVerifier verifier, SkillIndex index,
      BrowserSession browser, String sessionId, String episodeId, Store.SessionLog log) {
    SkillVerifier.Outcome o = verifier.verify(skill, index, browser, sessionId, episodeId,
        log);
    if (o.skill().offered()) {
      verified.incrementAndGet();
      return " (verified)";
    }
    return o.skill().status() == Skill.Status.DEMOTED ? " (demoted)" : " (unverified: "
        + abbreviate(o.skill().verifications().get(o.skill().verifications().size() - 1)
            .reason(), 60) + ")";
  }

  /** Instructions of tasks already tried on this site in this data directory. */
  private List<String> knownInstructions(Store store) {
    List<String> known = new ArrayList<>();
    for (Path f : store.trajectoryFiles()) {
      try {
        Trajectory t = store.readTrajectory(f);
        if (t.task().site().equals(settings.site())) {
          known.add(t.task().instruction());
        }
      } catch (BadInputException e) {
        err.println("skillwright: skipping " + e.getMessage());
      }
    }
    return known;
  }

  static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
