package dev.skillwright.browser;

import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.impl.driver.jar.DriverJar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
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
 * user chose ({@code playwright.cli.dir}, {@code PLAYWRIGHT_DRIVER_DIR}) and a start that must
 * download Playwright's own browsers, which only the default driver does.
 *
 * <p>Thread-safe. Playwright keeps one driver per JVM, chosen at its first start: the choice made
 * then holds for every {@code Playwright} the JVM creates.
 */
public final class DriverCache {
  private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");
  private static final String CLI_DIR = "playwright.cli.dir";

  private DriverCache() {}

  /**
   * Creates a {@link Playwright} with {@code env} for its driver, from the cached driver when
   * {@code browsersInstalled} (no download of Playwright's own browsers is wanted) and the cache
   * can be used.
   */
  public static Playwright create(Map<String, String> env, boolean browsersInstalled) {
    if (browsersInstalled) {
      use(cacheRoot(Chromium.Environment.system()));
    }
    return Playwright.create(new Playwright.CreateOptions().setEnv(env));
  }

  /**
   * Points Playwright at the cached driver under {@code root} (unpacking it there first when
   * needed), unless a driver was chosen already; false when the default driver is to be used.
   */
  static synchronized boolean use(Optional<Path> root) {
    if (System.getProperty(CLI_DIR) != null || System.getenv("PLAYWRIGHT_DRIVER_DIR") != null) {
      return false; // the user's own choice, or ours made already
    }
    Optional<Path> dir = root.flatMap(DriverCache::unpacked);
    dir.ifPresent(d -> System.setProperty(CLI_DIR, d.toString()));
    return dir.isPresent();
  }

  /** The driver under {@code root}, unpacked there if it is not yet; empty if it cannot be. */
  static Optional<Path> unpacked(Path root) {
    Optional<String> version = version();
    if (version.isEmpty()) {
      return Optional.empty();
    }
    Path dir = root.resolve("playwright-driver-" + version.get() + "-"
        + System.getProperty("os.name").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "")
        + "-" + System.getProperty("os.arch").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", ""));
    try {
      Files.createDirectories(root, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
          java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
      if (!ownedAlone(root)) {
        return Optional.empty();
      }
      if (complete(dir)) {
        return ownedAlone(dir) ? Optional.of(dir) : Optional.empty();
      }
      if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        // a driver that lost a file since (a cleaner, a hand): unpacked again beside it
        Path broken = root.resolve(".broken-" + ProcessHandle.current().pid() + "-"
            + System.nanoTime());
        Files.move(dir, broken, StandardCopyOption.ATOMIC_MOVE);
        delete(broken);
      }
      sweep(root);
      // owner-only, as a temporary directory is made
      Path staged = Files.createTempDirectory(root, ".unpacking-");
      try {
        DriverJar.installDriverTo(staged);
        if (!complete(staged)) {
          return Optional.empty();
        }
        Files.move(staged, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        // another process put its own in place meanwhile, or the disk is full: told apart below
      } finally {
        delete(staged);
      }
      return complete(dir) && ownedAlone(dir) ? Optional.of(dir) : Optional.empty();
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      return Optional.empty(); // the default driver, unpacked where Playwright puts it
    }
  }

  /** Whether {@code dir} holds a driver that can run: Node.js and Playwright's entry point. */
  static boolean complete(Path dir) {
    Path node = dir.resolve(System.getProperty("os.name").toLowerCase(Locale.ROOT)
        .startsWith("windows") ? "node.exe" : "node");
    return Files.isRegularFile(node, LinkOption.NOFOLLOW_LINKS) && Files.isExecutable(node)
        && Files.isRegularFile(dir.resolve("package").resolve("cli.js"));
  }

  /**
   * Whether {@code dir} is this user's, a real directory, and not writable by anyone else: what
   * runs from it must be what was unpacked there. True where POSIX permissions do not exist.
   */
  private static boolean ownedAlone(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
      return !p.contains(PosixFilePermission.GROUP_WRITE)
          && !p.contains(PosixFilePermission.OTHERS_WRITE)
          && Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName()
              .equals(System.getProperty("user.name"));
    } catch (UnsupportedOperationException e) {
      return true;
    }
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

  /** Deletes what unpacking left behind an hour ago or more (a process killed meanwhile). */
  private static void sweep(Path root) {
    long hourAgo = System.currentTimeMillis() - 3_600_000L;
    try (Stream<Path> all = Files.list(root)) {
      all.filter(p -> p.getFileName().toString().matches("\\.(unpacking|broken)-.*"))
          .filter(p -> {
            try {
              return Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() < hourAgo;
            } catch (IOException e) {
              return false;
            }
          })
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
