package dev.skillwright.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.Tab;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.ScopeBlock;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page in scope that redirects, opens a popup and links out: the episode stays in scope and
 * every blocked attempt is in the written trajectory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EpisodeRunnerScopeTest {
  HttpServer site;
  HttpServer outside;
  final List<String> outsideHits = new CopyOnWriteArrayList<>();
  BrowserSession browser;
  @TempDir
  Path data;

  static HttpServer serve(Map<String, String> pages, List<String> hits) throws Exception {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    s.createContext("/", ex -> {
      try (ex) {
        hits.add(ex.getRequestURI().getPath());
        String page = pages.get(ex.getRequestURI().getPath());
        if (page != null && page.startsWith("redirect:")) {
          ex.getResponseHeaders().set("Location", page.substring(9));
          ex.sendResponseHeaders(302, -1);
          return;
        }
        byte[] body = (page == null ? "<h1>Nothing</h1>" : page).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html");
        ex.sendResponseHeaders(page == null ? 404 : 200, body.length);
        ex.getResponseBody().write(body);
      }
    });
    s.start();
    return s;
  }

  static String url(HttpServer s, String path) {
    return "http://127.0.0.1:" + s.getAddress().getPort() + path;
  }

  @BeforeAll
  void start() throws Exception {
    outside = serve(Map.of("/", "<h1>Outside</h1>"), outsideHits);
    String out = url(outside, "/");
    site = serve(Map.of(
        "/", "<title>Start</title><h1>Start</h1><a href='/away'>Redirect away</a>"
            + "<button onclick=\"window.open('" + out + "')\">Popup</button>"
            + "<a href='" + out + "'>Link away</a>",
        "/away", "redirect:" + out), new CopyOnWriteArrayList<>());
    browser = BrowserSession.launch(BrowserConfig.builder().tracing(false).build());
  }

  @AfterAll
  void stop() {
    browser.close();
    site.stop(0);
    outside.stop(0);
  }

  /** Clicks the named controls in order, then answers. */
  static final class Scripted implements Policy {
    private final Deque<String[]> clicks;

    Scripted(List<String[]> clicks) {
      this.clicks = new ArrayDeque<>(clicks);
    }

    @Override
    public Decision decide(Task task, Observation obs, List<Step> history) {
      String[] next = clicks.poll();
      if (next == null) {
        return Decision.of("done", new Action.Answer("stayed"));
      }
      AriaSnapshot.Node n = obs.snapshot().nodes().stream()
          .filter(x -> x.is(next[0]) && x.name().equals(next[1])).findFirst().orElseThrow();
      return Decision.of("try " + next[1], new Action.Click(Target.of(n.ref(), n.role(), n.name())));
    }
  }

  @Test
  void blocked_attempts_are_recorded_in_the_trajectory_and_nothing_leaves() {
    Store store = Store.at(data);
    Store.SessionLog log = store.startSession(new SessionRecord(SessionRecord.SCHEMA_VERSION,
        "s", "site", "x", Instant.EPOCH, null, SessionRecord.Status.RUNNING, Map.of(), null, null));
    Task task = new Task("t", "site", "Try to leave.", url(site, "/"), SuccessSignal.none(),
        Map.of());
    Policy policy = new Scripted(List.of(new String[] {"link", "Redirect away"},
        new String[] {"button", "Popup"}, new String[] {"link", "Link away"}));

    Trajectory t;
    try (Tab tab = browser.newTab(Scope.ofUrl(url(site, "/")))) {
      t = new EpisodeRunner(10, Clock.systemUTC()).run("s", "e1", task, policy, tab,
          log.episode("e1")).trajectory();
    }
    log.episode("e1").writeTrajectory(t);

    Trajectory read = store.readTrajectory(log.episode("e1").dir().resolve("trajectory.json"));
    assertThat(read.blocked()).extracting(ScopeBlock::step, ScopeBlock::kind)
        .contains(org.assertj.core.groups.Tuple.tuple(0, "redirect"),
            org.assertj.core.groups.Tuple.tuple(2, "navigation"));
    // Playwright delivers the popup event on its next call, which may already be step 2's
    assertThat(read.blocked()).anySatisfy(b -> {
      assertThat(b.kind()).isEqualTo("popup");
      assertThat(b.step()).isBetween(1, 2);
    });
    assertThat(read.steps()).allSatisfy(s -> assertThat(s.url()).startsWith(url(site, "/")));
    assertThat(read.finalUrl()).isEqualTo(url(site, "/"));
    assertThat(outsideHits).isEmpty();
  }
}
