package dev.skillwright.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.Json;
import dev.skillwright.trajectories.SkillwrightException;
import dev.skillwright.trajectories.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard: the JDK's {@code HttpServer} serving HTML pages, a JSON API under {@code /api},
 * server-sent events for live progress, and the screenshots of the data directory, all from
 * local assets. Everything that came from a web page is escaped; files are served only from the
 * sessions of the data directory; with a token, every request must carry it. Close it to stop.
 */
public final class Dashboard implements AutoCloseable {
  static final String TOKEN_COOKIE = "sw_token";

  private final HttpServer server;
  private final ExecutorService executor;
  private final DashboardConfig config;
  private final SkillIndex index;
  private final Pages pages;
  private final Api api;
  private AllowedHosts hosts;

  private Dashboard(DashboardConfig config, HttpServer server, ExecutorService executor) {
    this.config = config;
    this.server = server;
    this.executor = executor;
    Store store = Store.at(config.dataDir());
    this.index = SkillIndex.open(store.skillsDir());
    DataView data = new DataView(store, index);
    this.pages = new Pages(data);
    this.api = new Api(data);
  }

  /**
   * Starts serving.
   *
   * @throws dev.skillwright.trajectories.BadInputException for a port in use
   */
  public static Dashboard start(DashboardConfig config) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
    } catch (BindException e) {
      throw new dev.skillwright.trajectories.BadInputException("cannot listen on " + config.host()
          + ":" + config.port() + ": " + e.getMessage());
    } catch (IOException e) {
      throw new SkillwrightException("cannot start the dashboard: " + e.getMessage(), e);
    }
    AtomicInteger n = new AtomicInteger();
    // event streams hold a thread each for as long as a page is open
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "dashboard-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    Dashboard d = new Dashboard(config, server, executor);
    d.hosts = new AllowedHosts(config.host(), server.getAddress().getPort());
    server.createContext("/", d::handle);
    server.setExecutor(executor);
    server.start();
    return d;
  }

  /** The address to open, with the token when there is one. */
  public String url() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + server.getAddress().getPort() + "/"
        + (config.token() == null ? "" : "?token=" + config.token());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    index.close();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Response r;
      try {
        r = route(ex);
      } catch (RuntimeException e) {
        r = Response.text(500, "internal error: " + e.getClass().getSimpleName());
      }
      if (r != null) {
        send(ex, r);
      }
    }
  }

  private Response route(HttpExchange ex) throws IOException {
    if (!hosts.allows(ex.getRequestHeaders().getFirst("Host"))) {
      // a DNS-rebinding page names its own host; answer only to the dashboard's names
      return Response.text(421, "misdirected request: this dashboard answers only to its own "
          + "address");
    }
    if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
      return Response.text(405, "method not allowed");
    }
    String raw = ex.getRequestURI().getRawPath();
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    if (config.token() != null && !authorized(ex, query)) {
      return Response.text(401, "a token is required: open the URL the dashboard printed");
    }
    List<String> parts = segments(raw);
    if (parts == null) {
      return Response.text(400, "bad path");
    }
    String first = parts.isEmpty() ? "" : parts.get(0);
    switch (first) {
      case "" -> {
        return Response.html(pages.overview());
      }
      case "skills" -> {
        return parts.size() == 1 ? Response.html(pages.skills(query))
            : parts.size() == 2 ? pages.skill(parts.get(1)).map(Response::html).orElse(notFound())
            : notFound();
      }
      case "sessions" -> {
        return parts.size() == 2 ? pages.session(parts.get(1)).map(Response::html)
            .orElse(notFound()) : notFound();
      }
      case "episodes" -> {
        return parts.size() == 2 ? pages.episode(parts.get(1)).map(Response::html)
            .orElse(notFound()) : notFound();
      }
      case "assets" -> {
        return parts.size() == 2 ? asset(parts.get(1)) : notFound();
      }
      case "files" -> {
        return file(parts.subList(1, parts.size()));
      }
      case "api" -> {
        if (parts.size() == 4 && parts.get(1).equals("sessions") && parts.get(3).equals("events")) {
          new EventStream(Store.at(config.dataDir())).serve(ex, parts.get(2));
          return null;
        }
        return api.handle(parts.subList(1, parts.size()), query).map(Response::json)
            .orElse(notFound());
      }
      default -> {
        return notFound();
      }
    }
  }

  private static Response notFound() {
    return Response.html(404, Pages.notFound());
  }

  /**
   * Splits a raw path into decoded segments; null for a path that tries to leave where it is
   * ({@code ..}, encoded or not), holds a NUL or a backslash, or is not valid UTF-8.
   */
  static List<String> segments(String raw) {
    if (raw == null || !raw.startsWith("/")) {
      return null;
    }
    List<String> out = new java.util.ArrayList<>();
    for (String s : raw.substring(1).split("/", -1)) {
      if (s.isEmpty()) {
        continue;
      }
      String d;
      try {
        d = URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return null;
      }
      if (d.equals(".") || d.equals("..") || d.contains("/") || d.contains("\\")
          || d.contains("\0")) {
        return null;
      }
      out.add(d);
    }
    return out;
  }

  private Response asset(String name) throws IOException {
    String type = name.endsWith(".css") ? "text/css; charset=utf-8"
        : name.endsWith(".js") ? "text/javascript; charset=utf-8" : null;
    if (type == null || !name.matches("[a-z]+\\.(css|js)")) {
      return notFound();
    }
    try (InputStream in = Dashboard.class.getResourceAsStream("/dashboard/" + name)) {
      return in == null ? notFound() : new Response(200, type, in.readAllBytes(), Map.of());
    }
  }

  /**
   * Screenshots, snapshots, records and traces of episodes and skill verifications: nothing
   * else, nowhere else.
   */
  private Response file(List<String> parts) throws IOException {
    if (parts.size() != 5 || !parts.get(0).equals("sessions")
        || !List.of("episodes", "verifications").contains(parts.get(2))) {
      return notFound();
    }
    String name = parts.get(4);
    String type = name.endsWith(".jpg") ? "image/jpeg" : name.endsWith(".png") ? "image/png"
        : name.endsWith(".yaml") ? "text/plain; charset=utf-8"
        : name.endsWith(".json") ? "application/json" : name.endsWith(".zip") ? "application/zip"
        : null;
    if (type == null) {
      return notFound();
    }
    Path root = config.dataDir().toAbsolutePath().normalize();
    Path f = root.resolve(String.join("/", parts)).normalize();
    if (!f.startsWith(root.resolve("sessions")) || !Files.isRegularFile(f)
        || !f.toRealPath().startsWith(root.toRealPath())) {
      return notFound();
    }
    return new Response(200, type, Files.readAllBytes(f), Map.of());
  }

  private boolean authorized(HttpExchange ex, Map<String, String> query) {
    AccessToken want = new AccessToken(config.token());
    if (want.carriedBy(ex.getRequestHeaders().getFirst("Authorization"))) {
      return true;
    }
    for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String c : header.split(";")) {
        String[] kv = c.strip().split("=", 2);
        if (kv.length == 2 && kv[0].equals(TOKEN_COOKIE) && want.matches(kv[1])) {
          return true;
        }
      }
    }
    if (query.containsKey("token") && want.matches(query.get("token"))) {
      // remembered for the pages' own requests (assets, images, the API)
      ex.getResponseHeaders().add("Set-Cookie", TOKEN_COOKIE + "=" + config.token()
          + "; Path=/; HttpOnly; SameSite=Strict");
      return true;
    }
    return false;
  }

  static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      try {
        out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      } catch (IllegalArgumentException e) {
        // a malformed pair is ignored
      }
    }
    return out;
  }

  private static void send(HttpExchange ex, Response r) throws IOException {
    ex.getResponseHeaders().set("Content-Type", r.type());
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    ex.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; "
        + "img-src 'self'; style-src 'self'; script-src 'self'; object-src 'none'; "
        + "frame-ancestors 'none'");
    r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(r.status(), head || r.body().length == 0 ? -1 : r.body().length);
    if (!head && r.body().length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(r.body());
      }
    }
  }

  /** One HTTP response. */
  record Response(int status, String type, byte[] body, Map<String, String> headers) {
    static Response html(Template.Safe page) {
      return html(200, page);
    }

    static Response html(int status, Template.Safe page) {
      return new Response(status, "text/html; charset=utf-8",
          page.html().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Response text(int status, String text) {
      return new Response(status, "text/plain; charset=utf-8",
          text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static Response json(Object value) {
      try {
        return new Response(200, "application/json", Json.mapper().writeValueAsBytes(value),
            Map.of());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
