package dev.skillwright.agent;

import dev.skillwright.trajectories.Step;
import java.util.List;

/**
 * A policy that says what of the page its next decision needs, so the runner takes only that: a
 * replay whose next recorded step needs only its locators looks at nothing, the offline agent
 * reads the aria snapshot and never a picture, a vision model sees both. A policy that does not
 * say is shown everything. The final page is always observed whole (snapshot and screenshot), for
 * the evaluator and the viewer.
 */
public interface Looks {
  /** What of the page a policy looks at before a decision. */
  enum Look {
    /** Nothing: the observation holds only the URL, and nothing is written. */
    NOTHING,
    /** The aria snapshot (and title), no screenshot. */
    TEXT,
    /** The aria snapshot and a screenshot. */
    PICTURE;

    /** The more of this and {@code other}. */
    Look and(Look other) {
      return compareTo(other) >= 0 ? this : other;
    }
  }

  /** What the next decision, after {@code history}, needs of the page as it is now. */
  Look look(List<Step> history);

  /** What {@code policy} looks at next: everything when it does not say. */
  static Look of(Policy policy, List<Step> history) {
    return policy instanceof Looks l ? l.look(history) : Look.PICTURE;
  }
}
