package dev.skillwright.skills;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.LocatorCandidate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What running a skill does to the site: it only reads (navigates, opens, filters, searches), it
 * writes (adds, saves, toggles, submits typed text), or it is destructive (deletes, clears, logs
 * out, pays, unsubscribes). Judged from the steps' element names and locators, so an old skill
 * without a stored label gets one too.
 */
public enum SideEffect {
  READS,
  WRITES,
  DESTRUCTIVE;

  /** Words of actions that lose data, money or the session; matched as whole words. */
  private static final Pattern DESTRUCTIVE_WORDS = Pattern.compile(
      "(?i)(?<![a-z])(delete|deletes|remove|removes|destroy|clear|clear completed|erase|wipe|"
          + "trash|discard|purge|drop|reset|log ?out|sign ?out|logout|signout|pay|pay now|"
          + "purchase|buy now|place order|checkout|check out|unsubscribe|deactivate|"
          + "close account|revoke|archive all|empty)(?![a-z])");
  private static final Pattern WRITE_WORDS = Pattern.compile(
      "(?i)(?<![a-z])(add|save|submit|create|new|post|send|update|edit|apply|confirm|publish|"
          + "upload|register|sign ?up|join|vote|like|follow|subscribe|rename|mark|done|"
          + "complete|toggle|enable|disable|book|reserve|order)(?![a-z])");
  private static final Pattern READ_FIELDS = Pattern.compile(
      "(?i)(?<![a-z])(search|find|filter|query|look ?up)(?![a-z])");

  /** Whether a control's name, title, class or id says it destroys something. */
  public static boolean looksDestructive(String text) {
    return text != null && DESTRUCTIVE_WORDS.matcher(text.replace('-', ' ').replace('_', ' '))
        .find();
  }

  /** The label of a skill with these steps. */
  public static SideEffect of(List<Action> steps) {
    SideEffect worst = READS;
    for (int i = 0; i < steps.size(); i++) {
      Action a = steps.get(i);
      String words = words(a);
      if (looksDestructive(words)) {
        return DESTRUCTIVE;
      }
      boolean writes = a instanceof Action.Check
          || a instanceof Action.Click && WRITE_WORDS.matcher(words).find()
          || a instanceof Action.Fill && !READ_FIELDS.matcher(words).find()
              && !"searchbox".equals(a.target().role()) && submitted(steps, i);
      if (writes) {
        worst = WRITES;
      }
    }
    return worst;
  }

  /** A typed value that is sent on: Enter, or a button clicked after it. */
  private static boolean submitted(List<Action> steps, int fill) {
    for (int j = fill + 1; j < steps.size(); j++) {
      Action next = steps.get(j);
      if (next instanceof Action.Press p && fold(p.key()).equals("enter")
          || next instanceof Action.Click) {
        return true;
      }
    }
    return false;
  }

  private static String words(Action a) {
    if (a.target() == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder(a.target().name());
    for (LocatorCandidate c : a.target().locators()) {
      // a CSS path's classes and ids (".destroy") count; positions and tags do not matter
      sb.append(' ').append(c.value() == null ? "" : c.value());
      if (c.name() != null) {
        sb.append(' ').append(c.name());
      }
    }
    return sb.toString();
  }
}
