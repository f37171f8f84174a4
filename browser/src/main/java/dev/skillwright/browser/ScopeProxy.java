package dev.skillwright.browser;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A small HTTP forward proxy on {@code 127.0.0.1:0} that Chromium is pinned to, so that the scope
 * holds for every request Chromium makes, whatever made it: every hop of a redirect chain,
 * subresources, workers, speculative prefetch and prerender, {@code CONNECT} tunnels (WebSocket,
 * TLS). A request for a URL outside the {@link Scope} is answered here and never leaves the
 * machine; each refused one goes to the block sink, named by kind ({@code navigation},
 * {@code redirect}, {@code prefetch}, {@code request}, {@code tunnel}).
 *
 * <p>A refused navigation gets {@code 204 No Content}, which a browser takes as "stay where you
 * are", so the page neither leaves nor lands on an error page. Anything this proxy cannot parse
 * (a malformed target, oversized headers) is refused the same way, never thrown.
 *
 * <p>Connections are kept alive both ways (one upstream socket per client connection, reused while
 * the origin stays the same), and served by a pool of named daemon threads, so a page's requests
 * cost no thread or connection churn. Thread-safe; close it to stop.
 */
final class ScopeProxy implements Closeable {
  private static final int MAX_LINE = 64 * 1024;
  private static final int MAX_HEADERS = 256 * 1024;
  private static final int IDLE_MILLIS = 120_000;
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive",
      "proxy-connection", "proxy-authorization", "proxy-authenticate", "te", "trailer",
      "upgrade");
  private static final AtomicInteger PROXIES = new AtomicInteger();

  private final Scope scope;
  private final ServerSocket server;
  private final ExecutorService pool;
  private volatile BiConsumer<String, String> sink;
  /** Where redirects this proxy relayed point, so the next refused hop is named a redirect. */
  private final Set<String> redirectTargets = Collections.newSetFromMap(
      Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> e) {
          return size() > 256;
        }
      }));
  private final Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private ScopeProxy(Scope scope, BiConsumer<String, String> sink) throws IOException {
    this.scope = scope;
    this.sink = sink;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    int id = PROXIES.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "scope-proxy-" + id + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.pool = Executors.newCachedThreadPool(threads);
    pool.execute(this::acceptLoop);
  }

  /**
   * Starts a proxy for {@code scope}; {@code sink} receives (kind, url) of each refused request.
   *
   * @throws java.io.UncheckedIOException if no loopback port can be bound
   */
  static ScopeProxy start(Scope scope, BiConsumer<String, String> sink) {
    try {
      return new ScopeProxy(scope, sink);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot start the scope proxy on loopback", e);
    }
  }

  /** Sends later blocks to {@code s} instead. */
  void sink(BiConsumer<String, String> s) {
    this.sink = s;
  }

  /** {@code http://127.0.0.1:PORT}, for Chromium's {@code --proxy-server}. */
  String address() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket s = server.accept();
        open.add(s);
        try {
          pool.execute(() -> serve(s));
        } catch (java.util.concurrent.RejectedExecutionException e) {
          // closing: a connection that came in meanwhile is closed unserved
          open.remove(s);
          s.close();
          return;
        }
      } catch (IOException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void serve(Socket client) {
    Upstream up = new Upstream();
    try (client) {
      client.setTcpNoDelay(true);
      client.setSoTimeout(IDLE_MILLIS);
      InputStream in = new BufferedInputStream(client.getInputStream(), 16 * 1024);
      OutputStream out = client.getOutputStream();
      while (!closed) {
        Head req = Head.read(in);
        if (req == null) {
          return;
        }
        if (!handle(req, in, out, client, up)) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // a peer went away or sent garbage; the connection ends, nothing leaves
    } finally {
      up.close();
      open.remove(client);
    }
  }

  /** Serves one request; false when the client connection must end. */
  private boolean handle(Head req, InputStream in, OutputStream out, Socket client,
      Upstream up) throws IOException {
    String[] parts = req.line.split(" ");
    if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
      refuse(out, "request", printable(req.line), false);
      return false;
    }
    String method = parts[0];
    String target = parts[1];
    if (method.equals("CONNECT")) {
      return connect(target, req, in, out, client);
    }
    URI uri = parse(target);
    String origin = uri == null ? null : Scope.originOf(target);
    if (origin == null || !origin.startsWith("http://") || !scope.allows(target)) {
      refuse(out, kind(req, target), printable(target), navigation(req));
      // a refused request's body is never read: end the connection rather than parse it
      return req.bodyless();
    }
    String host = uri.getHost();
    int port = uri.getPort() == -1 ? 80 : uri.getPort();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    StringBuilder head = new StringBuilder(method).append(' ').append(path)
        .append(" HTTP/1.1\r\n");
    for (String[] h : req.headers) {
      if (!HOP_BY_HOP.contains(h[0].toLowerCase(Locale.ROOT))) {
        head.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
    }
    head.append("\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    Head resp = null;
    InputStream sin = null;
    // a kept-alive upstream socket may have been closed by the origin while idle: a request
    // without a body is sent once more on a fresh one
    for (int attempt = 0; resp == null; attempt++) {
      try {
        Socket server = up.to(host, port);
        OutputStream sout = server.getOutputStream();
        sout.write(headBytes);
        Body.copy(req, in, sout);
        sout.flush();
        sin = up.in;
        resp = Head.read(sin);
      } catch (IOException e) {
        resp = null;
      }
      if (resp == null) {
        boolean retry = attempt == 0 && up.wasReused && req.bodyless();
        up.close();
        if (!retry) {
          respond(out, "502 Bad Gateway", "no response from " + origin);
          return false;
        }
      }
    }
    int status = resp.status();
    while (status >= 100 && status < 200 && status != 101) {
      // interim responses (103 Early Hints) are dropped: Chromium does not need them
      resp = Head.read(sin);
      if (resp == null) {
        up.close();
        respond(out, "502 Bad Gateway", "no response from " + origin);
        return false;
      }
      status = resp.status();
    }
    if (status == 101) {
      // no upgrade over a plain proxied request: WebSockets come as CONNECT
      up.close();
      respond(out, "502 Bad Gateway", "unexpected upgrade from " + origin);
      return false;
    }
    if (status >= 300 && status < 400) {
      String location = resp.header("location");
      if (location != null) {
        String next = resolve(uri, location);
        if (next != null) {
          redirectTargets.add(next);
        }
      }
    }
    boolean noBody = method.equals("HEAD") || status == 204 || status == 304;
    boolean chunked = !noBody && resp.chunked();
    long length = noBody ? 0 : chunked ? -1 : resp.contentLength();
    boolean untilClose = !noBody && !chunked && length < 0;
    boolean keepClient = !untilClose && !req.wantsClose();
    StringBuilder back = new StringBuilder(resp.line).append("\r\n");
    for (String[] h : resp.headers) {
      if (!HOP_BY_HOP.contains(h[0].toLowerCase(Locale.ROOT))) {
        back.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
    }
    back.append(keepClient ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
    back.append("\r\n");
    out.write(back.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    if (chunked) {
      Body.relayChunked(sin, out);
    } else if (length > 0) {
      Body.relayExactly(sin, out, length);
    } else if (untilClose) {
      Body.relayToEnd(sin, out);
    }
    out.flush();
    if (untilClose || resp.wantsClose()) {
      up.close();
    }
    return keepClient;
  }

  /** A tunnel ({@code CONNECT host:port}): WebSockets and TLS; only to an origin in scope. */
  private boolean connect(String authority, Head req, InputStream in, OutputStream out,
      Socket client) throws IOException {
    URI uri = parse("http://" + authority);
    if (uri == null || uri.getHost() == null || uri.getPort() == -1
        || !scope.allowsAuthority(uri.getHost(), uri.getPort())) {
      refuse(out, "tunnel", printable(authority), false);
      return false;
    }
    Socket server = new Socket();
    try {
      server.connect(new InetSocketAddress(bare(uri.getHost()), uri.getPort()), 10_000);
      server.setTcpNoDelay(true);
    } catch (IOException e) {
      server.close();
      respond(out, "502 Bad Gateway", "cannot reach " + authority);
      return false;
    }
    open.add(server);
    out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    client.setSoTimeout(0);
    try (server) {
      InputStream sin = server.getInputStream();
      OutputStream sout = server.getOutputStream();
      pool.execute(() -> {
        try {
          sin.transferTo(out);
        } catch (IOException e) {
          // one side closed
        } finally {
          closeQuietly(client);
        }
      });
      in.transferTo(sout);
    } catch (IOException e) {
      // one side closed
    } finally {
      open.remove(server);
    }
    return false;
  }

  private String kind(Head req, String target) {
    String purpose = req.header("sec-purpose");
    if (purpose == null) {
      purpose = req.header("purpose");
    }
    if (purpose != null && purpose.toLowerCase(Locale.ROOT).contains("prefetch")) {
      return "prefetch";
    }
    if (redirectTargets.remove(target)) {
      return "redirect";
    }
    return navigation(req) ? "navigation" : "request";
  }

  private static boolean navigation(Head req) {
    String mode = req.header("sec-fetch-mode");
    String dest = req.header("sec-fetch-dest");
    return "navigate".equalsIgnoreCase(mode) || "document".equalsIgnoreCase(dest)
        || "iframe".equalsIgnoreCase(dest) || "frame".equalsIgnoreCase(dest);
  }

  private void refuse(OutputStream out, String kind, String url, boolean navigation)
      throws IOException {
    BiConsumer<String, String> s = sink;
    if (s != null) {
      s.accept(kind, url);
    }
    if (navigation) {
      out.write(("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n"
          + "Cache-Control: no-store\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } else {
      respond(out, "403 Forbidden", "out of scope");
    }
  }

  private static void respond(OutputStream out, String status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    out.write(("HTTP/1.1 " + status + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
        + "Cache-Control: no-store\r\nContent-Length: " + body.length + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  /** The request target as a URI, or null when Java cannot read it (then it is refused). */
  private static URI parse(String target) {
    try {
      URI u = new URI(target);
      return u.getHost() == null ? null : u;
    } catch (Exception e) {
      return null;
    }
  }

  /** Where a {@code Location} points, as browsers read it (a backslash is a slash), or null. */
  static String resolve(URI base, String location) {
    try {
      return base.resolve(location.strip().replace('\\', '/')).toString();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String bare(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
        : host;
  }

  /** A URL as recorded: control characters out, length capped. */
  private static String printable(String s) {
    String t = s.replaceAll("[\\p{Cntrl}]", "?");
    return t.length() > 2048 ? t.substring(0, 2048) : t;
  }

  private static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    closed = true;
    closeQuietly(server);
    for (Socket s : open) {
      closeQuietly(s);
    }
    pool.shutdownNow();
  }

  /** The kept-alive connection to one origin, per client connection. */
  private final class Upstream {
    private Socket socket;
    private String key;
    private InputStream in;

    private boolean wasReused;

    boolean has(String host, int port) {
      return socket != null && (host + ":" + port).equals(key) && !socket.isClosed();
    }

    Socket to(String host, int port) throws IOException {
      String k = host + ":" + port;
      wasReused = has(host, port);
      if (wasReused) {
        return socket;
      }
      close();
      Socket s = new Socket();
      s.connect(new InetSocketAddress(bare(host), port), 10_000);
      s.setTcpNoDelay(true);
      socket = s;
      key = k;
      in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
      open.add(s);
      return s;
    }

    void close() {
      if (socket != null) {
        open.remove(socket);
        closeQuietly(socket);
        socket = null;
        key = null;
        in = null;
      }
    }
  }

  /** A request or response head: the first line and the headers, in order. */
  private record Head(String line, List<String[]> headers) {
    static Head read(InputStream in) throws IOException {
      String line = readLine(in, MAX_LINE);
      while (line != null && line.isEmpty()) {
        line = readLine(in, MAX_LINE); // tolerate stray CRLFs between messages
      }
      if (line == null) {
        return null;
      }
      List<String[]> headers = new ArrayList<>();
      int total = line.length();
      for (String h; (h = readLine(in, MAX_LINE)) != null && !h.isEmpty(); ) {
        total += h.length();
        if (total > MAX_HEADERS) {
          throw new IOException("headers too large");
        }
        int colon = h.indexOf(':');
        if (colon <= 0) {
          throw new IOException("malformed header");
        }
        headers.add(new String[] {h.substring(0, colon).strip(), h.substring(colon + 1).strip()});
      }
      return new Head(line, headers);
    }

    String header(String name) {
      for (String[] h : headers) {
        if (h[0].equalsIgnoreCase(name)) {
          return h[1];
        }
      }
      return null;
    }

    int status() {
      String[] p = line.split(" ", 3);
      try {
        return p.length >= 2 ? Integer.parseInt(p[1]) : -1;
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    boolean chunked() {
      String te = header("transfer-encoding");
      return te != null && te.toLowerCase(Locale.ROOT).contains("chunked");
    }

    long contentLength() {
      String cl = header("content-length");
      try {
        return cl == null ? -1 : Long.parseLong(cl.strip());
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    boolean bodyless() {
      return !chunked() && contentLength() <= 0;
    }

    boolean wantsClose() {
      String c = header("connection");
      return line.endsWith("HTTP/1.0") || line.startsWith("HTTP/1.0")
          ? c == null || !c.equalsIgnoreCase("keep-alive")
          : c != null && c.toLowerCase(Locale.ROOT).contains("close");
    }

    private static String readLine(InputStream in, int max) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream(128);
      int c;
      while ((c = in.read()) != -1) {
        if (c == '\n') {
          byte[] bytes = b.toByteArray();
          int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1
              : bytes.length;
          return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
        }
        if (b.size() >= max) {
          throw new IOException("line too long");
        }
        b.write(c);
      }
      return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }
  }

  /** Message bodies, copied as they come (streams flush as they go, for server-sent events). */
  private static final class Body {
    private Body() {}

    static void copy(Head req, InputStream in, OutputStream out) throws IOException {
      if (req.chunked()) {
        relayChunked(in, out);
      } else {
        long n = req.contentLength();
        if (n > 0) {
          relayExactly(in, out, n);
        }
      }
    }

    static void relayExactly(InputStream in, OutputStream out, long n) throws IOException {
      byte[] buf = new byte[16 * 1024];
      while (n > 0) {
        int r = in.read(buf, 0, (int) Math.min(buf.length, n));
        if (r < 0) {
          throw new SocketException("body ended early");
        }
        out.write(buf, 0, r);
        n -= r;
        if (in.available() == 0) {
          out.flush();
        }
      }
    }

    static void relayToEnd(InputStream in, OutputStream out) throws IOException {
      byte[] buf = new byte[16 * 1024];
      for (int r; (r = in.read(buf)) >= 0; ) {
        out.write(buf, 0, r);
        if (in.available() == 0) {
          out.flush();
        }
      }
    }

    static void relayChunked(InputStream in, OutputStream out) throws IOException {
      while (true) {
        String size = Head.readLine(in, MAX_LINE);
        if (size == null) {
          throw new SocketException("chunked body ended early");
        }
        out.write((size + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        int semi = size.indexOf(';');
        long n;
        try {
          n = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).strip(), 16);
        } catch (NumberFormatException e) {
          throw new IOException("bad chunk size");
        }
        if (n == 0) {
          for (String t; (t = Head.readLine(in, MAX_LINE)) != null; ) {
            out.write((t + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (t.isEmpty()) {
              break;
            }
          }
          out.flush();
          return;
        }
        relayExactly(in, out, n);
        String crlf = Head.readLine(in, MAX_LINE);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        if (crlf == null) {
          throw new SocketException("chunked body ended early");
        }
        out.flush();
      }
    }
  }
}
