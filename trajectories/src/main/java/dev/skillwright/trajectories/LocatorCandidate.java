package dev.skillwright.trajectories;

import static java.util.Objects.requireNonNull;

/**
 * One way to find an element again after its snapshot ref has died, modelled on Playwright's
 * recommended locators. For {@link Strategy#ROLE}, {@code value} is the role and {@code name} the
 * accessible name; for the others {@code name} is null.
 */
public record LocatorCandidate(Strategy strategy, String value, String name) {
  public enum Strategy {
    ROLE,
    LABEL,
    PLACEHOLDER,
    TEXT,
    TEST_ID,
    CSS
  }

  public LocatorCandidate {
    requireNonNull(strategy, "strategy");
    requireNonNull(value, "value");
  }

  public static LocatorCandidate of(Strategy strategy, String value) {
    return new LocatorCandidate(strategy, value, null);
  }

  public static LocatorCandidate role(String role, String name) {
    return new LocatorCandidate(Strategy.ROLE, role, name);
  }
}
