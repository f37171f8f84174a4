package dev.skillwright.trajectories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreTest {
  @TempDir
  Path dir;

  static Trajectory sample(String session, String episode) {
    Task task = new Task("t001", "shop", "Add \"Blue Ceramic Mug\" to the cart.",
        "http://127.0.0.1:1/", SuccessSignal.of(new Condition.TextPresent("Blue Ceramic Mug")),
        Map.of("item", "Blue Ceramic Mug"));
    Target button = new Target("e18", "button", "Add to cart",
        List.of(LocatorCandidate.role("button", "Add to cart"),
            LocatorCandidate.of(LocatorCandidate.Strategy.CSS, "form > button")));
    List<Step> steps = List.of(
        new Step(0, "http://127.0.0.1:1/p", "Mug", "step-000.aria.yaml", "step-000.jpg",
            "I add it.", new Action.Click(button), true, null, 42),
        new Step(1, "http://127.0.0.1:1/cart", "Cart", "step-001.aria.yaml", null, "Done.",
            new Action.Answer("Done."), true, null, 0));
    return new Trajectory(Trajectory.SCHEMA_VERSION, session, episode, task,
        Instant.parse("2026-11-22T03:00:00Z"), 1234, steps, Trajectory.Status.ANSWERED, "Done.",
        "http://127.0.0.1:1/cart", "Cart", "final.aria.yaml", "final.jpg",
        List.of(new ScopeBlock(0, "redirect", "http://evil.example/")),
        new Verdict(true, 0.9, "met", null, "offline-rules"), null, null, null);
  }

  Store.EpisodeFiles newEpisode(Store store, String session, String episode) {
    SessionRecord rec = new SessionRecord(SessionRecord.SCHEMA_VERSION, session, "shop",
        "http://127.0.0.1:1", Instant.EPOCH, null, SessionRecord.Status.RUNNING, Map.of(), null, null);
    return store.startSession(rec).episode(episode);
  }

  @Test
  void a_trajectory_round_trips_with_schema_version_first() throws Exception {
    Store store = Store.at(dir);
    Path file = newEpisode(store, "s1", "e1").writeTrajectory(sample("s1", "e1"));

    String json = Files.readString(file);
    assertThat(json.strip()).startsWith("{\n  \"schemaVersion\" : 1");
    assertThat(json).contains("\"type\" : \"click\"", "\"kind\" : \"text_present\"");
    assertThat(store.readTrajectory(file)).isEqualTo(sample("s1", "e1"));
    assertThat(store.findEpisode("e1")).contains(file);
    assertThat(store.trajectoryFiles()).containsExactly(file);
  }

  @Test
  void a_corrupt_file_is_named_in_one_clear_line() throws Exception {
    Store store = Store.at(dir);
    Path file = newEpisode(store, "s1", "e1").writeTrajectory(sample("s1", "e1"));
    Files.writeString(file, "{\"schemaVersion\": 1, \"steps\": [");

    assertThatThrownBy(() -> store.readTrajectory(file))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("sessions/s1/episodes/e1/trajectory.json: not valid JSON")
        .hasMessageNotContaining("\n");
  }

  @Test
  void a_newer_schema_is_refused_with_both_versions() throws Exception {
    Store store = Store.at(dir);
    Path file = newEpisode(store, "s1", "e1").writeTrajectory(sample("s1", "e1"));
    Files.writeString(file, Files.readString(file).replace("\"schemaVersion\" : 1",
        "\"schemaVersion\" : 7"));

    assertThatThrownBy(() -> store.readTrajectory(file))
        .isInstanceOf(BadInputException.class)
        .hasMessage("sessions/s1/episodes/e1/trajectory.json: expected schemaVersion 1, "
            + "found 7 (written by a newer Skillwright)");
  }

  @Test
  void missing_files_and_missing_versions_are_reported() throws Exception {
    Store store = Store.at(dir);
    Path nothing = dir.resolve("nothing.json");
    Files.writeString(dir.resolve("noversion.json"), "{\"sessionId\": \"s\"}");

    assertThatThrownBy(() -> store.readTrajectory(nothing)).hasMessage("nothing.json: no such file");
    assertThatThrownBy(() -> store.readTrajectory(dir.resolve("noversion.json")))
        .hasMessage("noversion.json: no schemaVersion");
  }

  @Test
  void atomic_writes_replace_whole_files_and_leave_no_temporaries() throws Exception {
    Path f = dir.resolve("a/b/file.json");
    AtomicFiles.write(f, "first");
    AtomicFiles.write(f, "second, longer than the first");

    assertThat(Files.readString(f)).isEqualTo("second, longer than the first");
    try (var s = Files.list(f.getParent())) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("file.json");
    }
  }

  @Test
  void events_append_as_json_lines() throws Exception {
    Store store = Store.at(dir);
    SessionRecord rec = new SessionRecord(SessionRecord.SCHEMA_VERSION, "s2", "shop", "x",
        Instant.EPOCH, null, SessionRecord.Status.RUNNING, Map.of("budget", "3"), null, null);
    Store.SessionLog log = store.startSession(rec);
    log.event("episode_finished", Map.of("done", 1, "total", 3));
    log.event("episode_finished", Map.of("done", 2, "total", 3));

    List<String> lines = Files.readAllLines(log.dir().resolve(Store.EVENTS_FILE),
        StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);
    assertThat(Json.mapper().readTree(lines.get(1)).get("done").asInt()).isEqualTo(2);
    assertThat(store.sessions()).extracting(SessionRecord::id).containsExactly("s2");
  }

  @Test
  void session_ids_sort_by_time() {
    Clock early = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    Clock late = Clock.fixed(Instant.parse("2026-11-02T03:04:05Z"), ZoneOffset.UTC);

    String a = Store.newSessionId(early, new Random(1));
    String b = Store.newSessionId(late, new Random(1));
    assertThat(a).startsWith("20260102-030405-");
    assertThat(a.compareTo(b)).isNegative();
  }
}
