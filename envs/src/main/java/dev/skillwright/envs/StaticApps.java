package dev.skillwright.envs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Static single-page apps, as third parties write them: an index.html with its scripts and
 * styles, hash routes, and all state in the browser's localStorage, so every fresh browser
 * context starts from the app's own first-visit state. The server only hands out files; it keeps
 * no state and knows nothing of what the apps do.
 *
 * <p>Thread safety: {@link #start} may be called from any thread; each {@link Server} answers
 * requests on its own small pool.
 */
public final class StaticApps {
  /** The bundled apps, by name: a TodoMVC-style to-do list, a notebook, a task board. */
  public static final List<String> NAMES = List.of("todo", "notes", "board");

  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml",
      "json", "application/json; charset=utf-8",
      "png", "image/png");

  private StaticApps() {}

  /**
   * Serves the app called {@code name} on 127.0.0.1 at a free port.
   *
   * @throws IllegalArgumentException if no app has that name
   * @throws UncheckedIOException if the server cannot start
   */
  public static Server start(String name) {
    return start(name, 0);
  }

  /** As {@link #start(String)}, on {@code port} of 127.0.0.1 (0 for a free one). */
  public static Server start(String name, int port) {
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("unknown app: " + name + " (known: " + NAMES + ")");
    }
    return new Server(name, port);
  }

  /** One running app; close it to stop serving. */
  public static final class Server implements AutoCloseable {
    private final String name;
    private final HttpServer http;
    private final ExecutorService executor;

    private Server(String name, int port) {
      this.name = name;
      try {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            32);
      } catch (java.net.BindException e) {
        throw new dev.skillwright.trajectories.BadInputException("cannot serve the " + name
            + " app on port " + port + ": it is in use (choose another with --port)");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the " + name + " app: " + e.getMessage(), e);
      }
      executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "app-" + name + "-http");
        t.setDaemon(true);
        return t;
      });
      http.createContext("/", this::handle);
      http.setExecutor(executor);
      http.start();
    }

    /** The app's name. */
    public String name() {
      return name;
    }

    /** The app's start page, e.g. {@code http://127.0.0.1:41234/}. */
    public String url() {
      return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
      http.stop(0);
      executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
      try (ex) {
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
          send(ex, 405, "text/plain", "method not allowed".getBytes());
          return;
        }
        String path = ex.getRequestURI().getPath();
        if (path.equals("/")) {
          path = "/index.html";
        }
        String ext = path.substring(path.lastIndexOf('.') + 1);
        // only plain relative names: no dot segments, no backslashes, no empty segments
        boolean plain = path.matches("(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+") && !path.contains("..");
        byte[] body = plain && TYPES.containsKey(ext) ? read("apps/" + name + path) : null;
        if (body == null) {
          send(ex, 404, "text/plain; charset=utf-8", "not found".getBytes());
          return;
        }
        send(ex, 200, TYPES.get(ext), body);
      }
    }

    private static byte[] read(String resource) throws IOException {
      try (InputStream in = StaticApps.class.getResourceAsStream(resource)) {
        return in == null ? null : in.readAllBytes();
      }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body)
        throws IOException {
      ex.getResponseHeaders().set("Content-Type", type);
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      boolean head = ex.getRequestMethod().equals("HEAD");
      ex.sendResponseHeaders(status, head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }
}
