package dev.skillwright.loop;

import dev.skillwright.agent.EpisodeRunner;
import dev.skillwright.agent.Policy;
import dev.skillwright.agent.SkillCalls;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserPool;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.SpareTab;
import dev.skillwright.browser.Tab;
import dev.skillwright.proposer.SiteContext;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillLibrary;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Secrets;
import dev.skillwright.trajectories.SkillwrightException;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs given tasks on N workers, each with its own Chromium for the whole session (replaced when
 * it dies), each episode in a tab as fresh as a new context (a worker keeps one tab and makes it
 * {@linkplain Tab#forget forget} between its episodes, task and verification ones alike, or opens
 * a new context where it cannot forget): the policy acts, the evaluator judges, the episode
 * is written, and the judged episodes come back in task order. What happens goes to the
 * session's listeners as {@link SessionEvent}s. It touches skills only when told: offered to the
 * agent and their uses recorded ({@link #withSkills}), successes learned and verified
 * ({@link #learning}).
 */
public final class SessionRunner {
  /** How many skills a policy is offered for a task. */
  public static final int SKILL_HINTS = 3;

  private final Settings settings;
  private final ModelBackend models;
  private final Clock clock;
  private SkillLibrary library;
  private boolean learn;
  private SiteContext context;
  private PolicyChoice policies;
  private EpisodeObserver observer = (task, t, tab) -> { };

  /**
   * Where and how episodes run.
   *
   * @param site the site's name (a bundled env's, a URL's origin, or the user's)
   * @param startUrl where the session's episodes start unless their tasks say otherwise
   * @param maxSteps the step limit of each episode
   * @param concurrency how many workers (browsers) run episodes side by side
   * @param secrets what is typed from the environment and never written
   */
  public record Settings(String site, String startUrl, Scope scope, int maxSteps,
      int concurrency, BrowserConfig browser, Secrets secrets) {

    public static Builder builder(String site, String startUrl, Scope scope) {
      return new Builder(site, startUrl, scope);
    }

    /** Builds settings: one worker, 15 steps, Chromium as found, no secrets, by default. */
    public static final class Builder {
      private final String site;
      private final String startUrl;
      private final Scope scope;
      private int maxSteps = 15;
      private int concurrency = 1;
      private BrowserConfig browser = BrowserConfig.defaults();
      private Secrets secrets = Secrets.none();

      private Builder(String site, String startUrl, Scope scope) {
        this.site = site;
        this.startUrl = startUrl;
        this.scope = scope;
      }

      public Builder maxSteps(int n) {
        this.maxSteps = n;
        return this;
      }

      public Builder concurrency(int n) {
        this.concurrency = n;
        return this;
      }

      public Builder browser(BrowserConfig b) {
        this.browser = b;
        return this;
      }

      public Builder secrets(Secrets s) {
        this.secrets = s;
        return this;
      }

      public Settings build() {
        return new Settings(site, startUrl, scope, maxSteps, concurrency, browser, secrets);
      }
    }
  }

  /** Which policy drives a task's episode (a replay's), given the models the episode has. */
  public interface PolicyChoice {
    Policy of(Task task, ModelBackend.Episode episode);
  }

  /** Sees each finished, judged episode while its tab is still open (for ground truth). */
  public interface EpisodeObserver {
    void done(Task task, Trajectory trajectory, Tab tab);
  }

  public SessionRunner(Settings settings, ModelBackend models, Clock clock) {
    this.settings = settings;
    this.models = models;
    this.clock = clock;
  }

  /** Offers the library's verified skills to the agent and records their uses. */
  public SessionRunner withSkills(SkillLibrary library) {
    this.library = library;
    return this;
  }

  /**
   * As {@link #withSkills(SkillLibrary)}, with the library of the skills folder {@code dir},
   * opened by {@link #runSession} once it holds the data directory.
   */
  public SessionRunner withSkills(Path dir) {
    this.skillsDir = dir;
    return this;
  }

  private Path skillsDir;

  /**
   * Runs the episodes on {@code browser} instead of launching one per worker: one worker, and
   * the browser stays open afterwards (the caller closes it, and replaces it once it is not
   * {@link BrowserSession#alive()}). For a server that runs one session after another; the
   * caller makes sure no two sessions use it at once (Playwright is not thread-safe).
   */
  public SessionRunner onBrowser(BrowserSession browser) {
    this.shared = browser;
    return this;
  }

  private BrowserSession shared;

  /**
   * Runs the episodes on browsers of {@code pool} (one a worker, given back when it is done)
   * instead of launching one per worker: a discovery session's crawl and exploring lend theirs.
   */
  public SessionRunner onBrowsers(BrowserPool pool) {
    this.pool = pool;
    return this;
  }

  private BrowserPool pool;

  /** What a session of given tasks did: its id and folder, the judged episodes, the counts. */
  public record Result(String sessionId, Path sessionDir, List<Trajectory> episodes,
      SessionCounters.Snapshot counters) {

    /** Where one of the episodes is written. */
    public Path fileOf(Trajectory episode) {
      return sessionDir.resolve(Store.EPISODES).resolve(episode.episodeId())
          .resolve(Store.TRAJECTORY_FILE);
    }
  }

  /**
   * Runs {@code tasks} in a session of their own under {@code dataDir} (waiting for another
   * session there to finish), and marks it completed, or failed with why.
   */
  public Result runSession(Path dataDir, List<Task> tasks, List<SessionListener> listeners) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("kind", kind);
    config.put("budget", String.valueOf(tasks.size()));
    config.put("seed", String.valueOf(seed));
    config.put("maxSteps", String.valueOf(settings.maxSteps()));
    config.put("concurrency", String.valueOf(settings.concurrency()));
    config.put("model", models.describe());
    try (Session session = Session.open(dataDir, new Session.Options(settings.site(),
        settings.startUrl(), settings.scope().toString(), config, true, null), clock,
        models::sessionUsage, listeners)) {
      SkillLibrary opened = null;
      try {
        opened = skillsDir == null ? null : SkillLibrary.open(skillsDir,
            n -> session.publish(new SessionEvent.Notice(n)));
        List<Trajectory> episodes = run(session, tasks, opened != null ? opened : library);
        session.completed();
        return new Result(session.id(), session.dir(), episodes, session.counters());
      } catch (RuntimeException e) {
        session.failed(e);
        throw e;
      } finally {
        if (opened != null) {
          opened.close();
        }
      }
    }
  }

  /** What kind of session {@link #runSession} records: {@code run} unless told. */
  public SessionRunner kind(String k) {
    this.kind = k;
    return this;
  }

  private String kind = "run";

  /** The seed recorded with a session of given tasks (a benchmark's); 0 unless told. */
  public SessionRunner recordingSeed(long s) {
    this.seed = s;
    return this;
  }

  private long seed;

  /**
   * Learns from the episodes too (needs {@link #withSkills}): successes are distilled into
   * skills and verified at once; skills whose runs keep failing are verified again.
   *
   * @param site what the session read of the site, for verification's new values; null to
   *     read it once, when first needed
   */
  public SessionRunner learning(SiteContext site) {
    this.learn = true;
    this.context = site;
    return this;
  }

  public SessionRunner policies(PolicyChoice choice) {
    this.policies = choice;
    return this;
  }

  public SessionRunner observing(EpisodeObserver o) {
    this.observer = o;
    return this;
  }

  public ModelBackend models() {
    return models;
  }

  /**
   * Runs {@code tasks} (those of them still pending, when the session is resumed) in
   * {@code session}; the judged episodes that ran, in task order.
   */
  public List<Trajectory> run(Session session, List<Task> tasks) {
    return run(session, tasks, library);
  }

  private List<Trajectory> run(Session session, List<Task> tasks, SkillLibrary skills) {
    if (learn && skills == null) {
      throw new IllegalStateException("learning needs a skill library: call withSkills first");
    }
    if (session.savedTasks().isEmpty()) {
      session.saveTasks(tasks); // so the session can be resumed
    }
    List<Integer> pending = session.pending(tasks.size());
    int workers = shared != null ? 1
        : Math.max(1, Math.min(settings.concurrency(), tasks.size()));
    long t0 = System.nanoTime();
    session.publish(new SessionEvent.TasksReady(tasks.size(), settings.concurrency()));
    session.checkpoint();
    Queue<Integer> queue = new ConcurrentLinkedQueue<>(pending);
    AtomicReferenceArray<Trajectory> results = new AtomicReferenceArray<>(tasks.size());
    EpisodeRunner runner = new EpisodeRunner(settings.maxSteps(), clock, settings.secrets())
        .withStepScreenshots(settings.browser().stepScreenshots());
    SkillVerifier verifier = learn ? new SkillVerifier(settings, runner, clock, context) : null;
    AtomicInteger done = new AtomicInteger(session.counters().done());
    List<Thread> threads = new ArrayList<>();
    List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    for (int w = 0; w < workers; w++) {
      Thread t = new Thread(() -> {
        Worker worker = new Worker(session, runner, verifier, skills, tasks.size(), done);
        try {
          for (Integer i; (i = queue.poll()) != null; ) {
            results.set(i, worker.run(tasks.get(i), i));
          }
        } catch (RuntimeException e) {
          failures.add(e);
          queue.clear();
        } finally {
          worker.close();
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
    session.publish(new SessionEvent.PhaseEnded("episodes", (System.nanoTime() - t0) / 1e9,
        String.format("Ran %d episode%s: %d succeeded", pending.size(),
            pending.size() == 1 ? "" : "s", countSucceeded(results))));
    List<Trajectory> out = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (results.get(i) != null) {
        out.add(results.get(i));
      }
    }
    return out;
  }

  private static int countSucceeded(AtomicReferenceArray<Trajectory> results) {
    int n = 0;
    for (int i = 0; i < results.length(); i++) {
      n += results.get(i) != null && results.get(i).succeeded() ? 1 : 0;
    }
    return n;
  }

  /**
   * One worker: its browser, launched on first use and replaced when it dies, and the one tab its
   * episodes reuse (all of them have the session's scope and secrets), dropped with the browser.
   */
  private final class Worker {
    private final Session session;
    private final EpisodeRunner runner;
    private final SkillVerifier verifier;
    /** The library the session may use, or null. */
    private final SkillLibrary skills;
    private final int total;
    private final AtomicInteger done;
    private BrowserSession browser;
    /** The pool's lease of {@link #browser}, when it came from one. */
    private BrowserPool.Lease lease;
    /** The worker's tab between episodes, of {@link #browser}. */
    private SpareTab tabs;

    Worker(Session session, EpisodeRunner runner, SkillVerifier verifier, SkillLibrary skills,
        int total, AtomicInteger done) {
      this.session = session;
      this.runner = runner;
      this.verifier = verifier;
      this.skills = skills;
      this.total = total;
      this.done = done;
    }

    Trajectory run(Task task, int i) {
      if (browser == null) {
        if (shared == null && pool != null) {
          lease = pool.lease();
        }
        BrowserSession b = shared != null ? shared : lease != null ? lease.browser()
            : BrowserSession.launch(settings.browser());
        browser = b;
        tabs = new SpareTab(() -> b.newTab(settings.scope(), settings.secrets()));
      }
      Trajectory t = null;
      boolean suspect;
      try {
        t = episode(task, i);
        suspect = t.status() == Trajectory.Status.ERROR;
      } catch (RuntimeException e) {
        if (browser.responds()) {
          throw e;
        }
        // died after its episode was written (during a verification, say)
        suspect = true;
      }
      // an errored episode may have lost its browser without Playwright noticing yet
      if (suspect ? !browser.responds() : !browser.alive()) {
        session.publish(new SessionEvent.BrowserRelaunched(i + 1,
            browser.stoppedBecause().orElse("Chromium stopped")));
        close();
      }
      return t;
    }

    private Trajectory episode(Task task, int i) {
      String episodeId = SessionResume.episodeId(session.id(), i);
      Store.EpisodeFiles files = session.episode(episodeId);
      session.publish(new SessionEvent.EpisodeStarted(episodeId, task));
      // verified skills only; a skill whose runs keep failing is verified again after the episode
      List<Skill> offered = skills == null ? List.of()
          : skills.offer(settings.site(), task.instruction(), SKILL_HINTS);
      Set<String> failing = ConcurrentHashMap.newKeySet();
      ModelBackend.Episode episode = models.episode(offered, new SkillCalls() {
        @Override
        public Optional<Skill> skill(String idOrName) {
          return skills == null ? Optional.empty() : skills.callable(idOrName);
        }

        @Override
        public void report(Skill skill, boolean ok, String reason) {
          if (skills == null) {
            return;
          }
          skills.recordUse(skill.id(), ok, reason, episodeId, clock.instant())
              .filter(s -> s.offered() && s.health().failingLately())
              .ifPresent(s -> failing.add(s.id()));
          session.publish(new SessionEvent.SkillUsed(skill.id(), episodeId, ok, reason));
        }
      });
      Trajectory t;
      Observation last = null;
      Instant started = clock.instant();
      try {
        Judged judged = tabs.with(tab -> {
          Policy policy = policies == null ? episode.policy() : policies.of(task, episode);
          EpisodeRunner.Result r = runner.run(session.id(), episodeId, task, policy, tab, files);
          Trajectory j = r.trajectory().withVerdict(episode.evaluator()
              .judge(r.trajectory(), r.recent())).withUsage(episode.usage().snapshot());
          observer.done(task, j, tab);
          return new Judged(j, r.last());
        });
        t = judged.trajectory();
        last = judged.last();
      } catch (SkillwrightException e) {
        if (browser.responds()) {
          throw e;
        }
        // Chromium died under the episode: errored, with the reason, and the session goes on
        Trajectory died = browserDied(session.id(), episodeId, task, started,
            browser.stoppedBecause().orElse(BrowserSession.firstLine(e.getMessage())));
        t = died.withVerdict(episode.evaluator().judge(died, List.of()))
            .withUsage(episode.usage().snapshot());
      }
      files.writeTrajectory(t);
      List<String> notes = new ArrayList<>();
      t.steps().stream().filter(s -> s.skill() != null)
          .map(s -> s.skill().name().substring(s.skill().name().indexOf(':') + 1)).distinct()
          .forEach(n -> notes.add("~used " + n));
      if (learn) {
        learn(t, last, episodeId, failing, notes);
        skills.commit(); // the skill files are written already; the index commits once an episode
      } else if (skills != null) {
        skills.commit();
      }
      synchronized (done) { // so the episodes are told done in the order they are counted
        int n = done.incrementAndGet();
        session.publish(new SessionEvent.EpisodeFinished(n, total, task, t, List.copyOf(notes)));
      }
      session.checkpoint();
      return t;
    }

    /** A judged episode and the last page it saw. */
    private record Judged(Trajectory trajectory, Observation last) {}

    /** Learns a skill from a success and verifies what is due; notes say how it went. */
    private void learn(Trajectory t, Observation last, String episodeId, Set<String> failing,
        List<String> notes) {
      Optional<SkillLibrary.Learned> learned = skills.learn(t,
          last == null ? null : AriaSnapshot.parse(last.ariaSnapshot()));
      if (learned.isPresent()) {
        SkillLibrary.Learned l = learned.get();
        session.publish(new SessionEvent.SkillLearned(l.skill(), l.isNew(), episodeId));
        String note = (l.isNew() ? "+skill " : "=skill ") + l.skill().name();
        if (!l.skill().offered()) {
          note += verify(l.skill(), episodeId);
        }
        notes.add(note);
      }
      for (String id : failing) {
        Optional<Skill> s = skills.index().get(id);
        if (s.isPresent() && SkillLibrary.dueForVerification(s.get())) {
          notes.add("~reverified " + s.get().name() + verify(s.get(), episodeId));
        }
      }
    }

    /** Verifies a skill in the episode's wake; says how it went, for the progress line. */
    private String verify(Skill skill, String episodeId) {
      long t0 = System.nanoTime();
      Skill s = verifier.verify(skill, skills, browser, tabs, session, episodeId).skill();
      session.publish(new SessionEvent.SkillVerified(s, episodeId,
          (System.nanoTime() - t0) / 1e9));
      if (s.offered()) {
        return " (verified)";
      }
      return s.status() == Skill.Status.DEMOTED ? " (demoted)" : " (unverified: "
          + ConsoleProgress.abbreviate(s.verifications().get(s.verifications().size() - 1)
              .reason(), 60) + ")";
    }

    void close() {
      if (tabs != null) {
        try {
          tabs.close(); // a tab of a dead browser is never reused
        } catch (RuntimeException e) {
          // its browser went away with it
        }
        tabs = null;
      }
      if (browser != null && browser == shared) {
        browser = null; // the caller's to close
      } else if (lease != null) {
        lease.close(); // back to the pool, or closed there when it died
        lease = null;
        browser = null;
      } else if (browser != null) {
        try {
          browser.close();
        } catch (RuntimeException e) {
          // a dead browser may fail to close; its Playwright is stopped either way
        }
        browser = null;
      }
    }
  }

  /** The record of an episode whose browser died before it could be judged. */
  private Trajectory browserDied(String sessionId, String episodeId, Task task,
      Instant started, String why) {
    String reason = "episode failed: the browser stopped (" + settings.secrets().redact(why)
        + ")";
    return Trajectory.builder(sessionId, episodeId, task)
        .timing(started, Duration.between(started, clock.instant()).toMillis())
        .ended(Trajectory.Status.ERROR, reason).finalPage(task.startUrl(), null, null, null)
        .build();
  }
}
