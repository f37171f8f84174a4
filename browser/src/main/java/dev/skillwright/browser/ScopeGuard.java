package dev.skillwright.browser;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import dev.skillwright.trajectories.ScopeBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Keeps one browser context inside its {@link Scope}, in two layers. Underneath, the context's
 * every connection goes through its own {@link ScopeProxy}, which refuses any request or tunnel
 * out of scope before it leaves the machine (every redirect hop, workers, prefetch, WebSockets).
 * On top, Playwright's routing stops out-of-scope requests it sees before Chromium sends them
 * anywhere, closes popups, and files each block under the step that caused it; navigations
 * routing cannot see ({@code data:}, {@code file:}, {@code javascript:}) are caught by
 * {@link Tab} after each action. Every stopped attempt is kept as a {@link ScopeBlock}, and told
 * to the listener as it happens. Nothing a page sends (a malformed URL, a broken redirect) makes
 * the guard throw.
 */
final class ScopeGuard {
  private final Scope scope;
  private final Queue<ScopeBlock> blocks = new ConcurrentLinkedQueue<>();
  private final IntSupplier currentStep;
  private volatile Consumer<ScopeBlock> listener = b -> { };
  private Page main;

  ScopeGuard(Scope scope, IntSupplier currentStep) {
    this.scope = scope;
    this.currentStep = currentStep;
  }

  void install(BrowserContext ctx, Page main) {
    this.main = main;
    // Playwright matches the pattern in its driver: a request in scope is let go there, with no
    // round trip to this process; what the pattern routes here is checked in full by handle
    ctx.route(routed(scope), this::handle);
    ctx.onPage(popup -> {
      if (popup != main) {
        try {
          String url = popup.url();
          // a popup whose first load was refused shows Chromium's error page: that load is
          // on record already, as a navigation
          record("popup", url.isEmpty() || url.startsWith("chrome-error:") ? "about:blank" : url);
          popup.close();
        } catch (RuntimeException e) {
          record("popup", "about:blank");
        }
      }
    });
  }

  /**
   * The URLs worth routing: all but those that plainly start with an origin of the scope (its
   * scheme, host and port as Chromium writes them, then a path, a query, a fragment or nothing).
   * It errs only towards routing: a URL it routes that the scope allows (a user name before the
   * host, say) is let go by {@link #handle}; it never passes over one the scope refuses.
   */
  static java.util.regex.Pattern routed(Scope scope) {
    StringBuilder in = new StringBuilder();
    for (String origin : scope.origins()) {
      in.append(in.length() == 0 ? "" : "|").append(literal(origin));
      // Chromium leaves the default port out of a URL
      if (origin.startsWith("http://") && origin.endsWith(":80")
          || origin.startsWith("https://") && origin.endsWith(":443")) {
        String bare = origin.substring(0, origin.lastIndexOf(':'));
        in.append('|').append(literal(bare));
      }
    }
    return java.util.regex.Pattern.compile("^(?!(?:" + in + ")(?:[/?#]|$))");
  }

  /**
   * {@code s} as a regular expression that matches it alone, in the syntax Java and JavaScript
   * share (the driver runs the pattern as JavaScript, which has no {@code \\Q...\\E}).
   */
  private static String literal(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  void listener(Consumer<ScopeBlock> l) {
    this.listener = l;
  }

  private void handle(Route route) {
    try {
      Request req = route.request();
      String url = req.url();
      if (scope.allows(url)) {
        // later hops of a redirect, if Playwright does not route them, meet the proxy
        route.resume();
        return;
      }
      boolean navigation = req.isNavigationRequest();
      record(req.redirectedFrom() != null ? "redirect" : navigation ? "navigation" : "request",
          url);
      if (navigation && inMainPage(req)) {
        // "no content" keeps the frame where it was: no error page, nothing to pull back from;
        // a popup's first load is aborted instead, so that the popup shows up and is closed
        route.fulfill(new Route.FulfillOptions().setStatus(204));
      } else {
        route.abort("blockedbyclient");
      }
    } catch (RuntimeException e) {
      try {
        route.abort("blockedbyclient");
      } catch (RuntimeException ignored) {
        // the request is gone already (its page closed); nothing was sent
      }
    }
  }

  private boolean inMainPage(Request req) {
    try {
      return req.frame().page() == main;
    } catch (RuntimeException e) {
      return false;
    }
  }

  void record(String kind, String url) {
    ScopeBlock b = new ScopeBlock(currentStep.getAsInt(), kind, url);
    blocks.add(b);
    try {
      listener.accept(b);
    } catch (RuntimeException e) {
      // a listener's fault must not reopen the hole it watches
    }
  }

  /** The blocks recorded since the last call, oldest first. */
  List<ScopeBlock> drain() {
    List<ScopeBlock> out = new ArrayList<>();
    for (ScopeBlock b; (b = blocks.poll()) != null; ) {
      out.add(b);
    }
    return out;
  }

  Scope scope() {
    return scope;
  }
}
