package dev.skillwright.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.LocatorCandidate.Strategy;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TabTest {
  BrowserSession browser;
  TestServer site;

  @BeforeAll
  void start() {
    browser = BrowserSession.launch(BrowserConfig.defaults());
    site = new TestServer().page("/form", """
        <h1>Sign up</h1>
        <nav><a href="/form">Home</a></nav>
        <ul><li><a href="/form">Home</a></li></ul>
        <form action="/done">
          <label>Email <input name="email" placeholder="you@example.com"></label>
          <select name="plan" aria-label="Plan"><option>Free</option><option>Pro</option></select>
          <label><input type="checkbox" name="news"> Send news</label>
          <button type="submit" data-testid="go">Sign up now</button>
        </form>
        """).page("/done", "<h1>Welcome</h1>")
        .page("/busy", "<h1>Busy</h1>"
            + "<button onclick=\"setTimeout(() => { location.href = '/slow-page'; }, 0)\">Later"
            + "</button><button onclick=\"fetch('/slow-data').then(r => r.text()).then(t => {"
            + " document.querySelector('#out').textContent = 'Loaded ' + t.length; })\">Load"
            + "</button><p id=\"out\">Nothing yet</p>")
        .page("/copies", "<details><summary>More</summary><button onclick=\"document"
            + ".querySelector('#out').textContent = 'hidden one'\">Save</button></details>"
            + "<div style=\"display:none\"><button>Save</button></div>"
            + "<button onclick=\"document.querySelector('#out').textContent = 'shown one'\">"
            + "Save</button><p id=\"out\">Nothing yet</p>")
        .page("/note", "<label>Subject <input></label><label>Message <textarea></textarea>"
            + "</label><iframe srcdoc=\"<label>Aside <textarea></textarea></label>\"></iframe>")
        .page("/tree", "<ul role=tree><li role=treeitem id=fake>Fake</li>"
            + "<li role=treeitem aria-expanded=true><span>Open</span>"
            + "<ul role=group><li role=treeitem>Leaf</li><li role=treeitem aria-expanded=false>"
            + "<span>Shut</span><ul role=group hidden><li role=treeitem>Hidden</li></ul></li>"
            + "</ul></li><li role=treeitem aria-expanded=false><span>Chapter 2: Setup</span>"
            + "<ul role=group hidden><li role=treeitem>Deep</li></ul></li></ul>"
            + "<iframe srcdoc=\"<ul role=tree><li role=treeitem "
            + "aria-expanded=false>Inner</li><li role=treeitem>Bare</li></ul>\"></iframe>")
        .page("/later", "<h1>Parcel</h1><p id=\"st\">Loading status…</p><script>"
            + "setTimeout(() => { document.querySelector('#st').textContent = 'Delivered'; },"
            + " 1500)</script>")
        .page("/still", "<h1>Nothing happens here</h1>")
        .page("/pick", "<select aria-label=\"Tags\" multiple><option>Red</option><option>"
            + "Green</option><option>Blue</option></select><label>Due <input type=\"DATE\">"
            + "</label><label>Plan <select><option>Free</option><option>Pro</option></select>"
            + "</label>")
        // a page that breaks its own timers and observers, as a hostile one may
        .page("/broken", "<h1>Broken</h1><script>window.setTimeout = () => 0;"
            + " window.requestAnimationFrame = () => 0; window.MutationObserver = function () {"
            + " this.observe = () => {}; };</script>")
        .page("/slow-page", "<h1>Arrived late</h1>", 600)
        .page("/slow-data", "data", 600);
  }

  @AfterAll
  void stop() {
    browser.close();
    site.close();
  }

  Target find(Observation o, String role, String name) {
    return o.snapshot().nodes().stream().filter(n -> n.is(role) && n.name().equals(name))
        .findFirst().map(n -> Target.of(n.ref(), n.role(), n.name())).orElseThrow();
  }

  @Test
  void an_observation_has_the_ai_snapshot_with_refs_and_a_jpeg_screenshot() {
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/form"));
      Observation o = tab.observe();

      assertThat(o.url()).isEqualTo(site.url("/form"));
      assertThat(o.title()).isEqualTo("/form");
      assertThat(o.ariaSnapshot()).contains("heading \"Sign up\" [level=1] [ref=");
      assertThat(o.screenshot()).startsWith((byte) 0xFF, (byte) 0xD8);
    }
  }

  @Test
  void a_replayed_step_acts_on_the_copy_in_sight_and_records_its_box_on_a_pictured_page() {
    Target save = new Target(null, "button", "Save",
        java.util.List.of(LocatorCandidate.role("button", "Save")));
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/copies"));
      tab.observe();
      ActionResult r = tab.execute(new Action.Click(save));

      assertThat(r.ok()).as(r.error()).isTrue();
      assertThat(r.matchedBy()).isEqualTo("role");
      assertThat(tab.look().nodes()).anyMatch(n -> n.name().equals("shown one")
          || "shown one".equals(n.value()));
      assertThat(r.box()).isNotNull();
      assertThat(r.box().width()).isPositive();
    }
    // unpictured (a replay looks at nothing, the offline agent reads text): the same choice of
    // the copy in sight, and no box, since there is no screenshot to put it on
    for (boolean read : new boolean[] {false, true}) {
      try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
        tab.navigate(site.url("/copies"));
        if (read) {
          tab.observeText();
        }
        ActionResult r = tab.execute(new Action.Click(save));

        assertThat(r.ok()).as(r.error()).isTrue();
        assertThat(tab.look().nodes()).anyMatch(n -> n.name().equals("shown one")
            || "shown one".equals(n.value()));
        assertThat(r.box()).isNull();
      }
    }
  }

  @Test
  void text_areas_are_told_from_one_line_text_boxes() {
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/note"));
      String snapshot = tab.observeText().ariaSnapshot();

      assertThat(snapshot).containsPattern("textbox \"Subject\" \\[ref=e\\d+\\]")
          .containsPattern("textbox \"Message\" \\[multiline\\] \\[ref=e\\d+\\]")
          .containsPattern("textbox \"Aside\" \\[multiline\\] \\[ref=f\\d+e\\d+\\]");
    }
  }

  @Test
  void closed_tree_items_are_told_from_files() {
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/tree"));
      String snapshot = tab.observeText().ariaSnapshot();

      // the snapshot alone shows a closed folder as it shows a file
      assertThat(snapshot).containsPattern("treeitem \"Open\" \\[expanded\\][^\\n]*\\[ref=e\\d+\\]")
          .containsPattern("treeitem \"Leaf\" [^\\n]*\\[ref=e\\d+\\]")
          .containsPattern("treeitem \"Shut\" [^\\n]*\\[collapsed\\] \\[ref=e\\d+\\]")
          .containsPattern("treeitem \"Inner\" [^\\n]*\\[collapsed\\] \\[ref=f\\d+e\\d+\\]")
          .containsPattern("treeitem \"Bare\" [^\\n]*\\[ref=f\\d+e\\d+\\]");
      // a line Playwright quotes whole (its name holds ": ") is read too
      assertThat(snapshot).containsPattern("- 'treeitem \"Chapter 2: Setup\" [^\\n]*"
          + "\\[collapsed\\] \\[ref=e\\d+\\]");
      assertThat(snapshot.lines().filter(l -> l.contains("[collapsed]")).count()).isEqualTo(3);

      // a name that reads like the ref of a closed item is not taken for a ref
      java.util.regex.Matcher shut = java.util.regex.Pattern
          .compile("treeitem \"Shut\" [^\\n]*\\[ref=(e\\d+)\\]").matcher(snapshot);
      assertThat(shut.find()).isTrue();
      tab.evaluate("() => document.getElementById('fake').textContent = 'Fake [ref="
          + shut.group(1) + "]'");
      String again = tab.observeText().ariaSnapshot();
      assertThat(again).contains("treeitem \"Fake [ref=" + shut.group(1) + "]\" [ref=");
      assertThat(again.lines().filter(l -> l.contains("[collapsed]")).count()).isEqualTo(3);
    }
  }

  @Test
  void executed_actions_record_durable_locators_in_order() {
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/form"));
      Observation o = tab.observe();

      ActionResult fill = tab.execute(new Action.Fill(find(o, "textbox", "Email"), "ada@example.com"));
      ActionResult select = tab.execute(new Action.Select(find(o, "combobox", "Plan"), "Pro"));
      ActionResult check = tab.execute(new Action.Click(find(o, "checkbox", "Send news")));
      ActionResult click = tab.execute(new Action.Click(find(o, "button", "Sign up now")));

      assertThat(fill.ok()).isTrue();
      assertThat(fill.matchedBy()).isEqualTo("ref");
      assertThat(fill.action().target().locators()).containsExactly(
          LocatorCandidate.role("textbox", "Email"),
          LocatorCandidate.of(Strategy.LABEL, "Email"),
          LocatorCandidate.of(Strategy.PLACEHOLDER, "you@example.com"),
          LocatorCandidate.of(Strategy.CSS, "html > body > form > label:nth-of-type(1) > input"));
      assertThat(select.action().target().locators()).startsWith(
          LocatorCandidate.role("combobox", "Plan"));
      assertThat(check.action().target().locators()).startsWith(
          LocatorCandidate.role("checkbox", "Send news"),
          LocatorCandidate.of(Strategy.LABEL, "Send news"));
      assertThat(click.action().target().locators()).startsWith(
          LocatorCandidate.role("button", "Sign up now"),
          LocatorCandidate.of(Strategy.TEXT, "Sign up now"),
          LocatorCandidate.of(Strategy.TEST_ID, "go"));
      assertThat(tab.url()).startsWith(site.url("/done?email=ada%40example.com&plan=Pro&news=on"));
    }
  }

  @Test
  void a_list_that_takes_several_adds_a_choice_and_a_date_is_typed_as_its_input_takes_it() {
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/pick"));
      Observation o = tab.observe();

      assertThat(tab.execute(new Action.Select(find(o, "listbox", "Tags"), "Red")).ok()).isTrue();
      assertThat(tab.execute(new Action.Select(find(o, "listbox", "Tags"), "Blue")).ok()).isTrue();
      assertThat(tab.execute(new Action.Fill(find(o, "textbox", "Due"), "04/19/2014")).ok())
          .isTrue();
      assertThat(tab.execute(new Action.Select(find(o, "combobox", "Plan"), "Pro")).ok()).isTrue();

      assertThat(tab.evaluate("() => Array.from(document.querySelector('select[multiple]')"
          + ".selectedOptions).map(o => o.text).join()")).isEqualTo("Red,Blue");
      assertThat(tab.evaluate("() => document.querySelector('input').value"))
          .isEqualTo("2014-04-19");
      assertThat(tab.evaluate("() => document.querySelectorAll('select')[1].value"))
          .isEqualTo("Pro");
    }
  }

  @Test
  void an_element_after_a_namesake_is_recorded_by_its_path_and_found_again_by_it() {
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/form"));
      Observation o = tab.observe();
      Target second = o.snapshot().nodes().stream()
          .filter(n -> n.is("link") && n.name().equals("Home")).skip(1).findFirst()
          .map(n -> Target.of(n.ref(), n.role(), n.name())).orElseThrow();

      ActionResult hover = tab.execute(new Action.Hover(second));
      // its role and name, and its text, find the navigation's link first: they are not kept
      assertThat(hover.action().target().locators()).containsExactly(
          LocatorCandidate.of(Strategy.CSS, "html > body > ul > li > a"));
      ActionResult again = tab.execute(new Action.Hover(new Target(null, "link", "Home",
          hover.action().target().locators())));
      assertThat(again.ok()).isTrue();
      assertThat(again.matchedBy()).isEqualTo("css");
      assertThat(tab.evaluate("() => document.querySelector('ul a').matches(':hover')"))
          .isEqualTo(true);
    }
  }

  @Test
  void a_shared_name_keeps_its_role_locator_when_the_element_is_the_first_match() {
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/form"));
      Observation o = tab.observe();

      ActionResult r = tab.execute(new Action.Hover(find(o, "link", "Home")));
      assertThat(r.action().target().locators()).contains(LocatorCandidate.role("link", "Home"));
    }
  }

  @Test
  void targets_without_a_ref_are_found_by_their_locators_and_misses_are_reported() {
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/form"));
      Target byLabel = new Target(null, "combobox", "Plan",
          java.util.List.of(LocatorCandidate.role("combobox", "Nope"),
              LocatorCandidate.of(Strategy.LABEL, "Plan")));
      ActionResult select = tab.execute(new Action.Select(byLabel, "Pro"));
      ActionResult missing = tab.execute(new Action.Click(new Target(null, "button", "Gone",
          java.util.List.of(LocatorCandidate.role("button", "Gone")))));

      assertThat(select.ok()).isTrue();
      assertThat(select.matchedBy()).isEqualTo("label");
      assertThat(tab.observe().ariaSnapshot()).contains("option \"Pro\" [selected]");
      assertThat(missing.ok()).isFalse();
      assertThat(missing.error()).isEqualTo("no locator matches button \"Gone\"");
    }
  }

  @Test
  void a_css_path_or_test_id_matches_only_the_element_recorded_there() {
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/form"));
      String emailPath = "html > body > form > label:nth-of-type(1) > input";
      // the path and the id now point at elements that are not the recorded ones
      ActionResult otherName = tab.execute(new Action.Fill(new Target(null, "textbox", "Phone",
          java.util.List.of(LocatorCandidate.role("textbox", "Phone"),
              LocatorCandidate.of(Strategy.CSS, emailPath))), "x"));
      ActionResult otherRole = tab.execute(new Action.Click(new Target(null, "link",
          "Sign up now", java.util.List.of(LocatorCandidate.of(Strategy.TEST_ID, "go")))));
      ActionResult same = tab.execute(new Action.Fill(new Target(null, "textbox", "Email",
          java.util.List.of(LocatorCandidate.role("textbox", "E-mail"),
              LocatorCandidate.of(Strategy.CSS, emailPath))), "ada@example.com"));

      assertThat(otherName.ok()).isFalse();
      assertThat(otherName.error()).isEqualTo("no locator matches textbox \"Phone\"");
      assertThat(otherRole.ok()).isFalse();
      assertThat(same.ok()).isTrue();
      assertThat(same.matchedBy()).isEqualTo("css");
      assertThat(tab.url()).isEqualTo(site.url("/form"));
    }
  }

  @Test
  void an_action_waits_for_the_page_it_sends_for_and_the_fetch_it_starts() {
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/busy"));
      Observation o = tab.observe();

      // a handler fetches, and the page shows the answer 0.6 s later
      assertThat(tab.execute(new Action.Click(find(o, "button", "Load"))).ok()).isTrue();
      assertThat(tab.observe().ariaSnapshot()).contains("paragraph [ref=e5]: Loaded ");
      // a handler sends the page elsewhere a moment after the click, to a slow server
      assertThat(tab.execute(new Action.Click(find(o, "button", "Later"))).ok()).isTrue();
      assertThat(tab.url()).isEqualTo(site.url("/slow-page"));
      assertThat(tab.observe().ariaSnapshot()).contains("Arrived late");
    }
  }

  @Test
  void a_wait_ends_once_the_page_changed_and_kept_still_and_never_outlasts_its_time() {
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/later"));
      ActionResult waited = tab.execute(new Action.Wait(10_000));
      assertThat(waited.ok()).isTrue();
      assertThat(tab.observeText().ariaSnapshot()).contains("Delivered");
      // the status came 1.5 s after the page: the wait did not last its 10 s
      assertThat(waited.millis()).isLessThan(5_000);

      // a page that never changes takes the whole time; one that broke its own timers and
      // observers cannot make a wait last longer than that
      for (String page : java.util.List.of("/still", "/broken")) {
        tab.navigate(site.url(page));
        ActionResult still = tab.execute(new Action.Wait(400));
        assertThat(still.ok()).as(page).isTrue();
        assertThat(still.millis()).as(page).isBetween(400L, 5_000L);
      }
    }
  }

  @Test
  void a_tab_that_forgets_is_as_fresh_as_a_new_context_and_keeps_its_scope() {
    String state = "async () => [document.cookie, localStorage.getItem('l') || '',"
        + " sessionStorage.getItem('s') || '',"
        + " (await indexedDB.databases()).map(d => d.name).join(',')].join('|')";
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/form"));
      tab.evaluate("() => new Promise(done => { document.cookie = 'c=1; path=/';"
          + " localStorage.setItem('l', '1'); sessionStorage.setItem('s', '1');"
          + " const q = indexedDB.open('db', 1);"
          + " q.onupgradeneeded = () => q.result.createObjectStore('x');"
          + " q.onsuccess = () => { q.result.close(); done(1); }; })");
      tab.navigate(site.url("/done"));
      assertThat(tab.evaluate(state)).isEqualTo("c=1|1|1|db");

      assertThat(tab.forget()).isTrue();

      assertThat(tab.url()).isEqualTo("about:blank");
      assertThat(tab.navigate(site.url("/form")).ok()).isTrue();
      assertThat(tab.evaluate(state)).isEqualTo("|||");
      assertThat(tab.navigate("http://example.com/").ok()).isFalse();
      assertThat(tab.url()).isEqualTo(site.url("/form"));
    }
  }

  @Test
  void a_spare_tab_comes_back_forgotten_and_is_replaced_once_its_page_died() {
    try (SpareTab spare = new SpareTab(() -> browser.newTab(Scope.ofUrl(site.url("/"))))) {
      Tab first = spare.take();
      first.navigate(site.url("/form"));
      first.navigate(site.url("/done"));
      spare.keep(first);

      Tab again = spare.take();

      assertThat(again).isSameAs(first);
      assertThat(again.url()).isEqualTo("about:blank");
      assertThat(again.evaluate("() => history.length")).isEqualTo(1);

      again.page().close();
      spare.keep(again);
      Tab fresh = spare.take();

      assertThat(fresh).isNotSameAs(again);
      assertThat(fresh.navigate(site.url("/form")).ok()).isTrue();
      spare.keep(fresh);
    }
  }

  @Test
  void a_tab_that_was_on_two_origins_is_not_reused_and_its_storage_stays_behind() {
    String other = site.url("/form").replace("127.0.0.1", "localhost");
    Scope both = Scope.of(java.util.List.of(site.url("/"), other));
    try (SpareTab spare = new SpareTab(() -> browser.newTab(both))) {
      Tab tab = spare.take();
      assertThat(tab.navigate(other).ok()).isTrue();
      tab.evaluate("() => { sessionStorage.setItem('s', '1'); localStorage.setItem('l', '1'); }");
      assertThat(tab.navigate(site.url("/done")).ok()).isTrue();
      spare.keep(tab);

      Tab next = spare.take();

      assertThat(next).isNotSameAs(tab);
      assertThat(next.navigate(other).ok()).isTrue();
      assertThat(next.evaluate("() => (sessionStorage.getItem('s') || '')"
          + " + (localStorage.getItem('l') || '')")).isEqualTo("");
      spare.keep(next);
    }
  }

  @Test
  void a_tab_that_started_from_a_saved_login_is_never_reused(@TempDir Path dir)
      throws Exception {
    Path login = dir.resolve("login.json");
    Files.writeString(login, """
        {"cookies": [{"name": "login", "value": "yes", "domain": "127.0.0.1", "path": "/",
          "expires": -1, "httpOnly": false, "secure": false, "sameSite": "Lax"}],
         "origins": []}""");
    try (BrowserSession logged = BrowserSession.launch(BrowserConfig.builder()
        .storageState(login).build());
        SpareTab spare = new SpareTab(() -> logged.newTab(Scope.ofUrl(site.url("/"))))) {
      Tab first = spare.take();
      first.navigate(site.url("/form"));
      first.evaluate("() => { document.cookie = 'c=1; path=/'; }");
      spare.keep(first);

      Tab next = spare.take();

      // a new context from the saved login: the login kept, nothing of the last tab's
      assertThat(next).isNotSameAs(first);
      assertThat(next.cookie("login")).contains("yes");
      assertThat(next.cookie("c")).isEmpty();
      spare.keep(next);
    }
  }

  @Test
  void a_failing_action_is_reported_in_one_line_not_thrown() {
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/form"));
      ActionResult r = tab.execute(new Action.Fill(Target.of("e999", "textbox", "Ghost"), "x"));

      assertThat(r.ok()).isFalse();
      assertThat(r.error()).isEqualTo("no element e999 (textbox \"Ghost\") on the page now; observe again");
    }
  }

  @Test
  void a_trace_holds_the_actions_and_not_the_tabs_own_screenshots_and_waits(@TempDir Path dir)
      throws Exception {
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/form"));
      Observation o = tab.observe();
      // a field filled leaves the page on its document: the tab lets the page run after it
      assertThat(tab.execute(new Action.Fill(find(o, "textbox", "Email"), "ada@example.com"))
          .ok()).isTrue();
      Observation after = tab.observe();
      Path zip = dir.resolve("trace.zip");
      assertThat(tab.saveTrace(zip)).isTrue();

      assertThat(after.screenshot()).startsWith((byte) 0xFF, (byte) 0xD8); // a JPEG
      java.util.List<String> calls = new java.util.ArrayList<>();
      try (var fs = java.nio.file.FileSystems.newFileSystem(zip)) {
        for (String line : Files.readAllLines(fs.getPath("trace.trace"))) {
          var event = dev.skillwright.trajectories.Json.mapper().readTree(line);
          if (event.path("type").asText().equals("before")) {
            calls.add(event.path("method").asText());
          }
        }
      }
      assertThat(calls).contains("goto", "fill").doesNotContain("screenshot",
          "evaluateExpression", "send");
    }
  }

  @Test
  void a_page_whose_renderer_crashed_is_pictured_as_nothing_at_once() {
    try (Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      tab.navigate(site.url("/form"));
      assertThat(tab.screenshot()).isNotEmpty(); // its DevTools session is open
      java.util.concurrent.atomic.AtomicBoolean crashed =
          new java.util.concurrent.atomic.AtomicBoolean();
      tab.page().onCrash(p -> crashed.set(true));
      try {
        tab.page().navigate("chrome://crash");
      } catch (com.microsoft.playwright.PlaywrightException e) {
        // the crash ends the navigation
      }
      tab.page().waitForCondition(crashed::get);

      // the browser would hold a DevTools command for a renderer that never comes, until the
      // watchdog took the browser down as hung
      assertThat(tab.screenshot()).isEmpty();
      tab.execute(new Action.Wait(0)); // then lets the page run, or finds it cannot
      assertThat(tab.browserStopped()).isEmpty();
    }
  }
}
