package dev.skillwright.browser;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.AriaSnapshotMode;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.LoadState;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.ScopeBlock;
import dev.skillwright.trajectories.Secrets;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Target;
import java.util.List;
import java.util.Optional;

/**
 * One episode's page in its own browser context, kept inside its {@link Scope}. It observes the
 * page (AI-mode aria snapshot plus screenshot) and executes {@link Action}s, recording durable
 * locators for every element it acts on. Not thread-safe; close it when the episode ends, or
 * make it {@link #forget} the episode for the next one.
 */
public final class Tab implements AutoCloseable {
  /** How long a step waits, in quarter seconds, for a busy page to bring its element. */
  private static final int BUSY_POLLS = 12;
  /**
   * Polls a missing element gets even with nothing marked busy: a debounced widget (a search
   * suggestion list) shows a moment after the keystroke that asked for it.
   */
  private static final int SETTLE_POLLS = 2;
  /** How long an action's navigation may take to load before the page is used as is. */
  private static final double NAVIGATION_WAIT_MS = 10_000;
  /** How long an action's fetches may take before the page is used as is (a long poll). */
  private static final double FETCH_WAIT_MS = 2_000;
  /** The kinds of request an action's settling waits for (not images, fonts, streams). */
  private static final java.util.Set<String> AWAITED = java.util.Set.of("document", "fetch",
      "xhr");

  private final BrowserContext context;
  private final Page page;
  private final ScopeGuard guard;
  private final ScopeProxy proxy;
  private final Secrets secrets;
  private final Watchdog watchdog;
  /** Does each kind of action on its element. */
  private final ElementActions actions;
  /** Whether actions record the durable locators that find their element again. */
  private final boolean recording;
  /** Whether this tab records Playwright traces: one an episode, the next begun by forget. */
  private final boolean traced;
  /** Whether a trace is being recorded now (until {@link #saveTrace} or forgetting). */
  private boolean tracing;
  /**
   * Whether the page was last looked at with a screenshot, since the last action: only then has
   * the next action's element a box worth reading (where it was on that screenshot).
   */
  private boolean pictured;
  private int step = -1;
  /**
   * The documents, fetches and XHRs the current action started that have not ended, while
   * {@link #watching}: what the page is still doing because of it. Kept from Playwright's
   * events, which arrive on this tab's thread while it waits on the browser.
   */
  private final java.util.Set<com.microsoft.playwright.Request> inflight =
      new java.util.HashSet<>();
  private boolean watching;
  /** Whether the current action, while {@link #watching}, had the top page request a document. */
  private boolean navigationSent;
  /**
   * Whether the top page then committed to a new document (a refused navigation, a 204, a
   * download leave it where it was; a same-document navigation requests nothing).
   */
  private boolean leftDocument;
  /** Whether the context started with nothing stored (no saved login): then it can forget. */
  private final boolean startedEmpty;
  /** The origins the page has been on, whose storage {@link #forget} clears. */
  private final java.util.Set<String> origins = new java.util.LinkedHashSet<>();
  private String lastInScopeUrl = "about:blank";
  /**
   * The page's DevTools session, opened when first needed, for what the tab does for itself
   * rather than for the task (letting the page run, a screenshot, clearing storage): Playwright
   * keeps no trace of those, so they neither clutter the trace nor cost it a DOM snapshot before
   * and after each, as a traced Playwright call does.
   */
  private CDPSession devtoolsSession;
  /**
   * The DevTools id of the tab's own world in the page's main frame, made when first needed and
   * again for each new document: the page's scripts share its document but none of its globals,
   * so a page that breaks its own timers or observers cannot make the tab's waits hang.
   */
  private Integer world;
  /** Whether the page's renderer crashed: then nothing more is sent over its DevTools session. */
  private boolean crashed;

