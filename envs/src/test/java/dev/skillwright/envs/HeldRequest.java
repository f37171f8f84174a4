package dev.skillwright.envs;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;

/**
 * A page's request for one address, held until closed: a test reads the loading state the
 * answer would replace, however slow the machine is, and then lets the answer come.
 */
final class HeldRequest implements AutoCloseable {
  private final Page page;
  private final String url;
  private Route route;

  private HeldRequest(Page page, String url) {
    this.page = page;
    this.url = url;
  }

  /** Holds {@code page}'s next request for {@code url}; set before the page asks. */
  static HeldRequest hold(Page page, String url) {
    HeldRequest held = new HeldRequest(page, url);
    page.route(url, r -> held.route = r);
    return held;
  }

  /** Waits until the page has asked: from here until close, its loading state stays. */
  void awaitAsked() {
    page.waitForCondition(() -> route != null);
  }

  @Override
  public void close() {
    if (route != null) {
      route.fallback();
    }
    page.unroute(url);
  }
}
