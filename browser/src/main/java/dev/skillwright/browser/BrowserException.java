package dev.skillwright.browser;

import dev.skillwright.trajectories.SkillwrightException;

/**
 * Chromium or the page failed under a call of {@link Tab} or {@link BrowserSession}: Playwright's
 * error, translated at the browser's edge so that no caller handles Playwright's types. The
 * message is the first line of Playwright's; the cause is Playwright's exception.
 */
public final class BrowserException extends SkillwrightException {
  BrowserException(String message, Throwable cause) {
    super(message, cause);
  }
}
