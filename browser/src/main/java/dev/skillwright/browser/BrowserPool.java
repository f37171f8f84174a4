package dev.skillwright.browser;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The browsers of one session, launched as needed and handed from phase to phase, so that a
 * session launches one Chromium per worker at most: the context crawl's browser and exploring's
 * run the episodes afterwards. A {@link Lease} has its browser to itself until it is closed, which
 * gives the browser back; a browser given back dead is closed, never handed out again.
 * Thread-safe; the hand-over through it is what lets a browser's Playwright move from one thread
 * to the next (Playwright wants one thread at a time, not one thread for ever).
 */
public final class BrowserPool implements AutoCloseable {
  private final BrowserConfig config;
  private final Deque<BrowserSession> idle = new ArrayDeque<>();
  /** A launch begun ahead of its taker, until one takes it; else null. */
  private CompletableFuture<BrowserSession> ahead;
  private boolean closed;

  public BrowserPool(BrowserConfig config) {
    this.config = java.util.Objects.requireNonNull(config, "config");
  }

  /** The settings every browser of the pool is launched with. */
  public BrowserConfig config() {
    return config;
  }

  /**
   * Begins launching a browser now, on a thread of its own, for the next taker: a session with
   * set-up work of its own (opening its files, its skills) does it while Chromium starts. The
   * taker waits for that launch rather than beginning another; a launch that failed fails it as
   * its own launch would have. Only a Chromium found on this machine is launched ahead: one that
   * Playwright would download, or a remote one, waits for its taker.
   */
  public BrowserPool prelaunch() {
    try {
      if (config.remote() != null || Chromium.resolve(config.executable(), config.environment(),
          config.headless()).executable() == null) {
        return this;
      }
    } catch (RuntimeException e) {
      return this; // the taker's own launch says what is wrong
    }
    synchronized (this) {
      if (closed || ahead != null) {
        return this;
      }
      CompletableFuture<BrowserSession> launch = new CompletableFuture<>();
      Thread t = new Thread(() -> {
        try {
          launch.complete(BrowserSession.launch(config));
        } catch (Throwable e) {
          launch.completeExceptionally(e);
        }
      }, "browser-launch");
      t.setDaemon(true);
      t.start();
      ahead = launch;
    }
    return this;
  }

  /** A browser lent to one taker until it closes the lease, which gives the browser back. */
  public final class Lease implements AutoCloseable {
    private final BrowserSession browser;
    private boolean returned;

    private Lease(BrowserSession browser) {
      this.browser = browser;
    }

    public BrowserSession browser() {
      return browser;
    }

    /** Gives the browser back (closes it when it died); close its tabs first. Idempotent. */
    @Override
    public void close() {
      if (!returned) {
        returned = true;
        give(browser);
      }
    }
  }

  /**
   * A live browser for the caller alone: one given back earlier, else a new launch.
   *
   * @throws IllegalStateException when the pool is closed
   * @throws BrowserException when no browser could be launched
   */
  public Lease lease() {
    return new Lease(take());
  }

  private BrowserSession take() {
    CompletableFuture<BrowserSession> begun;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the browser pool is closed");
      }
      while (!idle.isEmpty()) {
        BrowserSession b = idle.pollLast();
        if (b.alive()) {
          return b;
        }
        closeQuietly(b);
      }
      begun = ahead;
      ahead = null;
    }
    if (begun != null) {
      BrowserSession b = launched(begun);
      if (b.alive()) {
        return b;
      }
      closeQuietly(b); // it died while it waited: launched again below
    }
    // launched outside the lock: two takers launch side by side
    return BrowserSession.launch(config);
  }

  /** The browser of a launch begun ahead, once it is up; its failure, as a launch's own. */
  private static BrowserSession launched(CompletableFuture<BrowserSession> launch) {
    try {
      return launch.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new BrowserException("Chromium could not be launched: " + e.getCause(), e);
    }
  }

  /**
   * Takes {@code browser} back for the next taker; a browser that died, or one given back after
   * the pool closed, is closed instead.
   */
  private void give(BrowserSession browser) {
    synchronized (this) {
      if (!closed && browser.alive()) {
        idle.addLast(browser);
        return;
      }
    }
    closeQuietly(browser);
  }

  /** How many browsers wait to be taken. */
  public synchronized int idle() {
    return idle.size();
  }

  /** Whether a launch begun ahead waits for its taker. */
  synchronized boolean launchingAhead() {
    return ahead != null;
  }

  /**
   * Closes the browsers given back, and one launched ahead for nobody (once it is up: no Chromium
   * is left behind); those still taken are closed as they come back.
   */
  @Override
  public void close() {
    Deque<BrowserSession> toClose;
    CompletableFuture<BrowserSession> unclaimed;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
      unclaimed = ahead;
      ahead = null;
    }
    toClose.forEach(BrowserPool::closeQuietly);
    if (unclaimed != null) {
      try {
        closeQuietly(unclaimed.join());
      } catch (CompletionException e) {
        // it never came up: nothing to close
      }
    }
  }

  private static void closeQuietly(BrowserSession b) {
    try {
      b.close();
    } catch (RuntimeException e) {
      // a dead browser may fail to close; its Playwright is stopped either way
    }
  }
}
