package dev.skillwright.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.ScopeBlock;
import dev.skillwright.trajectories.SkillwrightException;
import dev.skillwright.trajectories.Target;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Browsers this process did not launch: a Chromium the test starts with a remote-debugging port
 * ({@code --cdp-endpoint}), and a real Playwright browser server, npm's {@code playwright-core}
 * of the client's version running this machine's Chromium ({@code --browser-endpoint}). On
 * each, a hostile page's requests out of scope are stopped and recorded, and the server outside
 * scope sees none of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RemoteBrowserTest {
  TestServer site;
  TestServer outside;
  RemoteBrowser cdp;
  RemoteBrowser server;

  @BeforeAll
  void start() throws Exception {
    outside = new TestServer().page("/secret", "<h1>Outside</h1>");
    site = new TestServer();
    site.page("/", """
        <h1>Start</h1>
        <a href="%s">Leave by link</a>
        <img src="%s" alt="tracker">
        <script>fetch('%s').catch(() => {});</script>
        """.formatted(outside.url("/secret"), outside.url("/pixel"), outside.url("/beacon")));
    cdp = RemoteBrowser.cdp();
    server = RemoteBrowser.playwrightServer();
  }

  @AfterAll
  void stop() {
    if (cdp != null) {
      cdp.close();
    }
    if (server != null) {
      server.close();
    }
    site.close();
    outside.close();
  }

  BrowserConfig remote(BrowserConfig.Remote.Kind kind, String url) {
    return BrowserConfig.builder().remote(new BrowserConfig.Remote(kind, url)).tracing(false)
        .build();
  }

  void scopeHolds(BrowserConfig config) {
    try (BrowserSession browser = BrowserSession.launch(config)) {
      assertThat(browser.chromium().describe()).startsWith("the browser at "
          + config.remote().kind().flag());
      // two contexts at once on the one remote browser, as two workers would have
      try (Tab first = browser.newTab(Scope.ofUrl(site.url("/")));
          Tab second = browser.newTab(Scope.ofUrl(site.url("/")))) {
        assertThat(first.navigate(site.url("/")).ok()).isTrue();
        assertThat(second.navigate(site.url("/")).ok()).isTrue();
        first.page().waitForTimeout(300);
        first.step(2);
        var link = first.observe().snapshot().nodes().stream()
            .filter(n -> n.is("link") && n.name().equals("Leave by link")).findFirst()
            .orElseThrow();
        first.execute(new Action.Click(Target.of(link.ref(), link.role(), link.name())));

        assertThat(first.url()).startsWith(site.url("/"));
        List<ScopeBlock> blocks = first.drainBlocks();
        assertThat(blocks).extracting(ScopeBlock::url)
            .contains(outside.url("/pixel"), outside.url("/beacon"), outside.url("/secret"));
        assertThat(second.drainBlocks()).extracting(ScopeBlock::url)
            .contains(outside.url("/pixel"), outside.url("/beacon"));
        assertThat(outside.hits).isEmpty();
      }
    }
  }

  @Test
  void a_chromium_attached_over_cdp_keeps_every_context_in_scope() {
    scopeHolds(remote(BrowserConfig.Remote.Kind.CDP, cdp.url()));
  }

  @Test
  void a_playwright_browser_server_keeps_every_context_in_scope() {
    scopeHolds(remote(BrowserConfig.Remote.Kind.PLAYWRIGHT, server.url()));
  }

  @Test
  void an_endpoint_nobody_listens_on_is_one_line_naming_it_without_its_token() {
    assertThatThrownBy(() -> BrowserSession.launch(BrowserConfig.builder()
        .navigationTimeoutMillis(2_000).remote(new BrowserConfig.Remote(
            BrowserConfig.Remote.Kind.PLAYWRIGHT, "ws://127.0.0.1:9/?token=hunter2")).build()))
        .isInstanceOf(SkillwrightException.class)
        .hasMessageStartingWith("cannot connect to the browser at --browser-endpoint "
            + "ws://127.0.0.1:9/")
        .hasMessageNotContaining("hunter2");
  }
}
