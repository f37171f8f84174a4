package dev.skillwright.app;

import dev.skillwright.loop.ConsoleProgress;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.ScopeBlock;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Trajectory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code skillwright show}: one recorded episode step by step, or one session's episodes. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Show a recorded episode (its task, steps, verdict and scope blocks), or with "
        + "--session a session's episodes and their ids.")
final class ShowCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand
  Main main;

  @Parameters(arity = "0..1", paramLabel = "EPISODE",
      description = "An episode id, a trajectory.json file, or last (the newest).")
  String episode;

  @Option(names = "--session", paramLabel = "SESSION",
      description = "Show this session (its id, or last for the newest) and its episodes.")
  String session;

  @Override
  public Integer call() {
    Store store = Store.at(main.dataDir());
    PrintWriter out = spec.commandLine().getOut();
    if (episode == null && session == null) {
      throw new BadInputException("show needs an episode (an id, a trajectory.json or last) "
          + "or --session SESSION");
    }
    if (episode != null && session != null) {
      throw new BadInputException("show takes an episode or --session SESSION, not both");
    }
    if (session != null) {
      showSession(store, store.sessionId(session), out);
    } else {
      showEpisode(store, store.trajectoryFile(episode), out);
    }
    return 0;
  }

  private void showSession(Store store, String id, PrintWriter out) {
    SessionRecord s = store.readSession(store.sessionsDir().resolve(id)
        .resolve(Store.SESSION_FILE));
    String took = s.finishedAt() == null ? "" : ", took " + ConsoleProgress.seconds(
        Duration.between(s.startedAt(), s.finishedAt()).toMillis() / 1000.0);
    out.println("Session " + s.id() + ": " + s.config().getOrDefault("kind", "session") + " of "
        + s.site() + ", " + s.status().name().toLowerCase(Locale.ROOT));
    out.println("Started: " + ConsoleProgress.moment(s.startedAt()) + took);
    out.println("Episodes: " + s.counters().done() + " run, " + s.counters().succeeded()
        + " succeeded, " + s.counters().errored() + " errored");
    List<Path> files = store.trajectoryFiles(id);
    for (Path f : files) {
      Trajectory t = store.readTrajectory(f);
      String verdict = t.verdict() == null ? "-" : t.verdict().success() ? "ok" : "fail";
      String head = String.format(Locale.ROOT, "  %-12s %-4s %-9s ", t.episodeId(), verdict,
          ConsoleProgress.count(t.steps().size(), "step"));
      out.println(head + ConsoleProgress.fit(t.task().instruction(),
          ConsoleProgress.WIDTH - head.length()));
    }
    if (!files.isEmpty()) {
      out.println("Show one: " + main.hint("show " + files.get(0).getParent().getFileName()));
      out.println("Replay them all: " + main.hint("replay --session " + id));
    }
  }

  private static void showEpisode(Store store, Path file, PrintWriter out) {
    Trajectory t = store.readTrajectory(file);
    out.println("Episode " + t.episodeId() + " of session " + t.sessionId());
    SkillsCommand.print(out, "Task:    ", t.task().instruction());
    SkillsCommand.print(out, "Start:   ", t.task().startUrl());
    SkillsCommand.print(out, "Success: ", t.task().success().describe());
    for (Step s : t.steps()) {
      String head = String.format(Locale.ROOT, "%3d  %s", s.index() + 1,
          ConsoleProgress.fit(s.action().describe(), 60));
      String notes = (s.matchedBy() == null ? "" : "[found by " + s.matchedBy() + "] ")
          + (s.ok() ? "" : "[failed: " + s.error() + "] ") + (s.thought() == null ? ""
          : s.thought());
      out.println(head);
      if (!notes.isBlank()) {
        SkillsCommand.print(out, "       ", ConsoleProgress.fit(notes.strip(), 180));
      }
    }
    for (ScopeBlock b : t.blocked()) {
      SkillsCommand.print(out, "Blocked: ", b.kind() + " to " + b.url() + " (step " + b.step()
          + ")");
    }
    SkillsCommand.print(out, "Ended:   ", t.status() + (t.answer() == null ? ""
        : ": " + t.answer()));
    if (t.verdict() != null) {
      SkillsCommand.print(out, "Verdict: ", (t.verdict().success() ? "success" : "failure")
          + " (" + t.verdict().reason() + ")");
    }
    SkillsCommand.print(out, "Files:   ", file.toAbsolutePath().getParent().toString());
  }
}
