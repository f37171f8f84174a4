package dev.skillwright.trajectories;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * The record of one episode. {@code schemaVersion} comes first in the file, so a reader can tell a
 * newer format before it reads anything else.
 */
@JsonPropertyOrder({"schemaVersion", "sessionId", "episodeId"})
public record Trajectory(
    int schemaVersion,
    String sessionId,
    String episodeId,
    Task task,
    Instant startedAt,
    long durationMillis,
    List<Step> steps,
    Status status,
    String answer,
    String finalUrl,
    String finalTitle,
    String finalSnapshotFile,
    String finalScreenshotFile,
    List<ScopeBlock> blocked,
    Verdict verdict,
    ModelUsage usage,
    String replayOf,
    List<Repair> repairs) {

  public static final int SCHEMA_VERSION = 1;

  /** How an episode ended. */
  public enum Status {
    /** The policy answered: it believes the task is done. */
    ANSWERED,
    /** The policy gave up. */
    GAVE_UP,
    /** The step limit ran out first. */
    STEP_LIMIT,
    /** The browser or the policy failed. */
    ERROR
  }

  public Trajectory {
    requireNonNull(sessionId, "sessionId");
    requireNonNull(episodeId, "episodeId");
    requireNonNull(task, "task");
    requireNonNull(status, "status");
    steps = steps == null ? List.of() : List.copyOf(steps);
    blocked = blocked == null ? List.of() : List.copyOf(blocked);
    usage = usage == null ? ModelUsage.NONE : usage;
    repairs = repairs == null ? List.of() : List.copyOf(repairs);
  }

  /**
   * A step that replay found again by grounding it anew, because none of its locators matched.
   *
   * @param step the step's index in this trajectory
   * @param from the target as recorded
   * @param to the target found instead, with its new locators
   * @param method how: {@code offline-matcher} or {@code model}
   * @param score the matcher's similarity, from 0 to 1
   */
  public record Repair(int step, Target from, Target to, String method, double score) {}

  public Trajectory withVerdict(Verdict v) {
    return new Trajectory(schemaVersion, sessionId, episodeId, task, startedAt, durationMillis,
        steps, status, answer, finalUrl, finalTitle, finalSnapshotFile, finalScreenshotFile,
        blocked, v, usage, replayOf, repairs);
  }

  public Trajectory withUsage(ModelUsage u) {
    return new Trajectory(schemaVersion, sessionId, episodeId, task, startedAt, durationMillis,
        steps, status, answer, finalUrl, finalTitle, finalSnapshotFile, finalScreenshotFile,
        blocked, verdict, u, replayOf, repairs);
  }

  /** This trajectory as the replay of {@code original}, with the repairs it needed. */
  public Trajectory asReplayOf(String original, List<Repair> fixes) {
    return new Trajectory(schemaVersion, sessionId, episodeId, task, startedAt, durationMillis,
        steps, status, answer, finalUrl, finalTitle, finalSnapshotFile, finalScreenshotFile,
        blocked, verdict, usage, original, fixes);
  }

  /** True when an evaluator judged this trajectory a success. */
  public boolean succeeded() {
    return verdict != null && verdict.success();
  }
}
