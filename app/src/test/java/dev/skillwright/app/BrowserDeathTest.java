package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Trajectory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chromium killed (SIGKILL) or hung (SIGSTOP: alive, but silent) in the middle of a session: the
 * episode it was running is errored with the reason, a new Chromium runs the rest, and the
 * session completes.
 */
@org.junit.jupiter.api.parallel.Isolated("it signals every Chromium this JVM runs")
class BrowserDeathTest {
  @TempDir
  Path data;

  @Test
  void a_chromium_killed_mid_session_errors_one_episode_and_the_session_completes()
      throws Exception {
    Cli crawl = crawlWhile("KILL", false);

    // (EpisodeRunner keeps only "Error {" of Playwright's message: agent main, not here)
    assertThat(crawl.notices()).contains("Chromium stopped; a new one runs the next episode");
  }

  @Test
  void a_chromium_that_stops_answering_is_killed_and_the_session_completes() throws Exception {
    Cli crawl = crawlWhile("STOP", true, "--hang-timeout", "5");

    assertThat(crawl.notices()).contains("Chromium stopped answering", "made no progress for 5 s",
        "during the context crawl; a new one crawls again", "a new one runs the next episode");
    Trajectory errored = Store.at(data).trajectoryFiles().stream()
        .map(Store.at(data)::readTrajectory).filter(t -> t.status() == Trajectory.Status.ERROR)
        .findFirst().orElseThrow();
    assertThat(errored.answer()).contains("Chromium stopped answering");
  }

  /**
   * Crawls a six-link site while sending {@code signal} to Chromium as its second task page is
   * served (and, if {@code inContextCrawl}, as the context crawl asks for its first page), and
   * checks that one episode errored and the session completed all six.
   */
  Cli crawlWhile(String signal, boolean inContextCrawl, String... flags) throws Exception {
    // the task episode whose start page was served last
    java.util.concurrent.atomic.AtomicReference<String> started =
        new java.util.concurrent.atomic.AtomicReference<>();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicBoolean contextHit = new AtomicBoolean(!inContextCrawl);
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
        String agent = String.valueOf(ex.getRequestHeaders().getFirst("User-Agent"));
        boolean page = !path.equals("/favicon.ico") && agent.contains("Chrome");
        if (page && contextHit.compareAndSet(false, true)) {
          // the context crawl's first page (the CLI's own reachability check is not Chromium)
          signalChromium(signal);
        } else if (page && !killed.get()) {
          String running = taskEpisodeRunning();
          // an episode's first page is its start page; a page after it is asked for by one of
          // its steps, and while Chromium waits for it the episode is mid-step when it dies
          if (running != null && running.equals(started.getAndSet(running))
              && killed.compareAndSet(false, true)) {
            signalChromium(signal);
          }
        }
        byte[] body = html.append("</ul>").toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html");
        ex.sendResponseHeaders(path.equals("/favicon.ico") ? 404 : 200, body.length);
        ex.getResponseBody().write(body);
      }
    });
    site.start();
    String url = "http://127.0.0.1:" + site.getAddress().getPort() + "/";
    try {
      List<String> args = new java.util.ArrayList<>(List.of("crawl", "--url", url, "--budget",
          "6", "--seed", "2", "--pages", "7", "--max-steps", "4", "--no-trace", "--data-dir",
          data.toString()));
      args.addAll(List.of(flags));
      Cli crawl = Cli.run(args.toArray(String[]::new));

      assertThat(killed).as("Chromium was killed mid-session").isTrue();
      assertThat(crawl.exit()).as(crawl.out() + crawl.err()).isZero();
      Store store = Store.at(data);
      List<Trajectory> episodes = store.trajectoryFiles().stream().map(store::readTrajectory)
          .toList();
      assertThat(episodes).as(crawl.out()).hasSize(6);
      List<Trajectory> errored = episodes.stream()
          .filter(t -> t.status() == Trajectory.Status.ERROR).toList();
      assertThat(errored).as(crawl.out() + crawl.err()).hasSize(1);
      assertThat(errored.get(0).answer()).startsWith("episode failed");
      assertThat(errored.get(0).verdict().reason()).isNotBlank();
      assertThat(crawl.out()).contains("[6/6]");
      return crawl;
    } finally {
      site.stop(0);
    }
  }

  /**
   * The task episode (not a verification) under way: the last one the session's events say began,
   * while its trajectory is not written yet; else null. Told by the events, not by the episode's
   * files: an episode that runs a skill's steps without looking writes none before its end.
   */
  String taskEpisodeRunning() {
    try (var s = Files.walk(data.resolve("sessions"), 2)) {
      for (Path events : s.filter(p -> p.getFileName().toString().equals(Store.EVENTS_FILE))
          .toList()) {
        String last = null;
        for (String line : Files.readAllLines(events)) {
          if (line.contains("\"type\":\"episode_started\"")) {
            last = dev.skillwright.trajectories.Json.mapper().readTree(line).get("episode")
                .asText();
          }
        }
        if (last != null && !Files.exists(events.resolveSibling("episodes").resolve(last)
            .resolve("trajectory.json"))) {
          return events.getParent().getFileName() + "/" + last;
        }
      }
      return null;
    } catch (java.io.IOException | RuntimeException e) {
      return null; // not there yet, or a line half written: asked again at the next page
    }
  }

  /** {@code signal} (KILL, STOP) to the Chromium browser processes this JVM's Playwright runs. */
  static void signalChromium(String signal) {
    ProcessHandle.current().descendants()
        .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
        .filter(p -> p.info().arguments().map(a -> java.util.Arrays.stream(a)
            .noneMatch(x -> x.startsWith("--type="))).orElse(false))
        .forEach(p -> {
          try {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start().waitFor();
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
  }
}
