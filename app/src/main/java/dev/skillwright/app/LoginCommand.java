package dev.skillwright.app;

import dev.skillwright.browser.BrowserConfig;
import dev.skillwright.browser.BrowserSession;
import dev.skillwright.browser.Chromium;
import dev.skillwright.browser.Scope;
import dev.skillwright.trajectories.BadInputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code skillwright login --url URL --save FILE}: a headed browser for a person to log in to a
 * site; its cookies and local storage are then saved as a Playwright storage state, for
 * {@code --storage-state FILE}. Nothing of it goes into the data directory.
 */
@Command(name = "login", mixinStandardHelpOptions = true,
    description = "Open a browser window to log in to a site by hand, then save its state "
        + "(cookies, local storage) for --storage-state.")
final class LoginCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--url", required = true, paramLabel = "URL",
      description = "The site's login page (or any page of it).")
  String url;

  @Option(names = "--save", required = true, paramLabel = "FILE",
      description = "Where to save the state; keep it private (it is written readable by you "
          + "only).")
  Path save;

  @Option(names = "--until-url", paramLabel = "GLOB",
      description = "Save as soon as the page reaches a URL like this (*/dashboard*); without "
          + "it, the state is saved when you close the window.")
  String untilUrl;

  @Option(names = "--chromium", paramLabel = "PATH", description = BrowserOptions.CHROMIUM_HELP)
  Path chromium;

  @Override
  public Integer call() {
    String site = SiteOptions.withoutCredentials(url.strip(), spec.commandLine().getErr());
    Scope scope = Scope.ofUrl(site);
    Path folder = save.toAbsolutePath().getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new BadInputException("--save " + save + ": the folder " + folder + " does not "
          + "exist");
    }
    BrowserConfig config = BrowserConfig.builder().executable(chromium).headless(false)
        .tracing(false).build();
    Chromium.requireDisplay(config);
    SiteOptions.checkReachable(site);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Log in in the browser window; " + (untilUrl == null
        ? "close the window when you are done." : "the state is saved once the page reaches "
            + untilUrl + "."));
    out.flush();
    try (BrowserSession browser = BrowserSession.launch(config)) {
      browser.saveLogin(site, scope, untilUrl, save);
    }
    out.println("Saved the browser state to " + save + " (readable by you only). Use it with: "
        + "--storage-state " + save);
    return 0;
  }
}
