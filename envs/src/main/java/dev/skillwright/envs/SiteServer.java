package dev.skillwright.envs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every bundled site shares: an in-process HTTP server on 127.0.0.1, one state object per
 * visitor (keyed by a session cookie, so each browser context starts from the seed data), and the
 * request plumbing. A site says how to make a fresh visitor and how to answer a request; requests
 * of one visitor are answered one at a time.
 *
 * @param <V> one visitor's state
 */
abstract class SiteServer<V> implements Site {
  /** The script behind every site's hard widgets (see {@link Widgets}). */
  private static final String WIDGETS_JS = resource("widgets.js");
  private final String name;
  private final String cookie;
  private final java.util.function.Supplier<V> seed;
  private final Map<String, V> visitors = new ConcurrentHashMap<>();
  private HttpServer server;
  private ExecutorService executor;

  /** One request: the method, the path, the query's and the form body's fields. */
  record Request(String method, String path, Map<String, String> query, Map<String, String> form) {
    boolean isPost() {
      return method.equals("POST");
    }

    String param(String key) {
      return query.getOrDefault(key, "");
    }

    String field(String key) {
      return form.getOrDefault(key, "").strip();
    }
  }

  /** One answer: a status and a body, or a redirect. */
  record Response(int status, String type, String body, String location) {
    static Response html(int status, String body) {
      return new Response(status, "text/html; charset=utf-8", body, null);
    }

    static Response redirect(String location) {
      return new Response(303, "text/plain", "", location);
    }

    static Response empty(int status) {
      return new Response(status, "text/plain", "", null);
    }
  }

  /** A site called {@code name}, whose visitors start as {@code seed} makes them. */
  SiteServer(String name, String cookie, java.util.function.Supplier<V> seed) {
    this.name = name;
    this.cookie = cookie;
    this.seed = seed;
  }

  /** The answer to one request of one visitor; called under the visitor's monitor. */
  abstract Response respond(Request request, V visitor) throws IOException;

  /** Starts serving on {@code port} (0 for a free one) and returns this site. */
  final <S extends SiteServer<V>> S listen(int port) {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
          64);
      AtomicInteger n = new AtomicInteger();
      executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, name + "-http-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      server.createContext("/", this::handle);
      server.setExecutor(executor);
      server.start();
      @SuppressWarnings("unchecked")
      S self = (S) this;
      return self;
    } catch (java.net.BindException e) {
      throw new dev.skillwright.trajectories.BadInputException("cannot serve the " + name
          + " site on port " + port + ": it is in use (choose another with --port)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the " + name + " site: " + e.getMessage(), e);
    }
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @Override
  public final String visitorCookie() {
    return cookie;
  }

  @Override
  public final java.util.Set<String> visitors() {
    return java.util.Set.copyOf(visitors.keySet());
  }

  /** The state of a visitor who has been seen, else null. */
  final V visitor(String id) {
    return id == null ? null : visitors.get(id);
  }

  @Override
  public final void reset() {
    visitors.clear();
  }

  @Override
  public final void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      if (path.equals("/favicon.ico")) {
        send(ex, Response.empty(204));
        return;
      }
      if (path.equals("/widgets.js")) {
        send(ex, new Response(200, "text/javascript; charset=utf-8", WIDGETS_JS, null));
        return;
      }
      if (!List.of("GET", "HEAD", "POST").contains(method)) {
        send(ex, new Response(405, "text/plain", "method not allowed", null));
        return;
      }
      Map<String, String> form = method.equals("POST")
          ? parseForm(new String(ex.getRequestBody().readNBytes(64 * 1024),
              StandardCharsets.UTF_8))
          : Map.of();
      Request request = new Request(method, path, parseForm(ex.getRequestURI().getRawQuery()),
          form);
      V v = visitors.computeIfAbsent(visitorId(ex), k -> seed.get());
      Response response;
      synchronized (v) {
        response = respond(request, v);
      }
      send(ex, response);
    } catch (RuntimeException e) {
      send(ex, new Response(500, "text/plain", "internal error", null));
    }
  }

  private static void send(HttpExchange ex, Response r) throws IOException {
    if (r.location() != null) {
      ex.getResponseHeaders().set("Location", r.location());
    }
    byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", r.type());
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(r.status(), head || bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private String visitorId(HttpExchange ex) {
    for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String part : header.split(";")) {
        String[] kv = part.strip().split("=", 2);
        if (kv.length == 2 && kv[0].equals(cookie) && kv[1].matches("[A-Za-z0-9-]{8,64}")) {
          return kv[1];
        }
      }
    }
    String id = UUID.randomUUID().toString();
    ex.getResponseHeaders().add("Set-Cookie",
        cookie + "=" + id + "; Path=/; HttpOnly; SameSite=Lax");
    return id;
  }

  static Map<String, String> parseForm(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      try {
        String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
        String value = kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
        // a repeated field (several labels chosen) keeps every value, comma-separated
        out.merge(key, value, (a, b) -> a + "," + b);
      } catch (IllegalArgumentException e) {
        // a malformed pair is dropped, as a browser would never send one
      }
    }
    return out;
  }

  private static String resource(String name) {
    try (var in = SiteServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An integer query parameter within [1, max], else 1. */
  static int pageNumber(String s, int max) {
    try {
      return Math.max(1, Math.min(max, Integer.parseInt(s.strip())));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
