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
        BrowserPool pool = new BrowserPool(config).prelaunch()) {
      assertThat(pool.launchingAhead()).isTrue();
      try (BrowserPool.Lease lease = pool.lease()) {
        assertThat(pool.launchingAhead()).isFalse();
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
    java.util.Set<Long> before = ProcessHandle.allProcesses().map(ProcessHandle::pid)
        .collect(java.util.stream.Collectors.toSet());
    // what this test launched: a process it did not see before, a child of this JVM or a
    // Chromium of the project's (marked, and found even once its driver has gone)
    java.util.function.Supplier<java.util.List<String>> launched = () -> ProcessHandle
        .allProcesses().filter(p -> p.isAlive() && !before.contains(p.pid()))
        .filter(p -> p.info().commandLine().orElse("").contains("--skillwright-browser=")
            || ProcessHandle.current().descendants().anyMatch(d -> d.pid() == p.pid()))
        .map(p -> p.info().command().orElse("?")).toList();
    BrowserPool pool = new BrowserPool(config).prelaunch();
    assertThat(pool.launchingAhead()).isTrue();
    for (int i = 0; i < 300 && launched.get().isEmpty(); i++) {
      Thread.sleep(100);
    }
    assertThat(launched.get()).as("the launch under way").isNotEmpty();
    pool.close();
    assertThat(pool.launchingAhead()).isFalse();
    // nothing it launched is left behind
    for (int i = 0; i < 100 && !launched.get().isEmpty(); i++) {
      Thread.sleep(100);
    }
    assertThat(launched.get()).isEmpty();
  }

  @Test
  void a_launch_begun_ahead_that_failed_fails_its_taker_as_a_launch_would(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    // a program that is there and runs, and is no Chromium
    java.nio.file.Path fake = dir.resolve("chromium");
    java.nio.file.Files.writeString(fake, "#!/bin/sh\nexit 1\n");
    assertThat(fake.toFile().setExecutable(true)).isTrue();
    BrowserConfig notChromium = BrowserConfig.builder().tracing(false).executable(fake).build();
    RuntimeException direct;
    try {
      BrowserSession.launch(notChromium).close();
      throw new AssertionError("a program that is no Chromium launched");
    } catch (RuntimeException e) {
      direct = e;
    }
    try (BrowserPool pool = new BrowserPool(notChromium).prelaunch()) {
      assertThat(pool.launchingAhead()).isTrue();
      assertThatThrownBy(pool::lease).isInstanceOf(direct.getClass())
          .hasMessage(direct.getMessage());
      assertThat(pool.launchingAhead()).isFalse();
    }
  }

  @Test
  void nothing_is_launched_ahead_that_the_taker_could_not_launch_at_once() {
    BrowserConfig missing = BrowserConfig.builder().tracing(false)
        .executable(java.nio.file.Path.of("/nonexistent/chromium")).build();
    try (BrowserPool pool = new BrowserPool(missing).prelaunch()) {
      assertThat(pool.launchingAhead()).isFalse();
      assertThatThrownBy(pool::lease).hasMessageContaining("/nonexistent/chromium");
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
