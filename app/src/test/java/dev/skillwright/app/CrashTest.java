package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Killing a crawl mid-session (SIGKILL, no shutdown hooks) loses nothing that was written. */
class CrashTest {
  @TempDir
  Path data;

  @Test
  void a_killed_crawl_leaves_readable_trajectories_an_openable_index_and_a_usable_data_dir()
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "crawl", "--env", "shop", "--budget", "30", "--seed", "11",
        "--data-dir", data.toString()));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(data.resolve("child.log").toFile()).start();
    try {
      Store store = Store.at(data);
      Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
      // wait until a skill is committed and a few episodes are written, then kill mid-episode
      while (store.trajectoryFiles().size() < 3 && Instant.now().isBefore(deadline)) {
        assertThat(child.isAlive()).as("the crawl ended before it was killed").isTrue();
        Thread.sleep(100);
      }
      Thread.sleep(700);
    } finally {
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    Store store = Store.at(data);
    List<Path> files = store.trajectoryFiles();
    assertThat(files).hasSizeBetween(3, 29);
    files.forEach(store::readTrajectory);
    try (SkillIndex index = SkillIndex.open(store.skillsDir())) {
      assertThat(index.list(null)).isNotEmpty();
    }
    assertThat(Files.readString(data.resolve("child.log"))).contains("[2/30]")
        .doesNotContain("[30/30]");

    Cli next = Cli.run("crawl", "--env", "shop", "--budget", "2", "--seed", "11",
        "--data-dir", data.toString());
    assertThat(next.exit()).as(next.err()).isZero();
    assertThat(store.trajectoryFiles()).hasSize(files.size() + 2);
    try (SkillIndex index = SkillIndex.open(store.skillsDir())) {
      assertThat(index.list(null)).isNotEmpty();
    }
  }
}
