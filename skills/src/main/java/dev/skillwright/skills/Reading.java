package dev.skillwright.skills;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.AriaSnapshot.Node;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where and how an information skill reads its answer off the page it ends on, so running it
 * again gives the value back. Two forms: the value inside a labelled text ({@code before} and
 * {@code after} around it, "Price: $12.00" read as {@code Price:} then the value), or a text that
 * is the value alone, just after a text that is its label ({@code label}, a table's or a
 * definition list's "Price" before "$12.00"). The value has a {@code shape}: a number's digits
 * may change, its words and signs stay ({@code \$\d[\d.,]*}); a value with no digit may be any
 * text. {@code before}, {@code after} and {@code label} may hold the skill's {@code {param}}
 * placeholders ("{item} costs"). Immutable.
 *
 * @param role the role of the element the value was read from ({@code text} for a text run);
 *     an element of this role is tried first
 * @param label the text just before the value, when the value stood alone; else null
 * @param before the text before the value in the same element, possibly empty
 * @param after the text after it, possibly empty
 * @param shape a regular expression the value matches
 */
public record Reading(String role, String label, String before, String after, String shape) {
  private static final int MAX_LABEL = 60;
  private static final int MAX_VALUE = 200;
  /** How far past its label a value may stand, in elements. */
  private static final int NEAR = 3;

  public Reading {
    role = role == null ? "text" : role;
    before = before == null ? "" : before;
    after = after == null ? "" : after;
    // a shape of another making (a library merged in) could be any regular expression
    shape = shape == null || !shape.equals(ANY) && !SHAPES.matcher(shape).matches() ? ANY : shape;
  }

  /** The shapes {@link #shapeOf} makes: quoted text, numbers and white space. */
  private static final Pattern SHAPES = Pattern.compile(
      "(?:\\\\Q(?:(?!\\\\E).)*\\\\E|\\\\d\\[\\\\d\\.,\\]\\*|\\\\s\\+)+", Pattern.DOTALL);

  private static final String ANY = ".+?";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z][a-z0-9_]*}");

  /**
   * How {@code answer} was read from {@code page}, with the task's values lifted into
   * placeholders by {@code lift}; empty when the page does not show it next to words that could
   * find it again (a bare value with no label, an answer the page does not hold).
   */
  public static Optional<Reading> find(AriaSnapshot page, String answer,
      UnaryOperator<String> lift) {
    Optional<Reading> whole = findValue(page, answer, lift);
    if (whole.isPresent() || answer == null) {
      return whole;
    }
    // an answer in a sentence ("The price is $12.99."): the quoted part, or a number and its
    // signs, as the page shows it
    Matcher m = PART.matcher(answer);
    while (m.find()) {
      String part = m.group(1) != null ? m.group(1) : m.group();
      Optional<Reading> r = findValue(page, part.replaceAll("[.,;:!?]+$", ""), lift);
      if (r.isPresent()) {
        return r;
      }
    }
    return Optional.empty();
  }

  /** The parts of a sentence that may be the value: a quoted text, a number with its signs. */
  private static final Pattern PART = Pattern.compile(
      "\"([^\"]+)\"|[^\\s\\d]?\\d[\\d.,]*(?:\\s?%)?");

  private static Optional<Reading> findValue(AriaSnapshot page, String answer,
      UnaryOperator<String> lift) {
    String value = squash(answer);
    if (value.isEmpty() || value.length() > MAX_VALUE || !value.matches(".*[\\p{L}\\p{N}].*")) {
      return Optional.empty();
    }
    String shape = shapeOf(value);
    List<Node> nodes = page.nodes();
    // the best label first: one ending in a colon, then words of the page's own, then any
    Reading best = null;
    int bestRank = Integer.MAX_VALUE;
    for (Node n : nodes) {
      for (String text : texts(n)) {
        String t = squash(text);
        Matcher found = Pattern.compile(Pattern.quote(value),
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(t);
        if (!found.find() || found.start() == 0 && found.end() == t.length()) {
          continue;
        }
        String before = t.substring(0, found.start());
        String after = t.substring(found.end());
        // a whole word, not a digit inside a longer number or a word inside a longer word
        boolean whole = (before.isEmpty() || !Character.isLetterOrDigit(
            before.charAt(before.length() - 1))) && (after.isEmpty()
            || !Character.isLetterOrDigit(after.charAt(0)));
        String lifted = lift.apply(before.strip()) + " " + lift.apply(after.strip());
        String own = lifted.replaceAll("\\{[a-z][a-z0-9_]*}", "");
        int rank = before.strip().endsWith(":") ? 0 : own.matches(".*\\p{L}.*") ? 1 : 2;
        if (whole && lifted.matches(".*\\p{L}.*") && before.length() <= MAX_LABEL
            && after.length() <= MAX_LABEL && rank < bestRank) {
          best = new Reading(n.role(), null, lift.apply(before.strip()),
              lift.apply(after.strip()), shape);
          bestRank = rank;
        }
      }
    }
    if (best != null) {
      return Optional.of(best);
    }
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      if (texts(n).stream().noneMatch(t -> fold(t).equals(fold(value)))) {
        continue;
      }
      Optional<String> label = labelBefore(page, i);
      if (label.isPresent()) {
        return Optional.of(new Reading(n.role(), lift.apply(label.get()), "", "", shape));
      }
    }
    return Optional.empty();
  }

  /** The reading with {@code fill} applied to its texts (a skill's arguments bound). */
  public Reading bind(UnaryOperator<String> fill) {
    return new Reading(role, label == null ? null : fill.apply(label), fill.apply(before),
        fill.apply(after), shape);
  }

  /** The value {@code page} shows where this reading looks; empty when it shows none. */
  public Optional<String> read(AriaSnapshot page) {
    List<Node> nodes = page.nodes();
    if (label == null) {
      Pattern p = Pattern.compile("(?iu)^" + literal(before) + "\\s*(" + shape + ")\\s*"
          + literal(after) + "$");
      Optional<String> mine = match(nodes, p, true);
      return mine.isPresent() ? mine : match(nodes, p, false);
    }
    Pattern value = Pattern.compile("(?u)^(" + shape + ")$");
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      if (texts(n).stream().noneMatch(t -> fold(bare(t)).equals(fold(label)))) {
        continue;
      }
      for (int j = i + 1; j < Math.min(nodes.size(), i + 1 + NEAR); j++) {
        for (String t : texts(nodes.get(j))) {
          Matcher m = value.matcher(squash(t));
          if (!fold(bare(t)).equals(fold(label)) && m.matches()) {
            return Optional.of(m.group(1).strip());
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * One regular expression over the page's visible text (lines of it) that finds the value in
   * its group 1: what a program outside Skillwright runs on {@code innerText}.
   */
  @JsonIgnore
  public String textPattern() {
    String value = shape.equals(ANY) ? "[^\\n]+?" : shape;
    if (label != null) {
      return "(?im)^\\s*" + literal(label, true) + ":?\\s*$\\s*(" + value + ")\\s*$";
    }
    return "(?im)" + literal(before, true) + "[ \\t]*(" + value + ")[ \\t]*"
        + literal(after, true)
        + (after.isEmpty() ? "[ \\t]*$" : "");
  }

  /** What it reads, in words: "the value after \"Price:\"". */
  public String describe() {
    if (label != null) {
      return "the value under \"" + label + "\"";
    }
    if (!before.isEmpty()) {
      return "the value after \"" + before + "\"" + (after.isEmpty() ? ""
          : " and before \"" + after + "\"");
    }
    return "the value before \"" + after + "\"";
  }

  private Optional<String> match(List<Node> nodes, Pattern p, boolean sameRole) {
    for (Node n : nodes) {
      if (sameRole != n.role().equals(role)) {
        continue;
      }
      for (String t : texts(n)) {
        Matcher m = p.matcher(squash(t));
        if (m.matches()) {
          return Optional.of(m.group(1).strip());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The nearest text before node {@code i} (at most {@value #NEAR} elements back) that can label
   * it: short, with a letter, not a value of the same kind.
   */
  private static Optional<String> labelBefore(AriaSnapshot page, int i) {
    List<Node> nodes = page.nodes();
    for (int j = i - 1; j >= Math.max(0, i - NEAR); j--) {
      Node n = nodes.get(j);
      for (String t : texts(n)) {
        String s = bare(t);
        if (!s.isEmpty() && s.length() <= MAX_LABEL && s.matches(".*\\p{L}.*")
            && !page.descendants(n).contains(nodes.get(i))) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }

  private static List<String> texts(Node n) {
    return n.value() == null || n.value().isBlank() ? List.of(n.name())
        : n.name().isEmpty() ? List.of(n.value()) : List.of(n.name(), n.value());
  }

  /**
   * The value's shape: when it has a digit, its numbers may be any numbers and its other
   * characters stay ("4.5 out of 5" reads "3 out of 5" too); with none, any text.
   */
  public static String shapeOf(String value) {
    if (!value.matches(".*\\d.*")) {
      return ANY;
    }
    StringBuilder sb = new StringBuilder();
    Matcher m = Pattern.compile("\\d[\\d.,]*(?<=\\d)|\\s+").matcher(value);
    int last = 0;
    while (m.find()) {
      if (m.start() > last) {
        sb.append(Pattern.quote(value.substring(last, m.start())));
      }
      sb.append(Character.isWhitespace(m.group().charAt(0)) ? "\\s+" : "\\d[\\d.,]*");
      last = m.end();
    }
    if (last < value.length()) {
      sb.append(Pattern.quote(value.substring(last)));
    }
    return sb.toString();
  }

  /** A text as a pattern that matches it with any white space between its words. */
  private static String literal(String text) {
    return literal(text, false);
  }

  /**
   * As {@link #literal(String)}; with {@code placeholders}, each {@code {param}} stays as it is,
   * for a program to fill in with its argument quoted.
   */
  private static String literal(String text, boolean placeholders) {
    String s = squash(text);
    if (s.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String word : s.split(" ")) {
      sb.append(sb.length() == 0 ? "" : "\\s+");
      // a placeholder stays as it is, for the caller to fill in quoted
      Matcher m = PLACEHOLDER.matcher(placeholders ? word : "");
      int last = 0;
      while (m.find()) {
        if (m.start() > last) {
          sb.append(Pattern.quote(word.substring(last, m.start())));
        }
        sb.append(m.group());
        last = m.end();
      }
      if (last < word.length()) {
        sb.append(Pattern.quote(word.substring(last)));
      }
    }
    return sb.toString();
  }

  /** A label's text without the colon and spaces after it. */
  private static String bare(String s) {
    return squash(s).replaceAll("[:\\s]+$", "");
  }

  private static String squash(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").strip();
  }
}
