package dev.skillwright.loop;

import dev.skillwright.browser.BrowserPool;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Tab;
import dev.skillwright.proposer.Exploration;
import dev.skillwright.proposer.Explorer;
import dev.skillwright.proposer.Proposer;
import dev.skillwright.proposer.SiteContext;
import dev.skillwright.proposer.SiteCrawler;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillLibrary;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.ModelUsage;
import dev.skillwright.trajectories.SkillwrightException;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Discovery: crawl the site for context (and explore its controls), propose tasks (the model's,
 * with the offline proposer as fallback), run them on the {@link SessionRunner}, and learn from
 * every success into the {@link SkillLibrary}. A model fault never ends it: the proposer falls
 * back, an episode is marked errored, a verdict failed.
 */
public final class DiscoveryLoop {
  private final Settings settings;
  private final SessionRunner.Settings run;
  private final ModelBackend models;
  private final Clock clock;
  private final List<SessionListener> listeners;

  /**
   * What discovery runs with, besides how episodes run.
   *
   * @param budget how many tasks to propose and run
   * @param pages how many pages the crawl reads for context
   * @param allowDestructive whether exploring may try controls that look destructive
   * @param exploreSeconds how long exploring may take: 0 skips it, -1 sizes it to the budget
   * @param demos task instructions users showed, for the proposer
   * @param resume a stopped session to go on with, or null
   */
  public record Settings(Path dataDir, int budget, long seed, int pages,
      boolean allowDestructive, int exploreSeconds, List<String> demos, String resume) {
    public Settings {
      demos = List.copyOf(demos);
    }

    public static Builder builder(Path dataDir) {
      return new Builder(dataDir);
    }

    /** Builds settings: 10 tasks, seed 0, 8 pages, exploring sized to the budget, by default. */
    public static final class Builder {
      private final Path dataDir;
      private int budget = 10;
      private long seed;
      private int pages = 8;
      private boolean allowDestructive;
      private int exploreSeconds = -1;
      private List<String> demos = List.of();
      private String resume;

      private Builder(Path dataDir) {
        this.dataDir = dataDir;
      }

      public Builder budget(int n) {
        this.budget = n;
        return this;
      }

      public Builder seed(long s) {
        this.seed = s;
        return this;
      }

      public Builder pages(int n) {
        this.pages = n;
        return this;
      }

      public Builder allowDestructive(boolean on) {
        this.allowDestructive = on;
        return this;
      }

      public Builder exploreSeconds(int s) {
        this.exploreSeconds = s;
        return this;
      }

      public Builder demos(List<String> d) {
        this.demos = d;
        return this;
      }

      public Builder resume(String sessionId) {
        this.resume = sessionId;
        return this;
      }

      public Settings build() {
        return new Settings(dataDir, budget, seed, pages, allowDestructive, exploreSeconds,
            demos, resume);
      }
    }
  }

  /** What a finished discovery session reports. */
  public record Summary(String sessionId, Path sessionDir, SessionCounters.Snapshot counters,
      int indexSize, double seconds, ModelUsage usage) {}

  public DiscoveryLoop(Settings settings, SessionRunner.Settings run, ModelBackend models,
      Clock clock, List<SessionListener> listeners) {
    this.settings = settings;
    this.run = run;
    this.models = models;
    this.clock = clock;
    this.listeners = List.copyOf(listeners);
  }

  /** Crawls, proposes {@code budget} tasks, runs them and learns; or resumes a stopped session. */
  public Summary run() {
    long t0 = System.nanoTime();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("kind", "crawl");
    config.put("budget", String.valueOf(settings.budget()));
    config.put("seed", String.valueOf(settings.seed()));
    config.put("maxSteps", String.valueOf(run.maxSteps()));
    config.put("concurrency", String.valueOf(run.concurrency()));
    config.put("model", models.describe());
    // one Chromium a worker for the whole session (the crawl's and exploring's run episodes);
    // the first one starts while the session and its skills open
    try (BrowserPool browsers = new BrowserPool(run.browser()).prelaunch();
        Session session = Session.open(settings.dataDir(), new Session.Options(run.site(),
            run.startUrl(), run.scope().toString(), config, false, settings.resume()), clock,
            models::sessionUsage, listeners)) {
      try (SkillLibrary library = SkillLibrary.open(session.store().skillsDir(),
          n -> session.publish(new SessionEvent.Notice(n)))) {
        SiteContext context = null;
        List<Task> tasks;
        if (session.savedTasks().isPresent()) {
          tasks = session.savedTasks().get();
        } else {
          context = crawl(session, browsers, library);
          tasks = propose(context, session);
        }
        new SessionRunner(run, models, clock).withSkills(library).learning(context)
            .onBrowsers(browsers).run(session, tasks);
        session.completed();
        return new Summary(session.id(), session.dir(), session.counters(),
            library.index().size(), (System.nanoTime() - t0) / 1e9, models.sessionUsage());
      } catch (RuntimeException e) {
        session.failed(e);
        throw e;
      }
    }
  }

