package dev.skillwright.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser this process did not launch, for tests of {@code --cdp-endpoint} and
 * {@code --browser-endpoint}: a Chromium started with a remote-debugging port, or a real
 * Playwright browser server (npm's {@code playwright-core} of the Java client's version, installed
 * once in the temporary folder, running this machine's Chromium). Close it to stop it.
 */
public final class RemoteBrowser implements AutoCloseable {
  /** The npm package of the Java client's version: a server of another version refuses it. */
  static final String PLAYWRIGHT_CORE = "playwright-core@1.62.0";

  private final Process process;
  private final String url;

  private RemoteBrowser(Process process, String url) {
    this.process = process;
    this.url = url;
  }

  /** The address to give the flag. */
  public String url() {
    return url;
  }

  /** A Chromium listening for DevTools on a free loopback port: {@code http://127.0.0.1:N}. */
  public static RemoteBrowser cdp() throws Exception {
    Path profile = Files.createTempDirectory("skillwright-cdp");
    List<String> cmd = new ArrayList<>(List.of(chromium().toString()));
    cmd.addAll(Chromium.FLAGS);
    cmd.addAll(List.of("--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
        "--user-data-dir=" + profile, "about:blank"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String ws = firstMatch(p, Pattern.compile("DevTools listening on (ws://\\S+)"));
    Matcher port = Pattern.compile("ws://127\\.0\\.0\\.1:(\\d+)/").matcher(ws);
    if (!port.find()) {
      throw new IllegalStateException("no loopback port in " + ws);
    }
    return new RemoteBrowser(p, "http://127.0.0.1:" + port.group(1));
  }

  /** A Playwright browser server on a free loopback port: {@code ws://127.0.0.1:N/...}. */
  public static RemoteBrowser playwrightServer() throws Exception {
    Path chromium = chromium();
    // one install per machine, shared by every module's tests
    Path dir = Path.of(System.getProperty("java.io.tmpdir"),
        "skillwright-" + PLAYWRIGHT_CORE.replace('@', '-'));
    if (!Files.isDirectory(dir.resolve("node_modules/playwright-core"))) {
      Files.createDirectories(dir);
      Process npm = new ProcessBuilder("npm", "install", "--no-save", "--no-audit", "--no-fund",
          "--prefix", dir.toString(), PLAYWRIGHT_CORE).redirectErrorStream(true)
          .redirectOutput(dir.resolve("npm.log").toFile()).start();
      if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
        throw new IllegalStateException("npm install " + PLAYWRIGHT_CORE + " failed, see "
            + dir + "/npm.log");
      }
    }
    List<String> args = new ArrayList<>(Chromium.FLAGS);
    args.remove("--headless");
    String script = "require('playwright-core').chromium.launchServer({host: '127.0.0.1', "
        + "port: 0, headless: true, executablePath: process.argv[1], args: JSON.parse("
        + "process.argv[2])}).then(s => console.log('LISTENING ' + s.wsEndpoint()));";
    Process p = new ProcessBuilder("node", "-e", script, chromium.toString(),
        com.fasterxml.jackson.databind.json.JsonMapper.builder().build()
            .writeValueAsString(args))
        .directory(dir.toFile()).redirectErrorStream(true).start();
    return new RemoteBrowser(p, firstMatch(p, Pattern.compile("LISTENING (ws://\\S+)")));
  }

  private static Path chromium() {
    Path chromium = Chromium.resolve(null, Chromium.Environment.system(), true).executable();
    if (chromium == null) {
      throw new IllegalStateException("no system Chromium: ./skillwright setup installs one");
    }
    return chromium;
  }

  /** Reads the process's output until a line matches; the rest is drained in the background. */
  private static String firstMatch(Process p, Pattern pattern) throws Exception {
    BufferedReader r = new BufferedReader(
        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> found = CompletableFuture.supplyAsync(() -> {
      StringBuilder seen = new StringBuilder();
      try {
        for (String line; (line = r.readLine()) != null; ) {
          Matcher m = pattern.matcher(line);
          if (m.find()) {
            return m.group(1);
          }
          seen.append(line).append('\n');
        }
      } catch (IOException e) {
        // the process ended
      }
      throw new IllegalStateException("the process ended without " + pattern + ":\n" + seen);
    });
    String url;
    try {
      url = found.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      // its children first: a wrapper script that does not exec leaves the browser under it
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw e;
    }
    Thread drain = new Thread(() -> {
      try {
        while (r.readLine() != null) {
          // keep the pipe from filling
        }
      } catch (IOException e) {
        // gone
      }
    });
    drain.setDaemon(true);
    drain.start();
    return url;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
