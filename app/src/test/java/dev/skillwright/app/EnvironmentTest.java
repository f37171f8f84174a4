package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.envs.Site;
import dev.skillwright.envs.Sites;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AtomicFiles;
import dev.skillwright.trajectories.FileLocks;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The machine's faults (a full or read-only disk, paths of the wrong kind, a busy data
 * directory) get one line and exit code 2 and lose nothing; a site's control characters never
 * reach the terminal; credentials in a URL are never written.
 */
class EnvironmentTest {
  @TempDir
  Path data;
  static final String ESC = "\u001b]0;owned\u0007\u001b[2J\u009b31m\u202eevil";

  @BeforeEach
  void existingData() {
    Store store = Store.at(data);
    try (Store.SessionLog log = store.startSession(new SessionRecord(
        SessionRecord.SCHEMA_VERSION, "20260101-000000-abcd", "shop", "x", Instant.EPOCH,
        Instant.EPOCH, SessionRecord.Status.COMPLETED, Map.of(), null, null))) {
      Task task = new Task("t1", "shop", "Go to the \"Books" + ESC + "\" page.",
          "http://127.0.0.1:1/", SuccessSignal.none(), Map.of());
      log.episode("abcd-001").writeTrajectory(new Trajectory(1, "20260101-000000-abcd",
          "abcd-001", task, Instant.EPOCH, 1, List.of(), Trajectory.Status.GAVE_UP, "no" + ESC,
          null, null, null, null, List.of(), null, null, null, null));
    }
    try (SkillIndex index = SkillIndex.open(store.skillsDir())) {
      index.put(new Skill(1, "shop:open-page", "open-page", "shop", "Open {page}" + ESC,
          List.of(new Skill.Parameter("page", "string", List.of("Books" + ESC))),
          List.of(new Action.Click(Target.of(null, "link", "{page}" + ESC))), "*/", null,
          List.of("Open Books" + ESC), List.of()));
    }
  }

  @AfterEach
  void diskWorksAgain() {
    AtomicFiles.injectFault(null);
  }

  Map<String, String> digest() throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString()
          .endsWith(".lock")).toList()) {
        out.put(data.relativize(f).toString(), HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
      }
    }
    return out;
  }

  static void assertOneLine(Cli cli, String expected) {
    assertThat(cli.exit()).as(cli.err()).isEqualTo(2);
    assertThat(cli.err().lines()).singleElement().asString().startsWith("skillwright: ")
        .contains(expected);
    assertThat(cli.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void a_full_or_read_only_disk_is_one_line_and_exit_2_and_loses_nothing() throws Exception {
    Map<String, String> before = digest();
    String dir = data.toString();
    AtomicFiles.injectFault(p -> p.startsWith(data.toAbsolutePath())
        ? new IOException("No space left on device") : null);
    assertOneLine(Cli.run("crawl", "--env", "shop", "--budget", "1", "--data-dir", dir),
        "no space left on the device");
    assertOneLine(Cli.run("export", "--format", "sft-jsonl", "--data-dir", dir),
        "no space left on the device");

    AtomicFiles.injectFault(p -> p.startsWith(data.toAbsolutePath())
        ? new FileSystemException(p.toString(), null, "Read-only file system") : null);
    assertOneLine(Cli.run("crawl", "--env", "shop", "--budget", "1", "--data-dir", dir),
        "the file system is read-only");
    AtomicFiles.injectFault(null);

    assertThat(digest()).containsAllEntriesOf(before);
    assertThat(Cli.run("skills", "list", "--data-dir", dir).out()).contains("shop:open-page");
  }

  @Test
  void paths_of_the_wrong_kind_are_one_line_and_exit_2() throws Exception {
    Path file = data.resolve("not-a-folder");
    Files.writeString(file, "x");
    Map<String, String> before = digest();
    assertOneLine(Cli.run("crawl", "--env", "shop", "--data-dir", file.toString()),
        "is a file, not a folder");
    assertOneLine(Cli.run("skills", "list", "--data-dir", file.toString()),
        "is a file, not a folder");
    Path folder = Files.createDirectories(data.resolve("out"));
    assertOneLine(Cli.run("skills", "export", "--format", "tool-schema", "--all", "--out",
        folder.toString(), "--data-dir", data.toString()), "is a folder: name a file");
    assertOneLine(Cli.run("export", "--format", "sft-jsonl", "--out", folder.toString(),
        "--data-dir", data.toString()), "is a folder: name a file");
    assertOneLine(Cli.run("export", "--format", "sft-jsonl", "--out", file.resolve("x.jsonl")
        .toString(), "--data-dir", data.toString()), "is a file, not a folder");
    assertThat(digest()).isEqualTo(before);
  }

  @Test
  void a_second_session_into_a_busy_data_dir_is_refused_at_once() throws Exception {
    Map<String, String> before = digest();
    try (FileLocks.Held busy = Store.at(data).lockDataDir("another crawl")) {
      Cli second = Cli.run("crawl", "--env", "shop", "--budget", "1", "--data-dir",
          data.toString());
      assertOneLine(second, "is in use by another process (pid ");
      assertThat(second.out()).doesNotContain("Crawling");
    }
    assertThat(digest()).isEqualTo(before);
  }

  @Test
  void control_characters_of_site_text_never_reach_the_terminal() {
    String dir = data.toString();
    for (Cli cli : List.of(Cli.run("skills", "list", "--data-dir", dir),
        Cli.run("skills", "show", "shop:open-page", "--data-dir", dir),
        Cli.run("skills", "search", "open", "--data-dir", dir),
        Cli.run("show", "abcd-001", "--data-dir", dir))) {
      assertThat(cli.exit()).as(cli.err()).isZero();
      assertThat(cli.out()).contains("owned").contains("evil");
      assertThat(cli.out() + cli.err()).doesNotContain("\u001b", "\u0007", "\u009b", "\u202e");
    }
  }

  @Test
  void credentials_in_the_url_are_never_written() throws Exception {
    try (Site shop = Sites.start("shop")) {
      String url = shop.baseUrl().replace("://", "://alice:hunter2-s3cret@");
      Cli cli = Cli.run("crawl", "--url", url, "--budget", "1", "--pages", "2", "--max-steps",
          "4", "--explore", "0", "--data-dir", data.toString());
      assertThat(cli.exit()).as(cli.err()).isZero();
      assertThat(cli.out() + cli.err()).doesNotContain("hunter2");
    }
    assertThat(Store.at(data).sessions()).hasSize(2);
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(text).as(f.toString()).doesNotContain("hunter2", "alice:");
      }
    }
  }
}
