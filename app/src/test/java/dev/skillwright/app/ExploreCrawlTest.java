package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skillwright.envs.StaticApps;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.ScopeBlock;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Trajectory;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Offline crawls of single-page apps nobody here wrote the proposer for (state in localStorage,
 * hash routes, adding by Enter, dialogs, tabs, switches), through the command line in real
 * Chromium: exploration finds the tasks, the reader runs them, and skills are verified.
 * The app is served by a server of the test's own that logs every path it is asked for
 * ({@link ReadmeTest} crawls the todo app as the README shows).
 */
class ExploreCrawlTest {
  @TempDir
  Path data;

  @ParameterizedTest
  @ValueSource(strings = {"notes"})
  void a_crawl_of_a_single_page_app_proposes_varied_tasks_and_verifies_skills(String app)
      throws IOException {
    try (Logged server = new Logged(app)) {
      Cli c = Cli.run("crawl", "--url", server.url(), "--budget", "10", "--no-trace",
          "--data-dir", data.toString());
      System.out.println(c.out());

      assertThat(c.exit()).as(c.err()).isZero();
      Store store = Store.at(data);
      List<Trajectory> runs = store.trajectoryFiles().stream()
          .filter(f -> f.toString().contains("/episodes/")).map(store::readTrajectory).toList();
      assertThat(runs.stream().map(t -> t.task().instruction()).distinct().count())
          .as(c.out()).isGreaterThanOrEqualTo(8);
      // the app's server saw only the app's own files; whatever was refused was another origin's
      assertThat(server.paths).isNotEmpty().allSatisfy(p -> assertThat(p)
          .matches("/|/favicon\\.ico|/index\\.html|/(css|js)/[A-Za-z0-9._-]+"));
      assertThat(store.trajectoryFiles()).allSatisfy(f -> {
        Trajectory t = store.readTrajectory(f);
        assertThat(t.steps()).allSatisfy(s -> assertThat(s.url()).startsWith(server.url()));
        assertThat(t.blocked()).extracting(ScopeBlock::url)
            .noneMatch(u -> u.startsWith(server.url()));
      });
      String site = store.sessions().get(0).site();
      assertThat(site).isEqualTo("127.0.0.1-" + URI.create(server.url()).getPort());
      try (SkillIndex index = SkillIndex.open(store.skillsDir())) {
        assertThat(index.list(site).stream().filter(Skill::offered).count()).as(c.out())
            .isGreaterThanOrEqualTo(3);
      }
    }
  }

  /** A loopback server of one bundled app that logs every path asked. */
  private static final class Logged implements AutoCloseable {
    final Queue<String> paths = new ConcurrentLinkedQueue<>();
    private final String app;
    private final HttpServer http;

    Logged(String app) throws IOException {
      this.app = app;
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
      http.createContext("/", this::handle);
      http.start();
    }

    String url() {
      return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange ex) throws IOException {
      try (ex) {
        String path = ex.getRequestURI().getPath();
        paths.add(path);
        String file = path.equals("/") ? "/index.html" : path;
        byte[] body = null;
        if (!file.contains("..")) {
          try (InputStream in = StaticApps.class.getResourceAsStream("apps/" + app + file)) {
            body = in == null ? null : in.readAllBytes();
          }
        }
        if (body == null) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        String type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css")
            ? "text/css" : "text/html; charset=utf-8";
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
      }
    }

    @Override
    public void close() {
      http.stop(0);
    }
  }
}
