package dev.skillwright.browser;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts a value typed as a person writes it into the form a date or time input takes: Chromium's
 * {@code <input type=date>} accepts only {@code 2014-04-19}, and a task says "04/19/2014".
 * Other values, and values already in that form, pass unchanged.
 */
final class InputValues {
  private static final Pattern US_DATE = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})");
  private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})[/.-](\\d{1,2})[/.-](\\d{1,2})");
  private static final Pattern TIME = Pattern.compile(
      "(?i)(\\d{1,2})(?::(\\d{2}))?(?::(\\d{2}))?\\s*([ap])\\.?m?\\.?");

  private InputValues() {}

  /** The value for an input of HTML type {@code type} (empty for other elements). */
  static String forType(String type, String value) {
    String v = value.strip();
    switch (type.toLowerCase(Locale.ROOT)) {
      case "date" -> {
        return date(v);
      }
      case "time" -> {
        return time(v);
      }
      case "datetime-local" -> {
        String[] parts = v.split("[ T,]+", 2);
        return parts.length == 2 ? date(parts[0]) + "T" + time(parts[1]) : value;
      }
      case "month" -> {
        Matcher m = Pattern.compile("(\\d{1,2})[/.-](\\d{4})").matcher(v);
        return m.matches() ? m.group(2) + "-" + two(m.group(1)) : value;
      }
      default -> {
        return value;
      }
    }
  }

  private static String date(String v) {
    Matcher us = US_DATE.matcher(v);
    if (us.matches()) {
      // month first, as in the US and in most instructions; a first number over 12 is the day
      int a = Integer.parseInt(us.group(1));
      String month = a > 12 ? us.group(2) : us.group(1);
      String day = a > 12 ? us.group(1) : us.group(2);
      return us.group(3) + "-" + two(month) + "-" + two(day);
    }
    Matcher iso = ISO_DATE.matcher(v);
    return iso.matches() ? iso.group(1) + "-" + two(iso.group(2)) + "-" + two(iso.group(3)) : v;
  }

  private static String time(String v) {
    Matcher m = TIME.matcher(v);
    if (!m.matches()) {
      return v;
    }
    int h = Integer.parseInt(m.group(1)) % 12 + (m.group(4).equalsIgnoreCase("p") ? 12 : 0);
    String min = m.group(2) == null ? "00" : m.group(2);
    return two(String.valueOf(h)) + ":" + min + (m.group(3) == null ? "" : ":" + m.group(3));
  }

  private static String two(String n) {
    return n.length() == 1 ? "0" + n : n;
  }
}
