package dev.skillwright.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Playwright's driver unpacked once into a cache, never half: what a later start reuses, what it
 * unpacks again, and where it will not run a driver from.
 */
class DriverCacheTest {
  @TempDir
  Path home;
  /** The cache, as in a home of one's own (the temporary folders' parent is everyone's). */
  Path root;

  @org.junit.jupiter.api.BeforeEach
  void cacheInAHomeOfOnesOwn() {
    root = home.resolve("skillwright");
  }

  @Test
  void the_driver_is_unpacked_once_runs_from_there_and_is_then_reused() throws Exception {
    Path dir = DriverCache.unpacked(root).orElseThrow();

    assertThat(dir.getParent()).isEqualTo(root);
    assertThat(dir.getFileName().toString()).startsWith("playwright-driver-"
        + DriverCache.version().orElseThrow() + "-");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    Process node = new ProcessBuilder(dir.resolve("node").toString(),
        dir.resolve("package").resolve("cli.js").toString(), "--version")
        .redirectErrorStream(true).start();
    assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .as("Playwright's own command line, run from the cache")
        .contains(DriverCache.version().orElseThrow());
    FileTime unpacked = Files.getLastModifiedTime(dir.resolve("node"));
    Files.setLastModifiedTime(dir.resolve("node"), FileTime.fromMillis(1_000));

    assertThat(DriverCache.unpacked(root)).contains(dir);
    // the same cache, named the long way round ($XDG_CACHE_HOME=/home/u/./.cache, say)
    assertThat(DriverCache.unpacked(home.resolve("elsewhere").resolve("..").resolve(".")
        .resolve("skillwright"))).contains(dir);
    assertThat(Files.getLastModifiedTime(dir.resolve("node")).toMillis())
        .as("not unpacked again (it was at %s)", unpacked).isEqualTo(1_000);
    assertThat(names(root)).containsExactly(".lock", dir.getFileName().toString());
  }

  @Test
  void a_driver_that_lost_or_cut_a_file_is_unpacked_again() throws Exception {
    Path dir = DriverCache.unpacked(root).orElseThrow();
    Files.delete(dir.resolve("package").resolve("cli.js"));

    assertThat(DriverCache.complete(dir)).isFalse();
    assertThat(DriverCache.unpacked(root)).contains(dir);
    assertThat(DriverCache.complete(dir)).isTrue();

    // a file of its package cut short (a crash, a full disk), Node.js and the entry point intact
    Path lib;
    try (Stream<Path> s = Files.walk(dir.resolve("package").resolve("lib"))) {
      lib = s.filter(f -> f.toString().endsWith(".js")).findFirst().orElseThrow();
    }
    long size = Files.size(lib);
    Files.writeString(lib, "cut");
    assertThat(DriverCache.complete(dir)).isFalse();
    assertThat(DriverCache.unpacked(root)).contains(dir);
    assertThat(Files.size(lib)).isEqualTo(size);
    assertThat(names(root)).containsExactly(".lock", dir.getFileName().toString());
  }

  @Test
  void what_a_start_killed_while_unpacking_left_is_swept_by_the_next_start() throws Exception {
    Path dir = DriverCache.unpacked(root).orElseThrow();
    // a start killed while unpacking: a directory no start takes for a driver
    Path half = Files.createDirectory(root.resolve(".unpacking-12345"));
    Files.writeString(half.resolve("node"), "half");

    assertThat(DriverCache.unpacked(root)).contains(dir);
    assertThat(names(root)).containsExactly(".lock", dir.getFileName().toString());
  }

  @Test
  void a_driver_or_node_the_user_chose_is_left_to_playwright() {
    java.util.function.UnaryOperator<String> none = name -> null;

    assertThat(DriverCache.chosenByUser(java.util.Map.of(), none, none)).isFalse();
    assertThat(DriverCache.chosenByUser(java.util.Map.of("PLAYWRIGHT_NODEJS_PATH", "/usr/bin/node"),
        none, none)).isTrue();
    assertThat(DriverCache.chosenByUser(java.util.Map.of(),
        name -> name.equals("playwright.cli.dir") ? "/opt/driver" : null, none)).isTrue();
    assertThat(DriverCache.chosenByUser(java.util.Map.of(), none,
        name -> name.equals("PLAYWRIGHT_DRIVER_DIR") ? "/opt/driver" : null)).isTrue();
  }

  @Test
  void a_cache_others_may_write_to_is_not_run_from() throws Exception {
    Files.createDirectory(root);
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThat(DriverCache.unpacked(root)).isEmpty();
    assertThat(names(root)).as("nothing unpacked there either").isEmpty();
    // nor in a cache whose parent others may write to (who could swap the cache itself)
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(DriverCache.unpacked(root)).isEmpty();
    assertThat(names(root)).isEmpty();
  }

  @Test
  void a_driver_someone_else_could_have_replaced_is_not_run_from() throws Exception {
    Path dir = DriverCache.unpacked(root).orElseThrow();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThat(DriverCache.unpacked(root)).isEmpty();
  }

  @Test
  void the_cache_goes_under_xdg_cache_home_when_it_is_set_else_under_the_home() {
    assertThat(DriverCache.cacheRoot(name -> name.equals("XDG_CACHE_HOME")
        ? Optional.of("/var/cache/me") : Optional.empty()))
        .contains(Path.of("/var/cache/me", "skillwright"));
    assertThat(DriverCache.cacheRoot(name -> name.equals("XDG_CACHE_HOME")
        ? Optional.of("relative/path") : Optional.empty()))
        .contains(Path.of(System.getProperty("user.home"), ".cache", "skillwright"));
  }

  private static java.util.List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
