package dev.skillwright.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.Tab;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline agent's waits for a page still loading, on a parcel tracker of its own: they go
 * on while the page says it is loading and stop once it shows what it loads, and in all they
 * last the budget's time, however many they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WaitBudgetTest {
  /** A tracker whose status comes {@code delay} ms after the page; never, when negative. */
  static String tracker(int delay) {
    return "<!doctype html><title>Parcel</title><h1>Parcel 7</h1><a href=\"/track\">Track</a>"
        + "<p role=\"status\" id=\"s\">Loading status…</p>"
        + (delay < 0 ? "" : "<script>setTimeout(() => { document.getElementById('s')"
            + ".textContent = 'Delivered to the porch'; }, " + delay + ");</script>");
  }

  HttpServer server;
  String url;
  BrowserSession browser;
  @TempDir
  static Path data;
  Store.SessionLog log;

  @BeforeAll
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      try (ex) {
        String path = ex.getRequestURI().getPath();
        if (path.indexOf('/', 1) < 0) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        String dir = path.substring(0, path.indexOf('/', 1));
        String page = tracker(dir.equals("/soon") ? 1_200 : -1).replace("/track", dir + "/track")
            // a clock that ticks while the status never comes
            + (dir.equals("/ticking") ? "<p id=\"c\">0</p><script>setInterval(() => {"
                + " const c = document.getElementById('c'); c.textContent = +c.textContent + 1;"
                + " }, 100);</script>" : "");
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
    browser = BrowserSession.launch(BrowserConfig.builder().tracing(false).build());
    log = Store.at(data).startSession(new SessionRecord(SessionRecord.SCHEMA_VERSION, "s1",
        "parcels", url, Instant.EPOCH, null, SessionRecord.Status.RUNNING, Map.of(), null, null));
  }

  @AfterAll
  void stop() {
    browser.close();
    server.stop(0);
  }

  Trajectory run(String id, String start) {
    Task task = new Task(id, "parcels", "Click the \"Track\" link.", url + start,
        SuccessSignal.none(), Map.of());
    try (Tab tab = browser.newTab(Scope.ofUrl(url + "/"))) {
      return new EpisodeRunner(60, Clock.systemUTC()).run("s1", id, task, Policies.offline(),
          tab, log.episode(id)).trajectory();
    }
  }

  static long waited(Trajectory t) {
    return t.steps().stream().filter(s -> s.action() instanceof Action.Wait)
        .mapToLong(Step::millis).sum();
  }

  @Test
  void a_page_still_loading_is_waited_for_until_it_shows_what_it_loads() {
    Trajectory t = run("soon", "/soon/");

    assertThat(t.status()).isEqualTo(Trajectory.Status.ANSWERED);
    assertThat(t.finalUrl()).endsWith("/soon/track");
    assertThat(waited(t)).isPositive().isLessThan(Episode.MAX_WAIT_MILLIS);
    assertThat(Path.of(data.toString(), "sessions", "s1", "episodes", "soon",
        t.finalSnapshotFile())).content().contains("Delivered to the porch");
  }

  @Test
  void a_page_that_never_loads_is_waited_for_the_budget_in_all_then_left_as_it_is() {
    // still, each wait lasts its half second; ticking, each ends at the clock's next tick, so
    // there are many more of them: either way they take the budget's time in all
    for (String start : List.of("/never/", "/ticking/")) {
      Trajectory t = run(start.replace("/", ""), start);

      assertThat(t.status()).as(start).isEqualTo(Trajectory.Status.ANSWERED);
      assertThat(t.finalUrl()).as(start).endsWith(start + "track");
      // one more wait at most beyond the budget
      assertThat(waited(t)).as(start).isGreaterThanOrEqualTo(Episode.MAX_WAIT_MILLIS)
          .isLessThan(Episode.MAX_WAIT_MILLIS + 2_000);
    }
  }
}