  Tab(BrowserContext context, Scope scope, Secrets secrets, boolean tracing, boolean recording,
      ScopeProxy proxy, Watchdog watchdog, boolean startedEmpty) {
    this.context = context;
    this.startedEmpty = startedEmpty;
    this.recording = recording;
    this.watchdog = watchdog;
    this.secrets = secrets;
    this.traced = tracing;
    this.tracing = tracing;
    this.proxy = proxy;
    this.guard = new ScopeGuard(scope, () -> step);
    proxy.sink(guard::record);
    this.page = context.newPage();
    guard.install(context, page);
    page.onRequest(r -> {
      if (watching && AWAITED.contains(r.resourceType())) {
        inflight.add(r);
        navigationSent |= r.isNavigationRequest() && r.frame() == page.mainFrame();
      }
    });
    page.onRequestFinished(inflight::remove);
    page.onRequestFailed(inflight::remove);
    page.onCrash(p -> crashed = true);
    // a new document has none of the tab's world, and the id of the old one may name another
    // context once the page moved to another renderer
    page.onDOMContentLoaded(p -> world = null);
    // every frame's origin, an iframe's too: each keeps storage of its own
    page.onFrameNavigated(f -> {
      origin(f.url()).ifPresent(origins::add);
      leftDocument |= watching && navigationSent && f == page.mainFrame();
    });
    this.actions = new ElementActions(page, secrets, url -> navigateNow(url).error());
  }

  /**
   * Tells {@code listener} of every scope block as it happens, also those a caller drains and
   * drops (the context crawl's); called on Playwright's and the proxy's threads.
   */
  public void onBlock(java.util.function.Consumer<ScopeBlock> listener) {
    guard.listener(listener);
  }

  /**
   * Tells the tab which step of the agent runs now: scope blocks are filed under it, and the
   * trace groups what the step does (its observation and its action) as {@code Step N}, and
   * what comes before the first step ({@code index} -1) as the opening of the start page.
   */
  public void step(int index) {
    this.step = index;
    if (tracing) {
      watchdog.run("grouping the trace", () -> {
        if (grouped) {
          context.tracing().groupEnd();
        }
        context.tracing().group(index < 0 ? "Opening the start page" : "Step " + (index + 1));
        grouped = true;
      });
    }
  }

  /** Whether a trace group of a step is open. */
  private boolean grouped;

  public Scope scope() {
    return guard.scope();
  }

  public String url() {
    return page.url();
  }

  /** How a navigation went: it loaded, or one line on what went wrong. */
  public record Navigation(String error) {
    static final Navigation LOADED = new Navigation(null);

    public boolean ok() {
      return error == null;
    }
  }

  /** Opens {@code url} if it is in scope, else records the attempt and stays. */
  public Navigation navigate(String url) {
    return watchdog.watch("a navigation", () -> navigateNow(url));
  }

  private Navigation navigateNow(String url) {
    // a new page: what was pictured before is not what the next action acts on
    pictured = false;
    if (!guard.scope().allows(url)) {
      guard.record("navigation", url);
      return new Navigation("out of scope: " + url);
    }
    try {
      page.navigate(url);
      String e = settle();
      return e == null ? Navigation.LOADED : new Navigation(e);
    } catch (PlaywrightException e) {
      settle();
      return new Navigation(BrowserSession.firstLine(e.getMessage()));
    }
  }

  /**
   * How long this tab waits for a navigation and for an element before an action fails; the
   * page's own timeouts outrank the context's, for navigations too.
   */
  public void timeouts(double navigationMillis, double actionMillis) {
    watchdog.run("setting timeouts", () -> {
      page.setDefaultNavigationTimeout(navigationMillis);
      page.setDefaultTimeout(actionMillis);
    });
  }

