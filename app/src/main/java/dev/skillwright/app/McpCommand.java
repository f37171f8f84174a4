package dev.skillwright.app;

import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code skillwright mcp}: serves a site's verified skills as MCP tools over standard input and
 * output (the MCP Java SDK's stdio transport), until the client closes the input. Standard output
 * carries the protocol only; every notice goes to standard error.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = "Serve a site's verified skills as MCP tools over stdio (one tool per skill, "
        + "plus search_skills); a call replays the skill in headless Chromium inside the scope.")
final class McpCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @ParentCommand
  Main main;

  @Mixin
  SiteOptions site;

  @Mixin
  BrowserOptions browser;

  /** With --model, the model heals lost steps and judges; without, the offline matcher. */
  @Mixin
  ModelOptions models;

  @Override
  public Integer call() throws Exception {
    var config = browser.config();
    var backend = models.backend(System.getenv());
    var secrets = models.secrets(System.getenv()).with(browser.storageSecrets());
    java.io.PrintWriter err = spec.commandLine().getErr();
    // the protocol's stream: nothing else may write to it, so standard output goes to errors
    PrintStream protocol = System.out;
    System.setOut(System.err);
    try (SiteOptions.Target target = site.open()) {
      SkillTools tools = new SkillTools(main.dataDir(), target, config, backend, secrets,
          n -> err.println("skillwright: " + n));
      CountDownLatch closed = new CountDownLatch(1);
      InputStream in = new FilterInputStream(System.in) {
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
      var json = new JacksonMcpJsonMapper(dev.skillwright.trajectories.Json.compact());
      List<SyncToolSpecification> specs = new ArrayList<>();
      for (SkillTools.Tool t : tools.skills()) {
        specs.add(SyncToolSpecification.builder().tool(McpSchema.Tool.builder().name(t.name())
                .title(t.skill().description()).description(t.description())
                .inputSchema(t.inputSchema())
                .annotations(new McpSchema.ToolAnnotations(t.skill().description(), t.readOnly(),
                    t.destructive(), false, false, null))
                .build())
            .callHandler((exchange, request) -> result(tools.call(request.name(),
                request.arguments())))
            .build());
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
      McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(json, in, protocol))
          .serverInfo("skillwright", "0.1.0")
          .instructions("Skills Skillwright learned on " + target.site() + " and verified by "
              + "re-execution; each tool replays one in a headless browser inside the site.")
          .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
          .tools(specs)
          .build();
      err.println("skillwright: serving " + tools.skills().size() + " verified skill"
          + (tools.skills().size() == 1 ? "" : "s") + " of " + target.site()
          + " as MCP tools over stdio, plus " + SkillTools.SEARCH);
      closed.await();
      server.closeGracefully();
    } finally {
      System.setOut(protocol);
    }
    return 0;
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
