package dev.skillwright.browser;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import dev.skillwright.trajectories.ScopeBlock;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntSupplier;

/**
 * Keeps one browser context inside its {@link Scope} at the network level. Every request is
 * routed: out-of-scope ones are aborted; in-scope ones are fetched without following redirects,
 * so that a redirect out of scope is caught before anything is sent there (Playwright does not
 * route the later hops of a redirect chain). Popups are closed. Navigations that routing cannot
 * see ({@code data:}, {@code file:}, {@code javascript:}) are caught by {@link Tab} after each
 * action. Every stopped attempt is kept as a {@link ScopeBlock}.
 *
 * <p>Streaming responses (server-sent events, media) cannot be fetched whole before the page sees
 * them, so those are checked for scope and then let through as they are; a redirect of such a
 * request is the one hop this guard does not see.
 */
final class ScopeGuard {
  private static final java.util.Set<String> STREAMING = java.util.Set.of("eventsource",
      "media", "websocket");
  private final Scope scope;
  private final Queue<ScopeBlock> blocks = new ConcurrentLinkedQueue<>();
  private final IntSupplier currentStep;

  ScopeGuard(Scope scope, IntSupplier currentStep) {
    this.scope = scope;
    this.currentStep = currentStep;
  }

  void install(BrowserContext ctx, Page main) {
    ctx.route("**/*", this::handle);
    ctx.onPage(popup -> {
      if (popup != main) {
        String url = popup.url();
        record("popup", url.isEmpty() ? "about:blank" : url);
        popup.close();
      }
    });
  }

  private void handle(Route route) {
    Request req = route.request();
    String url = req.url();
    if (!scope.allows(url)) {
      record(req.isNavigationRequest() ? "navigation" : "request", url);
      route.abort("blockedbyclient");
      return;
    }
    if (STREAMING.contains(req.resourceType())) {
      route.resume();
      return;
    }
    APIResponse resp;
    try {
      resp = route.fetch(new Route.FetchOptions().setMaxRedirects(0));
    } catch (RuntimeException e) {
      route.abort("failed");
      return;
    }
    int status = resp.status();
    String location = resp.headers().get("location");
    if (status >= 300 && status < 400 && location != null) {
      String next = URI.create(url).resolve(location.strip()).toString();
      if (!scope.allows(next)) {
        // aborting, like every other block, leaves the page where it was
        record("redirect", next);
        route.abort("blockedbyclient");
        return;
      }
    }
    route.fulfill(new Route.FulfillOptions().setResponse(resp));
  }

  void record(String kind, String url) {
    blocks.add(new ScopeBlock(currentStep.getAsInt(), kind, url));
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
