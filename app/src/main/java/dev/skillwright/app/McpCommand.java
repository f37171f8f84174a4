package dev.skillwright.app;

import dev.skillwright.dashboard.AccessToken;
import dev.skillwright.trajectories.BadInputException;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code skillwright mcp}: serves a site's verified skills as MCP tools, with {@code search_skills}
 * and {@code run_task}, over standard input and output (the MCP Java SDK's stdio transport) until
 * the client closes the input, or with {@code --http} over Streamable HTTP on 127.0.0.1
 * ({@link McpHttpServer}) until interrupted. Standard output carries the stdio protocol only;
 * every notice goes to standard error.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = "Serve a site's verified skills as MCP tools over stdio, or Streamable HTTP "
        + "with --http (one tool per skill, plus search_skills and run_task); a call runs in "
        + "headless Chromium inside the scope.")
final class McpCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand
  Main main;

  @Mixin
  SiteOptions site;

  @Mixin
  BrowserOptions browser;

  /** With --model, the model heals lost steps, runs tasks and judges; without, offline. */
  @Mixin
  ModelOptions models;

  @Option(names = "--http", description = "Serve Streamable HTTP on 127.0.0.1 (its URL goes to "
      + "standard error) instead of stdio, until interrupted.")
  boolean http;

  @Option(names = "--port", paramLabel = "N",
      description = "With --http: the port (default: 0, any free one).")
  Integer port;

  @Option(names = "--token", paramLabel = "SECRET",
      description = "With --http: require this token on every request, as Authorization: Bearer "
          + "(at least 12 characters).")
  String token;

  @Override
  public Integer call() throws Exception {
    if (port != null && !http) {
      throw new BadInputException("--port goes with --http: mcp --http --port N");
    }
    if (token != null && !http) {
      throw new BadInputException("--token goes with --http: mcp --http --token SECRET");
    }
    if (port != null) {
      CrawlCommand.port(port);
    }
    AccessToken access = token == null ? null : new AccessToken(token);
    var config = browser.config();
    var backend = models.backend(System.getenv());
    var secrets = models.secrets(System.getenv()).with(browser.storageSecrets());
    java.io.PrintWriter err = spec.commandLine().getErr();
    // the stdio protocol's stream: nothing else may write to it, so standard output goes to errors
    PrintStream protocol = System.out;
    if (!http) {
      System.setOut(System.err);
    }
    // an interrupted --http server closes its browser and library before the JVM ends
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.countDown();
      try {
        stopped.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "mcp-stop");
    if (http) {
      Runtime.getRuntime().addShutdownHook(hook);
    }
    try (SiteOptions.Target target = site.open();
        SkillTools tools = new SkillTools(main.dataDir(), target, config, backend, secrets,
            n -> err.println("skillwright: " + n))) {
      var json = new JacksonMcpJsonMapper(dev.skillwright.trajectories.Json.compact());
      String served = tools.skills().size() + " verified skill"
          + (tools.skills().size() == 1 ? "" : "s") + " of " + target.site() + " as MCP tools";
      String plus = ", plus " + SkillTools.SEARCH + " and " + SkillTools.RUN_TASK;
      if (http) {
        var transport = HttpServletStreamableServerTransportProvider.builder().jsonMapper(json)
            .mcpEndpoint(McpHttpServer.PATH).build();
        McpSyncServer server = serve(McpServer.sync(transport), tools, target);
        try (McpHttpServer web = McpHttpServer.start(port == null ? 0 : port, transport,
            access)) {
          err.println("skillwright: serving " + served + plus);
          err.println("skillwright: Streamable HTTP at " + web.url() + "; press Ctrl-C to stop");
          err.flush();
          stop.await();
        } finally {
          server.closeGracefully();
        }
      } else {
        CountDownLatch closed = new CountDownLatch(1);
        McpSyncServer server = serve(McpServer.sync(new StdioServerTransportProvider(json,
            endOfInput(closed), protocol)), tools, target);
        err.println("skillwright: serving " + served + " over stdio" + plus);
        closed.await();
        server.closeGracefully();
      }
    } finally {
      System.setOut(protocol);
      stopped.countDown();
      if (http) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down: the hook is running, and now ends
        }
      }
    }
    return 0;
  }

  /** Standard input, counting {@code closed} down at its end. */
  private static InputStream endOfInput(CountDownLatch closed) {
    return new FilterInputStream(System.in) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n < 0) {
          closed.countDown();
        }
        return n;
      }

      @Override
      public int read() throws IOException {
        int n = super.read();
        if (n < 0) {
          closed.countDown();
        }
        return n;
      }
    };
  }

  /** The server of {@code tools}, on the transport {@code spec} was made for. */
  private static McpSyncServer serve(McpServer.SyncSpecification<?> spec, SkillTools tools,
      SiteOptions.Target target) {
    List<SyncToolSpecification> specs = new ArrayList<>();
    for (SkillTools.Tool t : tools.skills()) {
      specs.add(skillSpec(tools, t));
    }
    specs.add(SyncToolSpecification.builder().tool(McpSchema.Tool.builder()
            .name(SkillTools.SEARCH).title("Search the skills")
            .description("Find the site's skills by what they do, in your own words; each hit "
                + "names the tool that runs it.")
            .inputSchema(SkillTools.searchSchema())
            .annotations(new McpSchema.ToolAnnotations("Search the skills", true, false, true,
                false, null))
            .build())
        .callHandler((exchange, request) -> result(tools.search(request.arguments())))
        .build());
    specs.add(SyncToolSpecification.builder().tool(McpSchema.Tool.builder()
            .name(SkillTools.RUN_TASK).title("Run a task")
            .description("Carry out a task on " + target.site() + " in plain English, as one "
                + "episode in a headless browser inside the site; the evaluator judges it and "
                + "a success is learned as a skill. It may change what the site holds.")
            .inputSchema(SkillTools.runTaskSchema())
            .annotations(new McpSchema.ToolAnnotations("Run a task", false, true, false,
                false, null))
            .build())
        .callHandler((exchange, request) -> result(tools.runTask(request.arguments())))
        .build());
    McpSyncServer server = spec.serverInfo("skillwright", "0.1.0")
        .instructions("Skills Skillwright learned on " + target.site() + " and verified by "
            + "re-execution; each tool replays one in a headless browser inside the site. "
            + SkillTools.RUN_TASK + " carries out any other task there.")
        // a skill a task made verified is served from then on, and the clients are told
        .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
        .tools(specs)
        .build();
    tools.onJoined(added -> added.forEach(t -> server.addTool(skillSpec(tools, t))));
    return server;
  }

  /** The tool of one skill: a call replays it. */
  private static SyncToolSpecification skillSpec(SkillTools tools, SkillTools.Tool t) {
    return SyncToolSpecification.builder().tool(McpSchema.Tool.builder().name(t.name())
            .title(t.skill().description()).description(t.description())
            .inputSchema(t.inputSchema())
            .annotations(new McpSchema.ToolAnnotations(t.skill().description(), t.readOnly(),
                t.destructive(), false, false, null))
            .build())
        .callHandler((exchange, request) -> result(tools.call(request.name(),
            request.arguments())))
        .build();
  }

  private static McpSchema.CallToolResult result(SkillTools.Outcome o) {
    String text;
    try {
      text = dev.skillwright.trajectories.Json.compact().writeValueAsString(o.content());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      text = String.valueOf(o.content());
    }
    return McpSchema.CallToolResult.builder().structuredContent(o.content())
        .addTextContent(text).isError(o.error()).build();
  }
}
