package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Trajectory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chromium killed (SIGKILL) in the middle of a session: the episode it was running is errored
 * with the reason, a new Chromium runs the rest, and the session completes.
 */
class BrowserDeathTest {
  @TempDir
  Path data;

  @Test
  void a_chromium_killed_mid_session_errors_one_episode_and_the_session_completes()
      throws Exception {
    AtomicInteger pagesServed = new AtomicInteger();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicInteger threshold = new AtomicInteger(Integer.MAX_VALUE);
    HttpServer site = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    site.createContext("/", ex -> {
      try (ex) {
        String path = ex.getRequestURI().getPath();
        StringBuilder html = new StringBuilder("<!doctype html><title>" + path
            + "</title><h1>Page " + path + "</h1><ul>");
        for (String p : List.of("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot")) {
          html.append("<li><a href=\"/").append(p.toLowerCase()).append("\">").append(p)
              .append("</a></li>");
        }
        byte[] body = html.append("</ul>").toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html");
        ex.sendResponseHeaders(path.equals("/favicon.ico") ? 404 : 200, body.length);
        ex.getResponseBody().write(body);
        if (!path.equals("/favicon.ico") && pagesServed.incrementAndGet() == threshold.get()
            && killed.compareAndSet(false, true)) {
          killChromium();
        }
      }
    });
    site.start();
    String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
    try {
      // the context crawl loads 7 pages; the third episode's pages come after about 7 + 2 * 2
      threshold.set(12);
      Cli crawl = Cli.run("crawl", "--url", url, "--budget", "6", "--seed", "2", "--pages", "7",
          "--max-steps", "4", "--no-trace", "--data-dir", data.toString());

      assertThat(killed).as("Chromium was killed mid-session").isTrue();
      assertThat(crawl.exit()).as(crawl.out() + crawl.err()).isZero();
      assertThat(crawl.err()).contains("a new one runs the next episode");
      Store store = Store.at(data);
      List<Trajectory> episodes = store.trajectoryFiles().stream().map(store::readTrajectory)
          .toList();
      assertThat(episodes).as(crawl.out()).hasSize(6);
      List<Trajectory> errored = episodes.stream()
          .filter(t -> t.status() == Trajectory.Status.ERROR).toList();
      assertThat(errored).hasSize(1);
      assertThat(errored.get(0).answer()).startsWith("episode failed").containsIgnoringCase("clos");
      assertThat(crawl.out()).contains("[6/6]");
    } finally {
      site.stop(0);
    }
  }

  /** SIGKILL to the Chromium browser process this JVM's Playwright started. */
  static void killChromium() {
    ProcessHandle.current().descendants()
        .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
        .filter(p -> p.info().arguments().map(a -> java.util.Arrays.stream(a)
            .noneMatch(x -> x.startsWith("--type="))).orElse(false))
        .forEach(ProcessHandle::destroyForcibly);
  }
}
