package dev.skillwright.trajectories;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A session's {@code session.json}: its configuration, timings, counters and status.
 *
 * @param config the settings it ran with, flag name to value, sorted
 */
@JsonPropertyOrder({"schemaVersion", "id"})
public record SessionRecord(
    int schemaVersion,
    String id,
    String site,
    String scope,
    Instant startedAt,
    Instant finishedAt,
    Status status,
    Map<String, String> config,
    Counters counters,
    ModelUsage usage) {

  public static final int SCHEMA_VERSION = 1;

  /**
   * A session is running while its process holds its lock; one found running with the lock free
   * was interrupted (its process was killed or the machine stopped), and is marked so by the next
   * session that starts in the data directory.
   */
  public enum Status {
    RUNNING,
    COMPLETED,
    FAILED,
    INTERRUPTED
  }

  /** What a session has done so far. */
  public record Counters(
      int proposed, int episodes, int done, int succeeded, int errored, int skillsAdded) {
    public static Counters zero() {
      return new Counters(0, 0, 0, 0, 0, 0);
    }
  }

  public SessionRecord {
    requireNonNull(id, "id");
    requireNonNull(status, "status");
    config = config == null ? Map.of() : new TreeMap<>(config);
    counters = counters == null ? Counters.zero() : counters;
    usage = usage == null ? ModelUsage.NONE : usage;
  }

  public SessionRecord with(Status newStatus, Instant finished, Counters newCounters,
      ModelUsage newUsage) {
    return new SessionRecord(schemaVersion, id, site, scope, startedAt, finished, newStatus,
        config, newCounters, newUsage);
  }
}
