package dev.skillwright.agent;

import dev.skillwright.trajectories.AriaSnapshot;

/**
 * Carries out one goal, one action at a time. A runner is made fresh for each goal (and made
 * again when an action of it fails, to start over from the page as it is now), so what it
 * remembers is its own progress only.
 */
interface GoalRunner {
  /** The next action for the goal on this page, or null when the goal is complete. */
  Decision next(AriaSnapshot page);

  /** A fresh runner for {@code goal} in {@code episode}. */
  static GoalRunner of(Goal goal, Episode episode) {
    if (goal instanceof Goal.Search s) {
      return new Runners.SearchRunner(s, episode);
    } else if (goal instanceof Goal.Open o) {
      return new Runners.OpenRunner(o.name(), episode);
    } else if (goal instanceof Goal.Add a) {
      return new Runners.AddRunner(a, episode);
    } else if (goal instanceof Goal.Ask a) {
      return new Runners.AskRunner(a, episode);
    } else if (goal instanceof Goal.Click c) {
      return new Runners.ClickRunner(c, episode);
    } else if (goal instanceof Goal.Key k) {
      return new Runners.KeyRunner(k, episode);
    } else if (goal instanceof Goal.Fill f) {
      return new Runners.FillRunner(f, episode);
    } else if (goal instanceof Goal.Choose c) {
      return new Runners.ChooseRunner(c, episode);
    } else if (goal instanceof Goal.Check c) {
      return new Runners.CheckRunner(c, episode);
    } else if (goal instanceof Goal.Expand e) {
      return new Runners.ExpandRunner(e, episode);
    } else if (goal instanceof Goal.Close c) {
      return new Runners.CloseRunner(c, episode);
    } else if (goal instanceof Goal.Focus f) {
      return new Runners.FocusRunner(f, episode);
    } else if (goal instanceof Goal.Result r) {
      return new Runners.ResultRunner(r, episode);
    } else if (goal instanceof Goal.Complete c) {
      return new Runners.CompleteRunner(c, episode);
    } else if (goal instanceof Goal.Note) {
      return page -> null;
    }
    throw new IllegalStateException("unknown goal " + goal);
  }
}
