package dev.skillwright.trajectories;

import static java.util.Objects.requireNonNull;

/**
 * What the agent sees at one moment: the page's URL and title, its AI-mode aria snapshot, and a
 * screenshot. Held in memory; the store writes the snapshot and screenshot beside the trajectory.
 */
public record Observation(String url, String title, String ariaSnapshot, byte[] screenshot) {
  public Observation {
    requireNonNull(url, "url");
    title = title == null ? "" : title;
    ariaSnapshot = ariaSnapshot == null ? "" : ariaSnapshot;
    screenshot = screenshot == null ? new byte[0] : screenshot;
  }

  /** This observation with {@code picture} as its screenshot. */
  public Observation withScreenshot(byte[] picture) {
    return new Observation(url, title, ariaSnapshot, picture);
  }

  /** The snapshot parsed into nodes. */
  public AriaSnapshot snapshot() {
    return AriaSnapshot.parse(ariaSnapshot);
  }
}