  /**
   * The page's aria snapshot alone, with no screenshot: a quicker look than {@link #observe()}
   * for reading a page. A page mid-navigation is looked at again once it has loaded.
   */
  public dev.skillwright.trajectories.AriaSnapshot look() {
    return watchdog.watch("a look", () -> {
      try {
        return dev.skillwright.trajectories.AriaSnapshot.parse(rawSnapshot());
      } catch (PlaywrightException e) {
        waitForLoad();
        return dev.skillwright.trajectories.AriaSnapshot.parse(rawSnapshot());
      }
    });
  }

  /**
   * Evaluates the JavaScript function {@code function} on the element of the last snapshot with
   * ref {@code ref} ({@code el => el.type}) and returns its result as text, or "" when the
   * element is gone. For reading an element, never for acting on it.
   */
  public String readElement(String ref, String function) {
    return watchdog.watch("reading an element", () -> {
      try {
        Object v = page.locator("aria-ref=" + ref).evaluate(function);
        return v == null ? "" : v.toString();
      } catch (PlaywrightException e) {
        return "";
      }
    });
  }

  /** The page as the agent sees it now. */
  public Observation observe() {
    return watchdog.watch("an observation", () -> observeNow(true));
  }

  /**
   * The page as {@link #observe()} sees it but for the screenshot (empty): for a reader of the
   * page's text, such as the context crawl, which no screenshot would tell more.
   */
  public Observation observeText() {
    return watchdog.watch("an observation", () -> observeNow(false));
  }

  /**
   * A screenshot of the page as it is now (JPEG), or none (empty) when the page cannot be drawn:
   * to picture a page already read with {@link #observeText()}.
   */
  public byte[] screenshot() {
    return watchdog.watch("a screenshot", this::screenshotNow);
  }

  /** How long a page may take to draw its next frame before it is taken as one that cannot. */
  private static final int FRAME_WAIT_MS = 1_000;

  private byte[] screenshotNow() {
    try {
      // a page that draws no frame now (one caught between documents, which a script may send
      // to a blob: URL again and again) is not pictured: DevTools' capture waits for a frame,
      // and for one that never comes it waits for ever
      JsonObject drawn = inWorld("new Promise(r => { requestAnimationFrame(() => r(true));"
          + " setTimeout(() => r(false), " + FRAME_WAIT_MS + "); })", true)
          .getAsJsonObject("result");
      if (drawn == null || !drawn.has("value") || !drawn.get("value").getAsBoolean()) {
        return new byte[0];
      }
      JsonObject args = new JsonObject();
      args.addProperty("format", "jpeg");
      args.addProperty("quality", 70);
      args.addProperty("optimizeForSpeed", true);
      return java.util.Base64.getDecoder().decode(
          devtools("Page.captureScreenshot", args).get("data").getAsString());
    } catch (PlaywrightException e) {
      // a page that cannot be drawn now is still read
      return new byte[0];
    }
  }

  private Observation observeNow(boolean screenshot) {
    String snapshot;
    try {
      snapshot = snapshot();
    } catch (PlaywrightException e) {
      // the page was mid-navigation; let it finish and look once more
      waitForLoad();
      snapshot = snapshot();
    }
    Observation o = new Observation(page.url(), safeTitle(), snapshot,
        screenshot ? screenshotNow() : new byte[0]);
    pictured = o.screenshot().length > 0;
    return o;
  }

  private static final java.util.regex.Pattern TEXTBOX_REF = refLines("textbox");
  private static final java.util.regex.Pattern TREEITEM_REF = refLines("treeitem");

  /**
   * The snapshot's lines of elements of {@code role}, quoted whole or not (Playwright quotes a
   * line whose name holds ": "): the line up to its ref, and the ref. A name is passed over as a
   * whole, so that a name that reads like a ref is never taken for one.
   */
  private static java.util.regex.Pattern refLines(String role) {
    return java.util.regex.Pattern.compile("^(\\s*- '?" + role
        + "\\b(?: \"(?:[^\"\\\\\\n]|\\\\.)*\")?[^\\n]*?) \\[ref=((f\\d+)?e\\d+)\\]",
        java.util.regex.Pattern.MULTILINE);
  }

