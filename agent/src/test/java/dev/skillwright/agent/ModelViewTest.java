package dev.skillwright.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.Tab;
import dev.skillwright.envs.Site;
import dev.skillwright.envs.Sites;
import dev.skillwright.llm.PageText;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.AriaSnapshot.Node;
import dev.skillwright.trajectories.Observation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a model is shown of a page loses nothing it acts or answers on, checked on real AI-mode
 * snapshots from real Chromium: of the bundled sites' pages, and of a page unlike them (a form of
 * every kind of control, a table, nested lists, an open dialog).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModelViewTest {
  /** Roles a person operates, by WAI-ARIA: each must keep its ref, role, name and state. */
  static final Set<String> WIDGETS = Set.of("button", "checkbox", "combobox", "gridcell", "link",
      "listbox", "menuitem", "menuitemcheckbox", "menuitemradio", "option", "radio", "scrollbar",
      "searchbox", "slider", "spinbutton", "switch", "tab", "textbox", "treeitem");

  static final String OWN_PAGE = """
      <!doctype html><html><head><title>Settings</title>
      <style>.card { cursor: pointer }</style></head><body>
      <header><nav aria-label="Site"><a href="/">Home</a> <a href="/help">Help</a>
        <a href="https://elsewhere.example/terms">Terms</a></nav></header>
      <main>
        <h1>Account settings</h1>
        <p>Changes apply <strong>immediately</strong> to every device.</p>
        <div role="alert">Your trial ends in 3 days.</div>
        <form>
          <fieldset><legend>Profile</legend>
            <label>Display name <input name="n" value="Ada L."></label>
            <label for="bio">About you</label><textarea id="bio">Hello</textarea>
            <label>Country <select><option>France</option><option selected>Peru</option>
              <option disabled>Mars</option></select></label>
          </fieldset>
          <fieldset><legend>Mail</legend>
            <label><input type="checkbox" checked> Weekly digest</label>
            <label><input type="checkbox"> Offers</label>
            <label><input type="radio" name="f" checked> HTML</label>
            <label><input type="radio" name="f"> Plain text</label>
          </fieldset>
          <input type="range" aria-label="Volume" min="0" max="10" value="4">
          <button type="button" disabled>Save</button>
          <button type="button" aria-expanded="true" aria-controls="more">More options</button>
        </form>
        <table><caption>Sessions</caption>
          <thead><tr><th>Device</th><th>Last seen</th><th></th></tr></thead>
          <tbody>
            <tr><td>Laptop</td><td>2 hours ago</td><td><a href="/sessions/1/end">End</a></td></tr>
            <tr><td>Phone</td><td>Yesterday</td><td><a href="/sessions/2/end">End</a></td></tr>
          </tbody></table>
        <ul><li>Security<ul><li>Two-factor: on</li><li><a href="/keys">Keys</a> (2)</li></ul></li>
          <li>Billing</li></ul>
        <div class="card" onclick="this.textContent='Opened'">Plan: Team, 5 seats</div>
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
        <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Company logo">
        <details><summary>Advanced</summary><p>Export your data as JSON.</p></details>
      </main>
      <dialog open aria-label="Cookies"><p>We use one cookie to keep you signed in.</p>
        <button>Accept</button><button>Decline</button></dialog>
      <footer>© 2026 Example Ltd</footer>
      </body></html>
      """;

  BrowserSession browser;
  final List<Site> sites = new ArrayList<>();
  HttpServer own;

  @BeforeAll
  void start() throws IOException {
    browser = BrowserSession.launch(BrowserConfig.builder().tracing(false).build());
    for (String name : List.of("shop", "forum", "wiki", "tracker")) {
      sites.add(Sites.start(name));
    }
    own = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    own.createContext("/", x -> {
      byte[] body = OWN_PAGE.getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
      x.close();
    });
    own.start();
  }

  @AfterAll
  void stop() {
    own.stop(0);
    sites.forEach(Site::close);
    browser.close();
  }

  @Test
  void the_bundled_sites_pages_keep_every_control_and_every_text() {
    SoftAssertions soft = new SoftAssertions();
    for (Site site : sites) {
      for (Observation page : pages(site.baseUrl(), 4)) {
        keepsWhatAModelNeeds(soft, page);
      }
    }
    soft.assertAll();
  }

  @Test
  void a_page_unlike_the_bundled_sites_keeps_every_control_state_and_text() {
    String url = "http://127.0.0.1:" + own.getAddress().getPort() + "/settings";
    Observation page = pages(url, 0).get(0);
    String view = Policies.modelView(page.ariaSnapshot(), page.url());
    SoftAssertions soft = new SoftAssertions();

    keepsWhatAModelNeeds(soft, page);

    soft.assertThat(view).as("view").contains("[checked]", "[disabled]", "[expanded]",
        "[selected]", "Company logo", "Two-factor: on", "© 2026 Example Ltd",
        "- /url: https://elsewhere.example/terms", "- /url: /sessions/1/end",
        "- generic \"Advanced\" [ref=")
        .doesNotContain("cursor=pointer", "[active]");
    soft.assertAll();
  }

  /** The start page and up to {@code links} pages its same-site links lead to. */
  private List<Observation> pages(String start, int links) {
    List<Observation> out = new ArrayList<>();
    try (Tab tab = browser.newTab(Scope.ofUrl(start))) {
      assertThat(tab.navigate(start).ok()).as(start).isTrue();
      out.add(tab.observe());
      Set<String> next = new LinkedHashSet<>();
      for (Node n : out.get(0).snapshot().nodes()) {
        if (n.url() != null && n.url().startsWith("/") && n.url().length() > 1) {
          next.add(n.url());
        }
      }
      for (String path : next.stream().limit(links).toList()) {
        String base = start.replaceFirst("(https?://[^/]+).*", "$1");
        if (tab.navigate(base + path).ok()) {
          out.add(tab.observe());
        }
      }
    }
    return out;
  }

  /**
   * Every element a person operates keeps, in the view, its ref, role, name, value and state;
   * every text the page shows is in the view; links of one text that go to different places keep
   * their targets apart; the view names no ref the page lacks.
   */
  private static void keepsWhatAModelNeeds(SoftAssertions soft, Observation page) {
    String view = PageText.compact(page.ariaSnapshot(), page.url(), Integer.MAX_VALUE);
    AriaSnapshot full = page.snapshot();
    AriaSnapshot shown = AriaSnapshot.parse(view);
    String where = page.url();
    for (Node n : full.nodes()) {
      // a page makes controls of its own: clickable boxes, named generics (a summary)
      boolean operated = WIDGETS.contains(n.role()) || n.has("cursor")
          || n.is("generic") && !n.name().isEmpty();
      if (n.ref() == null || !operated) {
        continue;
      }
      soft.assertThat(shown.byRef(n.ref())).as("%s on %s", n.describe(), where).hasValueSatisfying(
          s -> {
            soft.assertThat(s.role()).as("role of %s on %s", n.ref(), where).isEqualTo(n.role());
            soft.assertThat(s.name()).as("name of %s on %s", n.ref(), where).isEqualTo(n.name());
            soft.assertThat(s.value()).as("value of %s on %s", n.ref(), where)
                .isEqualTo(n.value());
            Map<String, String> state = new HashMap<>(n.attrs());
            state.keySet().removeAll(Set.of("cursor", "active"));
            soft.assertThat(s.attrs()).as("state of %s on %s", n.ref(), where)
                .isEqualTo(state);
          });
    }
    String text = squash(shown.text());
    for (Node n : full.nodes()) {
      for (String s : new String[] {n.name(), n.value()}) {
        if (s != null && !s.isBlank() && !text.contains(squash(s))
            && !squash(s).equals(squash(content(full, n)))) {
          soft.fail("text \"%s\" of %s on %s is not shown", s, n.describe(), where);
        }
      }
    }
    Map<String, Set<String>> targets = new HashMap<>();
    for (Node n : full.nodes()) {
      if (n.url() != null) {
        targets.computeIfAbsent(n.name(), k -> new HashSet<>()).add(n.url());
      }
    }
    for (Node n : full.nodes()) {
      if (n.url() != null && targets.get(n.name()).size() > 1) {
        soft.assertThat(shown.byRef(n.ref()).map(Node::url).orElse(""))
            .as("target of %s on %s", n.describe(), where).isNotEmpty()
            .satisfies(u -> assertThat(n.url()).endsWith(u));
      }
    }
    for (Node s : shown.nodes()) {
      if (s.ref() != null) {
        soft.assertThat(full.byRef(s.ref())).as("ref %s on %s", s.ref(), where).isPresent();
      }
    }
  }

  /** The text of the nodes below {@code n}, run together: what a name from content repeats. */
  private static String content(AriaSnapshot page, Node n) {
    StringBuilder sb = new StringBuilder();
    for (Node d : page.descendants(n)) {
      sb.append(d.name()).append(d.value() == null ? "" : d.value());
    }
    return sb.toString();
  }

  private static String squash(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
  }
}
