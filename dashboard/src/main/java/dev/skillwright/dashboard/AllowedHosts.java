package dev.skillwright.dashboard;

import java.net.InetAddress;
import java.util.Locale;

/**
 * The names a request's {@code Host} header may carry: the dashboard's own. A page on another
 * site that rebinds its DNS name to a loopback address reaches the dashboard with its own name
 * in {@code Host} ({@code evil.example:8080}), so answering only to loopback names, to the
 * address the dashboard is bound to, and to IP literals when it is bound to every interface
 * (a rebinding needs a name) keeps such a page out. The port must be the bound one. The MCP
 * server's HTTP transport answers by the same rule. Immutable, so thread-safe.
 */
public final class AllowedHosts {
  private final String boundHost;
  private final int port;
  private final boolean wildcard;

  /** The names of a server bound to {@code boundHost} (an address) on {@code port}. */
  public AllowedHosts(String boundHost, int port) {
    this.boundHost = strip(boundHost.toLowerCase(Locale.ROOT));
    this.port = port;
    this.wildcard = this.boundHost.equals("0.0.0.0") || this.boundHost.equals("::")
        || this.boundHost.equals("0:0:0:0:0:0:0:0");
  }

  /** True when {@code header} (a {@code Host} value, null when absent) names this server. */
  public boolean allows(String header) {
    if (header == null || header.isBlank()) {
      return false;
    }
    String h = header.strip().toLowerCase(Locale.ROOT);
    String name;
    int p;
    if (h.startsWith("[")) {
      int close = h.indexOf(']');
      if (close < 0) {
        return false;
      }
      name = h.substring(1, close);
      String rest = h.substring(close + 1);
      if (rest.isEmpty()) {
        p = 80;
      } else if (rest.startsWith(":")) {
        p = parsePort(rest.substring(1));
      } else {
        return false;
      }
    } else {
      int colon = h.lastIndexOf(':');
      if (colon >= 0 && h.indexOf(':') != colon) {
        return false; // an IPv6 literal must be bracketed
      }
      name = colon < 0 ? h : h.substring(0, colon);
      p = colon < 0 ? 80 : parsePort(h.substring(colon + 1));
    }
    if (p != port || name.isEmpty()) {
      return false;
    }
    name = strip(name);
    if (name.equals(boundHost) || name.equals("localhost")) {
      return true;
    }
    if (!isIpLiteral(name)) {
      return false;
    }
    return wildcard || loopbackLiteral(name);
  }

  private static String strip(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1)
        : host;
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }

  private static int parsePort(String s) {
    if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Integer.parseInt(s);
  }

  /** An IPv4 dotted quad or an IPv6 literal, never a name (so no DNS lookup happens). */
  static boolean isIpLiteral(String s) {
    if (s.matches("(\\d{1,3})(\\.\\d{1,3}){3}")) {
      for (String part : s.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return false;
        }
      }
      return true;
    }
    return s.contains(":") && s.matches("[0-9a-f:.]+");
  }

  private static boolean loopbackLiteral(String literal) {
    try {
      return InetAddress.getByName(literal).isLoopbackAddress(); // a literal: no lookup
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
