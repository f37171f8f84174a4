package dev.skillwright.envs;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.skillwright.browser.Tab;
import dev.skillwright.browser.TestTabs;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;


/** The tracker's hard widgets, driven by Playwright in real Chromium. */
class TrackerSiteTest extends SiteTestSupport {
  @Override
  String siteName() {
    return "tracker";
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> issue(Tab tab, String title) {
    return ((List<Map<String, Object>>) truth(tab).get("issues")).stream()
        .filter(i -> i.get("title").equals(title)).findFirst().orElseThrow();
  }

  @Test
  void the_date_picker_pages_months_and_picks_a_day() {
    try (Tab tab = tab("/issue/20")) {
      Page page = TestTabs.page(tab);
      role(page, AriaRole.BUTTON, "Choose due date").click();
      var calendar = role(page, AriaRole.DIALOG, "Choose due date");
      assertThat(calendar.getByRole(AriaRole.HEADING).textContent()).isEqualTo("November 2026");
      role(page, AriaRole.BUTTON, "Next month").click();
      assertThat(calendar.getByRole(AriaRole.HEADING).textContent()).isEqualTo("December 2026");
      role(page, AriaRole.BUTTON, "31 December 2026").click();

      PlaywrightAssertions.assertThat(calendar).isHidden();
      assertThat(role(page, AriaRole.TEXTBOX, "Due date").inputValue()).isEqualTo("2026-12-31");
      role(page, AriaRole.BUTTON, "Save changes").click();
      PlaywrightAssertions.assertThat(page.getByText("Due date: 2026-12-31")).isVisible();
      assertThat(issue(tab, "Write a contributing guide").get("due")).isEqualTo("2026-12-31");
    }
  }

  @Test
  void the_assignee_dropdown_and_the_label_autocomplete_save_together() {
    try (Tab tab = tab("/issue/22")) {
      Page page = TestTabs.page(tab);
      role(page, AriaRole.COMBOBOX, "Assignee").click();
      role(page, AriaRole.OPTION, "Priya").click();
      var labels = role(page, AriaRole.COMBOBOX, "Labels");
      labels.pressSequentially("sec");
      assertThat(page.getByRole(AriaRole.OPTION).filter(
          new com.microsoft.playwright.Locator.FilterOptions().setVisible(true))
          .allTextContents()).containsExactly("security");
      labels.press("ArrowDown");
      labels.press("Enter");
      role(page, AriaRole.BUTTON, "Remove label feature").click();
      role(page, AriaRole.BUTTON, "Save changes").click();

      PlaywrightAssertions.assertThat(page.getByText("Labels: security")).isVisible();
      Map<String, Object> i = issue(tab, "Bulk close issues");
      assertThat(i.get("assignee")).isEqualTo("Priya");
      assertThat(i.get("labels")).isEqualTo(List.of("security"));
    }
  }

  @Test
  void closing_asks_in_a_dialog_and_a_closed_issue_reopens() {
    try (Tab tab = tab("/issue/10")) {
      Page page = TestTabs.page(tab);
      role(page, AriaRole.BUTTON, "Close issue").click();
      var dialog = role(page, AriaRole.DIALOG, "Close issue #10?");
      PlaywrightAssertions.assertThat(dialog).isVisible();
      dialog.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
          .setName("Cancel")).click();
      assertThat(issue(tab, "Session expires too early").get("status")).isEqualTo("open");

      role(page, AriaRole.BUTTON, "Close issue").click();
      role(page, AriaRole.BUTTON, "Yes, close it").click();
      PlaywrightAssertions.assertThat(page.getByText("Status: Closed")).isVisible();
      assertThat(issue(tab, "Session expires too early").get("status")).isEqualTo("closed");
      role(page, AriaRole.BUTTON, "Reopen issue").click();
      assertThat(issue(tab, "Session expires too early").get("status")).isEqualTo("open");
    }
  }

  @Test
  void the_list_shows_open_issues_paged_and_filters_narrow_it() {
    try (Tab tab = tab("/")) {
      Page page = TestTabs.page(tab);
      PlaywrightAssertions.assertThat(page.getByText("21 issues")).isVisible();
      PlaywrightAssertions.assertThat(page.getByText("Page 1 of 3")).isVisible();
      assertThat(role(page, AriaRole.LINK, "Dark mode toggle resets").count())
          .as("closed issues are filtered out").isZero();
      page.getByLabel("Status").selectOption("closed");
      page.getByLabel("Label").selectOption("ui");
      role(page, AriaRole.BUTTON, "Filter").click();
      assertThat(page.getByRole(AriaRole.LISTITEM).allTextContents()).hasSize(3);
      PlaywrightAssertions.assertThat(role(page, AriaRole.LINK, "Dark mode toggle resets"))
          .isVisible();
    }
  }

  static Target byRole(String role, String name) {
    return new Target(null, role, name, List.of(
        new LocatorCandidate(LocatorCandidate.Strategy.ROLE, role, name)));
  }

  @Test
  void the_browser_chooses_in_custom_widgets_as_a_person_would() {
    try (Tab tab = tab("/issue/4")) {
      var assignee = tab.execute(new Action.Select(byRole("combobox", "Assignee"),
          "Lena"));
      var label = tab.execute(new Action.Select(byRole("combobox", "Labels"), "docs"));
      var nobody = tab.execute(new Action.Select(byRole("combobox", "Assignee"),
          "Zed"));
      tab.execute(new Action.Click(byRole("button", "Save changes")));

      assertThat(assignee.ok()).as(assignee.error()).isTrue();
      assertThat(label.ok()).as(label.error()).isTrue();
      assertThat(nobody.ok()).isFalse();
      assertThat(nobody.error()).isEqualTo("no option \"Zed\" to choose");
      Map<String, Object> i = issue(tab, "Add keyboard shortcuts");
      assertThat(i.get("assignee")).isEqualTo("Lena");
      assertThat(i.get("labels")).isEqualTo(List.of("feature", "docs"));
    }
  }

  @Test
  void a_malformed_due_date_is_refused() {
    try (Tab tab = tab("/new")) {
      Page page = TestTabs.page(tab);
      page.getByLabel("Title").fill("Something");
      role(page, AriaRole.TEXTBOX, "Due date").fill("31/12/2026");
      role(page, AriaRole.BUTTON, "Create issue").click();
      assertThat(page.getByRole(AriaRole.ALERT).textContent())
          .contains("Write the due date as YYYY-MM-DD.");
      assertThat(page.getByLabel("Title").inputValue()).isEqualTo("Something");
      assertThat((List<?>) truth(tab).get("issues")).hasSize(26);
    }
  }
}
