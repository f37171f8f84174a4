package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Scope;
import dev.skillwright.browser.Tab;
import dev.skillwright.browser.TestTabs;
import dev.skillwright.envs.Site;
import dev.skillwright.envs.Sites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A site behind a login, through a saved storage state: the run is logged in with no password
 * typed, and neither the password nor the session's cookie reaches the data directory.
 */
class StorageStateTest {
  @TempDir
  Path dir;

  @Test
  void a_saved_login_opens_what_is_behind_it_and_its_secrets_stay_out_of_the_records()
      throws IOException {
    try (Site forum = Sites.start("forum")) {
      String password = forum.demoSecrets().get("forum_password");
      Path state = dir.resolve("forum-state.json");
      String cookie;
      // a person logs in once; the state is saved (what skillwright login does, by hand)
      try (BrowserSession browser = BrowserSession.launch(BrowserConfig.builder().tracing(false)
              .build());
          Tab tab = browser.newTab(Scope.ofUrl(forum.baseUrl()))) {
        assertThat(tab.navigate(forum.baseUrl() + "login").ok()).isTrue();
        Page page = TestTabs.page(tab);
        page.locator("main").getByLabel("Username").fill("alice");
        page.locator("main").getByLabel("Password").fill(password);
        page.locator("main").getByRole(AriaRole.BUTTON).first().click();
        PlaywrightAssertions.assertThat(page.getByText("Signed in as alice")).isVisible();
        page.context().storageState(new BrowserContext.StorageStateOptions().setPath(state));
        cookie = tab.cookie(forum.visitorCookie()).orElseThrow();
      }
      assertThat(cookie).hasSizeGreaterThanOrEqualTo(6);
      Path data = dir.resolve("data");
      List<String> task = List.of("run", "--url", forum.baseUrl(), "--task",
          "Click \"New post\".", "--expect-text", "Create post", "--data-dir", data.toString());

      Cli without = Cli.run(task.toArray(String[]::new));
      List<String> logged = new java.util.ArrayList<>(task);
      logged.addAll(List.of("--storage-state", state.toString()));
      Cli with = Cli.run(logged.toArray(String[]::new));

      // the form to post is behind the login: only the logged-in run reaches it
      assertThat(without.exit()).as(without.out()).isEqualTo(1);
      assertThat(with.exit()).as(with.out() + with.err()).isZero();
      assertThat(with.out()).doesNotContain(cookie, password);
      // no file of the data directory holds the password or the cookie: traces opened too
      try (Stream<Path> files = Files.walk(data)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          for (String text : contents(f)) {
            assertThat(text).as(f.toString()).doesNotContain(cookie).doesNotContain(password);
          }
        }
      }
      assertThat(Files.readString(state)).as("the state itself is outside, and has it")
          .contains(cookie);
    }
  }

  /** A file's text, or each entry's text for a zip (a trace). */
  static List<String> contents(Path f) throws IOException {
    if (!f.toString().endsWith(".zip")) {
      return List.of(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
    }
    List<String> out = new java.util.ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(f))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        out.add(new String(zip.readAllBytes(), StandardCharsets.ISO_8859_1));
      }
    }
    return out;
  }
}
