package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets one clear line and exit code 2, and leaves what was written untouched. */
class BadInputTest {
  @TempDir
  Path data;
  Path good;
  Path corrupt;

  @BeforeEach
  void existingData() throws Exception {
    Store store = Store.at(data);
    Store.SessionLog log = store.startSession(new SessionRecord(SessionRecord.SCHEMA_VERSION,
        "20260101-000000-abcd", "shop", "x", Instant.EPOCH, Instant.EPOCH,
        SessionRecord.Status.COMPLETED, Map.of(), null, null));
    Task task = new Task("t1", "shop", "Go to the \"Books\" page.", "http://127.0.0.1:1/",
        SuccessSignal.none(), Map.of("page", "Books"));
    Trajectory t = new Trajectory(1, "20260101-000000-abcd", "abcd-001", task, Instant.EPOCH, 1,
        List.of(), Trajectory.Status.GAVE_UP, "no", null, null, null, null, List.of(), null, null, null, null);
    good = log.episode("abcd-001").writeTrajectory(t);
    corrupt = log.episode("abcd-002").writeTrajectory(t);
    Files.writeString(corrupt, "{\"schemaVersion\": 1, \"task\": {");
    try (SkillIndex index = SkillIndex.open(store.skillsDir())) {
      index.put(new Skill(1, "shop:open-page", "open-page", "shop", "Open {page}", List.of(),
          List.of(new Action.Click(Target.of(null, "link", "{page}"))), "*/", null, List.of(),
          List.of()));
    }
  }

  Map<String, String> digest() throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.endsWith("write.lock"))
          .toList()) {
        out.put(data.relativize(f).toString(), HexFormat.of().formatHex(
            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
      }
    }
    return out;
  }

  void assertOneLine(Cli cli, String expected) {
    assertThat(cli.exit()).isEqualTo(2);
    assertThat(cli.err().lines()).singleElement().asString().startsWith("skillwright: ")
        .contains(expected);
    assertThat(cli.err()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void bad_input_of_every_kind_fails_cleanly_and_loses_nothing() throws Exception {
    Map<String, String> before = digest();
    String dir = data.toString();

    assertOneLine(Cli.run("crawl", "--env", "bank", "--data-dir", dir),
        "unknown env 'bank': the bundled sites are shop");
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      assertOneLine(Cli.run("envs", "serve", "--app", "todo", "--port",
          String.valueOf(taken.getLocalPort())), "it is in use (choose another with --port)");
    }
    assertOneLine(Cli.run("envs", "serve", "--port", "70000"),
        "--port must be between 0 and 65535: 70000");
    assertOneLine(Cli.run("mcp", "--http", "--port", "-1", "--env", "shop", "--data-dir", dir),
        "--port must be between 0 and 65535: -1");
    assertOneLine(Cli.run("mcp", "--port", "8000", "--env", "shop", "--data-dir", dir),
        "--port goes with --http");
    assertOneLine(Cli.run("mcp", "--http", "--token", "short", "--env", "shop", "--data-dir",
        dir), "--token must be at least 12 characters long");
    assertOneLine(Cli.run("mcp", "--token", "long-enough-secret", "--env", "shop", "--data-dir",
        dir), "--token goes with --http");
    assertOneLine(Cli.run("crawl", "--url", "http://127.0.0.1:1/", "--data-dir", dir),
        "cannot reach http://127.0.0.1:1/: connection refused");
    assertOneLine(Cli.run("crawl", "--url", "ftp://example.com/", "--data-dir", dir),
        "not an http or https URL: ftp://example.com/");
    assertOneLine(Cli.run("show", corrupt.toString(), "--data-dir", dir),
        "sessions/20260101-000000-abcd/episodes/abcd-002/trajectory.json: not valid JSON");
    assertOneLine(Cli.run("show", "abcd-002", "--data-dir", dir), "abcd-002/trajectory.json");
    assertOneLine(Cli.run("crawl", "--env", "shop", "--budget", "-1", "--data-dir", dir),
        "--budget must be between 1 and 10000: -1");
    assertOneLine(Cli.run("crawl", "--env", "shop", "--budget", "many", "--data-dir", dir),
        "'many' is not an int");
    assertOneLine(Cli.run("crawl", "--data-dir", dir), "--env=NAME");
    assertOneLine(Cli.run("show", "no-such-episode", "--data-dir", dir),
        "no episode 'no-such-episode'");
    assertOneLine(Cli.run("skills", "show", "nope", "--data-dir", dir), "no skill 'nope'");
    assertOneLine(Cli.run("crawl", "--env", "shop", "--chromium", "/no/chrome", "--data-dir", dir),
        "--chromium /no/chrome: no executable file there");
    assertOneLine(Cli.run("crawl", "--env", "shop", "--cdp-endpoint", "ftp://x", "--data-dir",
        dir), "--cdp-endpoint wants a http://, https://, ws:// or wss:// address");
    assertOneLine(Cli.run("run", "--env", "shop", "--browser-endpoint", "ws://127.0.0.1:1/",
        "--cdp-endpoint", "http://127.0.0.1:2", "--data-dir", dir, "--task", "Open the cart"),
        "give --browser-endpoint or --cdp-endpoint, not both");

    assertOneLine(Cli.run("dashboard", "--host", "0.0.0.0", "--data-dir", dir),
        "binding to 0.0.0.0 exposes the dashboard beyond this machine: pass --token");
    assertOneLine(Cli.run("crawl", "--env", "shop", "--record-cassette", dir + "/c",
        "--data-dir", dir), "--record-cassette needs --model");

    Path notState = Files.writeString(Files.createTempFile("not-a-state", ".json"), "{\"x\": 1}");
    assertOneLine(Cli.run("crawl", "--env", "shop", "--storage-state", notState.toString(),
        "--data-dir", dir), "not a Playwright storage state");
    if (System.getenv("DISPLAY") == null && System.getenv("WAYLAND_DISPLAY") == null) {
      assertOneLine(Cli.run("login", "--url", "http://127.0.0.1:1/", "--save",
          notState.resolveSibling("state.json").toString()), "--headed needs a display");
    }

    assertThat(digest()).isEqualTo(before);
    assertOneLine(Cli.run("skills", "export", "--format", "yaml", "--data-dir", dir),
        "unknown format 'yaml'");
    assertThat(Cli.run("show", good.toString(), "--data-dir", dir).exit()).isZero();
    assertThat(Cli.run("skills", "list", "--data-dir", dir).out()).contains("shop:open-page");
  }
}
