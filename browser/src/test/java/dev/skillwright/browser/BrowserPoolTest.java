package dev.skillwright.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A session's browsers: launched once each, handed on, and never handed on dead. */
class BrowserPoolTest {
  final BrowserConfig config = BrowserConfig.builder().tracing(false).build();

  @Test
  void a_browser_given_back_is_the_next_one_lent_and_two_at_once_are_two() {
    try (BrowserPool pool = new BrowserPool(config)) {
      BrowserSession first;
      try (BrowserPool.Lease lease = pool.lease()) {
        first = lease.browser();
        assertThat(pool.idle()).isZero();
      }
      assertThat(pool.idle()).isEqualTo(1);
      try (BrowserPool.Lease a = pool.lease(); BrowserPool.Lease b = pool.lease()) {
        assertThat(a.browser()).isSameAs(first);
        assertThat(b.browser()).isNotSameAs(first);
        assertThat(b.browser().alive()).isTrue();
      }
      assertThat(pool.idle()).isEqualTo(2);
      // closing the pool closes what it holds
      pool.close();
      assertThat(first.alive()).isFalse();
      assertThatThrownBy(pool::lease).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void a_browser_that_died_is_closed_not_lent_again() {
    try (BrowserPool pool = new BrowserPool(config)) {
      BrowserSession dead;
      try (BrowserPool.Lease lease = pool.lease()) {
        dead = lease.browser();
        dead.close(); // as when Chromium crashed or was killed as hung
      }
      assertThat(pool.idle()).isZero();
      try (BrowserPool.Lease lease = pool.lease()) {
        assertThat(lease.browser()).isNotSameAs(dead);
        assertThat(lease.browser().alive()).isTrue();
      }
    }
  }

  @Test
  void a_browser_given_back_after_the_pool_closed_is_closed() {
    BrowserPool pool = new BrowserPool(config);
    BrowserPool.Lease lease = pool.lease();
    pool.close();
    lease.close();
    assertThat(lease.browser().alive()).isFalse();
    assertThat(pool.idle()).isZero();
  }
}
