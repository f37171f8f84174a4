package dev.skillwright.envs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.Tab;
import dev.skillwright.browser.TestTabs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The static single-page apps, driven in real Chromium the way their users would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaticAppsTest {
  BrowserSession browser;

  @BeforeAll
  void start() {
    PlaywrightAssertions.setDefaultAssertionTimeout(SiteTestSupport.SHOWS_WITHIN_MS);
    browser = BrowserSession.launch(BrowserConfig.defaults());
  }

  @AfterAll
  void stop() {
    browser.close();
  }

  /** A fresh browser context (so empty localStorage) on the app's start page. */
  static Tab open(BrowserSession browser, StaticApps.Server app, String hash) {
    Tab tab = browser.newTab(Scope.ofUrl(app.url()));
    assertThat(tab.navigate(app.url() + hash).ok()).isTrue();
    return tab;
  }

  static Locator role(Page page, AriaRole role, String name) {
    return page.getByRole(role, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  static void expectText(Locator l, String text) {
    PlaywrightAssertions.assertThat(l).hasText(text);
  }

  /** The locator's elements have exactly these texts, in order, once the page has settled. */
  static void expectTexts(Locator l, String... texts) {
    if (texts.length == 0) {
      PlaywrightAssertions.assertThat(l).hasCount(0);
    } else {
      PlaywrightAssertions.assertThat(l).hasText(texts);
    }
  }

  @Test
  void todo_adds_by_enter_toggles_filters_edits_and_clears() {
    try (StaticApps.Server app = StaticApps.start("todo"); Tab tab = open(browser, app, "")) {
      Page page = TestTabs.page(tab);
      Locator input = page.getByPlaceholder("What needs to be done?");
      assertThat(page.evaluate("() => document.activeElement.className")).isEqualTo("new-todo");
      PlaywrightAssertions.assertThat(page.locator(".footer")).isHidden();
      input.fill("Buy milk");
      input.press("Enter");
      input.fill("Walk the dog");
      input.press("Enter");
      assertThat(input.inputValue()).isEmpty();
      input.fill("   ");
      input.press("Enter");
      expectText(page.locator(".todo-count"), "2 items left");
      expectTexts(page.locator(".todo-list li label"), "Buy milk", "Walk the dog");

      page.locator(".todo-list li").first().locator(".toggle").check();
      expectText(page.locator(".todo-count"), "1 item left");
      PlaywrightAssertions.assertThat(page.locator(".clear-completed")).isVisible();

      role(page, AriaRole.LINK, "Active").click();
      assertThat(page.url()).endsWith("#/active");
      expectTexts(page.locator(".todo-list li label"), "Walk the dog");
      role(page, AriaRole.LINK, "Completed").click();
      expectTexts(page.locator(".todo-list li label"), "Buy milk");
      assertThat(page.locator(".filters a.selected").textContent()).isEqualTo("Completed");
      role(page, AriaRole.LINK, "All").click();

      // double-click to edit: Escape cancels, Enter saves
      page.locator(".todo-list li label", new Page.LocatorOptions().setHasText("Walk the dog"))
          .dblclick();
      page.locator(".todo-list li .edit").fill("Walk the cat");
      page.locator(".todo-list li .edit").press("Escape");
      expectText(page.locator(".todo-list li").nth(1).locator("label"), "Walk the dog");
      page.locator(".todo-list li").nth(1).locator("label").dblclick();
      page.locator(".todo-list li .edit").fill("Walk the cat");
      page.locator(".todo-list li .edit").press("Enter");
      expectText(page.locator(".todo-list li").nth(1).locator("label"), "Walk the cat");

      // the destroy button has no text and only shows on hover
      Locator second = page.locator(".todo-list li").nth(1);
      assertThat(second.locator(".destroy").textContent()).isEmpty();
      page.mouse().move(0, 0);
      PlaywrightAssertions.assertThat(second.locator(".destroy")).isHidden();
      second.hover();
      second.locator(".destroy").click();
      PlaywrightAssertions.assertThat(page.locator(".todo-list li")).hasCount(1);

      role(page, AriaRole.BUTTON, "Clear completed").click();
      PlaywrightAssertions.assertThat(page.locator(".todo-list li")).hasCount(0);
      PlaywrightAssertions.assertThat(page.locator(".main")).isHidden();

      input.fill("Persisted");
      input.press("Enter");
      page.getByText("Mark all as complete").click();
      PlaywrightAssertions.assertThat(page.locator(".todo-list li.completed")).hasCount(1);
      String stored = (String) page.evaluate("() => localStorage.getItem('todos-vanillajs')");
      assertThat(stored).contains("\"title\":\"Persisted\"").contains("\"completed\":true");
      page.reload();
      expectTexts(page.locator(".todo-list li label"), "Persisted");

      // the info footer's links lead off the site
      assertThat(page.locator(".info a").evaluateAll("as => as.map(a => a.href)").toString())
          .contains("http://todomvc.com/");
    }
  }

  @Test
  void todo_starts_empty_in_every_fresh_context() {
    try (StaticApps.Server app = StaticApps.start("todo")) {
      try (Tab first = open(browser, app, "")) {
        TestTabs.page(first).getByPlaceholder("What needs to be done?").fill("Only here");
        TestTabs.page(first).getByPlaceholder("What needs to be done?").press("Enter");
        PlaywrightAssertions.assertThat(TestTabs.page(first).locator(".todo-list li")).hasCount(1);
      }
      try (Tab second = open(browser, app, "#/active")) {
        PlaywrightAssertions.assertThat(TestTabs.page(second).locator(".todo-list li")).hasCount(0);
        assertThat(TestTabs.page(second).evaluate("() => localStorage.getItem('todos-vanillajs')"))
            .isEqualTo("{\"todos\":[]}");
      }
    }
  }

  @Test
  void notes_filters_adds_through_the_dialog_and_deletes_after_confirming() {
    try (StaticApps.Server app = StaticApps.start("notes"); Tab tab = open(browser, app, "")) {
      Page page = TestTabs.page(tab);
      PlaywrightAssertions.assertThat(role(page, AriaRole.HEADING, "Notes")).isVisible();
      expectTexts(page.locator(".list-group-item h5"), "App idea", "Trip to Lisbon", "Quarterly report", "Groceries");

      page.getByLabel("Filter notes").pressSequentially("lis");
      expectTexts(page.locator(".list-group-item h5"), "Trip to Lisbon");
      page.getByLabel("Filter notes").fill("zzz");
      expectText(page.locator("#empty"), "No notes match.");
      page.getByLabel("Filter notes").fill("");

      role(page, AriaRole.BUTTON, "New note").click();
      Locator dialog = role(page, AriaRole.DIALOG, "New note");
      PlaywrightAssertions.assertThat(dialog).isVisible();
      role(page, AriaRole.BUTTON, "Save").click();
      assertThat(dialog.getByLabel("Title").getAttribute("aria-invalid")).isEqualTo("true");
      dialog.getByLabel("Title").fill("Call the plumber");
      dialog.getByLabel("Body").fill("Kitchen sink leaks.");
      page.getByRole(AriaRole.COMBOBOX).click();
      role(page, AriaRole.OPTION, "Work").click();
      assertThat(page.getByRole(AriaRole.COMBOBOX).textContent()).isEqualTo("Work");
      role(page, AriaRole.BUTTON, "Save").click();
      PlaywrightAssertions.assertThat(dialog).isHidden();
      expectText(page.getByRole(AriaRole.STATUS), "Note saved");
      page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Call the plumber"))
          .click();
      assertThat(page.url()).endsWith("#/notes/6");

      // tabs and the disclosure on a note's page
      role(page, AriaRole.TAB, "Details").click();
      assertThat(role(page, AriaRole.TAB, "Details").getAttribute("aria-selected"))
          .isEqualTo("true");
      PlaywrightAssertions.assertThat(page.getByRole(AriaRole.TABPANEL)).containsText("Work");
      Locator more = role(page, AriaRole.BUTTON, "More actions");
      assertThat(more.getAttribute("aria-expanded")).isEqualTo("false");
      PlaywrightAssertions.assertThat(role(page, AriaRole.BUTTON, "Delete")).isHidden();
      more.click();
      assertThat(more.getAttribute("aria-expanded")).isEqualTo("true");
      role(page, AriaRole.BUTTON, "Delete").click();
      Locator confirm = role(page, AriaRole.DIALOG, "Delete note?");
      PlaywrightAssertions.assertThat(confirm).isVisible();
      confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Cancel")).click();
      PlaywrightAssertions.assertThat(confirm).isHidden();
      role(page, AriaRole.BUTTON, "Delete").click();
      confirm.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete")).click();
      page.waitForURL("**#/notes");
      assertThat(page.locator(".list-group-item h5").allTextContents())
          .doesNotContain("Call the plumber").hasSize(4);
      assertThat((String) page.evaluate("() => localStorage.getItem('notebook.v1')"))
          .doesNotContain("plumber");
    }
  }

  @Test
  void notes_close_button_archive_and_settings_persist() {
    try (StaticApps.Server app = StaticApps.start("notes");
        Tab tab = open(browser, app, "#/notes/3")) {
      Page page = TestTabs.page(tab);
      PlaywrightAssertions.assertThat(role(page, AriaRole.HEADING, "Trip to Lisbon")).isVisible();
      role(page, AriaRole.BUTTON, "More actions").click();
      role(page, AriaRole.BUTTON, "Archive").click();
      page.waitForURL("**#/archive");
      expectTexts(page.locator("main li a"), "Trip to Lisbon", "Old passwords policy");
      expectText(page.locator("#note-total"), "3 notes");

      role(page, AriaRole.LINK, "Notes").click();
      role(page, AriaRole.BUTTON, "New note").click();
      role(page, AriaRole.DIALOG, "New note").getByLabel("Title").fill("Never saved");
      role(page, AriaRole.BUTTON, "Close").click();
      PlaywrightAssertions.assertThat(role(page, AriaRole.DIALOG, "New note")).isHidden();
      assertThat(page.locator(".list-group-item h5").allTextContents())
          .doesNotContain("Never saved");

      role(page, AriaRole.LINK, "Settings").click();
      Locator dark = role(page, AriaRole.SWITCH, "Dark mode");
      assertThat(dark.getAttribute("aria-checked")).isEqualTo("false");
      dark.click();
      assertThat(dark.getAttribute("aria-checked")).isEqualTo("true");
      assertThat(page.locator("body").getAttribute("class")).contains("theme-dark");
      role(page, AriaRole.RADIO, "Title").check();
      page.reload();
      assertThat(role(page, AriaRole.SWITCH, "Dark mode").getAttribute("aria-checked"))
          .isEqualTo("true");
      assertThat(role(page, AriaRole.RADIO, "Title").isChecked()).isTrue();
      role(page, AriaRole.LINK, "Notes").click();
      expectTexts(page.locator(".list-group-item h5"), "App idea", "Groceries", "Quarterly report");
    }
  }

  @Test
  void board_adds_by_enter_moves_renames_deletes_and_pages() {
    try (StaticApps.Server app = StaticApps.start("board"); Tab tab = open(browser, app, "")) {
      Page page = TestTabs.page(tab);
      Locator todo = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("To do"));
      Locator done = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Done"));
      assertThat(todo.getByRole(AriaRole.LISTITEM).count()).isEqualTo(6);
      todo.getByPlaceholder("+ Add a card").fill("Ship 1.0");
      todo.getByPlaceholder("+ Add a card").press("Enter");
      assertThat(todo.getByRole(AriaRole.LISTITEM).count()).isEqualTo(7);
      expectText(todo.locator(".mdc-chip"), "7");

      Locator ship = todo.getByRole(AriaRole.LISTITEM).filter(
          new Locator.FilterOptions().setHasText("Ship 1.0"));
      ship.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("More options"))
          .click();
      PlaywrightAssertions.assertThat(page.getByRole(AriaRole.MENU)).isVisible();
      role(page, AriaRole.MENUITEM, "Move to Done").click();
      PlaywrightAssertions.assertThat(page.getByRole(AriaRole.MENU)).isHidden();
      assertThat(done.locator(".mdc-card__title").allTextContents()).contains("Ship 1.0");
      expectText(todo.locator(".mdc-chip"), "6");

      // rename by keyboard: Enter opens the menu, arrows move, Enter picks
      Locator shipped = done.getByRole(AriaRole.LISTITEM).filter(
          new Locator.FilterOptions().setHasText("Ship 1.0"));
      shipped.getByRole(AriaRole.BUTTON).focus();
      page.keyboard().press("Enter");
      page.keyboard().press("ArrowDown");
      page.keyboard().press("ArrowDown");
      page.keyboard().press("Enter");
      page.getByLabel("Card title").fill("Ship 1.0.1");
      page.getByLabel("Card title").press("Enter");
      assertThat(done.locator(".mdc-card__title").allTextContents()).contains("Ship 1.0.1");

      done.getByRole(AriaRole.LISTITEM).first()
          .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("More options"))
          .click();
      role(page, AriaRole.MENUITEM, "Delete").click();
      expectText(page.getByRole(AriaRole.STATUS).locator(".mdc-snackbar__label"),
          "Card deleted");
      assertThat(done.getByRole(AriaRole.LISTITEM).count()).isEqualTo(3);
      role(page, AriaRole.BUTTON, "Undo").click();
      assertThat(done.getByRole(AriaRole.LISTITEM).count()).isEqualTo(4);

      role(page, AriaRole.TAB, "All cards 13").click();
      expectText(page.locator("#page-label"), "Page 1 of 3");
      assertThat(role(page, AriaRole.BUTTON, "Previous").isDisabled()).isTrue();
      role(page, AriaRole.BUTTON, "Next").click();
      expectText(page.locator("#page-label"), "Page 2 of 3");
      assertThat(page.url()).endsWith("#/all/2");
      role(page, AriaRole.BUTTON, "Next").click();
      assertThat(role(page, AriaRole.BUTTON, "Next").isDisabled()).isTrue();
      expectTexts(page.locator(".mdc-list-item__primary-text"), "Benchmark search", "Translate onboarding", "Ship 1.0.1");
      role(page, AriaRole.BUTTON, "Previous").click();
      expectText(page.locator("#page-label"), "Page 2 of 3");
      assertThat((String) page.evaluate("() => localStorage.getItem('taskboard-state')"))
          .contains("Ship 1.0.1");
    }
  }

  @Test
  void the_server_serves_files_with_their_types_and_nothing_else() throws Exception {
    assertThatThrownBy(() -> StaticApps.start("nope"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    HttpClient http = HttpClient.newHttpClient();
    for (String name : StaticApps.NAMES) {
      try (StaticApps.Server app = StaticApps.start(name)) {
        assertThat(app.url()).startsWith("http://127.0.0.1:");
        HttpResponse<String> index = get(http, app.url());
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.body()).contains("<title>");
        for (String missing : new String[] {"nothing.html", "js/../index.html", "%2e%2e/x.js",
            "index.htm", "js/"}) {
          assertThat(get(http, app.url() + missing).statusCode()).as(missing).isEqualTo(404);
        }
      }
    }
    try (StaticApps.Server app = StaticApps.start("todo")) {
      HttpResponse<String> js = get(http, app.url() + "js/app.js");
      assertThat(js.statusCode()).isEqualTo(200);
      assertThat(js.headers().firstValue("Content-Type"))
          .hasValue("text/javascript; charset=utf-8");
      assertThat(get(http, app.url() + "css/index.css").headers().firstValue("Content-Type"))
          .hasValue("text/css; charset=utf-8");
      assertThat(http.send(HttpRequest.newBuilder(URI.create(app.url()))
          .POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
    }
  }

  static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
