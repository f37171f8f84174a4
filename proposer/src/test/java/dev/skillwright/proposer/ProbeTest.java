package dev.skillwright.proposer;

import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import org.junit.jupiter.api.Test;

class ProbeTest {
  @Test
  void probe() {
    String url = System.getProperty("probe.url");
    if (url == null) return;
    try (BrowserSession b = BrowserSession.launch(BrowserConfig.defaults())) {
      long t = System.nanoTime();
      Exploration e = Explorer.explore(() -> b.newTab(Scope.ofUrl(url)), url, Explorer.Limits.defaults());
      System.out.println("TOOK " + (System.nanoTime() - t) / 1_000_000 + " ms, " + e.actions() + " actions");
      e.walks().forEach(w -> System.out.println("WALK " + w.instruction() + "  ==> " + w.success().describe() + " " + w.params()));
      e.skipped().forEach(s -> System.out.println("SKIP " + s));
      e.affordances().forEach(s -> System.out.println("AFF " + s));
    }
  }
}
