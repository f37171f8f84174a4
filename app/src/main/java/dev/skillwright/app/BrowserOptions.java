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

  @Option(names = "--browser-endpoint", paramLabel = "WS_URL",
      description = "Use the Playwright browser server at this ws:// or wss:// address "
          + "(a Playwright server, Browserless, Selenium Grid, Moon) instead of launching "
          + "Chromium; each worker gets contexts of its own there, each inside the scope.")
  String browserEndpoint;

  @Option(names = "--cdp-endpoint", paramLabel = "URL",
      description = "Attach to a running Chrome or Chromium over the DevTools protocol at this "
          + "http:// or ws:// address (started with --remote-debugging-port) instead of launching "
          + "one.")
  String cdpEndpoint;

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

  @Option(names = "--step-screenshots",
      description = "Keep a screenshot of every step an agent looks at, also where it reads only "
          + "the page's text (the offline agent): for a training export with an image per step. "
          + "By default a step is pictured when its agent looks at pictures (a vision model); "
          + "every final page is.")
  boolean stepScreenshots;

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
        .tracing(!noTrace).stepScreenshots(stepScreenshots).remote(remote());
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
    if (config.remote() == null) {
      Chromium.requireDisplay(config);
      Chromium.resolve(config.executable(), config.environment(), config.headless());
    }
    return config;
  }

  /** The browser elsewhere the flags name, checked; null to launch one here. */
  private BrowserConfig.Remote remote() {
    if (browserEndpoint != null && cdpEndpoint != null) {
      throw new dev.skillwright.trajectories.BadInputException(
          "give --browser-endpoint or --cdp-endpoint, not both");
    }
    if (browserEndpoint == null && cdpEndpoint == null) {
      return null;
    }
    if (chromium != null || headed) {
      throw new dev.skillwright.trajectories.BadInputException((chromium != null ? "--chromium"
          : "--headed") + " is for a browser launched here; a remote one (--browser-endpoint, "
          + "--cdp-endpoint) is started by whoever runs it");
    }
    BrowserConfig.Remote.Kind kind = browserEndpoint != null ? BrowserConfig.Remote.Kind.PLAYWRIGHT
        : BrowserConfig.Remote.Kind.CDP;
    String url = browserEndpoint != null ? browserEndpoint : cdpEndpoint;
    java.util.Set<String> schemes = kind == BrowserConfig.Remote.Kind.PLAYWRIGHT
        ? java.util.Set.of("ws", "wss") : java.util.Set.of("http", "https", "ws", "wss");
    String scheme;
    try {
      java.net.URI u = new java.net.URI(url.strip());
      scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
      if (u.getHost() == null) {
        scheme = "";
      }
    } catch (java.net.URISyntaxException e) {
      scheme = "";
    }
    if (!schemes.contains(scheme)) {
      throw new dev.skillwright.trajectories.BadInputException(kind.flag() + " wants a "
          + (kind == BrowserConfig.Remote.Kind.PLAYWRIGHT ? "ws:// or wss://"
              : "http://, https://, ws:// or wss://") + " address with a host, such as "
          + (kind == BrowserConfig.Remote.Kind.PLAYWRIGHT ? "ws://127.0.0.1:3000/"
              : "http://127.0.0.1:9222") + "; got something else");
    }
    return new BrowserConfig.Remote(kind, url.strip());
  }

  /** The storage state's values, as secrets to keep out of every record; none without one. */
  Secrets storageSecrets() {
    return storageSecrets;
  }
}
