package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.envs.Site;
import dev.skillwright.envs.Sites;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.skills.SkillLibrary;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.Store;
import dev.skillwright.trajectories.Target;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.json.schema.jackson2.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code skillwright mcp} as another agent meets it: a child process driven by the MCP Java SDK's
 * own client over stdio. The tools' input schemas are valid JSON Schema 2020-12; a shop skill
 * called with a value it was never run with puts that item in the cart (by the site's ground
 * truth, read from Java); a call missing its argument is a clear tool error; the use is in the
 * skill's health; {@code run_task} carries out a plain-English task, judged, whose effect is in
 * the site's ground truth.
 */
class McpServerTest {
  /** A skill as the shop's crawls learn it: open the item's page, add it to the cart. */
  static Skill addToCart() {
    return Skill.builder("shop:add_to_cart", "add_to_cart", "shop", "Add \"{item}\" to the cart")
        .parameters(List.of(new Skill.Parameter("item", "string", List.of("Brass Desk Lamp"))))
        .steps(List.of(
            new Action.Click(new Target(null, "link", "{item}", List.of(
                new LocatorCandidate(LocatorCandidate.Strategy.ROLE, "link", "{item}")))),
            new Action.Click(new Target(null, "button", "Add to cart", List.of(
                new LocatorCandidate(LocatorCandidate.Strategy.ROLE, "button", "Add to cart"))))))
        .startUrlPattern("*/").examples(List.of("Add \"Brass Desk Lamp\" to the cart"))
        .status(Skill.Status.VERIFIED).build();
  }

  /**
   * A skill as a crawl learns it from "What is the price of ...?": search, open the item, and read
   * the value after "Price:".
   */
  static Skill getPrice() {
    Target box = new Target(null, "searchbox", "Search products", List.of(
        new LocatorCandidate(LocatorCandidate.Strategy.ROLE, "searchbox", "Search products")));
    return Skill.builder("shop:get_price", "get_price", "shop",
            "What is the price of \"{item}\"")
        .parameters(List.of(new Skill.Parameter("item", "string", List.of("Hand Trowel"))))
        .steps(List.of(new Action.Fill(box, "{item}"), new Action.Press(box, "Enter"),
            new Action.Click(new Target(null, "link", "{item}", List.of(
                new LocatorCandidate(LocatorCandidate.Strategy.ROLE, "link", "{item}"))))))
        .reads(new dev.skillwright.skills.Reading("paragraph", null, "Price:", "",
            dev.skillwright.skills.Reading.shapeOf("$12.99")))
        .startUrlPattern("*/").examples(List.of("What is the price of \"Hand Trowel\"?"))
        .status(Skill.Status.VERIFIED).build();
  }

  /**
   * The tools {@code client} lists: the planted skill's, {@code search_skills} and
   * {@code run_task}, each input schema a valid JSON Schema 2020-12 that says so.
   */
  static List<McpSchema.Tool> listedTools(McpSyncClient client, String... skillTools) {
    List<McpSchema.Tool> tools = client.listTools().tools();
    List<String> names = new java.util.ArrayList<>(List.of(skillTools));
    names.addAll(List.of(SkillTools.SEARCH, SkillTools.RUN_TASK));
    assertThat(tools).extracting(McpSchema.Tool::name).containsExactlyInAnyOrderElementsOf(names);
    var json = new JacksonMcpJsonMapper(dev.skillwright.trajectories.Json.compact());
    DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator();
    for (McpSchema.Tool t : tools) {
      Map<String, Object> schema = json.convertValue(t.inputSchema(),
          new io.modelcontextprotocol.json.TypeRef<Map<String, Object>>() { });
      assertThat(schema.get("$schema")).isEqualTo("https://json-schema.org/draft/2020-12/schema");
      assertThat(validator.validateSchema(schema).valid()).as(t.name() + ": " + schema).isTrue();
    }
    return tools;
  }

