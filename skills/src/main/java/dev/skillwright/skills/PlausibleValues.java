package dev.skillwright.skills;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Made-up values a person might type into a field, by the field's kind (an e-mail address, a
 * name, a search word, a to-do): exploration types them, and verification types another of the
 * same kind, so a skill learned with one value is tried with a new one.
 */
public final class PlausibleValues {
  private PlausibleValues() {}

  private static final List<String> TEXT = List.of("Buy oat milk", "Call the plumber",
      "Water the plants", "Book a dentist visit", "Return the library books",
      "Plan the team lunch", "Renew the passport", "Fix the garden gate");
  private static final List<String> NAME = List.of("Ada Lovelace", "Grace Hopper",
      "Alan Turing", "Katherine Johnson", "Barbara Liskov");
  private static final List<String> EMAIL = List.of("ada@example.com", "grace@example.com",
      "alan@example.com", "katherine@example.com");
  private static final List<String> PHONE = List.of("555-0100", "555-0142", "555-0199");
  private static final List<String> NUMBER = List.of("3", "7", "12", "5");
  private static final List<String> DATE = List.of("2026-12-01", "2027-01-15", "2027-03-09");
  private static final List<String> SEARCH = List.of("garden", "blue", "report", "music",
      "travel");
  private static final List<String> TITLE = List.of("Weekly plan", "Trip ideas",
      "Reading list", "Meeting notes", "Gift ideas");
  private static final List<String> CITY = List.of("Springfield", "Riverton", "Lakeside");
  private static final List<String> ADDRESS = List.of("12 Analytical Row", "7 Harbor Lane",
      "3 Bletchley Road");
  private static final List<String> URL = List.of("https://example.com/a",
      "https://example.com/b");

  /** The kind of a field from its name, label or placeholder and its input type. */
  public static String kind(String label, String inputType) {
    String l = fold(label) + " " + fold(inputType);
    if (l.contains("mail")) {
      return "email";
    } else if (l.contains("search") || l.contains("filter") || l.contains("find")
        || l.contains("query")) {
      return "query";
    } else if (l.contains("phone") || l.contains(" tel")) {
      return "phone";
    } else if (l.contains("date") || l.contains("birthday") || l.contains("due")) {
      return "date";
    } else if (l.contains("number") || l.contains("quantity") || l.contains("amount")
        || l.contains("age") && !l.contains("message") || l.contains("count")) {
      return "number";
    } else if (l.contains("url") || l.contains("website") || l.contains("link")) {
      return "url";
    } else if (l.contains("city") || l.contains("town")) {
      return "city";
    } else if (l.contains("address") || l.contains("street")) {
      return "address";
    } else if (l.contains("name") || l.contains("author") || l.contains("user")) {
      return "name";
    } else if (l.contains("title") || l.contains("subject") || l.contains("heading")) {
      return "title";
    }
    return "text";
  }

  /** The kind a value itself shows, for a parameter whose field is not known. */
  public static String kindOf(String value) {
    if (value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      return "email";
    } else if (value.matches("\\d{4}-\\d\\d-\\d\\d")) {
      return "date";
    } else if (value.matches("-?\\d+")) {
      return "number";
    } else if (value.matches("\\d{3}-\\d{4}")) {
      return "phone";
    } else if (value.startsWith("http")) {
      return "url";
    }
    for (String k : List.of("name", "title", "query", "city", "address")) {
      if (pool(k).contains(value)) {
        return k;
      }
    }
    return "text";
  }

  /** The {@code n}th value of a kind (cycling). */
  public static String pick(String kind, int n) {
    List<String> pool = pool(kind);
    return pool.get(Math.floorMod(n, pool.size()));
  }

  /** A value of the kind that is none of {@code taken} (compared case-folded). */
  public static String another(String kind, Collection<String> taken) {
    for (String v : pool(kind)) {
      if (taken.stream().noneMatch(t -> fold(t).equals(fold(v)))) {
        return v;
      }
    }
    return pool(kind).get(0) + " 2";
  }

  static List<String> pool(String kind) {
    return switch (kind.toLowerCase(Locale.ROOT)) {
      case "email" -> EMAIL;
      case "name" -> NAME;
      case "phone" -> PHONE;
      case "number" -> NUMBER;
      case "date" -> DATE;
      case "query" -> SEARCH;
      case "title" -> TITLE;
      case "city" -> CITY;
      case "address" -> ADDRESS;
      case "url" -> URL;
      default -> TEXT;
    };
  }
}
