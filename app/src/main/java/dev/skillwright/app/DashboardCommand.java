package dev.skillwright.app;

import dev.skillwright.dashboard.Dashboard;
import dev.skillwright.dashboard.DashboardConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code skillwright dashboard}: the web UI over the data directory, until interrupted. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = "Serve the dashboard of sessions, skills and trajectories.")
final class DashboardCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand
  Main main;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: 127.0.0.1; any other needs --token).")
  String host;

  @Option(names = "--port", defaultValue = "8321", description = "Port (default: 8321; 0 for "
      + "any free one).")
  int port;

  @Option(names = "--token", paramLabel = "SECRET",
      description = "Require this token on every request (at least 12 characters).")
  String token;

  @Override
  public Integer call() throws InterruptedException {
    DashboardConfig config = new DashboardConfig(main.dataDir(), host, port, token);
    CountDownLatch stop = new CountDownLatch(1);
    try (Dashboard d = Dashboard.start(config)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "dashboard-stop"));
      spec.commandLine().getOut().println("Dashboard of " + main.dataDir().toAbsolutePath()
          + " at " + d.url());
      spec.commandLine().getOut().println("Press Ctrl-C to stop.");
      stop.await();
    }
    return 0;
  }
}