  @Test
  void another_agent_lists_the_skills_and_calls_one_over_stdio() throws Exception {
    Path data = Files.createTempDirectory("skillwright-mcp");
    try (SkillLibrary library = SkillLibrary.open(Store.at(data).skillsDir(), n -> { })) {
      library.add(addToCart());
      library.add(getPrice());
      library.commit();
    }
    try (Site shop = Sites.start("shop")) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ServerParameters server = ServerParameters.builder(java).args("-cp",
          System.getProperty("java.class.path"), Main.class.getName(), "mcp", "--url",
          shop.baseUrl(), "--site", "shop", "--no-trace", "--data-dir", data.toString()).build();
      var json = new JacksonMcpJsonMapper(dev.skillwright.trajectories.Json.compact());
      StdioClientTransport transport = new StdioClientTransport(server, json);
      List<String> stderr = new java.util.concurrent.CopyOnWriteArrayList<>();
      transport.setStdErrorHandler(stderr::add);
      java.util.concurrent.atomic.AtomicInteger toolsChanged =
          new java.util.concurrent.atomic.AtomicInteger();
      McpSyncClient client = McpClient.sync(transport)
          .requestTimeout(Duration.ofSeconds(120)).initializationTimeout(Duration.ofSeconds(90))
          .toolsChangeConsumer(changed -> toolsChanged.incrementAndGet()).build();
      try {
        try {
          client.initialize();
        } catch (RuntimeException e) {
          throw new AssertionError("the server did not start; it said: " + stderr, e);
        }
        List<McpSchema.Tool> tools = listedTools(client, "add_to_cart", "get_price");
        DefaultJsonSchemaValidator validator = new DefaultJsonSchemaValidator();
        McpSchema.Tool add = tools.stream().filter(t -> t.name().equals("add_to_cart"))
            .findFirst().orElseThrow();
        Map<String, Object> addSchema = json.convertValue(add.inputSchema(),
            new io.modelcontextprotocol.json.TypeRef<Map<String, Object>>() { });
        assertThat(validator.validate(addSchema, Map.of("item", "Blue Ceramic Mug")).valid()).isTrue();
        assertThat(validator.validate(addSchema, Map.of()).valid()).isFalse();
        assertThat(add.annotations().destructiveHint()).isFalse();
        assertThat(add.annotations().readOnlyHint()).isFalse();

        // a value the skill was never run with
        McpSchema.CallToolResult done = client.callTool(new McpSchema.CallToolRequest(
            "add_to_cart", Map.of("item", "Blue Ceramic Mug")));
        assertThat(done.isError()).as(String.valueOf(done.content())).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) done.structuredContent();
        assertThat(result).containsEntry("success", true).containsKey("trajectory")
            .containsEntry("healedSteps", 0).containsEntry("healed", false);
        assertThat((String) result.get("finalUrl")).startsWith(shop.baseUrl());
        assertThat(shop.visitors().stream().map(v -> String.valueOf(shop.groundTruth(v)
            .get("cart")))).anyMatch(cart -> cart.contains("Blue Ceramic Mug=1"));

        // an information skill gives back the value the page shows, for an item it never read
        McpSchema.Tool price = tools.stream().filter(t -> t.name().equals("get_price"))
            .findFirst().orElseThrow();
        assertThat(price.description()).contains("Returns the value after \"Price:\"");
        assertThat(price.annotations().readOnlyHint()).isTrue();
        McpSchema.CallToolResult read = client.callTool(new McpSchema.CallToolRequest(
            "get_price", Map.of("item", "Brass Desk Lamp")));
        assertThat(read.isError()).as(String.valueOf(read.content())).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> priced = (Map<String, Object>) read.structuredContent();
        assertThat(priced).containsEntry("success", true)
            .containsEntry("value", Sites.shopPrices().get("Brass Desk Lamp"));

        McpSchema.CallToolResult missing = client.callTool(new McpSchema.CallToolRequest(
            "add_to_cart", Map.of()));
        assertThat(missing.isError()).isTrue();
        assertThat(missing.content().get(0)).asString().contains("item");

        McpSchema.CallToolResult found = client.callTool(new McpSchema.CallToolRequest(
            SkillTools.SEARCH, Map.of("query", "put a lamp in the cart")));
        assertThat(found.isError()).isFalse();
        assertThat(String.valueOf(found.structuredContent())).contains("tool=add_to_cart");

        String episode = (String) result.get("trajectory");
        assertThat(Store.at(data).findEpisode(episode)).isPresent();
        // the use is in the skill's file while the server still holds the library
        Skill used = SkillIndex.read(Store.at(data).skillsDir(), n -> { }).stream()
            .filter(s -> s.id().equals("shop:add_to_cart")).findFirst().orElseThrow();
        assertThat(used.health().executions()).isEqualTo(1);
        assertThat(used.health().successes()).isEqualTo(1);
        // between calls the server holds no lock: another process may write the library
        try (SkillLibrary other = SkillLibrary.open(Store.at(data).skillsDir(), n -> { })) {
          assertThat(other.recordUse("shop:add_to_cart", true, "by hand", "elsewhere-001",
              Instant.now())).isPresent();
          other.commit();
        }

        McpSchema.Tool runTask = tools.stream().filter(t -> t.name().equals(SkillTools.RUN_TASK))
            .findFirst().orElseThrow();
        assertThat(runTask.annotations().readOnlyHint()).isFalse();
        assertThat(runTask.annotations().destructiveHint()).isTrue();
        assertThat(runTask.annotations().openWorldHint()).isFalse();
        McpSchema.CallToolResult ran = client.callTool(new McpSchema.CallToolRequest(
            SkillTools.RUN_TASK, Map.of("task", "Add \"Garden Hose\" to the cart, then open "
                + "\"Cart\".")));
        assertThat(ran.isError()).as(String.valueOf(ran.content())).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> task = (Map<String, Object>) ran.structuredContent();
        assertThat(task).containsEntry("success", true)
            .containsKeys("reason", "answer", "finalUrl", "trajectory", "session");
        // the skill the task taught is verified, and served from now on
        @SuppressWarnings("unchecked")
        List<String> newTools = (List<String>) task.get("newTools");
        assertThat(newTools).hasSize(1);
        assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
            .contains(newTools.get(0)).hasSize(5);
        for (int i = 0; i < 100 && toolsChanged.get() == 0; i++) {
          Thread.sleep(100); // the notice travels on its own
        }
        assertThat(toolsChanged).as("the client was told the tools changed").hasPositiveValue();
        assertThat(shop.visitors().stream().map(v -> String.valueOf(shop.groundTruth(v)
            .get("cart")))).anyMatch(cart -> cart.contains("Garden Hose=1"));
        Path taskFile = Store.at(data).findEpisode((String) task.get("trajectory")).orElseThrow();
        assertThat(taskFile.toString()).contains((String) task.get("session"));

        McpSchema.CallToolResult noTask = client.callTool(new McpSchema.CallToolRequest(
            SkillTools.RUN_TASK, Map.of()));
        assertThat(noTask.isError()).isTrue();
        assertThat(String.valueOf(noTask.content().get(0)).replace(SkillTools.RUN_TASK, ""))
            .contains("task");
        McpSchema.CallToolResult blank = client.callTool(new McpSchema.CallToolRequest(
            SkillTools.RUN_TASK, Map.of("task", "  ")));
        assertThat(blank.isError()).isTrue();
        assertThat(blank.content().get(0)).asString().contains("needs a task");
      } finally {
        client.closeGracefully();
      }
    }
    // the server closed its library: the index opens again
    try (SkillIndex index = SkillIndex.open(Store.at(data).skillsDir(), n -> { })) {
      assertThat(index.get("shop:add_to_cart")).isPresent();
    }
  }
}