  private List<Task> propose(SiteContext context, Session session) {
    long t0 = System.nanoTime();
    session.publish(new SessionEvent.PhaseStarted("proposing", "Proposing up to "
        + settings.budget() + " task" + (settings.budget() == 1 ? "" : "s") + "..."));
    List<Task> tasks = proposeNow(context, session);
    session.publish(new SessionEvent.PhaseEnded("proposing", (System.nanoTime() - t0) / 1e9,
        "Proposed " + tasks.size() + " task" + (tasks.size() == 1 ? "" : "s")));
    return tasks;
  }

  /** {@code context}: the site as read, with what this data directory already knows. */
  private List<Task> proposeNow(SiteContext ctx, Session session) {
    java.util.function.Consumer<String> notices = n -> session.publish(new SessionEvent.Notice(n));
    if (!models.offlineOnly()) {
      // the fallback decorator tells of fallbacks and of every proposal turned down
      return Proposer.withFallback(models.proposer(settings.seed()),
          Proposer.offline(settings.seed()), notices).propose(ctx, settings.budget()).tasks();
    }
    var p = models.proposer(settings.seed()).propose(ctx, settings.budget());
    p.rejected().forEach(r -> notices.accept("proposal turned down: " + r));
    return p.tasks();
  }

  /**
   * Reads the site for context: up to {@code pages} pages, then exploring from the start page
   * (beside the crawl, on a Chromium of its own, when the session has two workers or more). A
   * Chromium that dies or hangs is replaced once; pages read before it died are kept.
   */
  private SiteContext crawl(Session session, BrowserPool browsers, SkillLibrary library) {
    long t0 = System.nanoTime();
    List<String> knownTasks = knownInstructions(session);
    List<String> knownSkills = library.index().list(run.site()).stream()
        .map(Skill::description).toList();
    java.util.function.UnaryOperator<SiteContext> known = ctx -> ctx.withKnown(knownTasks,
        knownSkills).withDemos(settings.demos());
    session.publish(new SessionEvent.PhaseStarted("context crawl", String.format("Crawling %s "
        + "for context (up to %d pages)...", run.startUrl(), settings.pages())));
    // with two workers or more the session may use two browsers: exploring, which needs no
    // crawled page, runs beside the context crawl on a browser of its own
    Beside beside = settings.exploreSeconds() != 0 && run.concurrency() >= 2
        ? new Beside(session, browsers) : null;
    try {
      SiteContext ctx = crawl(session, browsers, t0, beside, known);
      if (beside != null) {
        beside.wanted(demand(ctx));
        Exploration e = beside.await(System.nanoTime());
        return e == null ? ctx : ctx.withExplored(e);
      }
      return ctx;
    } finally {
      if (beside != null) {
        beside.close();
      }
    }
  }

  /**
   * When exploring has found enough, for {@code crawled} (the pages read, and what is known): as
   * soon as the offline proposer has all the walks it would take for the budget. A model reads
   * every walk as context, so a session with one explores as far as its limits go.
   */
  private Predicate<List<Exploration.Walk>> demand(SiteContext crawled) {
    if (!models.offlineOnly()) {
      return walks -> false;
    }
    Proposer offline = models.proposer(settings.seed());
    return walks -> offline.walksSuffice(crawled.withExplored(new Exploration(walks, List.of(),
        List.of(), List.of(), 0)), settings.budget());
  }

