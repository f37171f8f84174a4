package dev.skillwright.browser;

import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.impl.driver.jar.DriverJar;
import dev.skillwright.trajectories.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Starts Playwright from a driver unpacked once per Playwright version, machine user and platform
 * ({@code ~/.cache/skillwright/playwright-driver-<version>-<os>-<arch>}, or under
 * {@code $XDG_CACHE_HOME}), rather than as Playwright for Java does by default: its driver (Node.js
 * and Playwright's own package, some 130 MB in the jar) unpacked into a new temporary directory at
 * every start of a JVM, about a second and a core's second each time, and left half-written behind
 * a process that was killed meanwhile.
 *
 * <p>The cache is written whole before it is used: unpacked into a directory of its own, then
 * renamed into place, so a process killed meanwhile leaves nothing that is taken for a driver, and
 * processes starting together unpack it at most once each. It is used only where it is safe to: a
 * directory this user owns that no one else may write to. Anything else (no home, a full disk, a
 * cache someone else could have written) starts Playwright the default way, as does a driver the
 * user chose ({@code playwright.cli.dir}, {@code PLAYWRIGHT_DRIVER_DIR}, a Node.js of their own,
 * another driver implementation) and a start that must download Playwright's own browsers, which
 * only the default driver does.
 *
 * <p>A driver is complete when every file its manifest lists (written last, after the files were
 * forced to disk) has its size; one that is not is unpacked again. Processes check, repair and
 * unpack under a lock on the cache, so none removes a driver another has just put in place.
 * POSIX file systems only (Linux, macOS): elsewhere the default driver is used.
 *
 * <p>Thread-safe. Playwright keeps one driver per JVM, chosen at its first start: the choice is
 * made once, and holds for every {@code Playwright} the JVM creates.
 */
public final class DriverCache {
  private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");
  private static final String CLI_DIR = "playwright.cli.dir";
  private static final String MANIFEST = ".complete";
  /** Settings by which a user chooses the driver, or how it runs, themselves. */
  private static final List<String> USERS_OWN = List.of("PLAYWRIGHT_DRIVER_DIR",
      "PLAYWRIGHT_NODEJS_PATH", "playwright.cli.dir", "playwright.nodejs.path",
      "playwright.driver.impl");
  private static boolean decided;

  private DriverCache() {}

  /**
   * Creates a {@link Playwright} with {@code env} for its driver, from the cached driver when
   * {@code browsersInstalled} (no download of Playwright's own browsers is wanted) and the cache
   * can be used.
   */
  public static Playwright create(Map<String, String> env, boolean browsersInstalled) {
    if (browsersInstalled) {
      use(cacheRoot(Chromium.Environment.system()), env);
    }
    return Playwright.create(new Playwright.CreateOptions().setEnv(env));
  }

  /**
   * Points Playwright at the cached driver under {@code root} (unpacking it there first when
   * needed), once a JVM, unless the user chose a driver or a Node.js in the system properties,
   * the environment or {@code env}; false when the default driver is to be used.
   */
  static synchronized boolean use(Optional<Path> root, Map<String, String> env) {
    if (decided) {
      return false;
    }
    decided = true; // a failed try (no home, a full disk) would fail again: the driver is chosen
    if (chosenByUser(env, System::getProperty, System::getenv)) {
      return false;
    }
    Optional<Path> dir = root.flatMap(DriverCache::unpacked);
    dir.ifPresent(d -> System.setProperty(CLI_DIR, d.toString()));
    return dir.isPresent();
  }

  /**
   * Whether the user chose the driver, or the Node.js it runs on, in a system property, the
   * environment or the driver's own {@code env}.
   */
  static boolean chosenByUser(Map<String, String> env,
      java.util.function.UnaryOperator<String> properties,
      java.util.function.UnaryOperator<String> environment) {
    return USERS_OWN.stream().anyMatch(own -> properties.apply(own) != null
        || environment.apply(own) != null || env.containsKey(own));
  }

  /** The driver under {@code cache}, unpacked there if it is not yet; empty if it cannot be. */
  static synchronized Optional<Path> unpacked(Path cache) {
    Optional<String> version = version();
    if (version.isEmpty()) {
      return Optional.empty();
    }
    Path root = cache.toAbsolutePath().normalize();
    Path dir = root.resolve("playwright-driver-" + version.get() + "-"
        + System.getProperty("os.name").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "")
        + "-" + System.getProperty("os.arch").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", ""));
    FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------"));
    try {
      // the parent checked before anything is made in it
      Files.createDirectories(root.getParent(), ownerOnly);
      if (!safeParent(root.getParent())) {
        return Optional.empty();
      }
      Files.createDirectories(root, ownerOnly);
      if (!ownedAlone(root)) {
        return Optional.empty();
      }
      try (FileChannel lock = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
          FileLock held = lock(lock)) {
        if (held == null) {
          return Optional.empty(); // another start holds it too long (stopped, or a slow disk)
        }
        sweep(root);
        if (!complete(dir)) {
          unpack(root, dir);
          if (!complete(dir)) {
            return Optional.empty(); // it cannot run from here (a home mounted noexec, say)
          }
        }
      }
      return ownedAlone(dir) ? Optional.of(dir) : Optional.empty();
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      return Optional.empty(); // the default driver, unpacked where Playwright puts it
    }
  }

  /** The cache's lock, waited for up to a minute (an unpacking takes seconds); else null. */
  private static FileLock lock(FileChannel channel) throws IOException {
    long end = System.nanoTime() + 60_000_000_000L;
    for (FileLock held; ; ) {
      held = channel.tryLock();
      if (held != null || System.nanoTime() > end) {
        return held;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return null;
      }
    }
  }

  /** Unpacks the driver beside {@code dir}, forces it to disk, then renames it into place. */
  private static void unpack(Path root, Path dir) throws IOException, java.net.URISyntaxException {
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      // a driver that lost a file since (a cleaner, a hand, a crash): unpacked again
      Path broken = root.resolve(".broken-" + ProcessHandle.current().pid() + "-"
          + System.nanoTime());
      Files.move(dir, broken, StandardCopyOption.ATOMIC_MOVE);
      delete(broken);
    }
    // owner-only, as a temporary directory is made
    Path staged = Files.createTempDirectory(root, ".unpacking-");
    try {
      DriverJar.installDriverTo(staged);
      StringBuilder manifest = new StringBuilder();
      List<Path> files;
      try (Stream<Path> all = Files.walk(staged)) {
        files = all.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted()
            .toList();
      }
      for (Path f : files) {
        try (FileChannel c = FileChannel.open(f, StandardOpenOption.WRITE)) {
          c.force(true);
        }
        manifest.append(Files.size(f)).append(' ')
            .append(staged.relativize(f)).append('\n');
      }
      AtomicFiles.write(staged.resolve(MANIFEST), manifest.toString());
      Files.move(staged, dir, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      delete(staged);
    }
  }

  /**
   * Whether {@code dir} holds a whole driver: its manifest, and every file the manifest lists at
   * its size, Node.js among them and executable (POSIX only, as the whole cache is).
   */
  static boolean complete(Path dir) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(MANIFEST), StandardCharsets.UTF_8);
      for (String line : lines) {
        int space = line.indexOf(' ');
        Path f = dir.resolve(line.substring(space + 1)).normalize();
        if (space < 1 || !f.startsWith(dir) || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
            || Files.size(f) != Long.parseLong(line.substring(0, space))) {
          return false;
        }
      }
      return !lines.isEmpty() && Files.isExecutable(dir.resolve("node"))
          && Files.isRegularFile(dir.resolve("package").resolve("cli.js"));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Whether {@code dir} is this user's, a real directory, and not writable by anyone else: what
   * runs from it must be what was unpacked there.
   */
  private static boolean ownedAlone(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
    return !p.contains(PosixFilePermission.GROUP_WRITE)
        && !p.contains(PosixFilePermission.OTHERS_WRITE)
        && Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName()
            .equals(System.getProperty("user.name"));
  }

  /**
   * Whether no one else can swap the cache out from under it: {@code parent} is this user's or
   * the system's, and no one else may write to it.
   */
  private static boolean safeParent(Path parent) throws IOException {
    if (parent == null) {
      return false;
    }
    Set<PosixFilePermission> p = Files.getPosixFilePermissions(parent);
    String owner = Files.getOwner(parent).getName();
    return (owner.equals(System.getProperty("user.name")) || owner.equals("root"))
        && !p.contains(PosixFilePermission.GROUP_WRITE)
        && !p.contains(PosixFilePermission.OTHERS_WRITE);
  }

  /** The version of Playwright's package in the driver on the class path. */
  static Optional<String> version() {
    try (InputStream in = DriverJar.class.getClassLoader()
        .getResourceAsStream("driver/package/package.json")) {
      if (in == null) {
        return Optional.empty();
      }
      Matcher m = VERSION.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return m.find() && m.group(1).matches("[0-9A-Za-z.+-]{1,64}")
          ? Optional.of(m.group(1)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Where the cache goes: {@code $XDG_CACHE_HOME/skillwright}, else {@code ~/.cache/...}. */
  static Optional<Path> cacheRoot(Chromium.Environment env) {
    try {
      Optional<String> xdg = env.get("XDG_CACHE_HOME").filter(s -> s.startsWith("/"));
      if (xdg.isPresent()) {
        return Optional.of(Path.of(xdg.get(), "skillwright"));
      }
      String home = System.getProperty("user.home");
      return home == null || home.isBlank() || home.equals("?") ? Optional.empty()
          : Optional.of(Path.of(home, ".cache", "skillwright"));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Deletes what unpacking left behind (a process killed meanwhile): called under the cache's
   * lock, which every unpacking holds, so nothing of the kind is in use.
   */
  private static void sweep(Path root) {
    try (Stream<Path> all = Files.list(root)) {
      all.filter(p -> p.getFileName().toString().matches("\\.(unpacking|broken)-.*"))
          .forEach(DriverCache::delete);
    } catch (IOException | RuntimeException e) {
      // swept next time
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // left behind: a name starting with a dot that no start takes for a driver
        }
      });
    } catch (IOException | RuntimeException e) {
      // as above
    }
  }
}
