package dev.skillwright.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The watchdog on a call that never answers: the kill, and the last resort for a call the kill
 * does not free (the browser's answer lost with it, the driver still waiting for it).
 */
class WatchdogTest {
  private final CountDownLatch answer = new CountDownLatch(1);
  private final AtomicInteger kills = new AtomicInteger();
  private final AtomicInteger resorts = new AtomicInteger();

  private boolean waitForAnswer() {
    try {
      return answer.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void a_call_still_waiting_after_the_kill_is_freed_by_the_last_resort() {
    Watchdog w = new Watchdog(200, kills::incrementAndGet, () -> {
      resorts.incrementAndGet();
      answer.countDown();
    });

    assertThat(w.watch("a screenshot", this::waitForAnswer)).as("freed, not timed out").isTrue();
    assertThat(kills).hasValue(1);
    assertThat(resorts).hasValue(1);
    assertThat(w.fired()).contains("a screenshot made no progress");
  }

  @Test
  void a_call_the_kill_frees_takes_no_last_resort() throws Exception {
    Watchdog w = new Watchdog(200, () -> {
      kills.incrementAndGet();
      answer.countDown();
    }, resorts::incrementAndGet);

    assertThat(w.watch("a screenshot", this::waitForAnswer)).isTrue();
    Thread.sleep(600); // past the time the last resort would have come
    assertThat(kills).hasValue(1);
    assertThat(resorts).hasValue(0);
  }
}
