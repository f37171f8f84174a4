package dev.skillwright.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A server nothing in scope may reach: a raw TCP listener that logs every accepted connection
 * (whether or not a request follows) and the request line if one comes, and a UDP socket that
 * logs every packet (a STUN binding request, say). It answers HTTP with a small page, so a vector
 * behaves in the unguarded control run as it would against a real server. Thread-safe.
 */
public final class Canary implements AutoCloseable {
  private final String name;
  private final String urlHost;
  private final List<ServerSocket> tcp = new ArrayList<>();
  private final DatagramSocket udp;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "canary");
    t.setDaemon(true);
    return t;
  });
  private final List<String> log = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /**
   * A canary on {@code addresses} (all on one port), reached at {@code urlHost}.
   *
   * @param name what the log calls it ({@code 127.0.0.2}, {@code localhost} ...)
   */
  Canary(String name, String urlHost, String... addresses) {
    this.name = name;
    this.urlHost = urlHost;
    try {
      int port = 0;
      for (String a : addresses) {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName(a), port), 64);
        port = s.getLocalPort();
        tcp.add(s);
        pool.execute(() -> accept(s));
      }
      udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(addresses[0]), 0));
      pool.execute(this::receive);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the canary " + name, e);
    }
  }

  /** The canary on another port of 127.0.0.1. */
  public static Canary otherPort() {
    return new Canary("127.0.0.1", "127.0.0.1", "127.0.0.1");
  }

  /** The canary at {@code localhost} (both loopback addresses, one port). */
  public static Canary localhost() {
    Canary c = new Canary("localhost", "localhost", "127.0.0.1");
    c.also("::1");
    return c;
  }

  /** The canary at {@code [::1]}. */
  public static Canary ipv6() {
    return new Canary("[::1]", "[::1]", "::1");
  }

  /** The canary at {@code 127.0.0.2}. */
  public static Canary otherAddress() {
    return new Canary("127.0.0.2", "127.0.0.2", "127.0.0.2");
  }

  private void also(String address) {
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(address), port()), 64);
      tcp.add(s);
      pool.execute(() -> accept(s));
    } catch (IOException e) {
      // no IPv6 loopback here: localhost is 127.0.0.1 alone
    }
  }

  public String name() {
    return name;
  }

  public int port() {
    return tcp.get(0).getLocalPort();
  }

  public int udpPort() {
    return udp.getLocalPort();
  }

  /** The UDP socket's address, as a STUN server URL names it. */
  public String udpHost() {
    String h = udp.getLocalAddress().getHostAddress();
    return h.contains(":") ? "[" + h + "]" : h;
  }

  /** {@code http://host:port/path}. */
  public String url(String path) {
    return "http://" + urlHost + ":" + port() + path;
  }

  /** {@code host:port}, for ws: URLs and the like. */
  public String authority() {
    return urlHost + ":" + port();
  }

  /** Everything seen so far: {@code tcp connect}, {@code tcp GET /x HTTP/1.1}, {@code udp 20 bytes}. */
  public List<String> log() {
    return List.copyOf(log);
  }

  /** How many connections and packets reached it so far. */
  public int seen() {
    return (int) log.stream().filter(l -> l.equals("tcp connect") || l.startsWith("udp ")).count();
  }

  private void accept(ServerSocket s) {
    while (!closed) {
      try {
        Socket c = s.accept();
        log.add("tcp connect");
        pool.execute(() -> answer(c));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void answer(Socket c) {
    try (c) {
      c.setSoTimeout(3_000);
      InputStream in = c.getInputStream();
      StringBuilder head = new StringBuilder();
      int b;
      while ((b = in.read()) != -1) {
        head.append((char) b);
        if (head.length() > 16_384 || head.indexOf("\r\n\r\n") >= 0) {
          break;
        }
      }
      if (head.length() == 0) {
        return;
      }
      int eol = head.indexOf("\r\n");
      log.add("tcp " + (eol < 0 ? head : head.substring(0, eol)));
      byte[] body = ("<!doctype html><title>canary</title><h1>canary " + name + "</h1>")
          .getBytes(StandardCharsets.UTF_8);
      OutputStream out = c.getOutputStream();
      out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nAccess-Control-Allow-Origin: *"
          + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
    } catch (IOException e) {
      // a half-open or probing connection; it was logged when accepted
    }
  }

  private void receive() {
    byte[] buf = new byte[2048];
    while (!closed) {
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        log.add("udp " + p.getLength() + " bytes");
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (ServerSocket s : tcp) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    udp.close();
    pool.shutdownNow();
  }

  @Override
  public String toString() {
    return name + " " + log;
  }
}
