package dev.skillwright.trajectories;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The element an action acts on. A policy names it by its snapshot {@code ref} (valid only on the
 * page it was read from) together with its role and accessible name; when the action runs, the
 * browser adds the {@link LocatorCandidate durable locators} that find it again on replay.
 *
 * @param ref the aria snapshot ref, such as {@code e12}; null when the target was found otherwise
 * @param role the ARIA role, such as {@code button}
 * @param name the accessible name, possibly empty
 * @param locators durable locators, in the order they are tried on replay
 */
public record Target(String ref, String role, String name, List<LocatorCandidate> locators) {
  public Target {
    requireNonNull(role, "role");
    name = name == null ? "" : name;
    locators = locators == null ? List.of() : List.copyOf(locators);
  }

  public static Target of(String ref, String role, String name) {
    return new Target(ref, role, name, List.of());
  }

  public Target withLocators(List<LocatorCandidate> found) {
    return new Target(ref, role, name, found);
  }

  /** A short human description: {@code button "Add to cart"}. */
  public String describe() {
    return name.isEmpty() ? role : role + " \"" + name + "\"";
  }
}
