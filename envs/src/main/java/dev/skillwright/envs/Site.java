package dev.skillwright.envs;

import java.util.Map;

/**
 * A bundled, self-hosted website served in-process on 127.0.0.1. Each browser context that visits
 * gets its own visitor state, keyed by the {@link #visitorCookie() visitor cookie}, so every
 * episode starts from the same seed data and parallel episodes do not meet. The ground truth is
 * read from Java only: no URL of the site exposes it. Thread-safe; close it to stop the server.
 */
public interface Site extends AutoCloseable {

  /** The site's name, such as {@code shop}. */
  String name();

  /** {@code v1}, or the name of a drift variant such as {@code v2}. */
  default String variant() {
    return "v1";
  }

  /** The root URL, such as {@code http://127.0.0.1:41234/}. */
  String baseUrl();

  /** The name of the cookie that identifies a visitor. */
  String visitorCookie();

  /**
   * The server-side state of one visitor, for ground-truth checks: for {@code shop}, the keys
   * {@code cart} (product name to quantity) and {@code orders} (a list of orders). An unknown
   * visitor has the seed state.
   */
  Map<String, Object> groundTruth(String visitor);

  /** The visitors seen so far (the values of their visitor cookies), for ground-truth checks. */
  java.util.Set<String> visitors();

  /**
   * The credentials of the site's demo account, as secrets by name (such as
   * {@code forum_password}), for tasks that log in: they reach the browser, never a prompt or a
   * file.
   */
  default Map<String, String> demoSecrets() {
    return Map.of();
  }

  /** Forgets every visitor: the whole site returns to its seed state. */
  void reset();

  @Override
  void close();
}
