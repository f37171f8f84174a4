package dev.skillwright.browser;

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

/**
 * A tiny HTTP server on 127.0.0.1 for browser tests: fixed pages (some answered late),
 * redirects, and a hit log.
 */
final class TestServer implements AutoCloseable {
  record Page(int status, String location, String html, long delayMillis) {}

  private final HttpServer server;
  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  final List<String> hits = new CopyOnWriteArrayList<>();

  TestServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", ex -> {
      try (ex) {
        String path = ex.getRequestURI().getPath();
        hits.add(path);
        Page p = pages.getOrDefault(path, new Page(404, null, "<h1>Not found</h1>", 0));
        if (p.delayMillis() > 0) {
          try {
            Thread.sleep(p.delayMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
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
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-server");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  TestServer page(String path, String html) {
    return page(path, html, 0);
  }

  /** A page answered only after {@code delayMillis}, as a slow server would. */
  TestServer page(String path, String html, long delayMillis) {
    pages.put(path, new Page(200, null, "<!doctype html><html><head><title>" + path
        + "</title></head><body>" + html + "</body></html>", delayMillis));
    return this;
  }

  TestServer redirect(String path, String location) {
    pages.put(path, new Page(302, location, "", 0));
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
