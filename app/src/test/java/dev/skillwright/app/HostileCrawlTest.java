package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.browser.HostileSite;
import dev.skillwright.browser.RemoteBrowser;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Trajectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crawl of a site built to leak ({@link HostileSite}: every page fires a way out on load) on a
 * browser elsewhere, two workers at once: a real Playwright browser server, and a Chromium
 * attached over CDP. The scope holds there as on a browser launched here, so nothing reaches a
 * canary, and every block is on record.
 */
class HostileCrawlTest {
  @TempDir
  Path data;

  List<Trajectory> episodes() {
    Store store = Store.at(data);
    return store.trajectoryFiles().stream().map(store::readTrajectory).toList();
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"--browser-endpoint",
      "--cdp-endpoint"})
  void a_crawl_of_a_hostile_site_on_a_browser_elsewhere_reaches_no_canary(String endpoint)
      throws Exception {
    try (HostileSite site = new HostileSite();
        RemoteBrowser server = endpoint.equals("--cdp-endpoint") ? RemoteBrowser.cdp()
            : RemoteBrowser.playwrightServer()) {
      Cli crawl = Cli.run("crawl", "--url", site.url("/"), "--budget", "2", "--seed", "5",
          "--pages", "40", "--max-steps", "6", "--no-trace", "--concurrency", "2",
          endpoint, server.url(), "--data-dir", data.toString());

      assertThat(crawl.exit()).as(crawl.out() + crawl.err()).isZero();
      assertThat(site.seen()).as("connections and packets at the canaries\n" + site.report())
          .isZero();
      Path events;
      try (Stream<Path> s = Files.walk(data.resolve("sessions"))) {
        events = s.filter(p -> p.getFileName().toString().equals("events.jsonl")).findFirst()
            .orElseThrow();
      }
      List<String> blocked = Files.readAllLines(events).stream()
          .filter(l -> l.contains("\"scope_blocked\"")).toList();
      for (HostileSite.Vector v : site.vectors()) {
        if (v.asksTheNetwork()) {
          assertThat(blocked).as("a block for " + v.name())
              .anyMatch(l -> l.contains(":" + v.canary().port()));
        }
      }
      assertThat(episodes()).hasSize(2).noneMatch(t -> t.status() == Trajectory.Status.ERROR);
    }
  }
}
