package dev.skillwright.agent;

import dev.skillwright.browser.ActionResult;
import dev.skillwright.browser.Tab;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.ScopeBlock;
import dev.skillwright.trajectories.Secrets;
import dev.skillwright.trajectories.SkillwrightException;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Runs any {@link Policy} on a task in one {@link Tab} and records every step the same way: the
 * observation's files, the thought, the action with its durable locators, the outcome, and the
 * scope guard's blocks. Thread-confined: one runner per worker is simplest, though it keeps no
 * state between episodes.
 */
public final class EpisodeRunner {
  /** How many of the last observations a result keeps for the evaluator. */
  public static final int RECENT = 3;

  private final int maxSteps;
  private final Clock clock;
  private final Secrets secrets;
  /** Whether every observed step keeps a screenshot, whatever its policy looks at. */
  private final boolean stepScreenshots;
  /** Whether the final page is pictured whatever the policy looked at. */
  private final boolean finalScreenshot;

  /**
   * The finished record and the last observations (oldest first, the final page last) that an
   * evaluator judges.
   */
  public record Result(Trajectory trajectory, List<Observation> recent) {
    public Observation last() {
      return recent.isEmpty() ? null : recent.get(recent.size() - 1);
    }
  }

  public EpisodeRunner(int maxSteps, Clock clock) {
    this(maxSteps, clock, Secrets.none());
  }

  /**
   * A runner whose records never hold a secret's value: observations, errors and answers are
   * redacted before they are written or shown to a policy. Give the tab the same secrets.
   */
  public EpisodeRunner(int maxSteps, Clock clock, Secrets secrets) {
    this(maxSteps, clock, secrets, false, true);
  }

  private EpisodeRunner(int maxSteps, Clock clock, Secrets secrets, boolean stepScreenshots,
      boolean finalScreenshot) {
    if (maxSteps <= 0) {
      throw new IllegalArgumentException("maxSteps must be positive: " + maxSteps);
    }
    this.maxSteps = maxSteps;
    this.clock = clock;
    this.secrets = secrets;
    this.stepScreenshots = stepScreenshots;
    this.finalScreenshot = finalScreenshot;
  }

  /**
   * This runner, but keeping a screenshot of every step it observes, also where the policy reads
   * only the page's text ({@link Looks.Look#TEXT}): for a training export with an image per step.
   * By default a step is pictured when its policy looks at pictures, and the final page always.
   */
  public EpisodeRunner withStepScreenshots(boolean on) {
    return new EpisodeRunner(maxSteps, clock, secrets, on, finalScreenshot);
  }

  /**
   * This runner, but picturing the final page only where the policy looked at pictures: for a
   * run judged by its text alone, whose caller pictures the page itself when it needs to
   * ({@link #picture}), as a verification does when it fails.
   */
  public EpisodeRunner withoutFinalScreenshot() {
    return new EpisodeRunner(maxSteps, clock, secrets, stepScreenshots, false);
  }

  /**
   * {@code t}, run in {@code tab} and written to {@code files}, with a screenshot of its final
   * page taken now, while the tab still shows that page; {@code t} as it is if it has one.
   */
  public Trajectory picture(Trajectory t, Tab tab, Store.EpisodeFiles files) {
    if (t.finalScreenshotFile() != null || t.finalSnapshotFile() == null) {
      return t;
    }
    String shot = files.writeScreenshot("final", tab.screenshot());
    return t.toBuilder().finalPage(t.finalUrl(), t.finalTitle(), t.finalSnapshotFile(), shot)
        .build();
  }

