package dev.skillwright.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import dev.skillwright.trajectories.ScopeBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every vector of the {@link HostileSite}, first in plain Chromium (no scope, no guard: each must
 * reach its canary, or the test proves nothing), then through a guarded tab: no connection and no
 * packet reaches any canary, and each attempt that asks the network is recorded as a block. Writes
 * the table to {@code target/hostile-vectors.md}.
 */
class HostileSiteTest {
  /** How long a page gets to fire everything it has (workers, ICE gathering, prefetch). */
  static final int SETTLE_MILLIS = 1_500;

  static final Map<String, String> TABLE = new LinkedHashMap<>();

  @Test
  void every_vector_reaches_its_canary_in_plain_chromium() {
    Chromium.Resolution res = Chromium.resolve(null, Chromium.Environment.system(), true);
    try (HostileSite site = new HostileSite();
         Playwright pw = Playwright.create()) {
      BrowserType.LaunchOptions opts = new BrowserType.LaunchOptions().setHeadless(true)
          .setArgs(List.of("--no-sandbox"));
      if (res.executable() != null) {
        opts.setExecutablePath(res.executable());
      }
      List<String> silent = new ArrayList<>();
      try (Browser plain = pw.chromium().launch(opts)) {
        for (HostileSite.Vector v : site.vectors()) {
          int before = site.seen();
          try (BrowserContext ctx = plain.newContext()) {
            Page page = ctx.newPage();
            try {
              page.navigate(site.url(v.path()));
            } catch (PlaywrightException e) {
              // a vector that navigates away may race the load event
            }
            // proving the vector fires needs only its first packet
            for (int waited = 0; site.seen() == before && waited < SETTLE_MILLIS; waited += 100) {
              page.waitForTimeout(100);
            }
          }
          int seen = site.seen() - before;
          record(v, "control", seen);
          if (seen == 0) {
            silent.add(v.name());
          }
        }
      }
      write();
      assertThat(silent).as("vectors that did not fire without the guard\n" + site.report())
          .isEmpty();
    }
  }

  @Test
  void no_vector_reaches_any_canary_through_the_guard_and_each_attempt_is_recorded() {
    try (HostileSite site = new HostileSite();
         BrowserSession browser = BrowserSession.launch(BrowserConfig.defaults())) {
      Scope scope = Scope.ofUrl(site.url("/"));
      List<String> unrecorded = new ArrayList<>();
      for (HostileSite.Vector v : site.vectors()) {
        List<ScopeBlock> blocks;
        int before = site.seen();
        try (Tab tab = browser.newTab(scope)) {
          tab.step(0);
          tab.navigate(site.url(v.path()));
          tab.page().waitForTimeout(SETTLE_MILLIS);
          tab.navigate(site.url("/"));
          blocks = tab.drainBlocks();
        }
        record(v, "guarded", site.seen() - before);
        TABLE.merge(v.name(), " | " + blocks.size() + " | " + kinds(blocks), String::concat);
        boolean named = blocks.stream().anyMatch(b -> b.url().contains(":" + v.canary().port())
            || b.url().contains("127.0.0.2"));
        if (v.asksTheNetwork() && !named) {
          unrecorded.add(v.name() + " " + blocks);
        }
        assertThat(blocks).allMatch(b -> b.step() == 0, "blocks filed under the step");
      }
      write();
      assertThat(site.seen()).as("connections and packets at the canaries\n" + site.report())
          .isZero();
      assertThat(unrecorded).as("attempts not recorded as blocks").isEmpty();
    }
  }

  private static String kinds(List<ScopeBlock> blocks) {
    return String.join(", ", blocks.stream().map(ScopeBlock::kind).distinct().sorted().toList());
  }

  private static synchronized void record(HostileSite.Vector v, String run, int seen) {
    String key = v.name();
    String row = TABLE.getOrDefault(key, "| " + v.name() + " | " + v.canary().name());
    TABLE.put(key, row + " | " + run + " " + seen);
  }

  private static synchronized void write() {
    StringBuilder md = new StringBuilder("| vector | canary | seen | seen | blocks | kinds |\n"
        + "| --- | --- | --- | --- | --- | --- |\n");
    TABLE.values().forEach(r -> md.append(r).append(" |\n"));
    try {
      Files.createDirectories(Path.of("target"));
      Files.writeString(Path.of("target", "hostile-vectors.md"), md);
    } catch (IOException e) {
      // the table is a report, not the test
    }
    System.out.println(md);
  }
}
