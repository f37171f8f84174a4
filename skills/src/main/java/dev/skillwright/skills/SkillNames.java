package dev.skillwright.skills;

import dev.skillwright.trajectories.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Skill names that read like functions: a verb and its object in {@code snake_case}, from the
 * skill's description, its values left to the parameters. "Add {item} to the cart" is
 * {@code add_to_cart}, "What is the price of {item}" {@code get_price}, "Open the {category}
 * category" {@code open_category}, "Search for {query}" in a box named "Search products"
 * {@code search_products}; a second clause joins with {@code then}. A name depends only on the
 * description and the steps, so the same skill found on two machines has the same name and
 * merges. Stateless.
 */
public final class SkillNames {
  private static final int MAX = 48;
  private static final int OBJECT_WORDS = 3;
  private static final Pattern TOKEN = Pattern.compile("\\{([a-z][a-z0-9_]*)}|[\\p{L}\\p{N}']+"
      + "|[,;]");
  private static final Set<String> QUESTIONS = Set.of("what", "what's", "whats", "which", "who",
      "whom", "whose", "how", "when", "where", "tell", "report", "is", "are", "does", "do");
  /** Verbs that mean going to a page. */
  private static final Set<String> GOING = Set.of("go", "navigate", "visit", "browse", "view",
      "show", "jump", "head");
  private static final Set<String> PARTICLES = Set.of("in", "out", "up", "off", "on", "down");
  /** Prepositions kept before the object when they follow a value: add {item} to the cart. */
  private static final Set<String> KEPT = Set.of("to", "from", "into", "onto", "out");
  private static final Set<String> STOP = Set.of("a", "an", "the", "of", "for", "in", "on", "at",
      "to", "by", "with", "from", "into", "onto", "and", "or", "is", "are", "was", "were", "be",
      "does", "do", "did", "has", "have", "me", "my", "it", "its", "this", "that", "these",
      "those", "there", "many", "much", "please", "s", "as", "then", "your", "you", "i", "all",
      "page", "item", "items", "out", "up", "about", "under", "over", "same", "new", "one",
      "which", "what", "who", "how", "when", "where");

  private SkillNames() {}

  /** The name of a skill described by {@code description} (with placeholders) doing {@code steps}. */
  public static String of(String description, List<Action> steps) {
    List<List<String>> clauses = clauses(description);
    List<String> parts = new ArrayList<>();
    for (List<String> clause : clauses) {
      String part = clause(clause, steps);
      if (!part.isEmpty() && !parts.contains(part)) {
        parts.add(part);
      }
      if (parts.size() == 2) {
        break;
      }
    }
    // only letters, digits and single underscores, whatever a placeholder or word held
    String name = String.join("_then_", parts).replaceAll("[^a-z0-9_]", "")
        .replaceAll("_+", "_").replaceAll("(^_|_$)", "");
    if (name.isEmpty()) {
      return "skill";
    }
    if (name.length() > MAX) {
      name = name.substring(0, MAX).replaceAll("_[^_]*$", "");
    }
    return Character.isDigit(name.charAt(0)) ? "do_" + name : name;
  }

  /** Whether {@code name} is already of this kind: lower-case words joined by underscores. */
  public static boolean isApiName(String name) {
    return name.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  }

  /** The clauses of a description, each its words (lower case) and {@code {placeholders}}. */
  private static List<List<String>> clauses(String description) {
    List<List<String>> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    Matcher m = TOKEN.matcher(description);
    while (m.find()) {
      String t = m.group(1) != null ? "{" + m.group(1) + "}"
          : m.group().toLowerCase(Locale.ROOT);
      if (t.equals(",") || t.equals(";") || t.equals("then")) {
        if (!current.isEmpty()) {
          out.add(current);
        }
        current = new ArrayList<>();
      } else if (!(current.isEmpty() && t.equals("and"))) {
        current.add(t);
      }
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  /** One clause as verb and object: {@code add_to_cart}. */
  private static String clause(List<String> words, List<Action> steps) {
    boolean question = QUESTIONS.contains(words.get(0)) && !words.get(0).startsWith("{");
    String verb = question ? "get" : GOING.contains(words.get(0)) ? "open" : words.get(0);
    int from = 1;
    if (!question && from < words.size() && PARTICLES.contains(words.get(from))
        && !GOING.contains(words.get(0))) {
      verb = verb + "_" + words.get(from);
      from++;
    }
    List<String> object = new ArrayList<>();
    boolean afterValue = false;
    String preposition = null;
    for (int i = from; i < words.size() && object.size() < OBJECT_WORDS; i++) {
      String w = words.get(i);
      if (w.startsWith("{")) {
        afterValue = true;
        preposition = null;
      } else if (KEPT.contains(w) && afterValue && object.isEmpty()) {
        preposition = w;
      } else if (!STOP.contains(w) && !(question && w.equals("me")) && ascii(w)
          && !w.equals(verb)) {
        if (preposition != null) {
          object.add(preposition);
          preposition = null;
        }
        object.add(w.replace("'", ""));
      }
    }
    if (object.isEmpty() && !verb.contains("_")) {
      object.addAll(boxNamed(verb, steps));
    }
    if (object.isEmpty() && !verb.contains("_")) {
      words.stream().filter(w -> w.startsWith("{")).limit(1)
          .forEach(w -> object.add(w.substring(1, w.length() - 1)));
    }
    if (!ascii(verb)) {
      return String.join("_", object);
    }
    return object.isEmpty() ? verb : verb + "_" + String.join("_", object);
  }

  /**
   * The words of the field a value is typed into when its name starts with the verb: "Search
   * products" for a search.
   */
  private static List<String> boxNamed(String verb, List<Action> steps) {
    for (Action a : steps) {
      if (a instanceof Action.Fill f && f.target() != null && f.target().name() != null) {
        List<String> w = new ArrayList<>();
        for (String t : f.target().name().toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
          if (!t.isEmpty() && !STOP.contains(t) && !t.contains("{")) {
            w.add(t);
          }
        }
        if (!w.isEmpty() && w.get(0).equals(verb)) {
          return w.subList(1, Math.min(w.size(), 1 + OBJECT_WORDS));
        }
      }
    }
    return List.of();
  }

  private static boolean ascii(String w) {
    return w.matches("[a-z0-9_']+");
  }
}
