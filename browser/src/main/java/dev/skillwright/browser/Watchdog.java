package dev.skillwright.browser;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Stops a Chromium that no longer answers. Every call into the browser that has no time limit of
 * its own (opening and closing a context, evaluating, saving a trace) runs under {@link #watch};
 * a call that outlasts {@link #limitMillis()} kills the browser process, so the call fails with
 * Playwright's "closed" error and the session can launch another. A dead browser fails at once;
 * this is for one that is alive but silent (stopped, deadlocked, swapped out).
 *
 * <p>Calls made inside a watched call are covered by it. Thread-safe: the timer runs on one
 * shared daemon thread.
 */
final class Watchdog {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final long limitMillis;
  private final Runnable kill;
  private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
  private volatile String fired;

  /**
   * @param limitMillis how long one call may take before the browser counts as hung
   * @param kill what stops the browser for good (its process is killed)
   */
  Watchdog(long limitMillis, Runnable kill) {
    if (limitMillis <= 0) {
      throw new IllegalArgumentException("hang limit must be positive: " + limitMillis);
    }
    this.limitMillis = limitMillis;
    this.kill = kill;
  }

  long limitMillis() {
    return limitMillis;
  }

  /** Why the browser was killed, or null while it has not been. */
  String fired() {
    return fired;
  }

  /** Runs {@code call}, killing the browser if it takes longer than the limit. */
  <T> T watch(String what, Supplier<T> call) {
    int[] d = depth.get();
    if (d[0] > 0) {
      return call.get();
    }
    ScheduledFuture<?> alarm = TIMER.schedule(() -> {
      fired = "Chromium stopped answering (" + what + " took over " + seconds() + " s) and was"
          + " stopped";
      kill.run();
    }, limitMillis, TimeUnit.MILLISECONDS);
    d[0]++;
    try {
      return call.get();
    } finally {
      d[0]--;
      alarm.cancel(false);
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
