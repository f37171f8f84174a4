package dev.skillwright.app;

import dev.skillwright.envs.Site;
import dev.skillwright.envs.Sites;
import dev.skillwright.envs.StaticApps;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code skillwright envs list|serve}: the bundled sites, for people and other tools. */
@Command(name = "envs", mixinStandardHelpOptions = true, description = "The bundled sites.",
    subcommands = {EnvsCommand.List.class, EnvsCommand.Serve.class})
final class EnvsCommand {

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Name the bundled sites.")
  static final class List implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      java.io.PrintWriter out = spec.commandLine().getOut();
      Sites.names().forEach(n -> out.println(n + "  (" + Sites.suite(n).size()
          + " benchmark tasks)"));
      StaticApps.NAMES.forEach(n -> out.println(n + "  (single-page app: envs serve --app "
          + n + ")"));
      return 0;
    }
  }

  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = "Serve bundled sites on 127.0.0.1 until interrupted, and print their URLs.")
  static final class Serve implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--env", paramLabel = "NAME", description = "One site (default: all).")
    String env;

    @Option(names = "--variant", defaultValue = "v1", paramLabel = "NAME",
        description = "The variant to serve, such as v2.")
    String variant;

    @Option(names = "--app", paramLabel = "NAME",
        description = "Serve one of the single-page demo apps instead (todo, notes, board): "
            + "static pages with their state in the browser, to try crawl --url on.")
    String app;

    @Option(names = "--port", defaultValue = "0", paramLabel = "N",
        description = "Serve on this port of 127.0.0.1; the sites, when all are served, on N, "
            + "N+1, ... in the order envs list gives (default: free ports).")
    int port;

    @Override
    public Integer call() throws InterruptedException {
      CrawlCommand.port(port);
      java.util.List<String> names = env == null ? Sites.names() : java.util.List.of(env);
      java.util.List<Site> started = new ArrayList<>();
      CountDownLatch stop = new CountDownLatch(1);
      java.util.List<AutoCloseable> apps = new ArrayList<>();
      try {
        if (app != null) {
          if (!StaticApps.NAMES.contains(app)) {
            throw new dev.skillwright.trajectories.BadInputException("unknown app: " + app
                + " (known: " + String.join(", ", StaticApps.NAMES) + ")");
          }
          StaticApps.Server s = StaticApps.start(app, port);
          apps.add(s);
          spec.commandLine().getOut().println(app + " (single-page app): " + s.url());
          names = java.util.List.of();
        }
        for (String n : names) {
          Site s = Sites.start(n, variant, port == 0 ? 0 : port + started.size());
          started.add(s);
          spec.commandLine().getOut().println(n + " (" + s.variant() + "): " + s.baseUrl());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "envs-stop"));
        spec.commandLine().getOut().println("Press Ctrl-C to stop.");
        spec.commandLine().getOut().flush();
        stop.await();
      } finally {
        started.forEach(Site::close);
        for (AutoCloseable a : apps) {
          try {
            a.close();
          } catch (Exception e) {
            // stopping anyway
          }
        }
      }
      return 0;
    }
  }
}