  private String rawSnapshot() {
    return page.ariaSnapshot(new Page.AriaSnapshotOptions().setMode(AriaSnapshotMode.AI));
  }

  /**
   * The page's AI snapshot, with two states it leaves out marked: text boxes that are text areas
   * {@code [multiline]} (the snapshot calls both textbox, and "click the textarea" must tell them
   * apart), and closed tree items {@code [collapsed]} (it shows an open one {@code [expanded]}
   * and a closed one as nothing, so a closed folder looks like a file, a leaf with no expanded
   * state at all, and clicking a file to look inside may end the task).
   */
  private String snapshot() {
    String s = rawSnapshot();
    s = mark(s, TEXTBOX_REF, "textarea", "[multiline]");
    return mark(s, TREEITEM_REF, "[role=treeitem][aria-expanded=false]", "[collapsed]");
  }

  /**
   * Adds {@code mark} to each of the snapshot's {@code lines} whose element {@code selector}
   * matches, asking each element as Playwright's actions ask, not by a script in the page's own
   * world (whose first use on a page costs far more than these questions). Costs nothing on a
   * page with no such line, and one call when the selector matches nothing; a line already
   * {@code [expanded]}, and the top page's lines once as many as match are marked, are not asked.
   */
  private String mark(String s, java.util.regex.Pattern lines, String selector, String mark) {
    if (!lines.matcher(s).find()) {
      return s;
    }
    try {
      int left = page.locator(selector).count();
      // an element in a frame (its ref starts f) is asked about, whatever the top page holds
      if (left == 0 && lines.matcher(s).results().noneMatch(r -> r.group(3) != null)) {
        return s;
      }
      java.util.regex.Matcher m = lines.matcher(s);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        boolean framed = m.group(3) != null;
        boolean marked = (framed || left > 0) && !m.group(1).contains(" [expanded")
            && page.locator("aria-ref=" + m.group(2)).and(page.locator(selector)).count() > 0;
        if (marked && !framed) {
          left--;
        }
        m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(
            m.group(1) + (marked ? " " + mark : "") + " [ref=" + m.group(2) + "]"));
      }
      m.appendTail(out);
      return out.toString();
    } catch (PlaywrightException e) {
      return s;
    }
  }

  private String safeTitle() {
    try {
      return page.title();
    } catch (PlaywrightException e) {
      return "";
    }
  }

  /**
   * Executes one non-final action. Targets are found by their ref when they have one, else by
   * their durable locators in order. Never throws for a page-side failure: it is reported in the
   * result, so an episode can go on.
   */
  public ActionResult execute(Action action) {
    return watchdog.watch("an action", () -> executeNow(action));
  }

  private ActionResult executeNow(Action action) {
    long start = System.nanoTime();
    boolean measure = recording && pictured;
    pictured = false;
    try {
      Action done = action;
      String matchedBy = null;
      Target target = action.target();
      Locator el = null;
      Step.Box box = null;
      boolean boxKnown = false;
      if (target != null) {
        if (target.ref() != null) {
          el = page.locator("aria-ref=" + target.ref());
          if (el.count() == 0) {
            return result(action, "no element " + target.ref() + " (" + target.describe()
                + ") on the page now; observe again", null, start);
          }
          matchedBy = "ref";
          if (recording) {
            DurableLocators.Recorded found =
                DurableLocators.record(page, el, target.role(), target.name());
            done = action.withTarget(target.withLocators(found.locators()));
            if (found.boxRead() && measure) {
              box = found.box();
              boxKnown = true;
            }
          }
        } else {
          Optional<DurableLocators.Resolved> r = DurableLocators.resolve(page, target, measure);
          // content still loading (a region marked aria-busy, a debounced list) may bring the
          // element in a moment
          for (int i = 0; r.isEmpty() && i < BUSY_POLLS && (i < SETTLE_POLLS || busy()); i++) {
            page.waitForTimeout(250);
            r = DurableLocators.resolve(page, target, measure);
          }
          if (r.isEmpty()) {
            return result(action, "no locator matches " + target.describe(), null, start);
          }
          el = r.get().locator();
          matchedBy = r.get().by().strategy().name().toLowerCase(java.util.Locale.ROOT);
          box = r.get().box();
          boxKnown = r.get().boxRead();
        }
      }
      if (el != null && measure && !boxKnown) {
        box = box(el);
      }
      watching = true;
      String error = action instanceof Action.Wait w ? waitForChange(w.millis())
          : actions.perform(action, el);
      watchdog.progress();
      String settleError = settle();
      ActionResult r = result(done, error != null ? error : settleError, matchedBy, start);
      return new ActionResult(r.action(), r.ok(), r.error(), r.matchedBy(), r.millis(), box);
    } catch (PlaywrightException e) {
      settle();
      return result(action, BrowserSession.firstLine(e.getMessage()), null, start);
    }
  }

  private boolean busy() {
    try {
      return page.locator("[aria-busy=true]").count() > 0;
    } catch (PlaywrightException e) {
      return false;
    }
  }

  private ActionResult result(Action action, String error, String matchedBy, long start) {
    return new ActionResult(action, error == null, error, matchedBy,
        (System.nanoTime() - start) / 1_000_000, null);
  }

  /** The element's box on the screenshot; null when it has none (hidden, detached). */
  private static Step.Box box(Locator el) {
    try {
      var b = el.boundingBox(new Locator.BoundingBoxOptions().setTimeout(1_000));
      return b == null ? null : new Step.Box(b.x, b.y, b.width, b.height);
    } catch (PlaywrightException e) {
      return null;
    }
  }

  /**
   * Waits for the page to load after an action, then pulls it back into scope if it escaped by a
   * way routing cannot see (a {@code data:} or {@code javascript:} URL, say).
   */
  private String settle() {
    waitForLoad();
    String url = page.url();
    if (guard.scope().allows(url)) {
      if (!url.equals("about:blank")) {
        lastInScopeUrl = url;
      }
      return null;
    }
    // Chromium's error page is where a refused or failed load lands (a tunnel the proxy
    // refused, a server gone): no new attempt to leave, so no block, just the way back
    boolean errorPage = url.startsWith("chrome-error:");
    if (!errorPage) {
      guard.record("navigation", url);
    }
    try {
      watchdog.progress();
      page.navigate(lastInScopeUrl);
      waitForLoad();
    } catch (PlaywrightException e) {
      // the guard already recorded the escape; staying on a blank page is safe
    }
    return errorPage ? "the page did not load" : "out of scope: " + url;
  }

  /**
   * Waits for what the last action set going, by Playwright's events rather than a fixed sleep
   * (as Playwright MCP does): Playwright's actions already wait for a navigation they start to
   * commit; then a page that stayed on its document runs once more (a form a handler submits, a
   * fetch a handler sends start there), the documents it requested load (up to
   * {@link #NAVIGATION_WAIT_MS}) and a new document reaches its load event, its fetches end (up
   * to {@link #FETCH_WAIT_MS}, then they count as long polls) and their handlers run, and the
   * page reaches its load event.
   */
  private void waitForLoad() {
    watchdog.progress();
    try {
      if (watching) {
        // a page on its way to a new document, or already there (Playwright's click waits
        // for the navigation it starts to commit), has nothing left to start: no yield
        if (!leftDocument && inflight.stream().noneMatch(r -> r.isNavigationRequest()
            && r.frame() == page.mainFrame())) {
          yieldToPage();
        }
        waitFor(r -> r.resourceType().equals("document"), NAVIGATION_WAIT_MS);
        if (leftDocument) {
          // the new document's load, watching the fetches its scripts send meanwhile
          awaitLoadEvent();
        }
        if (!inflight.isEmpty()) {
          waitFor(r -> true, FETCH_WAIT_MS);
          yieldToPage();
        }
      }
    } finally {
      watching = false;
      navigationSent = false;
      leftDocument = false;
      inflight.clear();
    }
    awaitLoadEvent();
  }

  private void awaitLoadEvent() {
    try {
      page.waitForLoadState(LoadState.LOAD);
    } catch (PlaywrightException e) {
      // a page that never finishes loading is still observable
    }
  }

  /**
   * A wait: up to {@code millis}, until the page has changed and then kept still for a look
   * ({@value #STILL_MILLIS} ms). A wait is for something to show (content that loads, a result
   * that comes); once the page changed, it has shown, or shows its progress. A page that never
   * changes, or changes without end, takes the whole time. The changes are counted in the
   * tab's own world of the page and looked at from here: a page that breaks its own timers or
   * observers cannot make a wait last longer.
   */
  private String waitForChange(long millis) {
    long end = System.nanoTime() + millis * 1_000_000;
    Long last = mutations();
    boolean changed = false;
    for (long left = millis; left > 0; left = (end - System.nanoTime()) / 1_000_000) {
      try {
        Thread.sleep(Math.min(STILL_MILLIS, left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted while waiting";
      }
      Long now = mutations();
      if (now == null) {
        // a page that cannot be asked now has navigated away: it changed; one that never
        // could be asked gets a plain wait
        if (last != null) {
          return null;
        }
        continue;
      }
      if (last == null) {
        last = now;
        continue;
      }
      if (changed && now.equals(last)) {
        return null;
      }
      changed |= !now.equals(last);
      last = now;
    }
    return null;
  }

  /** How still a page keeps, after a change, for a wait to end: about three frames. */
  static final long STILL_MILLIS = 50;

  /**
   * How many changes the page's document has seen since it was first asked (an observer is
   * then set up on it), or null when it cannot be asked.
   */
  private Long mutations() {
    try {
      JsonObject r = inWorld(MUTATIONS, false).getAsJsonObject("result");
      return r != null && r.has("value") && r.get("value").isJsonPrimitive()
          ? r.get("value").getAsLong() : null;
    } catch (PlaywrightException | IllegalStateException | NumberFormatException e) {
      return null;
    }
  }

  private static final String MUTATIONS = """
      (() => { const k = Symbol.for('skillwright.mutations');
        if (!(k in document)) { document[k] = 0;
          new MutationObserver(() => { document[k]++; }).observe(document, {subtree: true,
            childList: true, characterData: true, attributes: true}); }
        return document[k]; })()""";

  /**
   * Lets the page run what it queued (the next frame and one task after it), then lets the
   * browser's word of the requests that started reach this tab: with routing on, Playwright
   * tells of a request only once the browser has paused it, a moment after the page sent it.
   */
  private void yieldToPage() {
    try {
      // a page that draws no frames (hidden) still answers within 100 ms
      inWorld("new Promise(r => { requestAnimationFrame(() => setTimeout(r, 0));"
          + " setTimeout(r, 100); })", true);
      inWorld("0", false);
    } catch (PlaywrightException e) {
      // the page navigated meanwhile: its new document is what the waits below are for
    }
  }

  /**
   * Evaluates {@code expression} in the tab's own world ({@link #world}) of the page's main
   * frame, awaiting the promise it gives when {@code await}. A world gone with its document is
   * made anew once.
   */
  private JsonObject inWorld(String expression, boolean await) {
    for (int attempt = 0; ; attempt++) {
      if (world == null) {
        String frame = devtools("Page.getFrameTree", null).getAsJsonObject("frameTree")
            .getAsJsonObject("frame").get("id").getAsString();
        JsonObject make = new JsonObject();
        make.addProperty("frameId", frame);
        make.addProperty("worldName", "skillwright");
        world = devtools("Page.createIsolatedWorld", make).get("executionContextId").getAsInt();
      }
      JsonObject run = new JsonObject();
      run.addProperty("expression", expression);
      run.addProperty("contextId", world);
      run.addProperty("returnByValue", true);
      run.addProperty("awaitPromise", await);
      try {
        return devtools("Runtime.evaluate", run);
      } catch (PlaywrightException e) {
        world = null;
        if (attempt > 0 || !answered(e)) {
          throw e;
        }
      }
    }
  }

  /**
   * Whether Chromium answered that the script's world is gone (its document was replaced): the
   * session itself still works.
   */
  private static boolean answered(PlaywrightException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    return m.contains("Cannot find context") || m.contains("Execution context was destroyed");
  }

  private void waitFor(java.util.function.Predicate<com.microsoft.playwright.Request> which,
      double millis) {
    if (inflight.stream().noneMatch(which)) {
      return;
    }
    try {
      page.waitForCondition(() -> inflight.stream().noneMatch(which),
          new Page.WaitForConditionOptions().setTimeout(millis));
    } catch (PlaywrightException e) {
      // still under way: the page as it is now is what there is
    }
    watchdog.progress();
  }

  private static Optional<String> origin(String url) {
    try {
      java.net.URI u = java.net.URI.create(url);
      return u.getScheme() != null && u.getScheme().startsWith("http") && u.getHost() != null
          ? Optional.of(u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? ""
              : ":" + u.getPort())) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * Makes this tab what a new one of its browser would be, in the same context and behind the
   * same proxy, which is much cheaper than a new context: the page blank with no history to go
   * back to, no cookies, the HTTP cache empty, nothing kept by the origins it visited (local and
   * session storage, IndexedDB, cache storage, service workers), no scope blocks pending, the
   * step counter reset, and, when it traces, a new trace begun (its own network log too), so
   * that the next {@link #saveTrace} holds only what comes after; a trace never saved is
   * dropped. Only a tab whose context started empty and that was on one origin at most can
   * forget; one that started logged in (a storage state), or was on two origins (whose session
   * storage only a page on each could clear), says false and stays as it is.
   *
   * @return whether the tab forgot its state
   * @throws BrowserException when its page or browser is gone: then close it
   */
  public boolean forget() {
    // session storage is the page's, and only the origin the page is on can clear its own: a
    // tab that has been on two origins (or held a frame of another) cannot forget them all
    if (!startedEmpty || origins.size() > 1) {
      return false;
    }
    return watchdog.watch("forgetting the page's state", () -> {
      if (tracing) {
        // an unsaved trace is dropped; a trace begun anew starts an empty network log too
        endGroup();
        context.tracing().stop();
        tracing = false;
      }
      try {
        // session storage belongs to this page, not to the context: cleared from inside it
        page.evaluate("() => { try { sessionStorage.clear(); } catch (e) {} }");
      } catch (PlaywrightException e) {
        // a page mid-navigation or blank has none worth keeping
      }
      page.navigate("about:blank");
      context.clearCookies();
      for (String o : origins) {
        JsonObject args = new JsonObject();
        args.addProperty("origin", o);
        args.addProperty("storageTypes", "all");
        devtools("Storage.clearDataForOrigin", args);
      }
      devtools("Network.clearBrowserCache", null);
      // a new page has no way back; this one's history would lead to the last episode's pages
      devtools("Page.resetNavigationHistory", null);
      origins.clear();
      // what the last episode's page asked for as it went away is not the next one's to record
      guard.drain();
      inflight.clear();
      watching = false;
      navigationSent = false;
      leftDocument = false;
      pictured = false;
      step = -1;
      lastInScopeUrl = "about:blank";
      if (traced) {
        startTrace(context);
        tracing = true;
      }
      return true;
    });
  }

  /** The scope blocks recorded since the last call. */
  public List<ScopeBlock> drainBlocks() {
    return guard.drain();
  }

  /** A cookie's value in this tab's context, for ground-truth checks outside the page. */
  public Optional<String> cookie(String name) {
    return watchdog.watch("reading cookies", context::cookies).stream()
        .filter(c -> c.name.equals(name)).map((Cookie c) -> c.value).findFirst();
  }

  /**
   * Evaluates a JavaScript function of no arguments in the page and returns its JSON-like result
   * (maps, lists, strings, numbers). For reading the page, never for acting on it.
   */
  public Object evaluate(String function) {
    return watchdog.watch("a script", () -> page.evaluate(function));
  }

  /**
   * Stops this tab's Playwright trace (since the tab opened or last forgot) and saves it
   * to {@code file}, with every secret value taken out. Does nothing when tracing is off or
   * already saved.
   *
   * @return whether a trace was written
   */
  public boolean saveTrace(java.nio.file.Path file) {
    return watchdog.watch("saving the trace", () -> saveTraceNow(file));
  }

  private boolean saveTraceNow(java.nio.file.Path file) {
    if (!tracing) {
      return false;
    }
    tracing = false;
    try {
      endGroup();
      context.tracing().stop(new com.microsoft.playwright.Tracing.StopOptions().setPath(file));
      TraceScrubber.scrub(file, secrets);
      return true;
    } catch (PlaywrightException | java.io.IOException e) {
      try {
        java.nio.file.Files.deleteIfExists(file);
      } catch (java.io.IOException ignored) {
        // nothing written is better than a trace that may hold a secret
      }
      return false;
    }
  }

  /**
   * Starts {@code context}'s trace: DOM snapshots, no screencast. The viewer renders each
   * action's page from its DOM, the trajectory keeps a screenshot of every step it looked at, and
   * a screencast would cost a fifth of an episode's time (and picture a secret typed in plain
   * text, which the scrubber cannot take out of an image).
   */
  static void startTrace(BrowserContext context) {
    context.tracing().start(new com.microsoft.playwright.Tracing.StartOptions()
        .setScreenshots(false).setSnapshots(true).setSources(false));
  }

  private void endGroup() {
    if (grouped) {
      context.tracing().groupEnd();
      grouped = false;
    }
  }

  /**
   * Why the browser under this tab was killed as hung, if it was (then every call fails with
   * Playwright's "closed" error).
   */
  public Optional<String> browserStopped() {
    return Optional.ofNullable(watchdog.fired());
  }

  /**
   * Sends {@code method} over the page's DevTools session ({@link #devtoolsSession}), opened on
   * first use and opened anew after a failure (it may have been detached), but for the answer
   * that a script's world is gone. A crashed page fails
   * at once, as Playwright's own calls do: the browser would hold the command for a renderer that
   * never comes.
   *
   * @throws PlaywrightException when the page crashed or closed, or the command failed
   */
  private JsonObject devtools(String method, JsonObject args) {
    if (crashed || page.isClosed()) {
      throw new PlaywrightException("the page " + (crashed ? "crashed" : "is closed"));
    }
    if (devtoolsSession == null) {
      devtoolsSession = context.newCDPSession(page);
    }
    try {
      return args == null ? devtoolsSession.send(method) : devtoolsSession.send(method, args);
    } catch (PlaywrightException e) {
      if (answered(e)) {
        throw e; // the world is gone, not the session
      }
      CDPSession failed = devtoolsSession;
      devtoolsSession = null;
      world = null;
      try {
        failed.detach();
      } catch (PlaywrightException gone) {
        // detached already
      }
      throw e;
    }
  }

  /** The underlying page, for this module (and its tests' helper, {@code TestTabs}). */
  Page page() {
    return page;
  }

  @Override
  public void close() {
    try {
      watchdog.run("closing the context", context::close);
    } catch (PlaywrightException | BrowserException e) {
      // the browser died with the context in it: there is nothing left to close
    } finally {
      proxy.close();
    }
  }
}
