package dev.skillwright.envs;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.Tab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One bundled site and one Chromium per test class; each tab is a new visitor. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SiteTestSupport {
  Site site;
  BrowserSession browser;

  abstract String siteName();

  /** How long a page may take to show what a test waits for (the machine may be busy). */
  static final double SHOWS_WITHIN_MS = 15_000;

  @BeforeAll
  void start() {
    com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(
        SHOWS_WITHIN_MS);
    site = Sites.start(siteName());
    browser = BrowserSession.launch(BrowserConfig.defaults());
  }

  @AfterAll
  void stop() {
    browser.close();
    site.close();
  }

  /** A new visitor's tab on {@code path}. */
  Tab tab(String path) {
    Tab tab = blankTab();
    assertThat(tab.navigate(site.baseUrl() + path.substring(1)).ok()).isTrue();
    return tab;
  }

  /** A new visitor's tab that has opened nothing yet. */
  Tab blankTab() {
    return browser.newTab(Scope.ofUrl(site.baseUrl()));
  }

  java.util.Map<String, Object> truth(Tab tab) {
    return site.groundTruth(tab.cookie(site.visitorCookie()).orElseThrow());
  }

  static Locator role(Page page, AriaRole role, String name) {
    return page.getByRole(role, new Page.GetByRoleOptions().setName(name).setExact(true));
  }
}
