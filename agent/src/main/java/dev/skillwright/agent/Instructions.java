package dev.skillwright.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an instruction such as {@code Search for "mug", then open "Blue Ceramic Mug".} into goals.
 * Values are the quoted parts; clauses are split at commas, semicolons and full stops outside
 * quotes, and a leading "then" or "and" is dropped. Only the text is read.
 */
final class Instructions {
  private static final String Q = "\"([^\"]*)\"";
  private static final List<Rule> RULES = List.of(
      rule("(?:what is|what's|find|tell me|report) the (.+?) of " + Q + "\\??",
          m -> new Goal.Ask(m.group(1), m.group(2))),
      rule("(?:search|look|hunt) for " + Q, m -> new Goal.Search(m.group(1))),
      rule("search " + Q, m -> new Goal.Search(m.group(1))),
      rule("add " + Q + " to (?:the |my |your )?(\\w+)",
          m -> new Goal.Add(m.group(1), m.group(2))),
      rule("(?:fill(?: in)?|complete) " + Q + " (?:with|as) " + Q,
          m -> new Goal.Fill(m.group(1), m.group(2))),
      rule("(?:enter|type|write) " + Q + " (?:in|into|as) " + Q,
          m -> new Goal.Fill(m.group(2), m.group(1))),
      rule("(?:choose|select|pick) " + Q + " (?:in|for|from|as|under) " + Q,
          m -> new Goal.Choose(m.group(1), m.group(2))),
      rule("set " + Q + " to " + Q, m -> new Goal.Choose(m.group(2), m.group(1))),
      rule("(?:check|tick|accept) " + Q, m -> new Goal.Check(m.group(1))),
      rule("(?:press|click|submit|tap|hit)(?: on)? " + Q, m -> new Goal.Press(m.group(1))),
      rule("(?:open|go to|visit|view|navigate to|show|browse)(?: the)? " + Q
          + "(?: page| category| section| link| tab)?", m -> new Goal.Open(m.group(1))));

  private record Rule(Pattern pattern, java.util.function.Function<Matcher, Goal> make) {}

  private static Rule rule(String regex, java.util.function.Function<Matcher, Goal> make) {
    return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), make);
  }

  private Instructions() {}

  /** The goals in order; a clause that matches no rule makes the whole result empty. */
  static List<Goal> parse(String instruction) {
    List<Goal> goals = new ArrayList<>();
    for (String clause : clauses(instruction)) {
      Goal g = parseClause(clause);
      if (g == null) {
        return List.of();
      }
      goals.add(g);
    }
    return goals;
  }

  /** The first clause no rule understands, or null. */
  static String firstUnreadable(String instruction) {
    for (String clause : clauses(instruction)) {
      if (parseClause(clause) == null) {
        return clause;
      }
    }
    return null;
  }

  private static Goal parseClause(String clause) {
    for (Rule r : RULES) {
      Matcher m = r.pattern().matcher(clause);
      if (m.matches()) {
        return r.make().apply(m);
      }
    }
    return null;
  }

  static List<String> clauses(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      }
      boolean boundary = !quoted && (c == ',' || c == ';'
          || c == '.' && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1))));
      if (boundary) {
        add(out, cur);
      } else {
        cur.append(c);
      }
    }
    add(out, cur);
    return out;
  }

  private static void add(List<String> out, StringBuilder cur) {
    String s = cur.toString().strip();
    cur.setLength(0);
    String lower = s.toLowerCase(Locale.ROOT);
    for (String lead : List.of("and then ", "then ", "and ", "finally ")) {
      if (lower.startsWith(lead)) {
        s = s.substring(lead.length()).strip();
        break;
      }
    }
    if (!s.isEmpty()) {
      out.add(s);
    }
  }
}
