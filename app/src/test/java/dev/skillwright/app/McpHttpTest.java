package dev.skillwright.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skillwright.envs.Site;
import dev.skillwright.envs.Sites;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.skills.SkillLibrary;
import dev.skillwright.trajectories.Store;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code skillwright mcp --http} as another agent meets it: one child process for the class,
 * serving the drifted shop (v2, whose "Add to Cart" none of the planted skill's locators finds),
 * driven by the MCP Java SDK's Streamable HTTP client with the server's token; and raw requests
 * that name another host, come from another origin or lack the token, which are refused before
 * they reach MCP.
 */
class McpHttpTest {
  private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:(\\d+)/mcp)");
  private static final JacksonMcpJsonMapper JSON =
      new JacksonMcpJsonMapper(dev.skillwright.trajectories.Json.compact());
  private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
      + "\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
      + "\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

  /** The server's --token; every request must carry it. */
  private static final String TOKEN = "not-a-real-secret-0123";

  static Path data;
  static Site shop;
  static Process server;
  static String url;
  static int port;
  static final List<String> stderr = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void serve() throws Exception {
    data = Files.createTempDirectory("skillwright-mcp-http");
    try (SkillLibrary library = SkillLibrary.open(Store.at(data).skillsDir(), n -> { })) {
      library.add(McpServerTest.addToCart());
      library.add(McpServerTest.getPrice());
      library.commit();
    }
    shop = Sites.start("shop", "v2");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "mcp", "--http", "--url", shop.baseUrl(), "--site", "shop",
        "--no-trace", "--token", TOKEN, "--data-dir", data.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(),
        StandardCharsets.UTF_8));
    for (String line; url == null && (line = err.readLine()) != null; ) {
      stderr.add(line);
      Matcher m = URL.matcher(line);
      if (m.find()) {
        url = m.group(1);
        port = Integer.parseInt(m.group(2));
      }
    }
    assertThat(url).as("the server printed its URL; it said: " + stderr).isNotNull();
    Thread drain = new Thread(() -> err.lines().forEach(stderr::add), "mcp-http-stderr");
    drain.setDaemon(true);
    drain.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void another_agent_lists_the_skills_and_calls_one_over_streamable_http() throws Exception {
    URI u = URI.create(url);
    McpSyncClient client = McpClient.sync(HttpClientStreamableHttpTransport
            .builder("http://" + u.getAuthority()).endpoint(u.getPath()).jsonMapper(JSON)
            .requestBuilder(java.net.http.HttpRequest.newBuilder()
                .header("Authorization", "Bearer " + TOKEN)).build())
        .requestTimeout(Duration.ofSeconds(120)).initializationTimeout(Duration.ofSeconds(30))
        .build();
    try {
      client.initialize();
      McpServerTest.listedTools(client, "add_to_cart", "get_price");

      // v2 recased the button: the call heals, and the healed steps are written back
      McpSchema.CallToolResult done = client.callTool(new McpSchema.CallToolRequest(
          "add_to_cart", Map.of("item", "Blue Ceramic Mug")));
      assertThat(done.isError()).as(String.valueOf(done.content())).isFalse();
      assertThat(cartOfSomeVisitor()).anyMatch(cart -> cart.contains("Blue Ceramic Mug=1"));
      @SuppressWarnings("unchecked")
      Map<String, Object> first = (Map<String, Object>) done.structuredContent();
      assertThat(first).containsEntry("success", true).containsEntry("healed", true);
      assertThat((Integer) first.get("healedSteps")).isPositive();
      Skill healed = SkillIndex.read(Store.at(data).skillsDir(), n -> { }).stream()
          .filter(s -> s.id().equals("shop:add_to_cart")).findFirst().orElseThrow();
      assertThat(healed.steps()).anySatisfy(a -> assertThat(a.target().name())
          .isEqualTo("Add to Cart"));

      // the next call runs the healed steps: nothing left to heal
      McpSchema.CallToolResult again = client.callTool(new McpSchema.CallToolRequest(
          "add_to_cart", Map.of("item", "Brass Desk Lamp")));
      @SuppressWarnings("unchecked")
      Map<String, Object> second = (Map<String, Object>) again.structuredContent();
      assertThat(second).as(String.valueOf(again.content())).containsEntry("success", true)
          .containsEntry("healedSteps", 0).containsEntry("healed", false);
      assertThat(cartOfSomeVisitor()).anyMatch(cart -> cart.contains("Brass Desk Lamp=1"));

      // an information skill gives back the price the site shows for an item it never read
      McpSchema.CallToolResult read = client.callTool(new McpSchema.CallToolRequest(
          "get_price", Map.of("item", "Brass Desk Lamp")));
      assertThat(read.isError()).as(String.valueOf(read.content())).isFalse();
      @SuppressWarnings("unchecked")
      Map<String, Object> priced = (Map<String, Object>) read.structuredContent();
      assertThat(priced).as(String.valueOf(read.content())).containsEntry("success", true)
          .containsEntry("value", Sites.shopPrices().get("Brass Desk Lamp"));

      McpSchema.CallToolResult missing = client.callTool(new McpSchema.CallToolRequest(
          "add_to_cart", Map.of()));
      assertThat(missing.isError()).isTrue();
      assertThat(missing.content().get(0)).asString().contains("item");
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void a_request_naming_another_host_or_from_another_origin_is_refused_before_mcp()
      throws Exception {
    String own = "127.0.0.1:" + port;

    Response rebound = post("evil.example:" + port, null, TOKEN);
    Response foreign = post(own, "http://evil.example:" + port, TOKEN);
    Response ours = post(own, null, TOKEN);

    assertThat(rebound.status()).isEqualTo(403);
    assertThat(rebound.headers()).doesNotContainKey("mcp-session-id");
    assertThat(foreign.status()).isEqualTo(403);
    assertThat(foreign.headers()).doesNotContainKey("mcp-session-id");
    // the same request naming the server itself opens a session: the refusal is the Host's
    assertThat(ours.status()).isEqualTo(200);
    assertThat(ours.headers()).containsKey("mcp-session-id");
  }

  @Test
  void a_request_without_the_token_is_refused_before_mcp() throws Exception {
    String own = "127.0.0.1:" + port;

    Response none = post(own, null, null);
    Response wrong = post(own, null, TOKEN + "x");

    assertThat(none.status()).isEqualTo(401);
    assertThat(none.headers()).doesNotContainKey("mcp-session-id")
        .containsEntry("www-authenticate", "Bearer");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.headers()).doesNotContainKey("mcp-session-id");
    assertThat(String.join("\n", stderr)).doesNotContain(TOKEN);
  }

  private static List<String> cartOfSomeVisitor() {
    return shop.visitors().stream().map(v -> String.valueOf(shop.groundTruth(v).get("cart")))
        .toList();
  }

  record Response(int status, Map<String, String> headers) {}

  /**
   * An MCP initialize sent by hand, with this Host, Origin and token (null for none): Java's
   * HttpClient will not send a Host of the caller's choosing.
   */
  private static Response post(String host, String origin, String token) throws Exception {
    byte[] body = INITIALIZE.getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      String head = "POST /mcp HTTP/1.1\r\nHost: " + host + "\r\n"
          + (origin == null ? "" : "Origin: " + origin + "\r\n")
          + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
          + "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
          + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
          StandardCharsets.UTF_8));
      String status = in.readLine();
      Map<String, String> headers = new java.util.HashMap<>();
      for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).strip());
      }
      return new Response(Integer.parseInt(status.split(" ")[1]), headers);
    }
  }
}
