package dev.skillwright.browser;

import dev.skillwright.trajectories.BadInputException;
import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The origins an episode may reach. Only {@code http} and {@code https} URLs on an allowed origin
 * (scheme, host and port) are in scope, plus {@code about:blank}. Immutable.
 */
public final class Scope {
  private final Set<String> origins;

  private Scope(Set<String> origins) {
    this.origins = Set.copyOf(origins);
  }

  /** The scope of one site: the origin of {@code url}. */
  public static Scope ofUrl(String url) {
    return of(Set.of(url));
  }

  /**
   * A scope made of the origins of the given URLs.
   *
   * @throws BadInputException if one is not an absolute http or https URL
   */
  public static Scope of(Collection<String> urls) {
    Set<String> out = new TreeSet<>();
    for (String u : urls) {
      String origin = originOf(u);
      if (origin == null) {
        throw new BadInputException("not an http or https URL: " + u);
      }
      out.add(origin);
    }
    return new Scope(out);
  }

  public Set<String> origins() {
    return origins;
  }

  public boolean allows(String url) {
    if ("about:blank".equals(url)) {
      return true;
    }
    String origin = originOf(url);
    return origin != null && origins.contains(origin);
  }

  /**
   * Whether a tunnel to {@code host:port} reaches an allowed origin (a WebSocket or TLS
   * connection through the proxy names only these two).
   */
  public boolean allowsAuthority(String host, int port) {
    String h = host.toLowerCase(Locale.ROOT);
    return origins.contains("http://" + h + ":" + port)
        || origins.contains("https://" + h + ":" + port);
  }

  /** {@code scheme://host:port} with the default port made explicit, or null. */
  static String originOf(String url) {
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
      if (!"http".equals(scheme) && !"https".equals(scheme) || u.getHost() == null) {
        return null;
      }
      int port = u.getPort() != -1 ? u.getPort() : scheme.equals("http") ? 80 : 443;
      return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    } catch (Exception e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return String.join(", ", origins);
  }
}
