package dev.skillwright.agent;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Target;
import java.util.List;

/**
 * What the goal runners of one episode share: the goals (a runner may look at the next one), the
 * waits spent on a page still loading, and the field typed into last (where "press Enter" goes).
 */
final class Episode {
  /**
   * How long the waits for content that loads after the page may take in all: a wait ends once
   * the page has changed, so their number says little.
   */
  static final long MAX_WAIT_MILLIS = 4_000;
  /** How long the waits for a field's suggestions may take, from the first. */
  static final long SUGGESTION_WAIT_MILLIS = 1_200;

  private final List<Goal> goals;
  private int current;
  private long waited;
  private Target lastTyped;
  /** Fields that refused typing (read-only): a date in one is picked from its calendar. */
  private final java.util.Set<String> readOnly = new java.util.HashSet<>();
  private final java.util.Set<String> missedText = new java.util.HashSet<>();

  Episode(List<Goal> goals) {
    this.goals = List.copyOf(goals);
  }

  /** Learns how long the steps so far waited. */
  void history(List<Step> steps) {
    waited = steps.stream().filter(s -> s.action() instanceof Action.Wait)
        .mapToLong(Step::millis).sum();
  }

  /** How long the episode's waits took so far. */
  long waited() {
    return waited;
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

  /** Learns from a failed step: a field that is not editable is marked so. */
  void failed(dev.skillwright.trajectories.Step step) {
    String error = step.error() == null ? "" : step.error().toLowerCase(java.util.Locale.ROOT);
    if (step.action() instanceof Action.Fill f && (error.contains("not editable")
        || error.contains("readonly") || error.contains("read-only")
        || error.contains("timeout"))) {
      readOnly.add(key(f.target()));
    }
    if (step.action() instanceof Action.Click c && "text".equals(c.target().role())) {
      missedText.add(c.target().name());
    }
  }

  /** True when a click on this text failed: it is not in sight as an element of its own. */
  boolean missedText(String text) {
    return missedText.contains(text);
  }

  boolean readOnly(Target field) {
    return readOnly.contains(key(field));
  }

  private static String key(Target t) {
    return t.role() + "|" + t.name() + "|" + (t.name().isEmpty() ? t.ref() : "");
  }

  /**
   * While the page says it is loading something, waits half a second for {@code what}; else gives
   * up with {@code reason}, or returns null when there is none.
   */
  Decision waitOr(AriaSnapshot page, String what, String reason) {
    if (waited < MAX_WAIT_MILLIS && loading(page)) {
      return Decision.of("The page is still loading; I wait for " + what + " to show.",
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
    return Decision.of(reason, new Action.GiveUp(reason));
  }
}
