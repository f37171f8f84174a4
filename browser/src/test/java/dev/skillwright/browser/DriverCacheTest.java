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
  Path root;

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
    assertThat(Files.getLastModifiedTime(dir.resolve("node")).toMillis())
        .as("not unpacked again (it was at %s)", unpacked).isEqualTo(1_000);
    assertThat(names(root)).containsExactly(dir.getFileName().toString());
  }

  @Test
  void a_driver_that_lost_a_file_is_unpacked_again_and_what_a_killed_start_left_is_swept()
      throws Exception {
    Path dir = DriverCache.unpacked(root).orElseThrow();
    Files.delete(dir.resolve("package").resolve("cli.js"));
    // a start killed while unpacking, two hours ago: a directory no start takes for a driver
    Path half = Files.createDirectory(root.resolve(".unpacking-12345"));
    Files.writeString(half.resolve("node"), "half");
    Files.setLastModifiedTime(half, FileTime.fromMillis(System.currentTimeMillis() - 7_200_000));

    assertThat(DriverCache.complete(dir)).isFalse();
    assertThat(DriverCache.unpacked(root)).contains(dir);
    assertThat(DriverCache.complete(dir)).isTrue();
    assertThat(names(root)).containsExactly(dir.getFileName().toString());
  }

  @Test
  void a_cache_others_may_write_to_is_not_run_from() throws Exception {
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThat(DriverCache.unpacked(root)).isEmpty();
    assertThat(names(root)).as("nothing unpacked there either").isEmpty();
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
