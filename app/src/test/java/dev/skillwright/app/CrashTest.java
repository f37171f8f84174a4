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
  /** Kill points of the resume test, at least ten. */
  static final int KILLS = 10;

  static Process child(Path log, String... args) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  static void kill(Process p) throws Exception {
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  /** Every JSON file parses, every line of every JSON-lines file too. */
  static int assertEveryFileReadable(Path dir) throws Exception {
    int n = 0;
    try (var files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".json")) {
          assertThat(dev.skillwright.trajectories.Json.mapper().readTree(f.toFile()).isObject())
              .as(f.toString()).isTrue();
          n++;
        } else if (name.endsWith(".jsonl")) {
          for (String line : Files.readAllLines(f)) {
            assertThat(dev.skillwright.trajectories.Json.mapper().readTree(line).isObject())
                .as(f + ": " + line).isTrue();
          }
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Kills {@code p} after a random number (0 to 2) of new session events and a random pause, so
   * the kill points spread over start-up, crawling, episodes and learning however loaded the
   * machine is.
   */
  static void killAtARandomPoint(Process p, Path events, java.util.Random random)
      throws Exception {
    int wanted = random.nextInt(3);
    long start = lines(events);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (p.isAlive() && lines(events) - start < wanted && Instant.now().isBefore(deadline)) {
      Thread.sleep(25);
    }
    Thread.sleep(random.nextInt(800));
    kill(p);
  }

  static long lines(Path f) throws Exception {
    return Files.exists(f) ? Files.readAllLines(f).size() : 0;
  }

  @Test
  void kills_at_random_points_leave_readable_files_and_an_interrupted_session_that_resumes()
      throws Exception {
    Path dir = data.resolve("resumed");
    Path log = data.resolve("resume.log");
    java.util.Random random = new java.util.Random(29);
    Store store = Store.at(dir);
    // (exploring is not what is tested here: skipped, so the episodes come sooner)
    String[] crawl = {"crawl", "--env", "shop", "--budget", "10", "--seed", "5", "--pages", "3",
        "--max-steps", "6", "--explore", "0", "--data-dir", dir.toString()};
    Process first = child(log, crawl);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (store.sessions().isEmpty() && Instant.now().isBefore(deadline)) {
      assertThat(first.isAlive()).as("the crawl ended before it was killed").isTrue();
      Thread.sleep(50);
    }
    killAtARandomPoint(first, store.sessionsDir().resolve(store.sessions().get(0).id())
        .resolve(Store.EVENTS_FILE), random);
    String id = store.sessions().get(0).id();

    int kills = 1;
    for (; kills < KILLS; kills++) {
      assertEveryFileReadable(dir);
      store.markInterrupted(); // what the next start does
      dev.skillwright.trajectories.SessionRecord.Status status = store.sessions().get(0).status();
      if (status == dev.skillwright.trajectories.SessionRecord.Status.COMPLETED) {
        break;
      }
      assertThat(status).isEqualTo(dev.skillwright.trajectories.SessionRecord.Status.INTERRUPTED);
      Process again = child(log, "crawl", "--resume", id, "--max-steps", "6", "--pages", "3",
          "--data-dir", dir.toString());
      killAtARandomPoint(again, store.sessionsDir().resolve(id).resolve(Store.EVENTS_FILE),
          random);
    }
    assertThat(kills).as(Files.readString(log)).isGreaterThanOrEqualTo(KILLS);
    assertThat(store.sessions()).hasSize(1);
    assertEveryFileReadable(dir);
    try (SkillIndex index = SkillIndex.open(store.skillsDir())) {
      index.list(null); // opens, rebuilt if need be
    }

    Cli last = Cli.run("crawl", "--resume", id, "--max-steps", "6", "--pages", "3",
        "--data-dir", dir.toString());
    assertThat(last.exit()).as(last.err() + last.out()).isZero();
    assertThat(last.notices()).contains("session " + id + " was interrupted");
    var session = store.sessions().get(0);
    assertThat(session.status())
        .isEqualTo(dev.skillwright.trajectories.SessionRecord.Status.COMPLETED);
    int tasks = store.readTasks(id).orElseThrow().size();
    assertThat(tasks).as("the session's own budget").isBetween(1, 10);
    assertThat(store.trajectoryFiles()).hasSize(tasks);
    store.trajectoryFiles().forEach(store::readTrajectory);
    assertThat(session.counters().done()).isEqualTo(tasks);
    assertEveryFileReadable(dir);
    assertThat(Cli.run("crawl", "--resume", id, "--data-dir", dir.toString()).err())
        .contains("is complete: nothing to resume");
  }

  @Test
  void a_killed_crawl_leaves_readable_trajectories_an_openable_index_and_a_usable_data_dir()
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "crawl", "--env", "shop", "--budget", "30", "--seed", "11",
        "--explore", "0", "--data-dir", data.toString()));
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
        "--explore", "0", "--data-dir", data.toString());
    assertThat(next.exit()).as(next.err()).isZero();
    assertThat(store.trajectoryFiles()).hasSize(files.size() + 2);
    try (SkillIndex index = SkillIndex.open(store.skillsDir())) {
      assertThat(index.list(null)).isNotEmpty();
    }
  }
}
