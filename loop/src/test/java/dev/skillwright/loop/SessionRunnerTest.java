package dev.skillwright.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.skillwright.browser.Scope;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillLibrary;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner on a small notes page it was not written for: given tasks on two workers (real
 * Chromium), judged episodes back in task order, typed events to listeners and to
 * {@code events.jsonl}, and the skill library touched only when the runner is told to learn.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionRunnerTest {
  static final String PAGE = """
      <!doctype html><html><head><title>Notes</title></head><body>
      <h1>Notes</h1>
      <label for="n">Note</label> <input id="n">
      <button onclick="document.getElementById('out').textContent =
        'Saved: ' + document.getElementById('n').value">Save</button>
      <p id="out"></p>
      </body></html>""";
  /** The same page, but it refuses every note: served at /fickle once it has been served. */
  static final String REFUSING = PAGE.replace("'Saved: ' + document.getElementById('n').value",
      "'Refused'");
  final java.util.concurrent.atomic.AtomicInteger fickle =
      new java.util.concurrent.atomic.AtomicInteger();

  @TempDir
  Path dir;
  HttpServer server;
  String url;

  @BeforeAll
  void serve() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", ex -> {
      try (ex) {
        String path = ex.getRequestURI().getPath();
        String page = path.equals("/fickle") && fickle.getAndIncrement() > 0 ? REFUSING : PAGE;
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(path.equals("/") || path.equals("/fickle") ? 200 : 404,
            body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @AfterAll
  void stop() {
    server.stop(0);
  }

  Task note(String id, String text) {
    return note(id, text, url);
  }

  Task note(String id, String text, String on) {
    return new Task(id, "notes", "Type \"" + text + "\" into the \"Note\" field and click "
        + "\"Save\".", on, SuccessSignal.of(new Condition.TextPresent("Saved: " + text)),
        Map.of());
  }

  SessionRunner runner(int workers) {
    return new SessionRunner(SessionRunner.Settings.builder("notes", url, Scope.ofUrl(url))
        .maxSteps(6).concurrency(workers).build(), ModelBackend.offline(), Clock.systemUTC());
  }

  @Test
  void given_tasks_run_on_two_workers_and_come_back_judged_in_task_order() throws Exception {
    Path data = dir.resolve("plain");
    List<SessionEvent> events = new CopyOnWriteArrayList<>();
    List<Task> tasks = List.of(note("a", "milk"), note("b", "eggs"), note("c", "bread"));

    SessionRunner.Result r = runner(2).runSession(data, tasks, List.of(events::add));

    assertThat(r.episodes()).extracting(t -> t.task().id()).containsExactly("a", "b", "c");
    assertThat(r.episodes()).allSatisfy(t -> assertThat(t.succeeded())
        .as(t.verdict().reason()).isTrue());
    assertThat(r.counters().done()).isEqualTo(3);
    assertThat(r.counters().succeeded()).isEqualTo(3);
    assertThat(events.get(0)).isInstanceOf(SessionEvent.Started.class);
    assertThat(events).filteredOn(SessionEvent.TasksReady.class::isInstance).singleElement()
        .isEqualTo(new SessionEvent.TasksReady(3, 2));
    assertThat(events).filteredOn(SessionEvent.EpisodeFinished.class::isInstance)
        .extracting(e -> ((SessionEvent.EpisodeFinished) e).done()).containsExactly(1, 2, 3);
    assertThat(events.get(events.size() - 1)).isInstanceOf(SessionEvent.Finished.class);
    // both workers ran episodes
    assertThat(r.episodes()).extracting(Trajectory::episodeId).doesNotHaveDuplicates();
    String log = Files.readString(r.sessionDir().resolve(Store.EVENTS_FILE));
    assertThat(log.lines().filter(l -> l.contains("\"type\":\"episode_finished\""))).hasSize(3);
    assertThat(log).contains("\"type\":\"session_finished\"");
    assertThat(r.fileOf(r.episodes().get(1))).isRegularFile();
    // told nothing of skills, it leaves the library alone
    assertThat(Store.at(data).skillsDir()).doesNotExist();
  }

  @Test
  void told_to_learn_it_turns_a_success_into_a_skill_and_verifies_it() throws Exception {
    Path data = dir.resolve("learning");
    List<SessionEvent> events = new CopyOnWriteArrayList<>();

    SessionRunner.Result r = runner(1).withSkills(Store.at(data).skillsDir()).learning(null)
        .runSession(data, List.of(note("a", "milk")), List.of(events::add));

    assertThat(r.episodes().get(0).succeeded()).isTrue();
    SessionEvent.SkillLearned learned = events.stream()
        .filter(SessionEvent.SkillLearned.class::isInstance)
        .map(SessionEvent.SkillLearned.class::cast).findFirst().orElseThrow();
    assertThat(learned.isNew()).isTrue();
    assertThat(events).filteredOn(SessionEvent.SkillVerified.class::isInstance).hasSize(1);
    assertThat(events).filteredOn(SessionEvent.VerificationTried.class::isInstance).isNotEmpty();
    try (SkillLibrary library = SkillLibrary.open(Store.at(data).skillsDir(), n -> { })) {
      Skill s = library.index().get(learned.skill().id()).orElseThrow();
      assertThat(s.provenance()).extracting(Skill.Provenance::episodeId)
          .contains(r.episodes().get(0).episodeId());
      assertThat(s.verifications()).isNotEmpty();
    }
    // judged by their text, the verifications that passed have no picture of their final page
    List<Trajectory> tries = verifications(r);
    assertThat(tries).isNotEmpty().allSatisfy(t -> {
      assertThat(t.succeeded()).isTrue();
      assertThat(t.finalSnapshotFile()).isNotNull();
      assertThat(t.finalScreenshotFile()).isNull();
    });
  }

  @Test
  void a_verification_that_fails_keeps_a_picture_of_where_it_failed() throws Exception {
    Path data = dir.resolve("fickle");

    SessionRunner.Result r = runner(1).withSkills(Store.at(data).skillsDir()).learning(null)
        .runSession(data, List.of(note("a", "milk", url + "fickle")), List.of());

    assertThat(r.episodes().get(0).succeeded()).isTrue();
    List<Trajectory> tries = verifications(r);
    assertThat(tries).isNotEmpty().allSatisfy(t -> {
      assertThat(t.succeeded()).isFalse();
      assertThat(t.finalScreenshotFile()).isNotNull();
      assertThat(r.sessionDir().resolve("verifications").resolve(t.episodeId())
          .resolve(t.finalScreenshotFile())).isNotEmptyFile();
    });
  }

  static List<Trajectory> verifications(SessionRunner.Result r) throws java.io.IOException {
    try (var dirs = Files.list(r.sessionDir().resolve("verifications"))) {
      Store store = Store.at(r.sessionDir().getParent().getParent());
      return dirs.sorted().map(d -> store.readTrajectory(d.resolve(Store.TRAJECTORY_FILE)))
          .toList();
    }
  }
}
