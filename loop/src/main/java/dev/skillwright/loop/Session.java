package dev.skillwright.loop;

import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.FileLocks;
import dev.skillwright.trajectories.ModelUsage;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Task;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * One session in the data directory: its record ({@code session.json}), its files, its events
 * and their listeners, its counters. It holds the data directory's writer lock while open: a
 * crawl is refused at once when another session writes there; given tasks (run, replay, bench)
 * wait their turn. Sessions whose process died are marked interrupted on open. Thread-safe.
 */
public final class Session implements AutoCloseable {
  private final Store store;
  private final FileLocks.Held busy;
  private final Store.SessionLog log;
  private final Clock clock;
  private final Supplier<ModelUsage> usage;
  private final SessionCounters counters = new SessionCounters();
  private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
  private volatile SessionRecord record;
  /** A resumed session's saved tasks, and which of them are still to run. */
  private final List<Task> saved;
  private final List<Integer> pending;

  /**
   * What a session is opened with.
   *
   * @param config what it runs with, kept in its record ({@code budget}, {@code model}, …)
   * @param waitForDataDir whether to wait for another session's writer lock (given tasks) or
   *     refuse at once (a crawl)
   * @param resume the id of a stopped session to go on with, or null for a new one
   */
  public record Options(String site, String startUrl, String scope, Map<String, String> config,
      boolean waitForDataDir, String resume) {}

  private Session(Store store, FileLocks.Held busy, Store.SessionLog log, SessionRecord record,
      Clock clock, Supplier<ModelUsage> usage, List<Task> saved, List<Integer> pending) {
    this.store = store;
    this.busy = busy;
    this.log = log;
    this.record = record;
    this.clock = clock;
    this.usage = usage;
    this.saved = saved;
    this.pending = pending;
  }

  /**
   * Opens a new session, or resumes {@code options.resume()}, under the data directory
   * {@code dataDir}; {@code listeners} hear every event from the first on, after the counters
   * and the events log.
   *
   * @param usage the model usage so far, recorded with the counters
   */
  public static Session open(Path dataDir, Options options, Clock clock,
      Supplier<ModelUsage> usage, List<SessionListener> listeners) {
    Store store = Store.at(dataDir);
    String purpose = "a session on " + options.site();
    SessionCounters.Snapshot none = new SessionCounters().snapshot();
    // told as it starts to wait, before the session exists
    FileLocks.Held busy = options.waitForDataDir()
        ? store.awaitDataDir(purpose, Duration.ofMinutes(10), w -> listeners.forEach(l -> l.on(
            new SessionEvent.Notice(w.replaceFirst("^skillwright: ", "")))))
        : store.lockDataDir(purpose);
    Store.SessionLog log = null;
    try {
      List<String> interrupted = store.markInterrupted();
      Session s;
      if (options.resume() != null) {
        log = store.resumeSession(options.resume());
        SessionRecord old = store.readSession(log.dir().resolve(Store.SESSION_FILE));
        if (old.status() == SessionRecord.Status.COMPLETED) {
          throw new BadInputException("session " + options.resume() + " is complete: nothing "
              + "to resume");
        }
        List<Task> tasks = store.readTasks(options.resume()).map(t -> SessionResume.rebase(t,
            old.config().get("startUrl"), options.startUrl())).orElse(null);
        Store.SessionLog l = log;
        List<Integer> todo = new ArrayList<>();
        s = new Session(store, busy, log, old.with(SessionRecord.Status.RUNNING, null,
            old.counters(), old.usage()), clock, usage, tasks, todo);
        if (tasks != null) {
          todo.addAll(SessionResume.pending(store, l, tasks,
              t -> s.counters.resumed(t, old.counters().skillsAdded())));
        }
      } else {
        String id = Store.newSessionId(clock, new Random(System.nanoTime()));
        Map<String, String> config = new LinkedHashMap<>(options.config());
        config.put("startUrl", options.startUrl());
        SessionRecord record = new SessionRecord(SessionRecord.SCHEMA_VERSION, id,
            options.site(), options.scope(), clock.instant(), null,
            SessionRecord.Status.RUNNING, config, none.record(), null);
        log = store.startSession(record);
        s = new Session(store, busy, log, record, clock, usage, null, null);
      }
      s.listeners.add(s.counters);
      s.listeners.add(new EventLog(log));
      s.listeners.addAll(listeners);
      for (String id : interrupted) {
        s.publish(new SessionEvent.Notice("session " + id + " was interrupted (its process "
            + "ended while it ran); resume it with: skillwright crawl --resume " + id));
      }
      s.log.write(s.record);
      s.publish(new SessionEvent.Started(s.id(), options.site(), options.resume() != null,
          s.counters()));
      return s;
    } catch (RuntimeException e) {
      if (log != null) {
        log.close();
      }
      busy.close();
      throw e;
    }
  }

  public String id() {
    return record.id();
  }

  /** The session's folder, {@code sessions/<id>/}. */
  public Path dir() {
    return log.dir();
  }

  public Store store() {
    return store;
  }

  /** A resumed session's saved tasks, if it saved any. */
  public Optional<List<Task>> savedTasks() {
    return Optional.ofNullable(saved);
  }

  /** Which of {@code count} tasks still run: all of a new session's, a resumed one's rest. */
  List<Integer> pending(int count) {
    if (saved != null) {
      return pending;
    }
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(i);
    }
    return all;
  }

  /** Saves the tasks the session runs, in order, so it can be resumed. */
  public void saveTasks(List<Task> tasks) {
    log.writeTasks(tasks);
  }

  /** Tells every listener, in order: the counters, the events log, then the caller's. */
  public void publish(SessionEvent event) {
    for (SessionListener l : listeners) {
      l.on(event);
    }
  }

  public SessionCounters.Snapshot counters() {
    return counters.snapshot();
  }

  /** Writes the record with the counts so far. */
  public void checkpoint() {
    log.write(record.with(SessionRecord.Status.RUNNING, null, counters().record(),
        usage.get()));
  }

  /** Marks the session completed. */
  public void completed() {
    SessionCounters.Snapshot c = counters();
    log.write(record.with(SessionRecord.Status.COMPLETED, clock.instant(), c.record(),
        usage.get()));
    publish(new SessionEvent.Finished(c));
  }

  /** Marks the session failed, with why. */
  public void failed(RuntimeException e) {
    log.write(record.with(SessionRecord.Status.FAILED, clock.instant(), counters().record(),
        usage.get()));
    publish(new SessionEvent.Failed(String.valueOf(e.getMessage())));
  }

  Store.EpisodeFiles episode(String episodeId) {
    return log.episode(episodeId);
  }

  Store.EpisodeFiles verification(String episodeId) {
    return log.verification(episodeId);
  }

  /** Releases the session's and the data directory's locks. */
  @Override
  public void close() {
    try {
      log.close();
    } finally {
      busy.close();
    }
  }
}
