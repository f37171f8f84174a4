package dev.skillwright.browser;

import com.microsoft.playwright.Page;

/**
 * For tests of other modules: the Playwright page under a {@link Tab}, to drive a site as a
 * user would or to check it from outside. Production code goes through {@link Tab} alone.
 */
public final class TestTabs {
  private TestTabs() {}

  public static Page page(Tab tab) {
    return tab.page();
  }
}
