package dev.skillwright.envs;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.skillwright.browser.Tab;
import dev.skillwright.browser.TestTabs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


/** The wiki's hard widgets, driven by Playwright in real Chromium. */
class WikiSiteTest extends SiteTestSupport {
  @Override
  String siteName() {
    return "wiki";
  }

  @Test
  void the_search_autocomplete_suggests_titles_and_opens_the_chosen_one() {
    try (Tab tab = tab("/")) {
      Page page = TestTabs.page(tab);
      var search = role(page, AriaRole.COMBOBOX, "Search wiki");
      search.pressSequentially("mou");
      role(page, AriaRole.OPTION, "Mount Fuji").waitFor();
      assertThat(page.getByRole(AriaRole.OPTION).allTextContents())
          .containsExactly("Mount Etna", "Mount Fuji");
      assertThat(search.getAttribute("aria-expanded")).isEqualTo("true");

      search.press("ArrowDown");
      search.press("ArrowDown");
      assertThat(search.getAttribute("aria-activedescendant")).isEqualTo("wiki-search-list-1");
      search.press("Enter");
      page.waitForURL("**/wiki/Mount_Fuji");
      PlaywrightAssertions.assertThat(role(page, AriaRole.HEADING, "Mount Fuji")).isVisible();
    }
  }

  @Test
  void enter_without_a_suggestion_chosen_searches() {
    try (Tab tab = tab("/")) {
      Page page = TestTabs.page(tab);
      role(page, AriaRole.COMBOBOX, "Search wiki").fill("river");
      role(page, AriaRole.COMBOBOX, "Search wiki").press("Enter");
      page.waitForURL("**/search?q=river");
      PlaywrightAssertions.assertThat(page.getByText("3 articles found.")).isVisible();
    }
  }

  @Test
  void facts_load_after_the_article() {
    try (Tab tab = blankTab()) {
      Page page = TestTabs.page(tab);
      try (HeldRequest facts = HeldRequest.hold(page, site.baseUrl() + "wiki/Mount_Etna/facts")) {
        tab.navigate(site.baseUrl() + "wiki/Mount_Etna");
        facts.awaitAsked();
        assertThat(page.getByRole(AriaRole.STATUS).textContent()).isEqualTo("Loading facts…");
        assertThat(page.getByText("Height: 3,357 m").count()).isZero();
      }
      page.getByText("Height: 3,357 m").waitFor();
      assertThat(page.getByRole(AriaRole.STATUS).count()).isZero();
    }
  }

  @Test
  void an_edit_is_published_through_the_summary_dialog_and_lands_in_the_history() {
    try (Tab tab = tab("/wiki/Tagus")) {
      Page page = TestTabs.page(tab);
      role(page, AriaRole.LINK, "Edit").click();
      page.getByLabel("Content")
          .fill("The longest river of Iberia, 1,007 km, ending at [[Lisbon]].");
      PlaywrightAssertions.assertThat(role(page, AriaRole.BUTTON, "Save")).isHidden();
      role(page, AriaRole.BUTTON, "Publish changes").click();
      var dialog = role(page, AriaRole.DIALOG, "Publish changes");
      PlaywrightAssertions.assertThat(dialog).isVisible();
      dialog.getByLabel("Edit summary").fill("Shorter");
      role(page, AriaRole.BUTTON, "Save").click();

      assertThat(page.url()).endsWith("/wiki/Tagus");
      PlaywrightAssertions.assertThat(role(page, AriaRole.LINK, "Lisbon")).isVisible();
      PlaywrightAssertions.assertThat(page.getByText("Last edited by: you")).isVisible();
      role(page, AriaRole.LINK, "History").click();
      assertThat(page.getByRole(AriaRole.LISTITEM).first().textContent())
          .isEqualTo("Revision 4 · 2026-11-20 · you · Shorter");
      assertThat(truth(tab).get("edits")).isEqualTo(List.of(Map.of("title", "Tagus", "summary",
          "Shorter", "text", "The longest river of Iberia, 1,007 km, ending at [[Lisbon]].",
          "minor", false)));
    }
  }

  @Test
  void page_content_is_escaped_and_a_taken_title_is_refused() {
    try (Tab tab = tab("/create")) {
      Page page = TestTabs.page(tab);
      page.getByLabel("Title").fill("Markup test");
      page.getByLabel("Content").fill("<img src=x onerror=alert(1)> see [[Volcano]]");
      role(page, AriaRole.BUTTON, "Publish changes").click();
      role(page, AriaRole.BUTTON, "Save").click();
      assertThat(page.locator("article img").count()).isZero();
      PlaywrightAssertions.assertThat(page.getByText("<img src=x onerror=alert(1)> see"))
          .isVisible();
      assertThat(truth(tab).get("created")).isEqualTo(List.of("Markup test"));

      tab.navigate(site.baseUrl() + "create");
      page.getByLabel("Title").fill("Volcano");
      page.getByLabel("Content").fill("Again.");
      role(page, AriaRole.BUTTON, "Publish changes").click();
      role(page, AriaRole.BUTTON, "Save").click();
      assertThat(page.getByRole(AriaRole.ALERT).textContent())
          .contains("An article with this title exists already.");
    }
  }

  @Test
  void all_articles_are_paged() {
    try (Tab tab = tab("/all")) {
      Page page = TestTabs.page(tab);
      PlaywrightAssertions.assertThat(page.getByText("Page 1 of 3")).isVisible();
      role(page, AriaRole.LINK, "Next page").click();
      role(page, AriaRole.LINK, "Next page").click();
      PlaywrightAssertions.assertThat(role(page, AriaRole.LINK, "Zanzibar")).isVisible();
      assertThat(role(page, AriaRole.LINK, "Next page").count()).isZero();
    }
  }
}
