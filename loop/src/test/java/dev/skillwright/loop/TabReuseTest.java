package dev.skillwright.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.Tab;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker reuses its tab from one episode to the next (real Chromium, a page of ours): the next
 * episode finds nothing the last one stored, and each episode's trace holds its own actions only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TabReuseTest {
  /** Reads what the page's origin keeps, in one line; empty fields where it keeps nothing. */
  static final String STATE = "async () => ['cookie=' + document.cookie,"
      + " 'local=' + (localStorage.getItem('l') || ''),"
      + " 'session=' + (sessionStorage.getItem('s') || ''),"
      + " 'idb=' + (await indexedDB.databases()).map(d => d.name).join(','),"
      + " 'caches=' + (await caches.keys()).join(',')].join(' ')";

  static final String STORE = """
      <h1>Store</h1><p id="out">storing</p>
      <script>
      (async () => {
        document.cookie = 'c=1; path=/';
        localStorage.setItem('l', '1');
        sessionStorage.setItem('s', '1');
        await new Promise(done => { const q = indexedDB.open('db', 1);
          q.onupgradeneeded = () => q.result.createObjectStore('x');
          q.onsuccess = () => { q.result.close(); done(); }; });
        await (await caches.open('kept')).put('/kept', new Response('1'));
        document.getElementById('out').textContent = 'Stored';
      })();
      </script>""";

  static final String GO = """
      <h1>%s</h1>
      <button onclick="document.getElementById('out').textContent = 'Went %s'">Go</button>
      <p id="out"></p>""";

  @TempDir
  Path dir;
  HttpServer server;
  String url;
  final Map<String, String> pages = new ConcurrentHashMap<>();

  @BeforeAll
  void serve() throws IOException {
    pages.put("/store", STORE);
    pages.put("/look", "<h1>Look</h1><p>Nothing here.</p>");
    pages.put("/one", GO.formatted("Page one", "one"));
    pages.put("/two", GO.formatted("Page two", "two"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext("/", ex -> {
      try (ex) {
        String html = pages.get(ex.getRequestURI().getPath());
        byte[] body = ("<!doctype html><html><head><title>" + ex.getRequestURI().getPath()
            + "</title></head><body>" + (html == null ? "Not found" : html) + "</body></html>")
            .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(html == null ? 404 : 200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  void stop() {
    server.stop(0);
  }

  Task task(String id, String path, String instruction, String shows) {
    return new Task(id, "reuse", instruction, url + path,
        SuccessSignal.of(new Condition.TextPresent(shows)), Map.of());
  }

  SessionRunner runner(boolean tracing) {
    return new SessionRunner(SessionRunner.Settings.builder("reuse", url + "/", Scope.ofUrl(url))
        .maxSteps(4).concurrency(1).browser(BrowserConfig.builder().tracing(tracing).build())
        .build(), ModelBackend.offline(), Clock.systemUTC());
  }

  /** What an observer saw of one finished episode, while its tab was open. */
  record Seen(String task, Tab tab, String state, Object history) {}

  @Test
  void the_next_episode_on_a_reused_tab_finds_nothing_the_last_one_stored() {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    List<Task> tasks = List.of(
        task("store", "/store", "Check that the page says \"Stored\".", "Stored"),
        task("look", "/look", "Check that the page says \"Nothing here.\".", "Nothing here."));

    SessionRunner.Result r = runner(false)
        .observing((task, t, tab) -> seen.add(new Seen(task.id(), tab,
            (String) tab.evaluate(STATE), tab.evaluate("() => history.length"))))
        .runSession(dir.resolve("state"), tasks, List.of());

    assertThat(seen).extracting(Seen::task).containsExactly("store", "look");
    // the first episode did store everything, in the tab the second one ran in
    assertThat(seen.get(0).state())
        .isEqualTo("cookie=c=1 local=1 session=1 idb=db caches=kept");
    assertThat(seen.get(1).tab()).isSameAs(seen.get(0).tab());
    assertThat(seen.get(1).state()).isEqualTo("cookie= local= session= idb= caches=");
    // no way back to the first episode's page: a blank page at most, before its own
    assertThat(((Number) seen.get(1).history()).intValue()).isLessThanOrEqualTo(2);
    assertThat(r.episodes()).extracting(Trajectory::blocked).allSatisfy(b ->
        assertThat(b).isEmpty());
  }

  @Test
  void two_traced_episodes_on_one_worker_each_get_a_trace_of_their_own_actions()
      throws IOException {
    List<Tab> tabs = new CopyOnWriteArrayList<>();
    List<Task> tasks = List.of(task("one", "/one", "Click \"Go\".", "Went one"),
        task("two", "/two", "Click \"Go\".", "Went two"));

    SessionRunner.Result r = runner(true).observing((task, t, tab) -> tabs.add(tab))
        .runSession(dir.resolve("traced"), tasks, List.of());

    assertThat(tabs).hasSize(2);
    assertThat(tabs.get(1)).isSameAs(tabs.get(0));
    assertThat(r.episodes()).allSatisfy(t -> assertThat(t.succeeded())
        .as(t.verdict().reason()).isTrue());
    String one = traced(r, r.episodes().get(0));
    String two = traced(r, r.episodes().get(1));
    assertThat(one).contains(url + "/one", "Page one", "Opening the start page", "Step 1")
        .doesNotContain("/two", "Page two");
    assertThat(two).contains(url + "/two", "Page two", "Opening the start page", "Step 1")
        .doesNotContain("/one", "Page one");
  }

  /** The text entries of an episode's trace.zip, one after another. */
  static String traced(SessionRunner.Result r, Trajectory episode) throws IOException {
    Path zip = r.sessionDir().resolve(Store.EPISODES).resolve(episode.episodeId())
        .resolve("trace.zip");
    StringBuilder text = new StringBuilder();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        text.append(e.getName()).append('\n')
            .append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).append('\n');
      }
    }
    return text.toString();
  }
}
