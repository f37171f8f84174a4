package dev.skillwright.trajectories;

import static java.util.Objects.requireNonNull;

/**
 * A request, navigation or popup that the scope guard stopped.
 *
 * @param step the step during which it happened, or -1 before the first step
 * @param kind {@code request}, {@code navigation}, {@code redirect} or {@code popup}
 * @param url where it tried to go
 */
public record ScopeBlock(int step, String kind, String url) {
  public ScopeBlock {
    requireNonNull(kind, "kind");
    requireNonNull(url, "url");
  }
}
