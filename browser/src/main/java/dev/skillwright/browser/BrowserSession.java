package dev.skillwright.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.Proxy;
import dev.skillwright.trajectories.Secrets;
import dev.skillwright.trajectories.SkillwrightException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Playwright and one Chromium, shared by the episodes of one thread: each episode gets a fresh
 * {@link Tab} (its own browser context, so no cookies or storage carry over). Not thread-safe, as
 * Playwright is not: use one session per worker thread, and close it.
 */
public final class BrowserSession implements AutoCloseable {
  private final Playwright playwright;
  private final Browser browser;
  private final BrowserConfig config;
  private final Chromium.Resolution resolution;
  private final ScopeProxy fallback;
  private final Watchdog watchdog;

  private BrowserSession(Playwright pw, Browser browser, BrowserConfig config,
      Chromium.Resolution resolution, ScopeProxy fallback, String marker) {
    this.fallback = fallback;
    // a local browser is killed, then disconnected if a call still waits; a remote one, not
    // this machine's to kill, is disconnected at once
    this.watchdog = marker != null
        ? new Watchdog(config.hangTimeoutMillis(), () -> kill(marker), () -> disconnect(pw))
        : new Watchdog(config.hangTimeoutMillis(), () -> disconnect(pw), () -> { });
    this.playwright = pw;
    this.browser = browser;
    this.config = config;
    this.resolution = resolution;
  }

  /**
   * Starts Playwright and launches Chromium.
   *
   * @throws SkillwrightException with one line saying what to install when no browser starts
   */
  public static BrowserSession launch(BrowserConfig config) {
    if (config.remote() != null) {
      return connect(config, config.remote());
    }
    Chromium.Resolution res = Chromium.resolve(config.executable(), config.environment(),
        config.headless());
    Map<String, String> env = new HashMap<>();
    if (res.executable() != null) {
      env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    }
    Playwright pw = null;
    ScopeProxy fallback = null;
    try {
      pw = DriverCache.create(env, res.executable() != null);
      List<String> args = new ArrayList<>(Chromium.FLAGS);
      if (!config.headless()) {
        args.remove("--headless");
      }
      // Each context gets its own scope proxy (newTab); this one refuses everything, so that
      // whatever runs outside a context of ours (the default one, the browser itself) reaches
      // nothing. Chromium sends loopback straight out unless told not to.
      fallback = ScopeProxy.start(Scope.of(List.of()), (kind, url) -> { });
      args.add("--proxy-server=" + fallback.address());
      args.add("--proxy-bypass-list=<-loopback>");
      // names this browser's process, so that a hung one can be found and killed
      String marker = "--skillwright-browser=" + java.util.UUID.randomUUID();
      args.add(marker);
      BrowserType.LaunchOptions opts = new BrowserType.LaunchOptions()
          .setHeadless(config.headless())
          .setArgs(args);
      if (res.executable() != null) {
        opts.setExecutablePath(res.executable());
      }
      Browser browser = pw.chromium().launch(opts);
      return new BrowserSession(pw, browser, config, res, fallback, marker);
    } catch (PlaywrightException e) {
      if (pw != null) {
        pw.close();
      }
      if (fallback != null) {
        fallback.close();
      }
      throw new SkillwrightException(Chromium.installHint() + " (" + res.describe() + ": "
          + firstLine(e.getMessage()) + ")", e);
    }
  }

