package dev.skillwright.app;

import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skillwright trace EPISODE}: where an episode's Playwright trace is, and how to open it. */
@Command(name = "trace", mixinStandardHelpOptions = true,
    description = "Show where an episode's Playwright trace is and how to open it.")
final class TraceCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand
  Main main;

  @Parameters(paramLabel = "EPISODE", description = "An episode id, or last (the newest).")
  String episode;

  @Override
  public Integer call() {
    Store store = Store.at(main.dataDir());
    Path dir = store.trajectoryFile(episode).toAbsolutePath().getParent();
    Path trace = dir.resolve("trace.zip");
    if (!Files.exists(trace)) {
      throw new BadInputException("episode " + episode + " has no trace (it ran with --no-trace)");
    }
    String jar;
    try {
      jar = Path.of(TraceCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (java.net.URISyntaxException | RuntimeException e) {
      jar = "skillwright.jar";
    }
    java.io.PrintWriter out = spec.commandLine().getOut();
    out.println("Trace of episode " + episode + ": " + trace.toAbsolutePath());
    out.println("Open it in Playwright's trace viewer with either:");
    out.println("  npx playwright show-trace " + trace.toAbsolutePath());
    out.println("  java -cp " + jar + " com.microsoft.playwright.CLI show-trace "
        + trace.toAbsolutePath());
    return 0;
  }
}
