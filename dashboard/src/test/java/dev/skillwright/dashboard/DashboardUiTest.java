package dev.skillwright.dashboard;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.Tab;
import dev.skillwright.browser.TestTabs;
import dev.skillwright.trajectories.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;


/** The dashboard in real Chromium. Each test saves a screenshot to target/dashboard/. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardUiTest {
  static final Path SHOTS = Path.of("target", "dashboard");
  @TempDir
  static Path data;
  Dashboard dashboard;
  BrowserSession browser;
  Tab tab;
  Page page;
  final List<String> dialogs = new CopyOnWriteArrayList<>();
  final List<String> consoleErrors = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start() throws Exception {
    // how long a page may take to show what a test waits for (the machine may be busy)
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    Fixture.write(data);
    dashboard = Dashboard.start(DashboardConfig.local(data, 0));
    browser = BrowserSession.launch(BrowserConfig.defaults());
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  void stop() {
    browser.close();
    dashboard.close();
  }

  @BeforeEach
  void open() {
    tab = browser.newTab(Scope.ofUrl(dashboard.url()));
    page = TestTabs.page(tab);
    page.onDialog(d -> {
      dialogs.add(d.message());
      d.dismiss();
    });
    page.onConsoleMessage(m -> {
      if (m.type().equals("error")) {
        consoleErrors.add(m.text());
      }
    });
  }

  @AfterEach
  void close() {
    tab.close();
    assertThat(dialogs).as("no script from the data ran").isEmpty();
    assertThat(consoleErrors).isEmpty();
  }

  void shot(String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png"))
        .setFullPage(true));
  }

  String url(String path) {
    return dashboard.url().replaceAll("/$", "") + path;
  }

  @Test
  void the_overview_lists_sessions_and_draws_both_charts() {
    page.navigate(url("/"));

    PlaywrightAssertions.assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
        .setName(Fixture.DONE))).isVisible();
    assertThat(page.locator("figcaption").allTextContents()).containsExactly(
        "Success rate over 2 episodes: 50%", "Skills found over time: 3");
    assertThat(page.locator("polyline").count()).isEqualTo(2);
    // each session's kind, start and duration; a running one says so
    assertThat(page.locator("tbody tr").allInnerTexts()).anySatisfy(r -> assertThat(r)
        .contains(Fixture.DONE, "crawl", "2026-11-22 01:00 UTC", "2 min 05 s"))
        .anySatisfy(r -> assertThat(r).contains(Fixture.RUNNING, "running"));
    shot("overview");
  }

  @Test
  void searching_for_a_skill_finds_it_by_a_paraphrase() {
    page.navigate(url("/skills"));
    PlaywrightAssertions.assertThat(page.getByText("3 skills")).isVisible();

    page.getByLabel("Search").fill("put a mug in the basket");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Find")).click();
    page.waitForURL("**/skills?q=*");

    assertThat(page.locator("tbody tr").first().locator("td").first().textContent())
        .isEqualTo("add-item-to-the-cart");
    shot("skills-search");
    page.locator("tbody tr a").first().click();
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))
        .textContent()).isEqualTo("add-item-to-the-cart");
    assertThat(page.locator(".steps").textContent()).contains("click button \"Add to cart\"",
        "role button \"Add to cart\"");
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
        .setName("Download the skill as JSON")).getAttribute("href"))
        .isEqualTo("/api/skills/shop%3Aadd-item-to-the-cart");
    shot("skill-detail");
  }

  @Test
  void a_verified_skill_shows_its_verifications_and_their_episodes_screenshots() {
    page.navigate(url("/skills?q=" + java.net.URLEncoder.encode("add to cart",
        java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(page.locator("tbody tr").filter(new com.microsoft.playwright.Locator.FilterOptions()
        .setHasText("add-item-to-the-cart")).locator("td.status").textContent())
        .isEqualTo("verified: 1 of 1 verification passed");
    page.navigate(url("/skills/shop%3Aadd-item-to-the-cart"));
    assertThat(page.locator("p.status").textContent())
        .isEqualTo("verified: 1 of 1 verification passed");
    assertThat(page.locator("ul.verifications li").textContent())
        .contains(Fixture.VERIFICATION, "passed with", "Hand Trowel");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(Fixture.VERIFICATION))
        .click();
    page.waitForURL("**/episodes/" + Fixture.VERIFICATION);
    assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))
        .textContent()).isEqualTo("Skill verification " + Fixture.VERIFICATION);
    page.waitForCondition(() -> "Step 1 of 4".equals(page.locator("#position").textContent()));
    // a list of the steps with thumbnails; the healed one marked, and said at the top
    assertThat(page.locator("#steps li").count()).isEqualTo(4);
    // the third step was read as text only: no thumbnail
    assertThat(page.locator("#steps li img").count()).isEqualTo(3);
    assertThat(page.locator("#steps li.healed").textContent()).contains("2. click", "(healed)");
    assertThat(page.locator("#healed").textContent()).startsWith("1 step was healed");
    assertThat(page.locator("#shot").getAttribute("src"))
        .endsWith("/verifications/" + Fixture.VERIFICATION + "/step-000.jpg");
    page.waitForCondition(() -> (Boolean) page.evaluate(
        "() => document.querySelector('#shot').complete"));
    assertThat((Integer) page.evaluate("() => document.querySelector('#shot').naturalWidth"))
        .as("the screenshot is served").isEqualTo(1280);
    shot("verification-episode");

    page.navigate(url("/sessions/" + Fixture.DONE));
    assertThat(page.locator("table.verifications").textContent())
        .contains(Fixture.VERIFICATION, "Hand Trowel", "success");
  }

  @Test
  void a_trajectory_opens_from_its_session_and_steps_through_its_screenshots() {
    page.navigate(url("/sessions/" + Fixture.DONE));
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("aaaa-001")
        .setExact(true)).click();
    page.waitForURL("**/episodes/aaaa-001");

    page.waitForCondition(() -> "Step 1 of 4".equals(page.locator("#position").textContent()));
    String firstSrc = page.locator("#shot").getAttribute("src");
    assertThat(firstSrc).endsWith("/episodes/aaaa-001/step-000.jpg");
    page.waitForCondition(() -> page.locator("#outline").isVisible());
    assertThat(page.locator("#action").textContent()).isEqualTo("click link \"Blue Ceramic Mug\"");
    shot("episode-step-1");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Next step")).click();
    assertThat(page.locator("#position").textContent()).isEqualTo("Step 2 of 4");
    assertThat(page.locator("#shot").getAttribute("src")).endsWith("step-001.jpg");
    assertThat(page.locator("#thought").textContent()).isEqualTo("I add it.");
    assertThat(page.locator("#outcome").textContent()).isEqualTo("done (found by ref) · healed: "
        + "button \"Add to Cart\" → button \"Add to cart\" (offline-matcher, similarity 0.92)");
    // the aria snapshot the agent read at this step
    page.locator("#aria summary").click();
    PlaywrightAssertions.assertThat(page.locator("#snapshot"))
        .hasText("- button \"Add to cart\" [ref=e2]");
    page.waitForCondition(() -> page.locator("#outline").isVisible());
    // the outline sits where the button was: 500,400 of 1280x800
    var box = page.locator("#outline").boundingBox();
    var img = page.locator("#shot").boundingBox();
    assertThat((box.x - img.x) / img.width).isBetween(0.37, 0.41);
    assertThat((box.y - img.y) / img.height).isBetween(0.47, 0.53);
    shot("episode-step-2");

    page.keyboard().press("ArrowRight");
    // a step its agent read as text: no picture, and the snapshot it read, opened
    assertThat(page.locator("#position").textContent()).isEqualTo("Step 3 of 4");
    PlaywrightAssertions.assertThat(page.locator("#shot")).isHidden();
    PlaywrightAssertions.assertThat(page.locator("#noshot")).isVisible();
    PlaywrightAssertions.assertThat(page.locator("#snapshot"))
        .hasText("- heading \"Your cart\" [level=1] [ref=e3]");
    page.keyboard().press("ArrowRight");
    assertThat(page.locator("#position").textContent()).isEqualTo("Step 4 of 4");
    PlaywrightAssertions.assertThat(page.locator("#noshot")).isHidden();
    assertThat(page.locator("#outcome").textContent()).isEqualTo("success: met");

    // the trace: a link to download it, and the command that opens it
    var trace = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
        .setName("download trace.zip"));
    PlaywrightAssertions.assertThat(trace).hasAttribute("href",
        java.util.regex.Pattern.compile(".*/episodes/aaaa-001/trace\\.zip$"));
    assertThat(page.locator("#trace code").textContent())
        .startsWith("npx playwright show-trace ").endsWith("aaaa-001/trace.zip");
    var download = page.request().get(url(trace.getAttribute("href")));
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.headers().get("content-type")).isEqualTo("application/zip");
  }

  @Test
  void a_running_crawls_progress_advances_live() throws Exception {
    page.navigate(url("/sessions/" + Fixture.RUNNING));
    page.waitForCondition(() -> "1".equals(page.locator("#done").textContent()));
    PlaywrightAssertions.assertThat(page.locator("#phase")).hasText("episodes…");
    shot("session-live-before");

    Store.SessionLog log = Store.at(data).session(Fixture.RUNNING);
    log.event("episode_finished", Map.of("episode", "bbbb-002", "success", true, "done", 2,
        "total", 3, "steps", 3, "reason", "met"));
    log.event("skill_added", Map.of("skill", "shop:x", "episode", "bbbb-002"));
    page.waitForCondition(() -> "2".equals(page.locator("#done").textContent()));
    log.event("episode_finished", Map.of("episode", "bbbb-003", "success", false, "done", 3,
        "total", 3, "steps", 1, "reason", "not met"));
    log.event("phase_ended", Map.of("phase", "episodes", "seconds", 12.5));
    log.event("session_finished", Map.of("succeeded", 2));
    PlaywrightAssertions.assertThat(page.locator("#phase")).hasText("finished");

    page.waitForCondition(() -> page.locator("#events li").count() == 6);
    assertThat(page.locator(".progress-line").textContent().replaceAll("\\s+", " ").strip())
        .isEqualTo("3 of 3 episodes done · 2 successes · 1 skills · now: finished");
    assertThat(page.locator("#events li").allTextContents()).containsExactly(
        "bbbb-001: success — met", "bbbb-002: success — met", "new skill shop:x",
        "bbbb-003: failure — not met", "episodes took 12.5 s", "session finished");
    shot("session-live-after");
  }

  @Test
  void hostile_names_and_titles_stay_text() {
    page.navigate(url("/skills"));
    PlaywrightAssertions.assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions()
        .setName(Fixture.XSS_NAME))).isVisible();
    assertThat(page.locator("main img").count()).isZero();
    shot("xss-skills");

    page.navigate(url("/episodes/aaaa-002"));
    page.waitForCondition(() -> page.locator("#page").textContent().contains(Fixture.XSS_TITLE));
    assertThat(page.locator(".task").textContent()).contains(Fixture.XSS_TITLE);
    assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
    shot("xss-episode");
  }
}
