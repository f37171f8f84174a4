package dev.skillwright.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skillwright.trajectories.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChromiumTest {
  @TempDir
  Path dir;

  Path executable(String relative) throws Exception {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, "#!/bin/sh\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void an_explicit_path_wins_over_the_environment_and_the_path() throws Exception {
    Path explicit = executable("a/my-chrome");
    Path fromEnv = executable("b/chrome-env");
    executable("c/chromium");
    Chromium.Environment env = Chromium.Environment.of(Map.of(
        "SKILLWRIGHT_CHROMIUM", fromEnv.toString(), "PATH", dir.resolve("c").toString()));

    assertThat(Chromium.resolve(explicit, env, true).executable()).isEqualTo(explicit);
    assertThat(Chromium.resolve(null, env, true).executable()).isEqualTo(fromEnv);
    assertThat(Chromium.resolve(null, env, false).source()).isEqualTo("SKILLWRIGHT_CHROMIUM");
  }

  @Test
  void the_path_is_searched_in_order_then_playwright_is_the_fallback() throws Exception {
    executable("one/google-chrome");
    Path chromium = executable("two/chromium");
    String path = dir.resolve("empty") + ":" + dir.resolve("one") + ":" + dir.resolve("two");

    Chromium.Resolution r = Chromium.resolve(null, Chromium.Environment.of(Map.of("PATH", path)),
        true);
    assertThat(r.executable()).isEqualTo(dir.resolve("one/google-chrome"));
    assertThat(r.source()).isEqualTo("PATH");

    Chromium.Resolution none = Chromium.resolve(null,
        Chromium.Environment.of(Map.of("PATH", dir.resolve("empty").toString())), true);
    assertThat(none.executable()).isNull();
    assertThat(none.describe()).isEqualTo("Playwright's own Chromium");
    assertThat(chromium).exists();
  }

  @Test
  void a_headless_shell_on_the_path_comes_first_headless_and_never_headed() throws Exception {
    Path chrome = executable("one/google-chrome");
    Path shell = executable("two/chromium-headless-shell");
    Chromium.Environment env = Chromium.Environment.of(Map.of("PATH",
        dir.resolve("one") + ":" + dir.resolve("two")));

    assertThat(Chromium.resolve(null, env, true).executable()).isEqualTo(shell);
    // it cannot show a window
    assertThat(Chromium.resolve(null, env, false).executable()).isEqualTo(chrome);
    // an explicit choice wins over it
    assertThat(Chromium.resolve(chrome, env, true).executable()).isEqualTo(chrome);
  }

  @Test
  void headed_without_a_display_says_so_and_how_to_use_xvfb_run() {
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").contains("Linux"));
    BrowserConfig headed = BrowserConfig.builder().headless(false)
        .environment(Chromium.Environment.of(Map.of("PATH", "/usr/bin"))).build();
    assertThatThrownBy(() -> Chromium.requireDisplay(headed))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("--headed needs a display").hasMessageContaining("xvfb-run -a");
    // with a display, or headless, nothing to say
    Chromium.requireDisplay(BrowserConfig.builder().headless(false)
        .environment(Chromium.Environment.of(Map.of("DISPLAY", ":99"))).build());
    Chromium.requireDisplay(BrowserConfig.builder()
        .environment(Chromium.Environment.of(Map.of())).build());
  }

  @Test
  void an_explicit_path_that_is_not_executable_is_bad_input() {
    assertThatThrownBy(() -> Chromium.resolve(dir.resolve("nope"),
        Chromium.Environment.of(Map.of()), true))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("--chromium")
        .hasMessageContaining("no executable file there");
  }

  @Test
  void scopes_compare_whole_origins_and_allow_only_http() {
    Scope s = Scope.ofUrl("http://127.0.0.1:8080/start");

    assertThat(s.allows("http://127.0.0.1:8080/other?x=1")).isTrue();
    assertThat(s.allows("about:blank")).isTrue();
    assertThat(s.allows("http://127.0.0.1:8081/")).isFalse();
    assertThat(s.allows("https://127.0.0.1:8080/")).isFalse();
    assertThat(s.allows("data:text/html,hi")).isFalse();
    assertThat(s.allows("javascript:alert(1)")).isFalse();
    assertThat(s.allows("file:///etc/passwd")).isFalse();
    assertThat(Scope.ofUrl("http://Example.com/").allows("http://example.com:80/x")).isTrue();
    assertThatThrownBy(() -> Scope.ofUrl("ftp://x/")).isInstanceOf(BadInputException.class);
  }
}
