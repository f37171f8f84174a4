package dev.skillwright.proposer;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A tiny HTTP server on 127.0.0.1 for exploration tests: fixed pages, redirects, a hit log. */
final class PageServer implements AutoCloseable {
  private record Page(int status, String location, String html) {}

  private final HttpServer server;
  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  private final Map<String, java.util.function.IntFunction<String>> changing =
      new ConcurrentHashMap<>();
  final List<String> hits = new CopyOnWriteArrayList<>();

  PageServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", ex -> {
      try (ex) {
        String path = ex.getRequestURI().getPath();
        hits.add(path);
        Page p = changing.containsKey(path)
            ? html(path, changing.get(path).apply((int) hits.stream().filter(path::equals).count()))
            : pages.getOrDefault(path, new Page(404, null, "<h1>Not found</h1>"));
        if (p.location() != null) {
          ex.getResponseHeaders().set("Location", p.location());
        }
        byte[] body = p.html().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(p.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        }
      }
    });
    server.start();
  }

  PageServer page(String path, String html) {
    pages.put(path, html(path, html));
    return this;
  }

  /** A page that differs by visit: {@code byVisit} gets 1 for the first load, 2 for the next. */
  PageServer changing(String path, java.util.function.IntFunction<String> byVisit) {
    changing.put(path, byVisit);
    return this;
  }

  private static Page html(String path, String body) {
    return new Page(200, null, "<!doctype html><html><head><title>" + path
        + "</title></head><body>" + body + "</body></html>");
  }

  PageServer redirect(String path, String location) {
    pages.put(path, new Page(302, location, ""));
    return this;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