  /**
   * Starts Playwright and connects to a browser elsewhere. No launch-wide proxy can be set on a
   * browser this process did not start, so nothing runs outside a context of ours: every context
   * still has its scope proxy and routing, as a launched browser's do. A hung remote browser is
   * disconnected, not killed: it is not this machine's to kill.
   *
   * @throws SkillwrightException with one line naming the endpoint when it cannot be reached
   */
  private static BrowserSession connect(BrowserConfig config, BrowserConfig.Remote remote) {
    Playwright pw = DriverCache.create(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"), true);
    try {
      double timeout = config.navigationTimeoutMillis();
      Browser browser = remote.kind() == BrowserConfig.Remote.Kind.CDP
          ? pw.chromium().connectOverCDP(remote.url(),
              new BrowserType.ConnectOverCDPOptions().setTimeout(timeout))
          : pw.chromium().connect(remote.url(),
              new BrowserType.ConnectOptions().setTimeout(timeout));
      Chromium.Resolution res = new Chromium.Resolution(null, remote.kind().flag() + " "
          + shown(remote.url()));
      return new BrowserSession(pw, browser, config, res, null, null);
    } catch (PlaywrightException e) {
      pw.close();
      throw new SkillwrightException("cannot connect to the browser at " + remote.kind().flag()
          + " " + shown(remote.url()) + ": " + firstLine(e.getMessage())
              .replace(remote.url(), shown(remote.url())).replaceAll("[?&]\\S*", "")
          + " (is it running, and of Playwright's version for --browser-endpoint?)", null);
    }
  }

  /** Which Chromium runs, and how it was found. */
  public Chromium.Resolution chromium() {
    return resolution;
  }

  public String version() {
    return browser.version();
  }

  /** Opens a fresh context and page, guarded by {@code scope}. Close the tab when done. */
  public Tab newTab(Scope scope) {
    return newTab(scope, Secrets.none());
  }

  /**
   * Opens a fresh context and page, guarded by {@code scope}, that types {@code secrets} where
   * an action holds their placeholders. Close the tab when done.
   */
  public Tab newTab(Scope scope, Secrets secrets) {
    return watchdog.watch("opening a context",
        () -> openTab(scope, secrets, config.tracing(), true));
  }

  /**
   * A fresh context and page, guarded by {@code scope}, for looking around: it records no trace
   * whatever the config says, and its actions record no durable locators. For tabs whose record
   * nobody keeps (exploring, the context crawl), where keeping one would only cost time.
   */
  public Tab newScratchTab(Scope scope) {
    return watchdog.watch("opening a context",
        () -> openTab(scope, Secrets.none(), false, false));
  }

  private Tab openTab(Scope scope, Secrets secrets, boolean tracing, boolean recording) {
    ScopeProxy proxy = ScopeProxy.start(scope, null);
    try {
      Browser.NewContextOptions options = new Browser.NewContextOptions()
          .setViewportSize(config.viewportWidth(), config.viewportHeight())
          .setProxy(new Proxy(proxy.address()))
          .setServiceWorkers(com.microsoft.playwright.options.ServiceWorkerPolicy.BLOCK);
      if (config.storageState() != null) {
        options.setStorageStatePath(config.storageState());
      }
      BrowserContext ctx = browser.newContext(options);
      ctx.setDefaultTimeout(config.actionTimeoutMillis());
      ctx.setDefaultNavigationTimeout(config.navigationTimeoutMillis());
      if (tracing) {
        Tab.startTrace(ctx);
      }
      return new Tab(ctx, scope, secrets, tracing, recording, proxy, watchdog,
          config.storageState() == null);
    } catch (RuntimeException e) {
      proxy.close();
      throw e;
    }
  }

  /**
   * Opens {@code url} in a fresh context for a person to log in, and once they are done (they
   * close the window, or the page reaches {@code doneUrl} when it is given) saves the context's
   * storage state to {@code file}, readable by its owner only. The browser should be headed.
   *
   * @param doneUrl a URL glob ({@code *}/dashboard) that means "logged in", or null
   */
  public void saveLogin(String url, Scope scope, String doneUrl, java.nio.file.Path file) {
    try (Tab tab = openTab(scope, Secrets.none(), false, false)) {
      Tab.Navigation opened = tab.navigate(url);
      if (!opened.ok()) {
        throw new dev.skillwright.trajectories.BadInputException("cannot open " + url + ": "
            + opened.error());
      }
      com.microsoft.playwright.Page page = tab.page();
      if (doneUrl != null) {
        java.util.regex.Pattern done = dev.skillwright.trajectories.SignalCheck.glob(doneUrl);
        page.waitForURL(u -> done.matcher(u).matches(),
            new com.microsoft.playwright.Page.WaitForURLOptions().setTimeout(0));
      } else {
        page.waitForClose(new com.microsoft.playwright.Page.WaitForCloseOptions().setTimeout(0),
            () -> { });
      }
      StorageState.save(page.context(), file);
    }
  }

  /**
   * Whether Chromium is still connected: false once it died or was killed, and the session must
   * be replaced (close it, launch another). Cheap: no round trip.
   */
  public boolean alive() {
    return browser.isConnected();
  }

  /** Whether Chromium still answers a request (opens and closes a context); after a failure. */
  public boolean responds() {
    if (!browser.isConnected()) {
      return false;
    }
    try {
      watchdog.run("a test context", () -> browser.newContext().close());
      return true;
    } catch (PlaywrightException | BrowserException e) {
      return false;
    }
  }

  /**
   * Why this session's Chromium was killed as hung, if it was: a call into it took longer than
   * {@link BrowserConfig#hangTimeoutMillis()}. The session is dead then; replace it.
   */
  public Optional<String> stoppedBecause() {
    return Optional.ofNullable(watchdog.fired());
  }

  /**
   * An endpoint as it may be shown: without the user, password, query or fragment, which is where
   * a grid's token goes ({@code ws://host/?token=...}).
   */
  static String shown(String url) {
    try {
      java.net.URI u = java.net.URI.create(url);
      return new java.net.URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null,
          null).toString();
    } catch (IllegalArgumentException | java.net.URISyntaxException e) {
      return "(an endpoint that is no URL)";
    }
  }

  /**
   * Drops the connection to Playwright's driver, from a thread of its own: for a remote browser
   * that hung, and for a call still waiting once a local one was killed.
   */
  private static void disconnect(Playwright pw) {
    Thread t = new Thread(() -> {
      try {
        pw.close();
      } catch (RuntimeException e) {
        // it is going away either way
      }
    }, "skillwright-disconnect");
    t.setDaemon(true);
    t.start();
  }

  /** Kills the Chromium whose command line carries {@code marker}, with all its processes. */
  private static void kill(String marker) {
    ProcessHandle.current().descendants()
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false))
        .forEach(p -> {
          p.descendants().forEach(ProcessHandle::destroyForcibly);
          p.destroyForcibly();
        });
  }

  @Override
  public void close() {
    try {
      watchdog.run("closing the browser", browser::close);
    } catch (PlaywrightException | BrowserException e) {
      // a dead browser is closed already; Playwright still has to stop
    } finally {
      try {
        playwright.close();
      } finally {
        if (fallback != null) {
          fallback.close();
        }
      }
    }
  }

  /** The first line of a Playwright error's message, without its {@code Error {} wrapper. */
  public static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    String t = s.strip();
    if (t.startsWith("Error {")) {
      int m = t.indexOf("message='");
      if (m >= 0) {
        t = t.substring(m + 9);
      }
    }
    int nl = t.indexOf('\n');
    return (nl < 0 ? t : t.substring(0, nl)).strip();
  }
}
