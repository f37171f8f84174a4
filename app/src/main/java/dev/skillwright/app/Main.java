package dev.skillwright.app;

import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.SkillwrightException;
import dev.skillwright.trajectories.TerminalText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code skillwright} command line. Exit codes: 0 done, 1 the work failed, 2 bad input (a flag,
 * a file, a URL); every error is one line on standard error, never a stack trace (set
 * {@code SKILLWRIGHT_DEBUG=1} to see one).
 */
@Command(
    name = "skillwright",
    mixinStandardHelpOptions = true,
    version = "skillwright 0.1.0",
    description = "Web agents that discover, verify and reuse skills on their own.",
    subcommands = {CrawlCommand.class, RunCommand.class, SkillsCommand.class, ShowCommand.class,
        DashboardCommand.class, ReplayCommand.class, TraceCommand.class, ExportCommand.class,
        BenchCommand.class, EnvsCommand.class, LoginCommand.class, McpCommand.class})
public final class Main {
  static final int BAD_INPUT = 2;

  @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "Where sessions and skills live (default: $SKILLWRIGHT_HOME or "
          + "./skillwright-data).")
  Path dataDir;

  Path dataDir() {
    Path dir = dataDir != null ? dataDir : Optional.ofNullable(System.getenv("SKILLWRIGHT_HOME"))
        .filter(s -> !s.isBlank()).map(Path::of).orElse(Path.of("skillwright-data"));
    if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
      throw new BadInputException("the data directory " + dir + " is a file, not a folder; "
          + "give --data-dir a folder");
    }
    return dir;
  }

  /**
   * A command to paste: {@code ./skillwright skills list --data-dir DIR}, with the launcher this
   * run came through and the data directory it was given.
   */
  String hint(String command) {
    String launcher = Optional.ofNullable(System.getenv("SKILLWRIGHT_LAUNCHER"))
        .filter(s -> !s.isBlank()).orElse("skillwright");
    return launcher + " " + command + (dataDir == null ? "" : " --data-dir " + quoted(dataDir));
  }

  /** {@code p} as a shell word: quoted when it holds anything but plain path characters. */
  static String quoted(Path p) {
    String s = p.toString();
    return s.matches("[A-Za-z0-9_./:=@%+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line and returns its exit code; for tests and {@link #main}. What it prints
   * passes {@link TerminalText}, so no control character of a site's text reaches the terminal.
   */
  public static int run(String... args) {
    return run(System.out, System.err, args);
  }

  /**
   * Runs the command line, printing to {@code out} and {@code err} (every command prints through
   * picocli's writers, so runs in one JVM do not share streams), and returns its exit code.
   */
  public static int run(java.io.OutputStream out, java.io.OutputStream err, String... args) {
    PrintWriter o = writer(out);
    PrintWriter e = writer(err);
    try {
      return execute(o, e, args);
    } finally {
      o.flush();
      e.flush();
    }
  }

  private static PrintWriter writer(java.io.OutputStream s) {
    return new PrintWriter(new java.io.OutputStreamWriter(TerminalText.filtering(s),
        java.nio.charset.StandardCharsets.UTF_8), true);
  }

  private static int execute(PrintWriter out, PrintWriter errors, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(errors);
    try {
      ConfigFile.find(args).ifPresent(cl::setDefaultValueProvider);
    } catch (BadInputException e) {
      errors.println("skillwright: " + e.getMessage());
      return BAD_INPUT;
    }
    cl.setParameterExceptionHandler((ex, a) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("skillwright: " + ex.getMessage().replace("\n", " ").strip()
          + " (see --help)");
      return BAD_INPUT;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (System.getenv("SKILLWRIGHT_DEBUG") != null) {
        ex.printStackTrace(err);
      }
      if (ex instanceof BadInputException) {
        err.println("skillwright: " + ex.getMessage());
        return BAD_INPUT;
      }
      Optional<String> machine = EnvironmentError.describe(ex);
      if (machine.isPresent()) {
        err.println("skillwright: " + machine.get());
        return BAD_INPUT;
      }
      if (ex instanceof SkillwrightException) {
        err.println("skillwright: " + ex.getMessage());
        return 1;
      }
      err.println("skillwright: internal error: " + ex.getClass().getSimpleName() + ": "
          + firstLine(ex.getMessage()));
      if ("1".equals(System.getenv("SKILLWRIGHT_DEBUG"))) {
        ex.printStackTrace(err); // for a bug report; never by default
      } else {
        err.println("skillwright: run again with SKILLWRIGHT_DEBUG=1 for the stack trace, and "
            + "please report it");
      }
      return 1;
    });
    return cl.execute(args);
  }

  static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
