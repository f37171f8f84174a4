package dev.skillwright.agent;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot.Node;
import dev.skillwright.trajectories.AriaSnapshot;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks a date in a calendar that a read-only date field opens: it opens the calendar, reads the
 * month it shows ("December 2016"), steps with its previous and next controls to the wanted
 * month, and clicks the day.
 */
final class DatePicker {
  private static final List<String> MONTHS = List.of("january", "february", "march", "april",
      "may", "june", "july", "august", "september", "october", "november", "december");
  private static final Pattern SHOWN = Pattern.compile("(?i)\\b(january|february|march|april|may"
      + "|june|july|august|september|october|november|december)\\s+(\\d{4})\\b");
  private static final int MAX_STEPS = 36;

  private final Node field;
  private final int[] want;
  private boolean opened;
  private int steps;

  DatePicker(Node field, int[] want) {
    this.field = field;
    this.want = want;
  }

  /** Month, day, year of a date written MM/DD/YYYY or YYYY-MM-DD, or null. */
  static int[] date(String value) {
    Matcher us = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})").matcher(value.strip());
    if (us.matches()) {
      return new int[] {Integer.parseInt(us.group(1)), Integer.parseInt(us.group(2)),
          Integer.parseInt(us.group(3))};
    }
    Matcher iso = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})").matcher(value.strip());
    return iso.matches() ? new int[] {Integer.parseInt(iso.group(2)),
        Integer.parseInt(iso.group(3)), Integer.parseInt(iso.group(1))} : null;
  }

  /** The next action, or null once the day is clicked. */
  Decision next(AriaSnapshot page) {
    if (want[0] == 0) {
      return null;
    }
    if (steps++ > MAX_STEPS) {
      return Episode.giveUp("I could not reach " + MONTHS.get(want[0] - 1) + " " + want[2]
          + " in the calendar.");
    }
    Optional<Node> shown = page.nodes().stream().filter(n -> n.index() > field.index()
        && SHOWN.matcher(text(n)).find()).findFirst();
    if (shown.isEmpty()) {
      if (opened) {
        return Episode.giveUp("The date field opens no calendar I can read.");
      }
      opened = true;
      return Decision.of("The date field takes no typing; I open its calendar.",
          new Action.Click(Grounding.target(field)));
    }
    Matcher m = SHOWN.matcher(text(shown.get()));
    m.find();
    int month = MONTHS.indexOf(m.group(1).toLowerCase(Locale.ROOT)) + 1;
    int year = Integer.parseInt(m.group(2));
    int diff = (want[2] - year) * 12 + want[0] - month;
    List<Node> after = page.nodes().stream().filter(n -> n.ref() != null
        && (n.is("link") || n.is("button") || n.is("gridcell") || n.is("cell"))).toList();
    if (diff != 0) {
      String pattern = diff < 0 ? "prev(ious)?( month)?|‹|«|<|←" : "next( month)?|›|»|>|→";
      Optional<Node> step = after.stream().filter(n -> fold(n.name()).matches(pattern))
          .findFirst();
      if (step.isEmpty()) {
        return Episode.giveUp("The calendar has no control to go to "
            + (diff < 0 ? "an earlier" : "a later") + " month.");
      }
      return Decision.of("The calendar shows " + m.group(1) + " " + year + "; I go "
          + (diff < 0 ? "back" : "on") + " a month.", new Action.Click(
              Grounding.target(step.get())));
    }
    String day = String.valueOf(want[1]);
    Optional<Node> cell = after.stream().filter(n -> n.index() > shown.get().index()
        && n.name().strip().equals(day)).findFirst();
    if (cell.isEmpty()) {
      return Episode.giveUp("The calendar for " + m.group(1) + " " + year + " has no day "
          + day + ".");
    }
    want[0] = 0;
    return Decision.of("I click day " + day + " of " + m.group(1) + " " + year + ".",
        new Action.Click(Grounding.target(cell.get())));
  }

  private static String text(Node n) {
    return n.name() + " " + (n.value() == null ? "" : n.value());
  }
}
