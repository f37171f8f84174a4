package dev.skillwright.agent;

import dev.skillwright.trajectories.Step;
import java.util.List;

/**
 * A policy that can decide some steps without looking at the page, such as a replay whose next
 * recorded step needs only its locators. For such a step the runner takes no observation (no
 * aria snapshot, no screenshot, nothing written) and passes one that holds only the URL; the
 * final page is always observed, for the evaluator and the viewer.
 */
public interface LooksWhenNeeded {
  /** Whether the next decision, after {@code history}, needs the page as it is now. */
  boolean needsToLook(List<Step> history);
}