  /**
   * Runs one episode. Failures of the page or the policy end the episode with status
   * {@link Trajectory.Status#ERROR}; they are never thrown. The trajectory has no verdict yet and
   * is not written: the caller judges it, then writes it with {@link Store.EpisodeFiles}.
   */
  public Result run(String sessionId, String episodeId, Task task, Policy policy, Tab tab,
      Store.EpisodeFiles files) {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    List<Step> steps = new ArrayList<>();
    List<ScopeBlock> blocked = new ArrayList<>();
    Trajectory.Status status = Trajectory.Status.STEP_LIMIT;
    String answer = null;
    Observation last = null;
    Deque<Observation> recent = new ArrayDeque<>();
    tab.step(-1);
    String startError = tab.navigate(task.startUrl()).error();
    if (startError != null) {
      status = Trajectory.Status.ERROR;
      answer = "could not open " + task.startUrl() + ": " + startError;
    } else {
      try {
        for (int i = 0; i < maxSteps; i++) {
          tab.step(i);
          Looks.Look look = Looks.of(policy, steps);
          Observation obs;
          String[] names = new String[2];
          if (look != Looks.Look.NOTHING) {
            // a screenshot only for a policy that looks at one, or when every step keeps one
            obs = secrets.redact(look == Looks.Look.PICTURE || stepScreenshots
                ? tab.observe() : tab.observeText());
            last = obs;
            remember(recent, obs);
            names = files.writeObservation(String.format("step-%03d", i), obs);
          } else {
            // no look, but the URL is still page content: a secret in it is masked as always
            obs = secrets.redact(new Observation(tab.url(), "", "", null));
          }
          Step.Builder step = Step.on(i, obs.url(), obs.title(), names[0], names[1]);
          Decision d = policy.decide(task, obs, List.copyOf(steps));
          if (d instanceof Decision.Invalid bad) {
            // recorded as a step that did nothing
            steps.add(step.decided(secrets.redact(bad.thought()), new Action.Wait(0))
                .failed(secrets.redact(bad.error())).build());
            last = null;
            continue;
          }
          if (d instanceof Decision.Finish end) {
            Action action = redact(end.action());
            steps.add(step.decided(secrets.redact(d.thought()), action).build());
            status = action instanceof Action.Answer ? Trajectory.Status.ANSWERED
                : Trajectory.Status.GAVE_UP;
            answer = secrets.redact(action instanceof Action.Answer a ? a.text()
                : ((Action.GiveUp) action).reason());
            break;
          }
          Decision.Act act = (Decision.Act) d;
          ActionResult r = tab.execute(redact(act.action()));
          steps.add(step.decided(secrets.redact(d.thought()), redact(r.action()))
              .outcome(r.ok(), secrets.redact(r.error()), r.millis())
              .found(r.box(), r.matchedBy()).partOf(act.via()).build());
          last = null;
        }
        if (last == null) {
          last = secrets.redact(finalScreenshot ? tab.observe() : tab.observeText());
          remember(recent, last);
        } else if (last.screenshot().length == 0 && finalScreenshot) {
          // the final page is pictured whatever the policy looked at: for the judge and viewer
          Observation pictured = last.withScreenshot(tab.screenshot());
          recent.removeLast();
          remember(recent, pictured);
          last = pictured;
        }
      } catch (SkillwrightException e) {
        status = Trajectory.Status.ERROR;
        answer = secrets.redact("episode failed: " + tab.browserStopped()
            .orElse(dev.skillwright.browser.BrowserSession.firstLine(e.getMessage())));
      } catch (RuntimeException e) {
        // a bug in a policy must not end the session: record it on the episode
        status = Trajectory.Status.ERROR;
        answer = "episode failed: " + e.getClass().getSimpleName() + ": "
            + dev.skillwright.browser.BrowserSession.firstLine(e.getMessage());
      }
    }
    blocked.addAll(tab.drainBlocks());
    tab.saveTrace(files.dir().resolve("trace.zip"));
    String[] finalNames = last == null ? new String[2] : files.writeObservation("final", last);
    Trajectory t = Trajectory.builder(sessionId, episodeId, task)
        .timing(started, (System.nanoTime() - t0) / 1_000_000).steps(steps).ended(status, answer)
        .finalPage(last == null ? tab.url() : last.url(), last == null ? null : last.title(),
            finalNames[0], finalNames[1])
        .blocked(blocked).build();
    return new Result(policy instanceof Annotating a ? a.annotate(t) : t,
        List.copyOf(recent));
  }

  /** The action with any secret value in its free text replaced by the placeholder. */
  private Action redact(Action a) {
    if (a instanceof Action.Answer x) {
      return new Action.Answer(secrets.redact(x.text()));
    } else if (a instanceof Action.GiveUp x) {
      return new Action.GiveUp(secrets.redact(x.reason()));
    } else if (a instanceof Action.Fill x) {
      return new Action.Fill(x.target(), secrets.redact(x.text()));
    } else if (a instanceof Action.Select x) {
      return new Action.Select(x.target(), secrets.redact(x.option()));
    }
    return a;
  }

  private static void remember(Deque<Observation> recent, Observation o) {
    recent.addLast(o);
    while (recent.size() > RECENT) {
      recent.removeFirst();
    }
  }
}
