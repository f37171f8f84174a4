package dev.skillwright.loop;

import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Trajectory;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;

/** Counts what a session did, from its events. Thread-safe. */
public final class SessionCounters implements SessionListener {
  private final AtomicInteger proposed = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger succeeded = new AtomicInteger();
  private final AtomicInteger errored = new AtomicInteger();
  private final AtomicInteger skillsAdded = new AtomicInteger();
  private final AtomicInteger skillsMerged = new AtomicInteger();
  private final AtomicInteger verified = new AtomicInteger();
  private final AtomicInteger skillCalls = new AtomicInteger();
  private final DoubleAdder episodeSeconds = new DoubleAdder();
  private final DoubleAdder verificationSeconds = new DoubleAdder();
  private final java.util.Map<String, Double> phases =
      java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());

  /**
   * The counts at one moment.
   *
   * @param phases how long each phase that ended took, in seconds, in the order they ran
   * @param verificationSeconds the time verification rounds took (within the episodes phase)
   */
  public record Snapshot(int proposed, int done, int succeeded, int errored, int skillsAdded,
      int skillsMerged, int skillsVerified, int skillCalls, double episodeSeconds,
      java.util.Map<String, Double> phases, double verificationSeconds) {

    public Snapshot {
      phases = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases));
    }

    /** As the session record keeps them. */
    public SessionRecord.Counters record() {
      return new SessionRecord.Counters(proposed, proposed, done, succeeded, errored,
          skillsAdded);
    }

    public double secondsPerEpisode() {
      return episodeSeconds / Math.max(1, done);
    }
  }

  @Override
  public void on(SessionEvent event) {
    if (event instanceof SessionEvent.TasksReady r) {
      proposed.set(r.count());
    } else if (event instanceof SessionEvent.EpisodeFinished f) {
      count(f.trajectory());
      episodeSeconds.add(f.trajectory().durationMillis() / 1000.0);
    } else if (event instanceof SessionEvent.SkillLearned l) {
      (l.isNew() ? skillsAdded : skillsMerged).incrementAndGet();
    } else if (event instanceof SessionEvent.SkillVerified v) {
      verificationSeconds.add(v.seconds());
      if (v.skill().offered()) {
        verified.incrementAndGet();
      }
    } else if (event instanceof SessionEvent.PhaseEnded p) {
      phases.merge(p.phase(), p.seconds(), Double::sum);
    } else if (event instanceof SessionEvent.SkillUsed) {
      skillCalls.incrementAndGet();
    }
  }

  /** Counts an episode a resumed session had finished before it stopped. */
  void resumed(Trajectory t, int skillsAddedBefore) {
    count(t);
    skillsAdded.set(skillsAddedBefore);
  }

  private void count(Trajectory t) {
    done.incrementAndGet();
    if (t.succeeded()) {
      succeeded.incrementAndGet();
    }
    if (t.status() == Trajectory.Status.ERROR) {
      errored.incrementAndGet();
    }
  }

  private Map<String, Double> phasesNow() {
    synchronized (phases) {
      return new java.util.LinkedHashMap<>(phases);
    }
  }

  public Snapshot snapshot() {
    return new Snapshot(proposed.get(), done.get(), succeeded.get(), errored.get(),
        skillsAdded.get(), skillsMerged.get(), verified.get(), skillCalls.get(),
        episodeSeconds.sum(), phasesNow(), verificationSeconds.sum());
  }
}
