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


/** The forum's hard widgets, driven by Playwright in real Chromium. */
class ForumSiteTest extends SiteTestSupport {
  @Override
  String siteName() {
    return "forum";
  }

  static void logIn(Page page, String password) {
    role(page, AriaRole.BUTTON, "Log in").first().click();
    var dialog = role(page, AriaRole.DIALOG, "Log in");
    PlaywrightAssertions.assertThat(dialog).isVisible();
    dialog.getByLabel("Username").fill("alice");
    dialog.getByLabel("Password").fill(password);
    role(page, AriaRole.BUTTON, "Sign in").click();
  }

  @Test
  void the_login_modal_signs_in_and_returns_to_the_page() {
    try (Tab tab = tab("/f/books")) {
      Page page = TestTabs.page(tab);
      PlaywrightAssertions.assertThat(role(page, AriaRole.DIALOG, "Log in")).isHidden();
      logIn(page, site.demoSecrets().get("forum_password"));

      assertThat(page.url()).endsWith("/f/books");
      PlaywrightAssertions.assertThat(page.getByText("Signed in as alice")).isVisible();
      assertThat(truth(tab).get("user")).isEqualTo("alice");
    }
  }

  @Test
  void a_wrong_password_is_refused_with_an_alert() {
    try (Tab tab = tab("/")) {
      Page page = TestTabs.page(tab);
      logIn(page, "not-the-password");

      assertThat(page.getByRole(AriaRole.ALERT).textContent())
          .isEqualTo("Wrong username or password.");
      assertThat(truth(tab).get("user")).isEqualTo("");
    }
  }

  @Test
  void comments_load_after_the_post_and_a_member_can_add_one() {
    try (Tab tab = blankTab()) {
      Page page = TestTabs.page(tab);
      try (HeldRequest comments = HeldRequest.hold(page, site.baseUrl() + "post/2/comments")) {
        tab.navigate(site.baseUrl() + "post/2");
        comments.awaitAsked();
        assertThat(page.getByRole(AriaRole.STATUS).textContent()).isEqualTo("Loading comments…");
        assertThat(page.getByText("That crumb is beautiful.").count()).isZero();
      }

      role(page, AriaRole.HEADING, "Comments (3)").waitFor();
      PlaywrightAssertions.assertThat(page.getByText("That crumb is beautiful.")).isVisible();
      assertThat(page.getByLabel("Comment", new Page.GetByLabelOptions().setExact(true)).count())
          .as("only members comment").isZero();

      logIn(page, site.demoSecrets().get("forum_password"));
      page.getByLabel("Comment", new Page.GetByLabelOptions().setExact(true)).fill("Lovely crumb!");
      role(page, AriaRole.BUTTON, "Post comment").click();

      role(page, AriaRole.HEADING, "Comments (4)").waitFor();
      assertThat(truth(tab).get("comments")).isEqualTo(List.of(Map.of(
          "post", "My first sourdough loaf", "author", "alice", "text", "Lovely crumb!")));
    }
  }

  @Test
  void the_custom_community_dropdown_works_by_mouse_and_keyboard() {
    try (Tab tab = tab("/")) {
      Page page = TestTabs.page(tab);
      logIn(page, site.demoSecrets().get("forum_password"));
      role(page, AriaRole.LINK, "New post").click();
      var community = role(page, AriaRole.COMBOBOX, "Community");
      PlaywrightAssertions.assertThat(role(page, AriaRole.OPTION, "Books")).isHidden();

      community.click();
      assertThat(community.getAttribute("aria-expanded")).isEqualTo("true");
      role(page, AriaRole.OPTION, "Gardening").click();
      assertThat(community.textContent()).isEqualTo("Gardening");
      // and by keyboard: open, two down from the top, Enter
      community.press("ArrowDown");
      community.press("ArrowDown");
      community.press("Enter");
      assertThat(community.textContent()).isEqualTo("Gardening");
      community.press("ArrowDown");
      community.press("ArrowDown");
      community.press("ArrowDown");
      community.press("Enter");
      assertThat(community.textContent()).isEqualTo("Programming");

      page.getByLabel("Title").fill("Favourite debuggers");
      page.getByLabel("Body").fill("Tell me yours.");
      role(page, AriaRole.BUTTON, "Create post").click();

      PlaywrightAssertions.assertThat(role(page, AriaRole.HEADING, "Favourite debuggers"))
          .isVisible();
      assertThat(truth(tab).get("posts")).isEqualTo(List.of(Map.of("community", "programming",
          "title", "Favourite debuggers", "body", "Tell me yours.", "author", "alice")));
    }
  }

  @Test
  void posting_and_voting_need_a_login_and_a_vote_toggles() {
    try (Tab tab = tab("/submit")) {
      Page page = TestTabs.page(tab);
      assertThat(page.url()).endsWith("/login?next=/submit");
      tab.navigate(site.baseUrl() + "post/10");
      role(page, AriaRole.BUTTON, "Upvote").click();
      assertThat(page.url()).as("voting sends a guest to log in").contains("/login");
      assertThat(truth(tab).get("votes")).isEqualTo(Map.of());

      page.locator("main").getByLabel("Username").fill("alice");
      page.locator("main").getByLabel("Password").fill(site.demoSecrets().get("forum_password"));
      role(page, AriaRole.BUTTON, "Sign in").click();
      assertThat(page.url()).endsWith("/post/10");
      role(page, AriaRole.BUTTON, "Upvote").click();
      PlaywrightAssertions.assertThat(page.getByText("Score: 73")).isVisible();
      assertThat(role(page, AriaRole.BUTTON, "Upvote").getAttribute("aria-pressed"))
          .isEqualTo("true");
      assertThat(truth(tab).get("votes")).isEqualTo(Map.of("Composting in a small apartment", 1));
      role(page, AriaRole.BUTTON, "Upvote").click();
      assertThat(truth(tab).get("votes")).isEqualTo(Map.of());
    }
  }

  @Test
  void community_lists_are_sorted_and_paged() {
    try (Tab tab = tab("/f/cooking")) {
      Page page = TestTabs.page(tab);
      PlaywrightAssertions.assertThat(page.getByText("Page 1 of 2")).isVisible();
      assertThat(role(page, AriaRole.LINK, "Lemon tart that never cracks").count()).isZero();
      role(page, AriaRole.LINK, "Next page").click();
      PlaywrightAssertions.assertThat(role(page, AriaRole.LINK, "Lemon tart that never cracks"))
          .isVisible();

      page.getByLabel("Sort by").selectOption("top");
      role(page, AriaRole.BUTTON, "Apply").click();
      assertThat(page.getByRole(AriaRole.LISTITEM).first().textContent())
          .startsWith("My first sourdough loaf");
    }
  }

  @Test
  void every_visitor_starts_from_the_seed_and_a_login_cannot_redirect_away() {
    try (Tab first = tab("/")) {
      logIn(TestTabs.page(first), site.demoSecrets().get("forum_password"));
      try (Tab second = tab("/login?next=//evil.example/")) {
        assertThat(truth(second).get("user")).isEqualTo("");
        assertThat(TestTabs.page(second).locator("main input[name=next]").inputValue()).isEqualTo("/");
      }
      assertThat(truth(first).get("user")).isEqualTo("alice");
    }
  }
}
