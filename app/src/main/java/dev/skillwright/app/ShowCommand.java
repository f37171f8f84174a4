package dev.skillwright.app;

import dev.skillwright.loop.ConsoleProgress;
import dev.skillwright.trajectories.ScopeBlock;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Trajectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skillwright show}: one recorded episode, step by step. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show a recorded episode: its task, steps, verdict and scope blocks.")
final class ShowCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand
  Main main;

  @Parameters(paramLabel = "EPISODE", description = "An episode id, a trajectory.json file, or last (the newest).")
  String episode;

  @Override
  public Integer call() {
    Store store = Store.at(main.dataDir());
    Path file = store.trajectoryFile(episode);
    Trajectory t = store.readTrajectory(file);
    PrintWriter out = spec.commandLine().getOut();
    out.println("Episode " + t.episodeId() + " of session " + t.sessionId());
    out.println("Task:    " + t.task().instruction());
    out.println("Start:   " + t.task().startUrl());
    out.println("Success: " + t.task().success().describe());
    for (Step s : t.steps()) {
      out.printf("%3d  %-40s %s%s%n", s.index(), ConsoleProgress.abbreviate(
          s.action().describe(), 40),
          ConsoleProgress.abbreviate(s.thought(), 80), (s.matchedBy() == null ? ""
              : "  [found by " + s.matchedBy() + "]") + (s.ok() ? "" : "  [failed: " + s.error()
              + "]"));
    }
    for (ScopeBlock b : t.blocked()) {
      out.println("Blocked: " + b.kind() + " to " + b.url() + " (step " + b.step() + ")");
    }
    out.println("Ended:   " + t.status() + (t.answer() == null ? "" : ": " + t.answer()));
    if (t.verdict() != null) {
      out.println("Verdict: " + (t.verdict().success() ? "success" : "failure") + " ("
          + t.verdict().reason() + ")");
    }
    out.println("Files:   " + file.toAbsolutePath().getParent());
    return 0;
  }
}
