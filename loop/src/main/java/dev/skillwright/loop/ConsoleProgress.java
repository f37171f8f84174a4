package dev.skillwright.loop;

import dev.skillwright.trajectories.Trajectory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

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
      wrap("", p.text(), "  ").forEach(out::println);
    } else if (event instanceof SessionEvent.PhaseStarted p && p.text() != null) {
      wrap("", p.text(), "  ").forEach(out::println);
    } else if (event instanceof SessionEvent.PhaseEnded p) {
      wrap("", p.text() + " (" + seconds(p.seconds()) + ")", "  ").forEach(out::println);
    } else if (event instanceof SessionEvent.Notice n) {
      wrap("skillwright: ", n.text(), "  ").forEach(err::println);
    } else if (event instanceof SessionEvent.TasksReady r) {
      out.printf("%d task%s; running with %d worker%s.%n", r.count(), r.count() == 1 ? "" : "s",
          r.workers(), r.workers() == 1 ? "" : "s");
    } else if (event instanceof SessionEvent.BrowserRelaunched b) {
      wrap("skillwright: ", b.why() + "; a new one runs the next episode", "  ")
          .forEach(err::println);
    } else if (event instanceof SessionEvent.EpisodeFinished f) {
      Trajectory t = f.trajectory();
      SessionCounters.Snapshot c = counters.snapshot();
      int successes = c.succeeded() + (before == null ? 0 : before.succeeded());
      int skills = c.skillsAdded() + (before == null ? 0 : before.skillsAdded());
      String head = String.format(java.util.Locale.ROOT, "[%d/%d] %-4s ", f.done(), f.total(),
          t.succeeded() ? "ok" : "fail");
      String tail = String.format(java.util.Locale.ROOT, " (%d step%s, %s) · successes %d · "
          + "skills %d", t.steps().size(), t.steps().size() == 1 ? "" : "s",
          seconds(t.durationMillis() / 1000.0), successes, skills);
      String task = fit(f.task().instruction(), Math.max(30, WIDTH - head.length()
          - tail.length()));
      synchronized (out) {
        out.println(head + task + tail);
        // what it did to the library, and why it failed: a line each, under the task
        for (String note : f.notes()) {
          out.println(INDENT + fit(note, WIDTH - INDENT.length()));
        }
        if (!t.succeeded()) {
          out.println(INDENT + fit(t.verdict().reason(), WIDTH - INDENT.length()));
        }
      }
    }
  }

  /** A duration as people read it: {@code 0.4 s}, {@code 12.3 s}, {@code 2 min 05 s}. */
  public static String seconds(double s) {
    if (s < 60) {
      return String.format(java.util.Locale.ROOT, "%.1f s", s);
    }
    long whole = Math.round(s);
    return String.format(java.util.Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
  }

  /** The console width the lines keep to. */
  public static final int WIDTH = 100;
  private static final String INDENT = "           ";

  /**
   * {@code s} cut to {@code max} characters with an ellipsis, never inside a quoted value: a
   * cut that would fall inside quotes falls before the opening one.
   */
  public static String fit(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int cut = max - 1;
    int open = -1;
    for (int i = 0; i < cut; i++) {
      if (s.charAt(i) == '"') {
        open = open < 0 ? i : -1;
      }
    }
    if (open > 0) {
      cut = open;
    }
    return s.substring(0, cut).stripTrailing() + "…";
  }

  /**
   * {@code text} after {@code first}, in lines of at most {@link #WIDTH} columns, each line after
   * the first starting with {@code indent}: lines break at whitespace, never inside a word.
   */
  public static List<String> wrap(String first, String text, String indent) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder(first);
    boolean empty = true;
    for (String word : text.strip().split("\\s+")) {
      // a word wider than a line (a path, a URL) is never broken: it overflows, copyable
      if (!empty && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(indent);
        empty = true;
      }
      line.append(empty ? "" : " ").append(word);
      empty = false;
    }
    lines.add(line.toString());
    return lines;
  }

  /** A moment as people read it: {@code 2026-11-22 01:00 UTC}. */
  public static String moment(java.time.Instant at) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
        .withZone(java.time.ZoneOffset.UTC).format(at);
  }

  /** {@code n} and the noun, singular for one: {@code 1 step}, {@code 3 steps}. */
  public static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** {@code s} cut to {@code max} characters, with an ellipsis where it was cut. */
  public static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
