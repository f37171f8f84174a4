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
    java.io.PrintWriter out = spec.commandLine().getOut();
    String file = Main.quoted(trace.toAbsolutePath());
    out.println("Trace of episode " + episode + ": " + trace.toAbsolutePath());
    out.println("Open it in Playwright's trace viewer (with Node.js):");
    out.println("  npx playwright show-trace " + file);
    out.println("On a machine with no display, serve the viewer and open the URL it prints:");
    out.println("  npx playwright show-trace --host 127.0.0.1 --port 9323 " + file);
    out.println("Without Node.js: open https://trace.playwright.dev/ and drop the file on it");
    out.println("  (the page reads it in your browser; nothing is uploaded).");
    return 0;
  }
}
