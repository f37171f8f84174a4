package dev.skillwright.envs;

import dev.skillwright.trajectories.BadInputException;
import java.util.List;

/** The bundled sites, by name. */
public final class Sites {
  private static final List<String> NAMES = List.of("shop", "forum", "wiki", "tracker");

  private Sites() {}

  public static List<String> names() {
    return NAMES;
  }

  /**
   * The benchmark suite of a bundled site, with ground-truth checks.
   *
   * @throws BadInputException for a name that is not a bundled site
   */
  public static List<BenchTask> suite(String name) {
    return switch (name) {
      case "shop" -> ShopSuite.tasks();
      case "forum" -> ForumSuite.tasks();
      case "wiki" -> WikiSuite.tasks();
      case "tracker" -> TrackerSuite.tasks();
      default -> throw new BadInputException(
          "unknown env '" + name + "': the bundled sites are " + String.join(", ", NAMES));
    };
  }

  /**
   * The shop's prices as its product pages show them ({@code "$12.99"}), by product name: the
   * ground truth an information skill's answer is checked against.
   */
  public static java.util.Map<String, String> shopPrices() {
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    ShopCatalog.PRODUCTS.forEach(p -> out.put(p.name(), p.price()));
    return out;
  }

  /**
   * Starts the named site on 127.0.0.1 on a free port.
   *
   * @throws BadInputException for a name that is not a bundled site
   */
  public static Site start(String name) {
    return start(name, "v1");
  }

  /**
   * Starts a variant of the named site: {@code v1}, or {@code v2} of {@code shop}, whose ids,
   * classes, label case, button placement and nesting drifted, to test replay and healing.
   *
   * @throws BadInputException for an unknown site or variant
   */
  public static Site start(String name, String variant) {
    return start(name, variant, 0);
  }

  /**
   * As {@link #start(String, String)}, on {@code port} of 127.0.0.1 (0 for a free one).
   *
   * @throws BadInputException also for a port in use
   */
  public static Site start(String name, String variant, int port) {
    if (!NAMES.contains(name)) {
      throw new BadInputException(
          "unknown env '" + name + "': the bundled sites are " + String.join(", ", NAMES));
    }
    if (name.equals("shop") && variant.equals("v2")) {
      return ShopSite.start(port, true);
    }
    if (!variant.equals("v1")) {
      throw new BadInputException("unknown variant '" + variant + "' of " + name
          + (name.equals("shop") ? ": it has v1 and v2" : ": it has v1 only"));
    }
    return switch (name) {
      case "forum" -> ForumSite.start(port);
      case "wiki" -> WikiSite.start(port);
      case "tracker" -> TrackerSite.start(port);
      default -> ShopSite.start(port, false);
    };
  }
}
