package dev.skillwright.skills;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.skillwright.trajectories.AtomicFiles;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.SkillwrightException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.ObjIntConsumer;
import java.util.stream.Stream;

/**
 * The skills as files, the source of truth: {@code skills/<site>/<skill>.json}, one skill each,
 * written atomically. File and folder names are the site and the id made safe (letters, digits,
 * dot, dash, underscore; a hash of the original when anything had to change), so no name a
 * site makes up can leave the folder or collide with {@code index/}. Not thread-safe: the index
 * that owns it serializes access.
 */
final class SkillFiles {
  /** The folder of the derived Lucene index, beside the sites' folders. */
  static final String INDEX = "index";
  private static final int MAX_NAME = 80;
  private static final java.util.regex.Pattern UNSAFE =
      java.util.regex.Pattern.compile("[^A-Za-z0-9._-]");

  private final Path dir;

  SkillFiles(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  Path fileOf(Skill s) {
    String prefix = s.site() + ":";
    String local = s.id().startsWith(prefix) ? s.id().substring(prefix.length()) : s.id();
    return dir.resolve(safe(s.site(), true)).resolve(safe(local, false) + ".json");
  }

  /** Threads of a group write: most of their time is a wait on the disk, not on a core. */
  private static final int THREADS = 16;
  /** Fewer skills than this are written one at a time, each with its own fsync. */
  private static final int GROUP = 16;

  /**
   * Writes every skill's file; many at once (a bulk load, a merge) as one group commit: every
   * skill's temporary file is written, then all are forced to disk together from several threads
   * (the file system's journal then commits many files at once instead of one each), then each is
   * renamed over its skill's file ({@link AtomicFiles#stage}). A process killed at any moment
   * leaves each file old or new, never part of one. When a file of a group cannot be written or
   * forced, no file is replaced, and the first error is thrown; when one cannot be renamed, the
   * others are, and the first error is thrown. Fewer than {@value #GROUP} are written one at a
   * time, in order: a failure leaves the files before it replaced. Of a skill given twice, the
   * last is written.
   */
  void writeAll(Collection<Skill> skills) {
    writeAll(lastOfEach(skills), (bytes, i) -> { }, () -> { });
  }

  /** {@code skills} with each id once, where it first comes, as it last comes. */
  static List<Skill> lastOfEach(Collection<Skill> skills) {
    Map<String, Skill> byId = new java.util.LinkedHashMap<>();
    skills.forEach(s -> byId.put(s.id(), s));
    return List.copyOf(byId.values());
  }

  /**
   * {@link #writeAll(Collection)}, with work that goes with it done while the disk works (after
   * the files when they are few): each skill's file content and place in {@code skills} go to
   * {@code encoded} on the threads that write them, so work that needs the same encoding (the
   * index's documents) is done once; {@code whileForcing} runs on the calling thread once every
   * file is written, while they are forced. An error of {@code encoded} stops the group as a
   * file's would; one of {@code whileForcing} is thrown once the files are in place. Each skill
   * comes once in {@code skills} ({@link #lastOfEach}).
   */
  void writeAll(List<Skill> skills, ObjIntConsumer<byte[]> encoded, Runnable whileForcing) {
    if (skills.size() < GROUP) {
      for (int i = 0; i < skills.size(); i++) {
        encoded.accept(write(skills.get(i)), i);
      }
      whileForcing.run();
      return;
    }
    int n = skills.size();
    AtomicFiles.Staged[] staged = new AtomicFiles.Staged[n];
    ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "skill-files");
      t.setDaemon(true);
      return t;
    });
    try {
      RuntimeException first = await(each(pool, n, i -> {
        byte[] bytes = bytes(skills.get(i));
        staged[i] = AtomicFiles.stage(fileOf(skills.get(i)), bytes);
        encoded.accept(bytes, i);
      }), null);
      if (first == null) {
        List<Future<?>> forced = each(pool, n, i -> staged[i].force());
        RuntimeException meanwhile = null;
        try {
          whileForcing.run();
        } catch (RuntimeException e) {
          meanwhile = e;
        }
        first = await(forced, null);
        if (first == null) {
          // every rename is tried: one that fails leaves the others to go in place
          AtomicReference<RuntimeException> renames = new AtomicReference<>();
          first = await(each(pool, n, i -> {
            try {
              staged[i].commit();
            } catch (RuntimeException e) {
              renames.compareAndSet(null, e);
            }
          }), null);
          first = first != null ? first : renames.get();
        }
        if (first == null) {
          first = meanwhile;
        } else if (meanwhile != null) {
          first.addSuppressed(meanwhile);
        }
      }
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdownNow();
      // an interrupted wait leaves workers going: none may rename or stage after this
      boolean interrupted = false;
      while (true) {
        try {
          if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
            break;
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      for (AtomicFiles.Staged f : staged) {
        if (f != null) {
          f.discard();
        }
      }
    }
  }

  /** Runs {@code step} for every file's index, {@link #THREADS} at a time. */
  private static List<Future<?>> each(ExecutorService pool, int n, IntConsumer step) {
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>(THREADS);
    for (int w = 0; w < THREADS; w++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
          step.accept(i);
        }
        return null;
      }));
    }
    return workers;
  }

  /** Waits for every worker; the first error, {@code first} when there was one before. */
  private static RuntimeException await(List<Future<?>> workers, RuntimeException first) {
    for (Future<?> f : workers) {
      try {
        f.get();
      } catch (ExecutionException e) {
        if (first == null) {
          first = e.getCause() instanceof RuntimeException r ? r
              : new SkillwrightException("cannot write a skill file", e.getCause());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SkillwrightException("interrupted while writing skill files", e);
      }
    }
    return first;
  }

  /** The content of the file of {@code s}. */
  static byte[] bytes(Skill s) {
    try {
      return Json.mapper().writeValueAsBytes(s);
    } catch (JsonProcessingException e) {
      throw new SkillwrightException("cannot encode skill " + s.id(), e);
    }
  }

  /** Writes the file of {@code s}; its content. */
  byte[] write(Skill s) {
    byte[] bytes = bytes(s);
    AtomicFiles.write(fileOf(s), bytes);
    return bytes;
  }

  /** Removes the file of {@code s}, once it is stored under another id. */
  void delete(Skill s) {
    try {
      Files.deleteIfExists(fileOf(s));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + fileOf(s), e);
    }
  }

  /**
   * Every readable skill file, by skill id. A file that cannot be read is moved aside to
   * {@code <name>.unreadable-<millis>}, never deleted, and reported to {@code notices}.
   */
  Map<String, Skill> readAll(Consumer<String> notices) {
    Map<String, Skill> out = new TreeMap<>();
    for (Path site : siteDirs()) {
      for (Path f : list(site)) {
        String n = f.getFileName().toString();
        if (!n.endsWith(".json") || n.startsWith(".") || !Files.isRegularFile(f)) {
          continue;
        }
        try {
          Skill s = Json.mapper().readValue(f.toFile(), Skill.class);
          if (s.schemaVersion() != Skill.SCHEMA_VERSION) {
            throw new IOException("expected schemaVersion " + Skill.SCHEMA_VERSION + ", found "
                + s.schemaVersion());
          }
          out.put(s.id(), s);
        } catch (IOException | RuntimeException e) {
          Path aside = f.resolveSibling(n + ".unreadable-" + System.currentTimeMillis());
          String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
          try {
            Files.move(f, aside);
            notices.accept("skill file " + dir.relativize(f) + " cannot be read (" + why
                + "); kept as " + aside.getFileName());
          } catch (IOException moveFailed) {
            notices.accept("skill file " + dir.relativize(f) + " cannot be read (" + why
                + "); left as it is");
          }
        }
      }
    }
    return out;
  }

  /** The sites' folders: every folder but the index and its set-aside copies. */
  private List<Path> siteDirs() {
    return list(dir).stream().filter(Files::isDirectory)
        .filter(p -> !p.getFileName().toString().startsWith(INDEX)).toList();
  }

  private static List<Path> list(Path d) {
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + d + ": " + e.getMessage(), e);
    }
  }

  /**
   * A file or folder name for {@code raw}: itself when it is already safe, else its safe
   * characters and a hash of the original. A site's folder never starts with {@code index}.
   */
  static String safe(String raw, boolean folder) {
    String clean = UNSAFE.matcher(raw).replaceAll("_");
    boolean changed = !clean.equals(raw) || clean.isEmpty() || clean.startsWith(".")
        || clean.length() > MAX_NAME
        || folder && clean.toLowerCase(Locale.ROOT).startsWith(INDEX);
    if (!changed) {
      return clean;
    }
    String base = clean.replaceAll("^[._]+", "");
    base = base.length() > MAX_NAME ? base.substring(0, MAX_NAME) : base;
    if (folder && base.toLowerCase(Locale.ROOT).startsWith(INDEX)) {
      base = "site-" + base;
    }
    String hash = HexFormat.of().formatHex(sha256(raw), 0, 4);
    return (base.isEmpty() ? "skill" : base) + "-" + hash;
  }

  private static byte[] sha256(String s) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
