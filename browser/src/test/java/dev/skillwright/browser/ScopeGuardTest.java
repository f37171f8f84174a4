package dev.skillwright.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.ScopeBlock;
import dev.skillwright.trajectories.Target;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Real Chromium against two local servers: the site in scope, and one outside it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopeGuardTest {
  BrowserSession browser;
  TestServer site;
  TestServer outside;

  @BeforeAll
  void start() {
    browser = BrowserSession.launch(BrowserConfig.defaults());
    outside = new TestServer().page("/secret", "<h1>Outside</h1>");
    site = new TestServer();
    site.page("/", """
        <h1>Start</h1>
        <a href="/go-out">Leave by redirect</a>
        <a href="/go-in">Stay by redirect</a>
        <a href="%s">Leave by link</a>
        <button onclick="window.open('%s')">Open popup</button>
        <a href="data:text/html,<h1>data</h1>">Data link</a>
        <button onclick="location.href='data:text/html,<h1>escaped</h1>'">Data script</button>
        <img src="%s" alt="tracker">
        """.formatted(outside.url("/secret"), outside.url("/secret"), outside.url("/pixel")))
        .page("/inside", "<h1>Inside</h1>")
        .redirect("/go-out", outside.url("/secret"))
        .redirect("/go-in", "/inside");
  }

  @AfterAll
  void stop() {
    browser.close();
    site.close();
    outside.close();
  }

  Target named(Tab tab, String role, String name) {
    AriaSnapshot s = tab.observe().snapshot();
    return s.nodes().stream().filter(n -> n.is(role) && n.name().equals(name)).findFirst()
        .map(n -> Target.of(n.ref(), n.role(), n.name())).orElseThrow();
  }

  Tab openStart() {
    Tab tab = browser.newTab(Scope.ofUrl(site.url("/")));
    assertThat(tab.navigate(site.url("/")).ok()).isTrue();
    return tab;
  }

  @Test
  void a_redirect_out_of_scope_is_stopped_before_anything_is_sent_there() {
    try (Tab tab = openStart()) {
      tab.step(3);
      tab.execute(new Action.Click(named(tab, "link", "Leave by redirect")));

      assertThat(tab.url()).startsWith(site.url("/"));
      assertThat(tab.drainBlocks()).contains(new ScopeBlock(3, "redirect", outside.url("/secret")));
      assertThat(outside.hits).doesNotContain("/secret");
    }
  }

  @Test
  void a_redirect_within_scope_is_followed() {
    try (Tab tab = openStart()) {
      tab.execute(new Action.Click(named(tab, "link", "Stay by redirect")));

      assertThat(tab.url()).isEqualTo(site.url("/inside"));
      assertThat(tab.drainBlocks()).noneMatch(b -> b.kind().equals("redirect"));
    }
  }

  @Test
  void a_link_out_of_scope_is_aborted_and_recorded() {
    try (Tab tab = openStart()) {
      tab.step(1);
      tab.execute(new Action.Click(named(tab, "link", "Leave by link")));

      assertThat(tab.url()).startsWith(site.url("/"));
      assertThat(tab.drainBlocks()).contains(new ScopeBlock(1, "navigation", outside.url("/secret")));
      assertThat(outside.hits).doesNotContain("/secret");
    }
  }

  @Test
  void a_popup_is_closed_and_its_request_never_leaves() {
    try (Tab tab = openStart()) {
      tab.execute(new Action.Click(named(tab, "button", "Open popup")));
      tab.execute(new Action.Wait(300));

      List<ScopeBlock> blocks = tab.drainBlocks();
      assertThat(blocks).anyMatch(b -> b.kind().equals("popup"));
      assertThat(outside.hits).doesNotContain("/secret");
      assertThat(tab.url()).isEqualTo(site.url("/"));
    }
  }

  @Test
  void subresources_out_of_scope_are_blocked() {
    try (Tab tab = openStart()) {
      assertThat(tab.drainBlocks()).contains(new ScopeBlock(-1, "request", outside.url("/pixel")));
      assertThat(outside.hits).doesNotContain("/pixel");
    }
  }

  @Test
  void data_javascript_and_file_navigations_never_leave_scope() {
    try (Tab tab = openStart()) {
      // Chromium itself refuses a page's own top-frame navigation to data: ...
      tab.execute(new Action.Click(named(tab, "button", "Data script")));
      assertThat(tab.url()).isEqualTo(site.url("/"));

      // ... and the guard refuses the agent's.
      ActionResult data = tab.execute(new Action.Goto("data:text/html,<h1>x</h1>"));
      tab.execute(new Action.Goto("javascript:document.title='owned'"));
      tab.execute(new Action.Goto("file:///etc/passwd"));

      assertThat(data.ok()).isFalse();
      assertThat(data.error()).startsWith("out of scope: data:");
      assertThat(tab.url()).isEqualTo(site.url("/"));
      assertThat(tab.observe().title()).isEqualTo("/");
      assertThat(tab.drainBlocks()).extracting(ScopeBlock::url).contains(
          "data:text/html,<h1>x</h1>", "javascript:document.title='owned'", "file:///etc/passwd");
    }
  }
}
