package dev.skillwright.app;

import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.Chromium;
import dev.skillwright.browser.StorageState;
import dev.skillwright.trajectories.Secrets;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The browser flags the commands that drive Chromium share. */
final class BrowserOptions {
  /** What {@code --chromium} says wherever it is offered. */
  static final String CHROMIUM_HELP = "Chromium or Chrome to run (default: $SKILLWRIGHT_CHROMIUM, "
      + "then the PATH, then Playwright's own browsers).";

  @Option(names = "--chromium", paramLabel = "PATH", description = CHROMIUM_HELP)
  Path chromium;

  @Option(names = "--headed", description = "Show the browser window, for debugging.")
  boolean headed;

  @Option(names = "--storage-state", paramLabel = "FILE",
      description = "Start every browser context from this Playwright storage state (cookies, "
          + "local storage), to work on a site behind a login; save one with skillwright login. "
          + "Its values are kept out of every record, log and trace.")
  Path storageState;

  /** The storage state's values, read by {@link #config()}. */
  private Secrets storageSecrets = Secrets.none();

  @Option(names = "--no-trace", description = "Do not record a Playwright trace per episode.")
  boolean noTrace;

  @Option(names = "--hang-timeout", paramLabel = "SECONDS",
      description = "How long one call into Chromium may take before the browser counts as "
          + "hung: it is killed, its episode errored, and a new one runs the rest (default: 45).")
  Integer hangSeconds;

  /**
   * The browser settings, checked before anything is written: a bad {@code --chromium} path is
   * bad input, not a failed session.
   */
  BrowserConfig config() {
    BrowserConfig.Builder b = BrowserConfig.builder().executable(chromium).headless(!headed)
        .tracing(!noTrace);
    if (hangSeconds != null) {
      if (hangSeconds <= 0 || hangSeconds > 3600) {
        throw new dev.skillwright.trajectories.BadInputException(
            "--hang-timeout must be between 1 and 3600: " + hangSeconds);
      }
      b.hangTimeoutMillis(hangSeconds * 1000);
    }
    if (storageState != null) {
      // read once: a file that is no storage state is bad input, and its values are secrets
      storageSecrets = StorageState.secretsOf(storageState);
      b.storageState(storageState);
    }
    BrowserConfig config = b.build();
    Chromium.requireDisplay(config);
    Chromium.resolve(config.executable(), config.environment());
    return config;
  }

  /** The storage state's values, as secrets to keep out of every record; none without one. */
  Secrets storageSecrets() {
    return storageSecrets;
  }
}
