package dev.skillwright.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.PlaywrightException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A Chromium that is alive but silent (stopped with SIGSTOP, as a deadlocked or swapped-out one
 * would be): the call waiting on it fails once the hang limit passes, the browser is killed, and
 * the session says why. A slow but answering page is left alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserHangTest {
  static final int HANG_MILLIS = 4_000;
  TestServer site;

  @BeforeAll
  void start() {
    site = new TestServer().page("/", "<h1>Still here</h1>");
  }

  @AfterAll
  void stop() {
    site.close();
  }

  BrowserSession launch() {
    return BrowserSession.launch(BrowserConfig.builder().hangTimeoutMillis(HANG_MILLIS).build());
  }

  @Test
  void a_stopped_chromium_is_killed_and_the_waiting_call_fails_with_the_reason() throws Exception {
    BrowserSession browser = launch();
    try {
      Tab tab = browser.newTab(Scope.ofUrl(site.url("/")));
      assertThat(tab.navigate(site.url("/")).ok()).isTrue();
      List<ProcessHandle> chromium = browserProcesses();
      assertThat(chromium).as("this JVM's Chromium").isNotEmpty();
      signal("STOP", chromium);

      long t0 = System.nanoTime();
      // evaluate has no time limit of its own: without the watchdog it waits for ever
      assertThatThrownBy(() -> tab.evaluate("() => document.title"))
          .isInstanceOf(BrowserException.class).hasCauseInstanceOf(PlaywrightException.class);
      long waited = (System.nanoTime() - t0) / 1_000_000;

      assertThat(waited).as("it waited for the hang limit").isGreaterThanOrEqualTo(HANG_MILLIS);
      assertThat(browser.stoppedBecause()).hasValueSatisfying(r -> assertThat(r)
          .contains("stopped answering", "a script", "no progress for 4 s"));
      assertThat(tab.browserStopped()).isEqualTo(browser.stoppedBecause());
      assertThat(browser.alive()).isFalse();
      // killed, each is gone once reaped: by its parent, or by init a moment after when the
      // parent was killed too (Debian's headless shell runs under a wrapper script)
      assertThat(chromium).allSatisfy(p -> assertThat(gone(p)).as("pid " + p.pid()).isTrue());
      tab.close();
    } finally {
      browser.close();
    }
  }

  @Test
  void a_slow_page_that_answers_is_not_mistaken_for_a_hung_browser() {
    try (BrowserSession browser = launch();
        Tab tab = browser.newTab(Scope.ofUrl(site.url("/")))) {
      assertThat(tab.navigate(site.url("/")).ok()).isTrue();

      Object v = tab.evaluate("() => new Promise(r => setTimeout(() => r('late'), "
          + (HANG_MILLIS / 2) + "))");

      assertThat(v).isEqualTo("late");
      assertThat(browser.stoppedBecause()).isEmpty();
      assertThat(browser.alive()).isTrue();
    }
  }

  /** The Chromium browser processes (not renderers) this JVM's Playwright started. */
  static List<ProcessHandle> browserProcesses() {
    return ProcessHandle.current().descendants()
        .filter(p -> p.info().arguments().map(a -> List.of(a).stream()
            .anyMatch(x -> x.startsWith("--skillwright-browser="))).orElse(false))
        .toList();
  }

  /**
   * Whether {@code p} is gone within 10 seconds: ended, or dead and waiting to be reaped (a
   * zombie, which Java still counts alive, and which an init that reaps nothing keeps for ever).
   */
  static boolean gone(ProcessHandle p) throws InterruptedException {
    for (long end = System.nanoTime() + 10_000_000_000L; p.isAlive() && !zombie(p);
        Thread.sleep(50)) {
      if (System.nanoTime() > end) {
        return false;
      }
    }
    return true;
  }

  private static boolean zombie(ProcessHandle p) {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc",
          Long.toString(p.pid()), "stat"));
      // the state follows the command's name, which is in parentheses and may hold spaces
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (java.io.IOException | RuntimeException e) {
      return !p.isAlive();
    }
  }

  static void signal(String name, List<ProcessHandle> processes) throws Exception {
    for (ProcessHandle p : processes) {
      Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(p.pid()))
          .inheritIO().start();
      assertThat(kill.waitFor()).isZero();
    }
  }
}
