package dev.skillwright.trajectories;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The data directory: every session, episode and skill a run produces, laid out as in
 * ARCHITECTURE.md. Writes are atomic; every read checks the schema version and fails with a
 * {@link BadInputException} that names the file and the problem. Thread-safe.
 */
public final class Store {
  public static final String TRAJECTORY_FILE = "trajectory.json";
  public static final String SESSION_FILE = "session.json";
  public static final String EVENTS_FILE = "events.jsonl";
  /** The tasks a session runs, saved when they are proposed, so it can be resumed. */
  public static final String TASKS_FILE = "tasks.json";
  /** Held by the process that runs a session, for as long as it runs. */
  static final String SESSION_LOCK = "session.lock";
  /** Held by the process that writes the data directory, for as long as its session runs. */
  static final String DATA_LOCK = "busy.lock";
  static final int TASKS_SCHEMA_VERSION = 1;

  private static final DateTimeFormatter SESSION_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path root;

  private Store(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** Opens (without creating) the data directory at {@code root}. */
  public static Store at(Path root) {
    return new Store(root);
  }

  public Path root() {
    return root;
  }

  public Path sessionsDir() {
    return root.resolve("sessions");
  }

  public Path skillsDir() {
    return root.resolve("skills");
  }

  public Path cacheDir() {
    return root.resolve("cache");
  }

  /** A new, sortable session id such as {@code 20261122-031500-7f3a}. */
  public static String newSessionId(Clock clock, Random random) {
    return SESSION_TIME.format(clock.instant()) + "-"
        + HexFormat.of().toHexDigits((short) random.nextInt(1 << 16));
  }

  /**
   * Creates the session's folder, takes its lock (held until the log is closed) and writes its
   * first {@code session.json}.
   */
  public SessionLog startSession(SessionRecord record) {
    Path dir = sessionsDir().resolve(record.id());
    if (Files.exists(dir)) {
      throw new SkillwrightException("session folder already exists: " + dir);
    }
    SessionLog log = new SessionLog(dir);
    log.lock();
    log.write(record);
    return log;
  }

  /**
   * Takes the data directory for one writing process, until the lock is closed: a second one is
   * refused at once. The operating system frees the lock when the process dies, however it dies.
   *
   * @throws BadInputException when another process (or this one) holds it
   */
  public FileLocks.Held lockDataDir(String purpose) {
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + root + ": "
          + e.getMessage(), e);
    }
    Path f = root.resolve(DATA_LOCK);
    return FileLocks.tryLock(f, purpose).orElseThrow(() -> new BadInputException(
        "the data directory " + root + " is in use by another process ("
        + FileLocks.owner(f) + "); wait for it to finish, or give another --data-dir"));
  }

  /**
   * Like {@link #lockDataDir}, but waits up to {@code patience} for another process to finish,
   * telling {@code notice} once that it waits: a single task ({@code run}, {@code replay}) queues
   * behind a running one instead of failing.
   *
   * @throws BadInputException when the directory is still in use after {@code patience}
   */
  public FileLocks.Held awaitDataDir(String purpose, java.time.Duration patience,
      java.util.function.Consumer<String> notice) {
    long until = System.nanoTime() + patience.toNanos();
    boolean told = false;
    while (true) {
      try {
        return lockDataDir(purpose);
      } catch (BadInputException busy) {
        if (System.nanoTime() > until) {
          throw busy;
        }
        if (!told) {
          notice.accept("skillwright: the data directory " + root + " is in use by another "
              + "process; waiting for it (up to " + patience.toMinutes() + " min)...");
          told = true;
        }
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw busy;
        }
      }
    }
  }

  /**
   * Marks every session still recorded as running whose process is gone (its lock is free) as
   * {@link SessionRecord.Status#INTERRUPTED}.
   *
   * @return the ids of the sessions marked
   */
  public List<String> markInterrupted() {
    List<String> marked = new ArrayList<>();
    for (Path dir : listDirs(sessionsDir())) {
      Path f = dir.resolve(SESSION_FILE);
      if (!Files.exists(f)) {
        continue;
      }
      SessionRecord r;
      try {
        r = readSession(f);
      } catch (BadInputException e) {
        continue;
      }
      if (r.status() != SessionRecord.Status.RUNNING) {
        continue;
      }
      Optional<FileLocks.Held> free = FileLocks.tryLock(dir.resolve(SESSION_LOCK), "check");
      if (free.isPresent()) {
        try (FileLocks.Held h = free.get()) {
          AtomicFiles.write(f, toJson(r.with(SessionRecord.Status.INTERRUPTED, r.finishedAt(),
              r.counters(), r.usage())));
          marked.add(r.id());
        }
      }
    }
    return marked;
  }

  /**
   * The writer of an existing session, to append to it.
   *
   * @throws BadInputException when there is no such session
   */
  public SessionLog session(String sessionId) {
    Path dir = sessionsDir().resolve(sessionId);
    if (!sessionId.matches("[A-Za-z0-9._-]+") || !Files.exists(dir.resolve(SESSION_FILE))) {
      throw new BadInputException("no session '" + sessionId + "' in " + root);
    }
    return new SessionLog(dir);
  }

  /**
   * The writer of an existing session, to run the rest of it: takes its lock.
   *
   * @throws BadInputException when there is no such session or another process runs it
   */
  public SessionLog resumeSession(String sessionId) {
    SessionLog log = session(sessionId);
    log.lock();
    return log;
  }

  /** The tasks saved with a session, empty when it had none saved yet. */
  public Optional<List<Task>> readTasks(String sessionId) {
    Path f = session(sessionId).dir().resolve(TASKS_FILE);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    JsonNode tree = readVersioned(f, TASKS_SCHEMA_VERSION);
    try {
      return Optional.of(List.of(Json.mapper().treeToValue(tree.path("tasks"), Task[].class)));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new BadInputException(display(f) + ": not a task list: " + firstLine(e));
    }
  }

  /** Reads a trajectory file, checking its schema version. */
  public Trajectory readTrajectory(Path file) {
    JsonNode tree = readVersioned(file, Trajectory.SCHEMA_VERSION);
    try {
      return Json.mapper().treeToValue(tree, Trajectory.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new BadInputException(display(file) + ": not a trajectory: " + firstLine(e));
    }
  }

  public SessionRecord readSession(Path file) {
    JsonNode tree = readVersioned(file, SessionRecord.SCHEMA_VERSION);
    try {
      return Json.mapper().treeToValue(tree, SessionRecord.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new BadInputException(display(file) + ": not a session record: " + firstLine(e));
    }
  }

  /** The session records, newest first. */
  public List<SessionRecord> sessions() {
    List<SessionRecord> out = new ArrayList<>();
    for (Path dir : listDirs(sessionsDir())) {
      Path f = dir.resolve(SESSION_FILE);
      if (Files.exists(f)) {
        out.add(readSession(f));
      }
    }
    out.sort(Comparator.comparing(SessionRecord::id).reversed());
    return out;
  }

  /** Where a session keeps the episodes of its tasks. */
  public static final String EPISODES = "episodes";
  /** Where a session keeps the re-executions that verified skills: episodes, but not tasks. */
  static final String VERIFICATIONS = "verifications";

  /**
   * Finds an episode's trajectory file by episode id (a task's or a skill verification's),
   * searching every session.
   */
  public Optional<Path> findEpisode(String episodeId) {
    if (!episodeId.matches("[A-Za-z0-9._-]+")) {
      return Optional.empty();
    }
    for (Path session : listDirs(sessionsDir())) {
      for (String kind : List.of(EPISODES, VERIFICATIONS)) {
        Path f = session.resolve(kind).resolve(episodeId).resolve(TRAJECTORY_FILE);
        if (Files.exists(f)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The trajectory a user names: a {@code trajectory.json}, the episode folder holding one, an
   * episode id of this data directory, or {@value #LAST} for the newest task episode.
   *
   * @throws BadInputException when it is none of these
   */
  public Path trajectoryFile(String episodeOrPath) {
    if (episodeOrPath.equals(LAST) && !Files.exists(Path.of(LAST))) {
      List<Path> all = trajectoryFiles();
      if (all.isEmpty()) {
        throw new BadInputException("no episodes yet in " + root);
      }
      return all.get(all.size() - 1);
    }
    Path file = Path.of(episodeOrPath);
    if (Files.isDirectory(file)) {
      file = file.resolve(TRAJECTORY_FILE);
    }
    if (Files.isRegularFile(file)) {
      return file;
    }
    return findEpisode(episodeOrPath).orElseThrow(() -> new BadInputException(
        "no episode '" + episodeOrPath + "' in " + root + " and no such file"));
  }

  /** What a user types for the newest task episode: {@code show last}. */
  public static final String LAST = "last";

  /**
   * The id of the session a user names: a session id, or {@value #LAST} for the newest.
   *
   * @throws BadInputException when there is no such session
   */
  public String sessionId(String sessionOrLast) {
    if (sessionOrLast.equals(LAST)) {
      List<SessionRecord> all = sessions();
      if (all.isEmpty()) {
        throw new BadInputException("no sessions yet in " + root);
      }
      return all.get(0).id();
    }
    session(sessionOrLast);
    return sessionOrLast;
  }

  /** The trajectory files of one session's task episodes, in the order they were numbered. */
  public List<Path> trajectoryFiles(String sessionId) {
    return episodeFiles(session(sessionId).dir());
  }

  /** Every task episode's trajectory file (not the skill verifications), sorted by path. */
  public List<Path> trajectoryFiles() {
    List<Path> out = new ArrayList<>();
    for (Path session : listDirs(sessionsDir())) {
      out.addAll(episodeFiles(session));
    }
    return out;
  }

  private static List<Path> episodeFiles(Path sessionDir) {
    List<Path> out = new ArrayList<>();
    for (Path ep : listDirs(sessionDir.resolve(EPISODES))) {
      Path f = ep.resolve(TRAJECTORY_FILE);
      if (Files.exists(f)) {
        out.add(f);
      }
    }
    return out;
  }


  private static List<Path> listDirs(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode readVersioned(Path file, int expected) {
    String where = display(file);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BadInputException(where + ": no such file");
    } catch (IOException e) {
      throw new BadInputException(where + ": cannot read: " + e.getMessage());
    }
    JsonNode tree;
    try {
      tree = Json.mapper().readTree(bytes);
    } catch (IOException e) {
      throw new BadInputException(where + ": not valid JSON: " + firstLine(e));
    }
    if (tree == null || !tree.isObject()) {
      throw new BadInputException(where + ": expected a JSON object");
    }
    JsonNode version = tree.get("schemaVersion");
    if (version == null || !version.isInt()) {
      throw new BadInputException(where + ": no schemaVersion");
    }
    if (version.intValue() != expected) {
      String hint = version.intValue() > expected ? " (written by a newer Skillwright)" : "";
      throw new BadInputException(where + ": expected schemaVersion " + expected + ", found "
          + version.intValue() + hint);
    }
    return tree;
  }

  /** The path relative to the data directory when it is inside it, else as given. */
  String display(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(root) ? root.relativize(abs).toString() : file.toString();
  }

  static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** Writes one session's files. Thread-safe. Close it to release the session's lock. */
  public static final class SessionLog implements AutoCloseable {
    private final Path dir;
    private FileLocks.Held lock;

    SessionLog(Path dir) {
      this.dir = dir;
    }

    public Path dir() {
      return dir;
    }

    synchronized void lock() {
      if (lock == null) {
        try {
          Files.createDirectories(dir);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        Path f = dir.resolve(SESSION_LOCK);
        lock = FileLocks.tryLock(f, "session " + dir.getFileName()).orElseThrow(() ->
            new BadInputException("session " + dir.getFileName() + " is running in another "
                + "process (" + FileLocks.owner(f) + ")"));
      }
    }

    /** Saves the tasks the session runs, in order, so it can be resumed. */
    public void writeTasks(List<Task> tasks) {
      Map<String, Object> doc = new java.util.LinkedHashMap<>();
      doc.put("schemaVersion", TASKS_SCHEMA_VERSION);
      doc.put("tasks", tasks);
      AtomicFiles.write(dir.resolve(TASKS_FILE), toJson(doc));
    }

    @Override
    public synchronized void close() {
      if (lock != null) {
        lock.close();
        lock = null;
      }
    }

    public synchronized void write(SessionRecord record) {
      AtomicFiles.write(dir.resolve(SESSION_FILE), toJson(record));
    }

    /** Appends one event to {@code events.jsonl}: {@code {"type":…, …fields}}. */
    public void event(String type, Map<String, ?> fields) {
      Map<String, Object> line = new java.util.LinkedHashMap<>();
      line.put("type", type);
      line.putAll(fields);
      try {
        AtomicFiles.appendLine(dir.resolve(EVENTS_FILE), Json.compact().writeValueAsString(line));
      } catch (JsonProcessingException e) {
        throw new SkillwrightException("cannot encode event " + type, e);
      }
    }

    public EpisodeFiles episode(String episodeId) {
      return new EpisodeFiles(dir.resolve(EPISODES).resolve(episodeId));
    }

    /** The files of a skill verification, kept apart from the task episodes. */
    public EpisodeFiles verification(String episodeId) {
      return new EpisodeFiles(dir.resolve(VERIFICATIONS).resolve(episodeId));
    }
  }

  /** Writes one episode's files: step snapshots and screenshots, then the trajectory. */
  public static final class EpisodeFiles {
    private final Path dir;

    EpisodeFiles(Path dir) {
      this.dir = dir;
    }

    public Path dir() {
      return dir;
    }

    /**
     * Writes an observation's snapshot and screenshot under {@code stem} ({@code step-003} or
     * {@code final}) and returns their file names, snapshot first.
     */
    public String[] writeObservation(String stem, Observation obs) {
      String aria = stem + ".aria.yaml";
      AtomicFiles.write(dir.resolve(aria), obs.ariaSnapshot());
      return new String[] {aria, writeScreenshot(stem, obs.screenshot())};
    }

    /** Writes a screenshot under {@code stem} and returns its file name; null when empty. */
    public String writeScreenshot(String stem, byte[] jpeg) {
      if (jpeg.length == 0) {
        return null;
      }
      String shot = stem + ".jpg";
      AtomicFiles.write(dir.resolve(shot), jpeg);
      return shot;
    }

    public Path writeTrajectory(Trajectory t) {
      Path f = dir.resolve(TRAJECTORY_FILE);
      AtomicFiles.write(f, toJson(t));
      return f;
    }
  }

  static byte[] toJson(Object value) {
    try {
      return Json.mapper().writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new SkillwrightException("cannot encode " + value.getClass().getSimpleName(), e);
    }
  }
}
