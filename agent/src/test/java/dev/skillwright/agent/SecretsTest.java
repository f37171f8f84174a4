package dev.skillwright.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.Tab;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Secrets;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A secret reaches the site, and nothing else: not the policy, not a file. */
class SecretsTest {
  static final String PASSWORD = "hunter2-Correct-Horse";
  @TempDir
  Path data;

  @Test
  void a_secret_is_typed_into_the_page_but_never_recorded_or_shown_to_the_policy() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
    site.createContext("/", ex -> {
      try (ex) {
        String q = ex.getRequestURI().getRawQuery();
        String body;
        if (q == null) {
          body = "<title>Sign in</title><form action='/'><label>User <input name='user'></label>"
              + "<label>Password <input type='password' name='pw'></label>"
              + "<button>Sign in</button></form>";
        } else {
          String pw = URLDecoder.decode(q.replaceAll(".*pw=([^&]*).*", "$1"), StandardCharsets.UTF_8);
          received.add(pw);
          body = "<title>Welcome</title><h1>Welcome</h1><p>Your password " + pw + " is weak.</p>";
        }
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
      }
    });
    site.start();
    String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
    List<String> seenByPolicy = new CopyOnWriteArrayList<>();
    Policy policy = (task, obs, history) -> {
      seenByPolicy.add(obs.ariaSnapshot() + obs.title() + obs.url());
      AriaSnapshot page = obs.snapshot();
      return switch (history.size()) {
        case 0 -> Decision.of("type the user", new Action.Fill(find(page, "textbox", "User"), "ada"));
        case 1 -> Decision.of("type the secret", new Action.Fill(
            find(page, "textbox", "Password"), Secrets.placeholder("password")));
        case 2 -> Decision.of("sign in", new Action.Click(find(page, "button", "Sign in")));
        default -> Decision.of("done", new Action.Answer("Signed in with " + PASSWORD));
      };
    };
    Secrets secrets = Secrets.of(Map.of("password", PASSWORD));
    Store.SessionLog log = Store.at(data).startSession(new SessionRecord(1, "s", "x", url,
        Instant.EPOCH, null, SessionRecord.Status.RUNNING, Map.of(), null, null));
    Task task = new Task("t", "x", "Sign in as \"ada\" with password "
        + Secrets.placeholder("password") + ".", url, SuccessSignal.none(), Map.of("user", "ada"));

    Trajectory t;
    try (BrowserSession browser = BrowserSession.launch(BrowserConfig.defaults());
        Tab tab = browser.newTab(Scope.ofUrl(url), secrets)) {
      t = new EpisodeRunner(10, Clock.systemUTC(), secrets).run("s", "e1", task, policy, tab,
          log.episode("e1")).trajectory();
      log.episode("e1").writeTrajectory(t);
    } finally {
      site.stop(0);
    }

    assertThat(received).containsExactly(PASSWORD);
    assertThat(seenByPolicy).noneMatch(s -> s.contains(PASSWORD));
    assertThat(seenByPolicy.get(seenByPolicy.size() - 1)).contains("{{secret:password}} is weak");
    assertThat(t.answer()).isEqualTo("Signed in with {{secret:password}}");
    try (Stream<Path> files = Files.walk(data)) {
      for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".jpg"))
          .filter(f -> !f.toString().endsWith(".zip")).toList()) {
        assertThat(Files.readString(f)).as(f.toString()).doesNotContain(PASSWORD);
      }
    }
    Path trace = log.episode("e1").dir().resolve("trace.zip");
    assertThat(trace).exists();
    StringBuilder traced = new StringBuilder();
    try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
        Files.newInputStream(trace))) {
      for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        String entry = new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(entry).as(e.getName()).doesNotContain(PASSWORD);
        traced.append(entry);
      }
    }
    // the trace does record the typing, as its placeholder, in the group of the agent's step
    assertThat(traced).contains("{{secret:password}}", "Step 1", "Step 2");
    Step typed = t.steps().get(1);
    assertThat(((Action.Fill) typed.action()).text()).isEqualTo("{{secret:password}}");
  }

  static Target find(AriaSnapshot page, String role, String name) {
    AriaSnapshot.Node n = page.nodes().stream().filter(x -> x.is(role) && x.name().equals(name))
        .findFirst().orElseThrow();
    return Target.of(n.ref(), n.role(), n.name());
  }
}