  /**
   * Exploring on a thread and a Chromium of its own, beside the context crawl, until it has what
   * the proposer wants of it (known once the crawl ends). Its phase counts the time it goes on
   * after the crawl, so that the phases still add up to the session's time.
   */
  private final class Beside implements AutoCloseable {
    private final java.util.concurrent.ExecutorService thread =
        java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
          Thread t = new Thread(r, "exploring");
          t.setDaemon(true);
          return t;
        });
    private final java.util.concurrent.Future<Exploration> result;
    private final Session session;
    private final long started = System.nanoTime();
    /** When exploring has found enough: known once the crawl ends; at once if it failed. */
    private final java.util.concurrent.atomic.AtomicReference<Predicate<List<Exploration.Walk>>>
        demand = new java.util.concurrent.atomic.AtomicReference<>();
    /** The same for the pages the crawl has read so far. */
    private final java.util.concurrent.atomic.AtomicReference<Predicate<List<Exploration.Walk>>>
        demandSoFar = new java.util.concurrent.atomic.AtomicReference<>(walks -> false);
    private final java.util.concurrent.CountDownLatch crawled =
        new java.util.concurrent.CountDownLatch(1);
    /** What exploring tells meanwhile, told in order once its phase begins on the console. */
    private final java.util.Queue<SessionEvent> told =
        new java.util.concurrent.ConcurrentLinkedQueue<>();

    Beside(Session session, BrowserPool browsers) {
      this.session = session;
      this.result = thread.submit(() -> {
        try (BrowserPool.Lease lease = browsers.lease()) {
          return explore(lease.browser(), told::add, null, new Explorer.Enough() {
            @Override
            public boolean now(List<Exploration.Walk> walks) {
              return enoughNow(walks);
            }

            @Override
            public boolean atEnd(List<Exploration.Walk> walks) {
              return crawled() && demand.get().test(walks);
            }
          });
        }
      });
    }

    /**
     * Whether {@code walks} are enough. While the crawl goes on, walks enough for the pages it has
     * read so far (more pages leave fewer tasks to walks) make exploring wait for its end, so as
     * not to take the CPU from it, and then go on only if they are not enough for all its pages.
     */
    private boolean enoughNow(List<Exploration.Walk> walks) {
      if (demand.get() == null && demandSoFar.get().test(walks) && !crawled()) {
        return true; // interrupted: exploring ends
      }
      Predicate<List<Exploration.Walk>> done = demand.get();
      return done != null && done.test(walks);
    }

    /** Waits for the crawl's end; false when interrupted meanwhile. */
    private boolean crawled() {
      try {
        crawled.await();
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** Tells exploring what is enough for the pages read so far. */
    void read(Predicate<List<Exploration.Walk>> soFar) {
      demandSoFar.set(soFar);
    }

    /** Tells exploring what is enough, the crawl having ended. */
    void wanted(Predicate<List<Exploration.Walk>> walks) {
      demand.set(walks);
      crawled.countDown();
    }

    /** The exploration once it ends (null if its browser died); {@code since}: the crawl's end. */
    Exploration await(long since) {
      session.publish(new SessionEvent.PhaseStarted("exploring", "Exploring the start page's "
          + "controls (begun beside the context crawl)..."));
      try {
        Exploration e = result.get();
        told.forEach(session::publish);
        if (e != null) {
          long now = System.nanoTime();
          session.publish(new SessionEvent.PhaseEnded("exploring", (now - since) / 1e9,
              explored(e) + ", " + ConsoleProgress.seconds((now - started) / 1e9)
                  + " in all beside the crawl; after it"));
        }
        return e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SkillwrightException("interrupted while exploring", e);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new SkillwrightException("exploring failed: " + e.getCause(), e.getCause());
      }
    }

    /**
     * Stops exploring if it still runs (the crawl failed) and waits for it to end: its browser
     * closes on its own thread.
     */
    @Override
    public void close() {
      demand.compareAndSet(null, walks -> true);
      crawled.countDown();
      thread.shutdown();
      try {
        if (!thread.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
          thread.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private SiteContext crawl(Session session, BrowserPool browsers, long t0, Beside beside,
      java.util.function.UnaryOperator<SiteContext> known) {
    SiteContext ctx = null;
    for (int attempt = 1; ctx == null; attempt++) {
      try (BrowserPool.Lease lease = browsers.lease()) {
        BrowserSession browser = lease.browser();
        if (attempt == 1) {
          session.publish(new SessionEvent.Progress("Chromium: "
              + browser.chromium().describe()));
        }
        try {
          ctx = known.apply(read(browser, session, pages -> {
            if (beside != null) {
              beside.read(demand(known.apply(new SiteContext(run.site(), run.startUrl(), pages,
                  List.of(), List.of(), List.of()))));
            }
          }));
        } catch (SkillwrightException e) {
          if (browser.alive()) {
            throw e;
          }
          if (attempt > 1) {
            throw new SkillwrightException("Chromium stopped twice during the context crawl ("
                + browser.stoppedBecause().orElse(BrowserSession.firstLine(e.getMessage()))
                + ")", e);
          }
        }
        if (ctx == null || (ctx.pages().isEmpty() && !browser.alive())) {
          if (attempt > 1) {
            throw new SkillwrightException("Chromium stopped twice during the context crawl ("
                + browser.stoppedBecause().orElse("it died") + ")");
          }
          session.publish(new SessionEvent.Notice(browser.stoppedBecause()
              .orElse("Chromium stopped") + " during the context crawl; a new one crawls again"));
          ctx = null;
          continue;
        }
        if (!ctx.pages().isEmpty()) {
          session.publish(new SessionEvent.PhaseEnded("context crawl",
              (System.nanoTime() - t0) / 1e9, "Read " + ctx.pages().size() + " page"
                  + (ctx.pages().size() == 1 ? "" : "s") + " for context"));
        }
        if (beside == null && settings.exploreSeconds() != 0 && browser.alive()) {
          Exploration e = explore(browser, session::publish, "Exploring the start page's "
              + "controls...", demand(ctx)::test);
          ctx = e == null ? ctx : ctx.withExplored(e);
        }
      }
    }
    if (ctx.pages().isEmpty()) {
      throw new BadInputException("could not load any page of " + run.startUrl());
    }
    return ctx;
  }

  /** Reads up to {@code pages} pages of the site in one tab, counting the requests it blocks. */
  private SiteContext read(BrowserSession browser, Session session,
      java.util.function.Consumer<List<SiteContext.PageSummary>> pagesRead) {
    try (Tab tab = browser.newScratchTab(run.scope())) {
      AtomicInteger blocks = new AtomicInteger();
      tab.onBlock(b -> {
        blocks.incrementAndGet();
        session.publish(new SessionEvent.ScopeBlocked("context crawl", b.kind(), b.url()));
      });
      SiteContext ctx = SiteCrawler.crawl(tab, run.site(), run.startUrl(), settings.pages(),
          pagesRead);
      if (blocks.get() > 0) {
        session.publish(new SessionEvent.Progress(String.format("Context crawl: %d request%s out "
            + "of scope blocked (see events.jsonl).", blocks.get(), blocks.get() == 1 ? "" : "s")));
      }
      return ctx;
    }
  }

  /**
   * Explores the start page's controls, each walk in a fresh context of {@code browser}, staying
   * in the scope and leaving destructive controls alone unless the settings allow them. With a
   * {@code start} line it is a phase of its own; without, its phase is told by its caller. What
   * it tells goes to {@code tell}; it ends once {@code enough} says its walks are enough. Null
   * when the browser died meanwhile: the tasks are then proposed from the crawled pages alone.
   */
  private Exploration explore(BrowserSession browser,
      java.util.function.Consumer<SessionEvent> tell, String start, Explorer.Enough enough) {
    try {
      return exploreNow(browser, tell, start, enough);
    } catch (SkillwrightException e) {
      if (browser.alive()) {
        throw e;
      }
      tell.accept(new SessionEvent.Notice(browser.stoppedBecause()
          .orElse("Chromium stopped") + " while exploring; the tasks are proposed from the "
          + "crawled pages alone"));
      return null;
    }
  }

  private Exploration exploreNow(BrowserSession browser,
      java.util.function.Consumer<SessionEvent> tell, String start, Explorer.Enough enough) {
    Explorer.Limits l = Explorer.Limits.defaults().forBudget(settings.budget())
        .allowingDestructive(settings.allowDestructive());
    if (settings.exploreSeconds() > 0) {
      l = l.withTime(Duration.ofSeconds(settings.exploreSeconds()));
    }
    long t0 = System.nanoTime();
    if (start != null) {
      tell.accept(new SessionEvent.PhaseStarted("exploring", start));
    }
    Exploration e = Explorer.explore(() -> browser.newScratchTab(run.scope()), run.startUrl(), l,
        enough);
    if (start != null) {
      tell.accept(new SessionEvent.PhaseEnded("exploring", (System.nanoTime() - t0) / 1e9,
          explored(e)));
    }
    return e;
  }

  private static String explored(Exploration e) {
    return String.format("Explored %d walk%s in %d action%s%s", e.walks().size(),
        e.walks().size() == 1 ? "" : "s", e.actions(), e.actions() == 1 ? "" : "s",
        e.skipped().isEmpty() ? "" : "; left alone: " + e.skipped().size() + " ("
            + ConsoleProgress.abbreviate(String.join(", ", e.skipped()), 50) + ")");
  }

  /** Instructions of tasks already tried on this site in this data directory. */
  private List<String> knownInstructions(Session session) {
    Store store = session.store();
    List<String> known = new ArrayList<>();
    for (Path f : store.trajectoryFiles()) {
      try {
        Trajectory t = store.readTrajectory(f);
        if (t.task().site().equals(run.site())) {
          known.add(t.task().instruction());
        }
      } catch (BadInputException e) {
        session.publish(new SessionEvent.Notice("skipping " + e.getMessage()));
      }
    }
    return known;
  }
}
