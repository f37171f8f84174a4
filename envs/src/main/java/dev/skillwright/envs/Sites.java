package dev.skillwright.envs;

import dev.skillwright.trajectories.BadInputException;
import java.util.List;

/** The bundled sites, by name. */
public final class Sites {
  private static final List<String> NAMES = List.of("shop");

  private Sites() {}

  public static List<String> names() {
    return NAMES;
  }

  /**
   * Starts the named site on 127.0.0.1 on a free port.
   *
   * @throws BadInputException for a name that is not a bundled site
   */
  public static Site start(String name) {
    return switch (name) {
      case "shop" -> ShopSite.start(0);
      default -> throw new BadInputException(
          "unknown env '" + name + "': the bundled sites are " + String.join(", ", NAMES));
    };
  }
}
