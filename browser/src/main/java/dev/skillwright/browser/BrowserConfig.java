package dev.skillwright.browser;

import java.nio.file.Path;

/**
 * How to get a browser: an explicit Chromium executable (or null to search for one), headless or
 * headed, the time limits for actions and navigations, and how long one call into the browser
 * may take before it counts as hung and is killed, and the browser state (cookies, local
 * storage) every context starts from, if any, and a browser elsewhere to connect to instead of
 * launching one ({@link Remote}). Build with {@link #builder()}.
 */
public record BrowserConfig(
    Path executable,
    boolean headless,
    int actionTimeoutMillis,
    int navigationTimeoutMillis,
    int viewportWidth,
    int viewportHeight,
    Chromium.Environment environment,
    boolean tracing,
    boolean stepScreenshots,
    int hangTimeoutMillis,
    Path storageState,
    Remote remote) {

  /**
   * A browser that runs elsewhere, to connect to instead of launching one here: a Playwright
   * browser server ({@code ws://}, Playwright's {@code connect}: a Playwright server,
   * Browserless, Selenium Grid, Moon) or a running Chrome's DevTools endpoint ({@code http://},
   * {@code connectOverCDP}). Each worker still gets contexts of its own, each behind its scope.
   */
  public record Remote(Kind kind, String url) {
    /** How to reach it. */
    public enum Kind {
      PLAYWRIGHT("--browser-endpoint"),
      CDP("--cdp-endpoint");

      private final String flag;

      Kind(String flag) {
        this.flag = flag;
      }

      /** The command-line flag that names it. */
      public String flag() {
        return flag;
      }
    }

    public Remote {
      java.util.Objects.requireNonNull(kind, "kind");
      java.util.Objects.requireNonNull(url, "url");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public static BrowserConfig defaults() {
    return builder().build();
  }

  /** Collects settings; every default lives here. */
  public static final class Builder {
    private Path executable;
    private boolean headless = true;
    private int actionTimeoutMillis = 5_000;
    private int navigationTimeoutMillis = 15_000;
    private int viewportWidth = 1280;
    private int viewportHeight = 800;
    private Chromium.Environment environment = Chromium.Environment.system();
    private boolean tracing = true;
    private boolean stepScreenshots;
    private int hangTimeoutMillis;
    private Path storageState;
    private Remote remote;

    private Builder() {}

    /** A browser to connect to instead of launching one; null (the default) to launch. */
    public Builder remote(Remote r) {
      this.remote = r;
      return this;
    }

    /**
     * A Playwright storage state file ({@code skillwright login} saves one) that every context
     * starts from: a logged-in site stays logged in. Null for none.
     */
    public Builder storageState(Path file) {
      this.storageState = file;
      return this;
    }

    public Builder executable(Path path) {
      this.executable = path;
      return this;
    }

    public Builder headless(boolean value) {
      this.headless = value;
      return this;
    }

    public Builder actionTimeoutMillis(int millis) {
      this.actionTimeoutMillis = positive(millis, "actionTimeoutMillis");
      return this;
    }

    public Builder navigationTimeoutMillis(int millis) {
      this.navigationTimeoutMillis = positive(millis, "navigationTimeoutMillis");
      return this;
    }

    public Builder viewport(int width, int height) {
      this.viewportWidth = positive(width, "viewport width");
      this.viewportHeight = positive(height, "viewport height");
      return this;
    }

    /** Where PATH and environment variables are read from; tests inject their own. */
    public Builder environment(Chromium.Environment env) {
      this.environment = env;
      return this;
    }

    /** Whether each tab records a Playwright trace (on by default). */
    public Builder tracing(boolean on) {
      this.tracing = on;
      return this;
    }

    /**
     * Whether an episode's every observation keeps a screenshot, also where its policy reads only
     * the page's text (the offline agent, a replay that heals offline): for a training export
     * with an image per step. Off by default: a step is pictured when its policy looks at
     * pictures, and every final page is. Episode runners apply it; tabs observe as asked.
     */
    public Builder stepScreenshots(boolean on) {
      this.stepScreenshots = on;
      return this;
    }

    /**
     * How long one call into Chromium may take before the browser counts as hung and is killed,
     * so the session can launch another; by default two navigations and an action, plus 10 s.
     */
    public Builder hangTimeoutMillis(int millis) {
      this.hangTimeoutMillis = positive(millis, "hangTimeoutMillis");
      return this;
    }

    public BrowserConfig build() {
      int hang = hangTimeoutMillis > 0 ? hangTimeoutMillis
          : 2 * navigationTimeoutMillis + actionTimeoutMillis + 10_000;
      return new BrowserConfig(executable, headless, actionTimeoutMillis,
          navigationTimeoutMillis, viewportWidth, viewportHeight, environment, tracing,
          stepScreenshots, hang,
          storageState, remote);
    }

    private static int positive(int v, String what) {
      if (v <= 0) {
        throw new IllegalArgumentException(what + " must be positive: " + v);
      }
      return v;
    }
  }
}
