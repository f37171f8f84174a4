package dev.skillwright.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skillwright.trajectories.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the wild corpus's pages from the test resources on 127.0.0.1 and takes their scores at
 * {@code POST /__score}. Only the first score of a key counts, as a wrong submit ends a MiniWoB
 * episode.
 */
final class WildServer implements AutoCloseable {
  /** What a page reported. */
  record Score(int reward, String detail) {}

  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8");
  private final HttpServer http;
  private final Map<String, Score> scores = new ConcurrentHashMap<>();

  private WildServer(HttpServer http) {
    this.http = http;
  }

  static WildServer start() throws IOException {
    HttpServer http = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    WildServer server = new WildServer(http);
    http.createContext("/", server::handle);
    http.start();
    return server;
  }

  String base() {
    return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
  }

  /** The first score reported under {@code key}, waiting up to {@code millis} for it. */
  Optional<Score> await(String key, long millis) throws InterruptedException {
    long end = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < end) {
      Score s = scores.get(key);
      if (s != null) {
        return Optional.of(s);
      }
      Thread.sleep(25);
    }
    return Optional.ofNullable(scores.get(key));
  }

  @Override
  public void close() {
    http.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (path.equals("/__score") && ex.getRequestMethod().equals("POST")) {
        JsonNode body = Json.mapper().readTree(ex.getRequestBody().readNBytes(16 * 1024));
        int reward = body.path("reward").asInt(0) == 1 ? 1 : 0;
        scores.putIfAbsent(body.path("case").asText(""),
            new Score(reward, body.path("detail").asText("")));
        ex.sendResponseHeaders(204, -1);
        return;
      }
      String name = path.substring(1);
      String ext = name.substring(name.lastIndexOf('.') + 1);
      byte[] body = null;
      if (name.matches("[a-z0-9-]+\\.(html|js|css)") && ex.getRequestMethod().equals("GET")) {
        try (InputStream in = WildServer.class.getResourceAsStream("/wild/" + name)) {
          body = in == null ? null : in.readAllBytes();
        }
      }
      if (body == null) {
        body = "not found".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain");
        ex.sendResponseHeaders(404, body.length);
      } else {
        ex.getResponseHeaders().set("Content-Type", TYPES.get(ext));
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, body.length);
      }
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
