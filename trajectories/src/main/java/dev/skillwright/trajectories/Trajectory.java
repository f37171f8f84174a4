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
    return toBuilder().verdict(v).build();
  }

  public Trajectory withUsage(ModelUsage u) {
    return toBuilder().usage(u).build();
  }

  /** This trajectory as the replay of {@code original}, with the repairs it needed. */
  public Trajectory asReplayOf(String original, List<Repair> fixes) {
    return toBuilder().replayOf(original).repairs(fixes).build();
  }

  /**
   * A builder of the record of episode {@code episodeId} of {@code sessionId}, doing
   * {@code task}.
   */
  public static Builder builder(String sessionId, String episodeId, Task task) {
    return new Builder(sessionId, episodeId, task);
  }

  /** A builder holding everything this record holds. */
  public Builder toBuilder() {
    Builder b = new Builder(sessionId, episodeId, task);
    b.schemaVersion = schemaVersion;
    b.startedAt = startedAt;
    b.durationMillis = durationMillis;
    b.steps = steps;
    b.status = status;
    b.answer = answer;
    b.finalUrl = finalUrl;
    b.finalTitle = finalTitle;
    b.finalSnapshotFile = finalSnapshotFile;
    b.finalScreenshotFile = finalScreenshotFile;
    b.blocked = blocked;
    b.verdict = verdict;
    b.usage = usage;
    b.replayOf = replayOf;
    b.repairs = repairs;
    return b;
  }

  /** Builds a trajectory; what is not set is empty (no steps, no verdict, status ERROR). */
  public static final class Builder {
    private int schemaVersion = SCHEMA_VERSION;
    private final String sessionId;
    private final String episodeId;
    private final Task task;
    private Instant startedAt;
    private long durationMillis;
    private List<Step> steps = List.of();
    private Status status = Status.ERROR;
    private String answer;
    private String finalUrl;
    private String finalTitle;
    private String finalSnapshotFile;
    private String finalScreenshotFile;
    private List<ScopeBlock> blocked = List.of();
    private Verdict verdict;
    private ModelUsage usage = ModelUsage.NONE;
    private String replayOf;
    private List<Repair> repairs = List.of();

    private Builder(String sessionId, String episodeId, Task task) {
      this.sessionId = sessionId;
      this.episodeId = episodeId;
      this.task = task;
    }

    /** When the episode started and how long it took. */
    public Builder timing(Instant started, long millis) {
      this.startedAt = started;
      this.durationMillis = millis;
      return this;
    }

    public Builder steps(List<Step> s) {
      this.steps = s;
      return this;
    }

    /** How it ended, and the answer (or the reason it gave up or failed). */
    public Builder ended(Status how, String text) {
      this.status = how;
      this.answer = text;
      return this;
    }

    /** The page it ended on, and the files of its last snapshot and screenshot. */
    public Builder finalPage(String url, String title, String snapshotFile,
        String screenshotFile) {
      this.finalUrl = url;
      this.finalTitle = title;
      this.finalSnapshotFile = snapshotFile;
      this.finalScreenshotFile = screenshotFile;
      return this;
    }

    public Builder blocked(List<ScopeBlock> b) {
      this.blocked = b;
      return this;
    }

    public Builder verdict(Verdict v) {
      this.verdict = v;
      return this;
    }

    public Builder usage(ModelUsage u) {
      this.usage = u;
      return this;
    }

    public Builder replayOf(String original) {
      this.replayOf = original;
      return this;
    }

    public Builder repairs(List<Repair> r) {
      this.repairs = r;
      return this;
    }

    public Trajectory build() {
      return new Trajectory(schemaVersion, sessionId, episodeId, task, startedAt,
          durationMillis, steps, status, answer, finalUrl, finalTitle, finalSnapshotFile,
          finalScreenshotFile, blocked, verdict, usage, replayOf, repairs);
    }
  }

  /** True when an evaluator judged this trajectory a success. */
  public boolean succeeded() {
    return verdict != null && verdict.success();
  }
}
