package dev.skillwright.agent;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Target;
import java.util.List;

/**
 * What the goal runners of one episode share: the goals (a runner may look at the next one), the
 * waits spent on a page still loading, and the field typed into last (where "press Enter" goes).
 */
final class Episode {
  /** Waits for content that loads after the page, in all: 8 of half a second. */
  static final int MAX_WAITS = 8;

  private final List<Goal> goals;
  private int current;
  private int waits;
  private Target lastTyped;

  Episode(List<Goal> goals) {
    this.goals = List.copyOf(goals);
  }

  void at(int index) {
    current = index;
  }

  /** The goal after the current one, or null. */
  Goal following() {
    return current + 1 < goals.size() ? goals.get(current + 1) : null;
  }

  Target lastTyped() {
    return lastTyped;
  }

  void typed(Target field) {
    lastTyped = field;
  }

  /**
   * While the page says it is loading something, waits half a second for {@code what}; else gives
   * up with {@code reason}, or returns null when there is none.
   */
  Decision waitOr(AriaSnapshot page, String what, String reason) {
    if (waits < MAX_WAITS && loading(page)) {
      waits++;
      return new Decision("The page is still loading; I wait for " + what + " to show.",
          new Action.Wait(500));
    }
    return reason == null ? null : giveUp(reason);
  }

  /** True when a node says the page is loading ("Loading comments…"). */
  static boolean loading(AriaSnapshot page) {
    return page.nodes().stream().anyMatch(n -> fold(n.name()).startsWith("loading")
        || n.value() != null && fold(n.value()).startsWith("loading"));
  }

  static Decision giveUp(String reason) {
    return new Decision(reason, new Action.GiveUp(reason));
  }
}
