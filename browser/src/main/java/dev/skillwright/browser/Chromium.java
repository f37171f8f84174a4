package dev.skillwright.browser;

import dev.skillwright.trajectories.BadInputException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Chromium to run, in this order: an explicit path ({@code --chromium} or
 * {@code SKILLWRIGHT_CHROMIUM}), a system Chromium or Chrome on the PATH, then Playwright's own
 * browsers (which Playwright downloads where downloads work). Headless, a headless shell on the
 * PATH (Debian's {@code chromium-headless-shell}) comes before a whole browser: it is the same
 * Blink without the browser around it, which Playwright itself runs headless, and it costs less
 * per context and per page (in a crawl of the shop, about a fifth of its time).
 */
public final class Chromium {
  /** The launch flags that keep Chromium quiet on a closed network. */
  public static final List<String> FLAGS = List.of(
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run",
      // no UDP from pages: WebRTC may use only what goes through the (scope) proxy, which
      // carries no UDP, so STUN and direct peer traffic never start
      "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
      "--webrtc-ip-handling-policy=disable_non_proxied_udp",
      // every request goes through a proxy, so Chromium itself needs no name lookups: none at
      // all, so that a dns-prefetch cannot carry data out in a DNS query either
      "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");

  static final List<String> NAMES = List.of(
      "chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome");
  /** Builds that only run headless, looked for first when the browser is to be headless. */
  static final List<String> SHELLS = List.of("chromium-headless-shell", "chrome-headless-shell");

  /**
   * Where the search looked and what it found.
   *
   * @param executable the executable, or null to use Playwright's own browsers
   * @param source how it was found: {@code --chromium}, {@code SKILLWRIGHT_CHROMIUM}, {@code PATH}
   *     or {@code playwright}; for a browser elsewhere, the flag and its endpoint
   */
  public record Resolution(Path executable, String source) {
    public String describe() {
      if (executable == null) {
        return source.startsWith("--") ? "the browser at " + source : "Playwright's own Chromium";
      }
      return executable + " (" + source + ")";
    }
  }

  /** The process environment, injectable for tests. */
  public interface Environment {
    Optional<String> get(String name);

    static Environment system() {
      return name -> Optional.ofNullable(System.getenv(name));
    }

    static Environment of(Map<String, String> vars) {
      return name -> Optional.ofNullable(vars.get(name));
    }
  }

  private Chromium() {}

  /**
   * Checks that a headed browser has a screen to show on: on Linux, {@code DISPLAY} or
   * {@code WAYLAND_DISPLAY} must be set.
   *
   * @throws dev.skillwright.trajectories.BadInputException saying so, and how to run under a
   *     virtual display, when there is none
   */
  public static void requireDisplay(BrowserConfig config) {
    if (config.headless() || !System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT)
        .contains("linux")) {
      return;
    }
    boolean screen = java.util.stream.Stream.of("DISPLAY", "WAYLAND_DISPLAY")
        .anyMatch(v -> config.environment().get(v).filter(s -> !s.isBlank()).isPresent());
    if (!screen) {
      throw new dev.skillwright.trajectories.BadInputException("--headed needs a display, and "
          + "none is set (DISPLAY is empty): run it under a virtual one, as in "
          + "xvfb-run -a ./skillwright ... --headed (apt-get install xvfb), or leave out --headed");
    }
  }

  /**
   * Resolves the executable; a headless shell found on the PATH only when {@code headless}.
   *
   * @throws BadInputException if an explicit path is given and is not an executable file
   */
  public static Resolution resolve(Path explicit, Environment env, boolean headless) {
    if (explicit != null) {
      return new Resolution(checkExecutable(explicit, "--chromium"), "--chromium");
    }
    Optional<String> fromEnv = env.get("SKILLWRIGHT_CHROMIUM").filter(s -> !s.isBlank());
    if (fromEnv.isPresent()) {
      return new Resolution(
          checkExecutable(Path.of(fromEnv.get()), "SKILLWRIGHT_CHROMIUM"), "SKILLWRIGHT_CHROMIUM");
    }
    for (List<String> names : headless ? List.of(SHELLS, NAMES) : List.of(NAMES)) {
      Optional<Path> found = onPath(env, names);
      if (found.isPresent()) {
        return new Resolution(found.get(), "PATH");
      }
    }
    return new Resolution(null, "playwright");
  }

  /** The first executable of one of {@code names} in the PATH's folders, in order. */
  private static Optional<Path> onPath(Environment env, List<String> names) {
    for (String dir : env.get("PATH").orElse("").split(File.pathSeparator)) {
      if (dir.isBlank()) {
        continue;
      }
      for (String name : names) {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  private static Path checkExecutable(Path p, String where) {
    if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
      throw new BadInputException(where + " " + p + ": no executable file there");
    }
    return p;
  }

  /** The one line shown when no browser can be started. */
  static String installHint() {
    return "no Chromium could be started: install one (on Debian or Ubuntu: "
        + "apt-get install chromium), pass --chromium PATH, or set SKILLWRIGHT_CHROMIUM";
  }
}
