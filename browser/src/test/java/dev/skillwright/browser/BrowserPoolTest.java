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
  void a_launch_begun_ahead_is_lent_to_the_first_taker_and_works_on_its_thread() {
    try (TestServer site = new TestServer().page("/", "<h1>Ahead</h1>");
        BrowserPool pool = new BrowserPool(config).prelaunch(1)) {
      assertThat(pool.launching()).isEqualTo(1);
      try (BrowserPool.Lease lease = pool.lease()) {
        assertThat(pool.launching()).isZero();
        // launched on a thread of the pool's, driven on this one
        try (Tab tab = lease.browser().newTab(Scope.ofUrl(site.url("/")))) {
          assertThat(tab.navigate(site.url("/")).ok()).isTrue();
          assertThat(tab.observeText().ariaSnapshot()).contains("heading \"Ahead\"");
        }
      }
      assertThat(pool.idle()).isEqualTo(1);
    }
  }

  @Test
  void a_launch_begun_ahead_for_nobody_is_closed_with_the_pool() throws Exception {
    java.util.Set<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid)
        .collect(java.util.stream.Collectors.toSet());
    BrowserPool pool = new BrowserPool(config).prelaunch(1);
    java.util.function.BooleanSupplier started = () -> ProcessHandle.current().descendants()
        .anyMatch(p -> !before.contains(p.pid()));
    for (int i = 0; i < 100 && !started.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
    assertThat(started.getAsBoolean()).as("the launch under way").isTrue();
    pool.close();
    assertThat(pool.launching()).isZero();
    // no Chromium, nor its driver, is left behind
    java.util.function.Supplier<java.util.List<String>> left = () -> ProcessHandle.current()
        .descendants().filter(p -> p.isAlive() && !before.contains(p.pid()))
        .map(p -> p.info().command().orElse("?")).toList();
    for (int i = 0; i < 100 && !left.get().isEmpty(); i++) {
      Thread.sleep(100);
    }
    assertThat(left.get()).isEmpty();
  }

  @Test
  void a_launch_begun_ahead_that_failed_fails_its_taker_as_a_launch_would() {
    BrowserConfig missing = BrowserConfig.builder().tracing(false)
        .executable(java.nio.file.Path.of("/nonexistent/chromium")).build();
    RuntimeException direct;
    try {
      BrowserSession.launch(missing).close();
      throw new AssertionError("a missing Chromium launched");
    } catch (RuntimeException e) {
      direct = e;
    }
    try (BrowserPool pool = new BrowserPool(missing).prelaunch(1)) {
      assertThatThrownBy(pool::lease).isInstanceOf(direct.getClass())
          .hasMessage(direct.getMessage());
      assertThat(pool.launching()).isZero();
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
