package dev.skillwright.browser;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Stops a Chromium that no longer answers. Every call of a {@link Tab} or {@link BrowserSession}
 * into the browser runs under {@link #watch}; a call that makes no {@link #progress} for
 * its limit kills the browser process, so the call fails with Playwright's "closed"
 * error and the session can launch another. A composite call (an action, then waiting for the
 * load it started) reports progress between its steps, so only one step must fit in the limit.
 * A dead browser fails at once; this is for one that is alive but silent (stopped, deadlocked,
 * swapped out). A call still waiting a limit after the kill (its answer lost with the browser)
 * is freed by the last resort: the connection to Playwright's driver is closed.
 *
 * <p>Calls made inside a watched call are covered by it. Thread-safe: the timer runs on one
 * shared daemon thread.
 */
final class Watchdog {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final long limitMillis;
  private final Runnable kill;
  private final Runnable lastResort;
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
  /** When the watched call on each thread counts as hung, in {@link System#nanoTime()}. */
  private final ThreadLocal<java.util.concurrent.atomic.AtomicLong> deadline =
      ThreadLocal.withInitial(java.util.concurrent.atomic.AtomicLong::new);
  private volatile String fired;

  /**
   * @param limitMillis how long one call may take before the browser counts as hung
   * @param kill what stops the browser for good (its process is killed)
   * @param lastResort what frees a call still waiting a limit after the kill
   */
  Watchdog(long limitMillis, Runnable kill, Runnable lastResort) {
    if (limitMillis <= 0) {
      throw new IllegalArgumentException("hang limit must be positive: " + limitMillis);
    }
    this.limitMillis = limitMillis;
    this.kill = kill;
    this.lastResort = lastResort;
  }

  /** Why the browser was killed, or null while it has not been. */
  String fired() {
    return fired;
  }

  /** Runs {@code call}, killing the browser if it takes longer than the limit. */
  <T> T watch(String what, Supplier<T> call) {
    int[] d = depth.get();
    if (d[0] > 0) {
      progress();
      return call.get();
    }
    java.util.concurrent.atomic.AtomicLong due = deadline.get();
    java.util.concurrent.atomic.AtomicBoolean finished =
        new java.util.concurrent.atomic.AtomicBoolean();
    due.set(System.nanoTime() + limitMillis * 1_000_000);
    java.util.concurrent.atomic.AtomicReference<ScheduledFuture<?>> alarm =
        new java.util.concurrent.atomic.AtomicReference<>();
    Runnable check = new Runnable() {
      @Override
      public void run() {
        long left = due.get() - System.nanoTime();
        if (finished.get()) {
          return;
        }
        if (left > 0) {
          // the call made progress: look again when its new limit is up
          alarm.set(TIMER.schedule(this, left, TimeUnit.NANOSECONDS));
          return;
        }
        fired = "Chromium stopped answering (" + what + " made no progress for " + seconds()
            + " s) and was stopped";
        kill.run();
        alarm.set(TIMER.schedule(() -> {
          if (!finished.get()) {
            lastResort.run();
          }
        }, limitMillis, TimeUnit.MILLISECONDS));
      }
    };
    alarm.set(TIMER.schedule(check, limitMillis, TimeUnit.MILLISECONDS));
    d[0]++;
    try {
      return call.get();
    } catch (com.microsoft.playwright.PlaywrightException e) {
      // the edge: callers of the browser module never see Playwright's types
      throw new BrowserException(BrowserSession.firstLine(e.getMessage()), e);
    } finally {
      d[0]--;
      finished.set(true);
      alarm.get().cancel(false);
    }
  }

  /** Says the watched call on this thread is still moving: its limit starts again. */
  void progress() {
    if (depth.get()[0] > 0) {
      deadline.get().set(System.nanoTime() + limitMillis * 1_000_000);
    }
  }

  void run(String what, Runnable call) {
    watch(what, () -> {
      call.run();
      return null;
    });
  }

  private String seconds() {
    return limitMillis % 1000 == 0 ? String.valueOf(limitMillis / 1000)
        : String.format(java.util.Locale.ROOT, "%.1f", limitMillis / 1000.0);
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread th = new Thread(r, "browser-watchdog");
      th.setDaemon(true);
      return th;
    });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }
}
