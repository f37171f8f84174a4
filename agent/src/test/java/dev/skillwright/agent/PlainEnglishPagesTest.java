package dev.skillwright.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.SpareTab;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The offline policy on small task pages of our own in the shapes of common web tasks, each
 * scoring itself (it sets {@code data-reward} on the body when its task is done or failed).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlainEnglishPagesTest {
  HttpServer server;
  String base;
  BrowserSession browser;
  SpareTab tabs;
  @TempDir
  static Path data;
  Store.SessionLog log;
  final AtomicInteger episodes = new AtomicInteger();

  @BeforeAll
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String name = exchange.getRequestURI().getPath().substring(1);
      try (InputStream in = getClass().getResourceAsStream("/pages/" + name)) {
        byte[] body = in == null || name.contains("..") ? new byte[0] : in.readAllBytes();
        exchange.getResponseHeaders().add("Content-Type",
            name.endsWith(".js") ? "text/javascript" : "text/html; charset=utf-8");
        exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1
            : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    // no trace: no case reads one; and one tab made to forget between cases, as a crawl's worker
    // does between episodes
    browser = BrowserSession.launch(BrowserConfig.builder().tracing(false).build());
    tabs = new SpareTab(() -> browser.newTab(Scope.ofUrl(base)));
    log = Store.at(data).startSession(new SessionRecord(SessionRecord.SCHEMA_VERSION, "s1",
        "pages", base, Instant.EPOCH, null, SessionRecord.Status.RUNNING, Map.of(), null, null));
  }

  @AfterAll
  void stop() {
    tabs.close();
    browser.close();
    server.stop(0);
  }

  /** An episode and the reward its page gave. */
  record Done(EpisodeRunner.Result result, Object reward) {}

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      click-link.html | Click on the link "Ut".
      login.html | Enter the username "kanesha" and the password "Ty9" into the text fields and press login.
      checkboxes.html | Select 5IG, Ln, 0M and click Submit.
      tabs.html | Switch between the tabs to find and click on the link "justo".
      search.html | Use the textbox to enter "Ashlea" and press "Search", then find and click the 6th search result.
      date.html | Enter 04/19/2014 as the date and hit submit.
      scroll-list.html | Select Cara, Arda from the scroll list and click Submit.
      dialog.html | Close the dialog box by clicking the "x".
      collapsible.html | Expand the section below and click submit.
      focus.html | Focus into the 3rd input textbox.
      lower.html | Type "TRUMAN" in all lower case letters in the text input and press Submit.
      passwords.html | Enter the password "XYZ" into both text fields and press submit.
      widget.html | Click on a "checkbox" widget.
      tree.html | Navigate through the file tree. Find and click on the folder or file named "Briana".
      settings-tree.html | Find "Proxy" in the settings tree and click it.
      autocomplete.html | Enter an item that starts with "Ant" and ends with "ua", then press Submit.
      """)
  void the_page_scores_the_task_done(String page, String instruction) {
    Task task = new Task("t", "pages", instruction, base + page, SuccessSignal.none(), Map.of());
    String id = "e" + episodes.incrementAndGet();
    // (a case that throws closes its tab: the next one gets a new one)
    Done done = tabs.with(tab -> new Done(new EpisodeRunner(25, Clock.systemUTC())
        .run("s1", id, task, Policies.offline(), tab, log.episode(id)),
        tab.evaluate("() => document.body.getAttribute('data-reward')")));
    EpisodeRunner.Result r = done.result();
    assertThat(done.reward()).as(r.trajectory().steps().stream()
        .map(s -> s.thought() + " -> " + s.action().describe() + (s.ok() ? "" : " !! "
            + s.error())).toList().toString()).isEqualTo("1");
    assertThat(r.trajectory().status()).isEqualTo(Trajectory.Status.ANSWERED);
  }
}
