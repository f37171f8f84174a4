package dev.skillwright.agent;

import dev.skillwright.browser.ActionResult;
import dev.skillwright.browser.Tab;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.ScopeBlock;
import dev.skillwright.trajectories.SkillwrightException;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs any {@link Policy} on a task in one {@link Tab} and records every step the same way: the
 * observation's files, the thought, the action with its durable locators, the outcome, and the
 * scope guard's blocks. Thread-confined: one runner per worker is simplest, though it keeps no
 * state between episodes.
 */
public final class EpisodeRunner {
  private final int maxSteps;
  private final Clock clock;

  /** The finished record and the final observation an evaluator judges. */
  public record Result(Trajectory trajectory, Observation last) {}

  public EpisodeRunner(int maxSteps, Clock clock) {
    if (maxSteps <= 0) {
      throw new IllegalArgumentException("maxSteps must be positive: " + maxSteps);
    }
    this.maxSteps = maxSteps;
    this.clock = clock;
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
    tab.step(-1);
    String startError = tab.navigate(task.startUrl());
    if (startError != null) {
      status = Trajectory.Status.ERROR;
      answer = "could not open " + task.startUrl() + ": " + startError;
    } else {
      try {
        for (int i = 0; i < maxSteps; i++) {
          tab.step(i);
          Observation obs = tab.observe();
          last = obs;
          String[] names = files.writeObservation(String.format("step-%03d", i), obs);
          Decision d = policy.decide(task, obs, List.copyOf(steps));
          Action action = d.action();
          if (action.isFinal()) {
            steps.add(new Step(i, obs.url(), obs.title(), names[0], names[1], d.thought(),
                action, true, null, 0));
            status = action instanceof Action.Answer ? Trajectory.Status.ANSWERED
                : Trajectory.Status.GAVE_UP;
            answer = action instanceof Action.Answer a ? a.text()
                : ((Action.GiveUp) action).reason();
            break;
          }
          ActionResult r = tab.execute(action);
          steps.add(new Step(i, obs.url(), obs.title(), names[0], names[1], d.thought(),
              r.action(), r.ok(), r.error(), r.millis()));
          last = null;
        }
        if (last == null) {
          last = tab.observe();
        }
      } catch (SkillwrightException | com.microsoft.playwright.PlaywrightException e) {
        status = Trajectory.Status.ERROR;
        answer = "episode failed: " + firstLine(e.getMessage());
      } catch (RuntimeException e) {
        // a bug in a policy must not end the session: record it on the episode
        status = Trajectory.Status.ERROR;
        answer = "episode failed: " + e.getClass().getSimpleName() + ": "
            + firstLine(e.getMessage());
      }
    }
    blocked.addAll(tab.drainBlocks());
    String[] finalNames = last == null ? new String[2] : files.writeObservation("final", last);
    Trajectory t = new Trajectory(Trajectory.SCHEMA_VERSION, sessionId, episodeId, task, started,
        (System.nanoTime() - t0) / 1_000_000, steps, status, answer,
        last == null ? tab.url() : last.url(), last == null ? null : last.title(),
        finalNames[0], finalNames[1], blocked, null);
    return new Result(t, last);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
