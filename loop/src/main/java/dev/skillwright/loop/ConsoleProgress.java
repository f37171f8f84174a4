package dev.skillwright.loop;

import dev.skillwright.trajectories.Trajectory;
import java.io.PrintWriter;

/**
 * A session's progress on the console: its set-up steps, one line per finished episode (done of
 * total, successes, skills found) and, on the error stream, what the user should know.
 */
public final class ConsoleProgress implements SessionListener {
  private final PrintWriter out;
  private final PrintWriter err;
  /** What this run counted, and what a resumed session had done before. */
  private final SessionCounters counters = new SessionCounters();
  private volatile SessionCounters.Snapshot before;

  /** Prints progress to {@code out}, notices to {@code err}. */
  public ConsoleProgress(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public void on(SessionEvent event) {
    counters.on(event);
    if (event instanceof SessionEvent.Started s) {
      before = s.before();
    } else if (event instanceof SessionEvent.Progress p) {
      out.println(p.text());
    } else if (event instanceof SessionEvent.Notice n) {
      err.println("skillwright: " + n.text());
    } else if (event instanceof SessionEvent.TasksReady r) {
      out.printf("%d task%s; running with %d worker%s.%n", r.count(), r.count() == 1 ? "" : "s",
          r.workers(), r.workers() == 1 ? "" : "s");
    } else if (event instanceof SessionEvent.BrowserRelaunched b) {
      err.println("skillwright: " + b.why() + "; a new one runs the next episode");
    } else if (event instanceof SessionEvent.EpisodeFinished f) {
      Trajectory t = f.trajectory();
      SessionCounters.Snapshot c = counters.snapshot();
      int successes = c.succeeded() + (before == null ? 0 : before.succeeded());
      int skills = c.skillsAdded() + (before == null ? 0 : before.skillsAdded());
      StringBuilder notes = new StringBuilder();
      f.notes().forEach(n -> notes.append(' ').append(n));
      synchronized (out) {
        out.printf("[%d/%d] %-4s %s (%d steps, %.1fs)%s · successes %d · skills %d%n", f.done(),
            f.total(), t.succeeded() ? "ok" : "fail", abbreviate(f.task().instruction(), 70),
            t.steps().size(), t.durationMillis() / 1000.0, notes, successes, skills);
        if (!t.succeeded()) {
          out.println("           " + abbreviate(t.verdict().reason(), 110));
        }
      }
    }
  }

  /** {@code s} cut to {@code max} characters, with an ellipsis where it was cut. */
  public static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
