package dev.skillwright.agent;

import dev.skillwright.agent.Goal.Words;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a plain-English instruction into goals. The text is cut into clauses (at full stops,
 * semicolons and commas outside quotes, and before "and" or "then" when a verb follows); a
 * fragment with no verb of its own goes on the list of the clause before ("Select 5IG, Ln, 0M").
 * Each clause is read by its verb into an intent: what it acts on ({@link Words}: quoted values,
 * the words as written with case kept, role words, an ordinal), the values to type or choose,
 * and modifiers ("in lower case", "both", "nothing"). Values may be quoted or not. Only the text
 * is read; what the words name is found on the page later, by {@link Grounding}.
 */
final class Reader {
  private static final String Q = "\"([^\"]*)\"";
  /** Verbs that start a clause; "and" or "then" before one of them starts a new clause. */
  static final Set<String> VERBS = Set.of("click", "press", "tap", "hit", "push", "select",
      "choose", "pick", "enter", "type", "fill", "write", "input", "put", "check", "uncheck",
      "tick", "untick", "expand", "collapse", "open", "close", "dismiss", "go", "navigate",
      "visit", "view", "browse", "search", "look", "find", "focus", "switch", "submit", "add",
      "use", "set", "toggle", "mark", "unmark", "deselect", "unselect", "show", "hunt", "complete",
      "what", "tell", "report", "scroll", "double-click");

  /** Role words, as written in instructions, to the roles they allow (empty: any element). */
  private static final Map<String, Set<String>> ROLE_WORDS = Map.ofEntries(
      Map.entry("button", Set.of("button")), Map.entry("buttons", Set.of("button")),
      Map.entry("link", Set.of("link")), Map.entry("links", Set.of("link")),
      Map.entry("hyperlink", Set.of("link")),
      Map.entry("tab", Set.of("tab")), Map.entry("tabs", Set.of("tab")),
      Map.entry("checkbox", Set.of("checkbox")), Map.entry("checkboxes", Set.of("checkbox")),
      Map.entry("check_box", Set.of("checkbox")), Map.entry("switch", Set.of("checkbox")),
      Map.entry("toggle", Set.of("checkbox")),
      Map.entry("radio", Set.of("radio")), Map.entry("radio_button", Set.of("radio")),
      Map.entry("option", Set.of("option", "radio")), Map.entry("options", Set.of("option", "radio")),
      Map.entry("field", Set.of("textbox")), Map.entry("fields", Set.of("textbox")),
      Map.entry("textbox", Set.of("textbox")), Map.entry("textboxes", Set.of("textbox")),
      Map.entry("text_box", Set.of("textbox")), Map.entry("text_field", Set.of("textbox")),
      Map.entry("text_fields", Set.of("textbox")), Map.entry("input", Set.of("textbox")),
      Map.entry("inputs", Set.of("textbox")), Map.entry("text_input", Set.of("textbox")),
      Map.entry("textarea", Set.of("textbox")), Map.entry("text_area", Set.of("textbox")),
      Map.entry("text", Set.of("textbox")), Map.entry("search_box", Set.of("textbox")),
      Map.entry("box", Set.of()),
      Map.entry("list", Set.of("combobox", "listbox")), Map.entry("dropdown", Set.of("combobox",
          "listbox")), Map.entry("drop_down", Set.of("combobox", "listbox")),
      Map.entry("select", Set.of("combobox", "listbox")), Map.entry("listbox", Set.of("combobox",
          "listbox")), Map.entry("combobox", Set.of("combobox", "listbox")),
      Map.entry("scroll_list", Set.of("combobox", "listbox")),
      Map.entry("menu", Set.of("button", "menuitem", "combobox", "link")),
      Map.entry("menu_item", Set.of("menuitem")),
      Map.entry("folder", Set.of("treeitem")), Map.entry("file", Set.of("treeitem")),
      Map.entry("node", Set.of("treeitem")), Map.entry("tree", Set.of("treeitem")),
      Map.entry("item", Set.of()), Map.entry("entry", Set.of()), Map.entry("widget", Set.of()),
      Map.entry("element", Set.of()), Map.entry("control", Set.of()),
      Map.entry("dialog", Set.of("dialog")), Map.entry("dialog_box", Set.of("dialog")),
      Map.entry("popup", Set.of("dialog")), Map.entry("modal", Set.of("dialog")),
      Map.entry("window", Set.of("dialog")),
      Map.entry("section", Set.of()), Map.entry("sections", Set.of()), Map.entry("panel", Set.of()),
      Map.entry("page", Set.of()), Map.entry("category", Set.of()));
  private static final Set<String> FILLER = Set.of("the", "a", "an", "on", "onto", "into", "in",
      "to", "at", "of", "any", "one", "below", "above", "here", "there", "or", "this", "that",
      "either", "some", "shown", "given", "following", "visible", "appropriate", "correct",
      "right", "proper", "button's", "labeled", "labelled", "named", "called", "titled", "with",
      "and", "both", "all", "each", "every", "from", "for");
  private static final Map<String, Integer> ORDINALS = Map.ofEntries(Map.entry("first", 1),
      Map.entry("second", 2), Map.entry("third", 3), Map.entry("fourth", 4), Map.entry("fifth", 5),
      Map.entry("sixth", 6), Map.entry("seventh", 7), Map.entry("eighth", 8), Map.entry("ninth", 9),
      Map.entry("tenth", 10), Map.entry("last", -1));
  private static final Set<String> KEYS = Set.of("enter", "return", "tab", "escape", "esc",
      "space", "backspace");
  private static final Pattern ORDINAL = Pattern.compile("(?i)\\b(\\d{1,3})(?:st|nd|rd|th)\\b");
  private static final Pattern CASE = Pattern.compile("(?i)\\s*,?\\s*(?:(?:in|using|with|as) )?"
      + "(?:all )?(lower|upper|small|capital)[- ]?(?:case)?(?: letters| characters| only)?");
  private static final Pattern CASE_WORDS = Pattern.compile("(?i)\\s*,?\\s*(?:in|using|with|as) "
      + "(?:all )?(lowercase|uppercase|capitals|caps|small letters|capital letters)"
      + "(?: letters| characters| only)?");

  private record Rule(Pattern pattern, Function<Matcher, List<Goal>> make) {}

  private static final List<Rule> RULES = List.of(
      rule("(?:what is|what's|what are|find|tell me|report|give me) the (.+?) of " + Q + "\\??",
          m -> one(new Goal.Ask(m.group(1), m.group(2)))),
      rule("(?:search|look|hunt) (?:for )?" + Q + "(?: (?:in|on|with|using) .*)?",
          m -> one(new Goal.Search(m.group(1)))),
      rule("search for ([^\"]+?)", m -> one(new Goal.Search(m.group(1).strip()))),
      rule("add " + Q + " to (?:the |my |your )?(\\w+)",
          m -> one(new Goal.Add(m.group(1), m.group(2)))),
      rule("use (?:the |a |an )?(.+?) to (.+)", Reader::use),
      rule("(?:fill(?: in| out)?|complete) " + Q + " (?:with|as) " + Q,
          m -> one(new Goal.Fill(Words.named(m.group(1)), m.group(2), false))),
      rule("(?:fill(?: in| out)?|complete) (?:the )?(.+?) (?:with|as) " + Q,
          m -> one(new Goal.Fill(words(m.group(1)), m.group(2), false))),
      rule("(?:enter|type|write|input|put|insert|fill in)(?: in)? (?:an? |the )?(?:\\w+ )?"
          + "(?:that |which )?(?:starts|begins) with " + Q + "(?:,? and (?:that )?ends with "
          + Q + ")?(?: (?:in|into) (.+))?",
          m -> one(new Goal.Complete(m.group(1), m.group(2) == null ? "" : m.group(2),
              m.group(3) == null ? Words.ANY : words(m.group(3))))),
      rule("(?:enter|type|write|input|put|insert|fill in) ((?:(?:and )?(?:the |your |a )?"
          + "[\\w ]{1,30}? " + Q + ",? ?)+)(?:(?:in|into|on|to) (.+))?", Reader::pairs),
      rule("(?:enter|type|write|input|put|insert) " + Q + "(?: (?:in|into|as|in the|for|on|to) "
          + "(.+))?", m -> fill(m.group(1), m.group(2))),
      rule("(?:enter|type|write|input|put|insert) ([^\"]+?) (?:in|into|as|for|on) (.+)",
          m -> fill(m.group(1).strip(), m.group(2))),
      rule("(?:choose|select|pick|set) " + Q + " (?:in|for|from|as|under|on) " + Q,
          m -> one(new Goal.Choose(List.of(m.group(1)), Words.named(m.group(2))))),
      rule("set " + Q + " to " + Q, m -> one(new Goal.Choose(List.of(m.group(2)),
          Words.named(m.group(1))))),
      rule("(?:choose|select|pick|mark) (?:nothing|none|no (?:items?|options?|boxes))"
          + "(?: (?:from|in) .*)?", m -> one(new Goal.Choose(List.of(), Words.ANY))),
      rule("(?:uncheck|untick|unmark|deselect|unselect|clear) (.+)",
          m -> one(new Goal.Check(words(m.group(1)), false))),
      rule("(?:check|tick|accept|mark) (.+)", m -> one(new Goal.Check(words(m.group(1)), true))),
      rule("(?:choose|select|pick) (.+?) (?:from|in|on|under|of) (.+)",
          m -> one(new Goal.Choose(items(m.group(1)), words(m.group(2))))),
      rule("(?:choose|select|pick) (.+)", m -> one(new Goal.Choose(items(m.group(1)),
          Words.ANY))),
      rule("(?:expand|unfold|open up|show) (.+?(?:section|sections|panel|accordion|details|"
          + "group|folder|node)s?.*)", m -> one(new Goal.Expand(words(m.group(1)), true))),
      rule("expand (.+)", m -> one(new Goal.Expand(words(m.group(1)), true))),
      rule("(?:collapse|fold|hide) (.+)", m -> one(new Goal.Expand(words(m.group(1)), false))),
      rule("(?:close|dismiss|exit|shut) (.+?)(?:,? by (?:clicking|pressing|tapping|hitting|using)"
          + "(?: on)? (.+))?", m -> one(new Goal.Close(m.group(2) != null
              ? words(m.group(2)) : words(m.group(1))))),
      rule("(?:close|dismiss)", m -> one(new Goal.Close(Words.ANY))),
      rule("(?:focus|put the (?:cursor|focus))(?: on| into| in| onto)? (.+)",
          m -> one(new Goal.Focus(words(m.group(1))))),
      rule("(?:submit|send)(?: the form| it| the answer)?",
          m -> one(new Goal.Click(new Words(List.of("Submit"), Set.of("button"), 0)))),
      rule("(?:open|go to|visit|view|navigate to|show|browse|return to|go back to)(?: the)? " + Q
          + "(?: page| category| section| link| tab| article| post| item)?",
          m -> one(new Goal.Open(m.group(1)))),
      rule("open (?:the )?" + Q + " (?:menu|dropdown|drop-down|list|dialog|popup|panel)",
          m -> one(new Goal.Click(words(m.group(0).substring(5))))),
      rule("(?:navigate|switch|move|go|browse|look|scroll|search) (?:through|between|around|"
          + "across|among|in|over|down|up)\\b.*", m -> one(new Goal.Note(m.group(0)))),
      rule("(?:find|locate|look)", m -> one(new Goal.Note(m.group(0)))),
      rule("(?:find|locate)(?: and)? (.+)", m -> click(m.group(1))),
      rule("(?:double-click|click|press|tap|hit|push|submit)(?: on| at)? (.+)",
          m -> click(m.group(1))),
      rule("(?:open|go to|visit|navigate to) (?:the )?(.+?)(?: page| link)?",
          m -> one(new Goal.Open(unquoted(m.group(1))))));

  private static Rule rule(String regex, Function<Matcher, List<Goal>> make) {
    return new Rule(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), make);
  }

  private Reader() {}

  /** The goals in order; a clause that no rule reads makes the whole result empty. */
  static List<Goal> read(String instruction) {
    List<Goal> goals = new ArrayList<>();
    for (String clause : clauses(instruction)) {
      List<Goal> g = clause(clause);
      if (g.isEmpty()) {
        return List.of();
      }
      goals.addAll(g);
    }
    return goals;
  }

  /** The first clause no rule reads, or null. */
  static String firstUnreadable(String instruction) {
    for (String clause : clauses(instruction)) {
      if (clause(clause).isEmpty()) {
        return clause;
      }
    }
    return null;
  }

  /** The goals of one clause (usually one; "the username "a" and the password "b"": two). */
  static List<Goal> clause(String clause) {
    String text = clause.strip().replaceAll("[.!?]+$", "").strip();
    String caseMode = null;
    Matcher c = CASE_WORDS.matcher(text);
    if (c.find() && !inQuotes(text, c.start())) {
      caseMode = c.group(1).toLowerCase(Locale.ROOT);
      text = (text.substring(0, c.start()) + " " + text.substring(c.end())).strip();
    } else {
      c = CASE.matcher(text);
      if (c.find() && !inQuotes(text, c.start()) && c.group(0).toLowerCase(Locale.ROOT)
          .matches(".*(case|letters|characters).*")) {
        caseMode = c.group(1).toLowerCase(Locale.ROOT);
        text = (text.substring(0, c.start()) + " " + text.substring(c.end())).strip();
      }
    }
    text = text.replaceAll("\\s+", " ");
    for (Rule r : RULES) {
      Matcher m = r.pattern().matcher(text);
      if (m.matches()) {
        List<Goal> goals = r.make().apply(m);
        if (goals == null) {
          continue;
        }
        return caseMode == null ? goals : withCase(goals, caseMode);
      }
    }
    return List.of();
  }

  private static List<Goal> withCase(List<Goal> goals, String mode) {
    boolean lower = mode.startsWith("lower") || mode.startsWith("small");
    List<Goal> out = new ArrayList<>();
    for (Goal g : goals) {
      if (g instanceof Goal.Fill f) {
        out.add(new Goal.Fill(f.field(), lower ? f.value().toLowerCase(Locale.ROOT)
            : f.value().toUpperCase(Locale.ROOT), f.every()));
      } else {
        out.add(g);
      }
    }
    return out;
  }

  private static boolean inQuotes(String s, int at) {
    int n = 0;
    for (int i = 0; i < at; i++) {
      if (s.charAt(i) == '"') {
        n++;
      }
    }
    return n % 2 == 1;
  }

  private static List<Goal> one(Goal g) {
    return List.of(g);
  }

  /** "Use the textbox to enter "x"": the clause after "to", with its field named by the tool. */
  private static List<Goal> use(Matcher m) {
    List<Goal> inner = clause(m.group(2));
    if (inner.isEmpty()) {
      return null;
    }
    Words tool = words(m.group(1));
    List<Goal> out = new ArrayList<>();
    for (Goal g : inner) {
      if (g instanceof Goal.Fill f && !f.field().hasName() && f.field().ordinal() == 0
          && f.field().roles().isEmpty()) {
        out.add(new Goal.Fill(tool, f.value(), f.every()));
      } else if (g instanceof Goal.Choose ch && !ch.field().hasName()) {
        out.add(new Goal.Choose(ch.items(), tool));
      } else {
        out.add(g);
      }
    }
    return out;
  }

  /** "enter "v" into the X": one fill, or one per field with "both", "all", "each". */
  private static List<Goal> fill(String value, String fieldPhrase) {
    if (fieldPhrase == null) {
      return one(new Goal.Fill(Words.ANY, value, false));
    }
    boolean every = fieldPhrase.toLowerCase(Locale.ROOT).matches(
        "(?:.*\\s)?(?:both|all|each|every)\\b.*");
    return one(new Goal.Fill(words(fieldPhrase), value, every));
  }

  private static final Pattern PAIR = Pattern.compile("(?i)(?:and )?(?:the |your |a )?"
      + "([\\w ]{1,30}?) " + Q);

  /** "the username "a" and the password "b" (into the text fields)": a fill per pair. */
  private static List<Goal> pairs(Matcher m) {
    String fieldPhrase = m.group(m.groupCount());
    boolean every = fieldPhrase != null && fieldPhrase.toLowerCase(Locale.ROOT)
        .matches("(?:.*\\s)?(?:both|all|each|every)\\b.*");
    Matcher p = PAIR.matcher(m.group(1));
    List<Goal> out = new ArrayList<>();
    while (p.find()) {
      String name = p.group(1).strip();
      if (name.isEmpty() || name.matches("(?i)text|value|word|string|phrase")) {
        return null;
      }
      Words field = words(name);
      if (every && fieldPhrase != null) {
        Words roles = words(fieldPhrase);
        field = new Words(field.names(), roles.roles(), 0);
      }
      out.add(new Goal.Fill(field, p.group(2), every));
    }
    return out.isEmpty() ? null : out;
  }

  /** A click: the Nth result, a key, or an element named by the words. */
  private static List<Goal> click(String phrase) {
    String p = phrase.strip();
    String lower = p.toLowerCase(Locale.ROOT);
    if (lower.matches(".*\\bresults?\\b.*") && !p.contains("\"")) {
      Words w = words(p);
      return one(new Goal.Result(w.ordinal() == 0 ? 1 : w.ordinal()));
    }
    String key = lower.replaceAll("^(?:the )?", "").replaceAll("(?: key)$", "");
    if (KEYS.contains(key) || KEYS.contains(key.replace("\"", ""))
        && lower.endsWith("key")) {
      return one(new Goal.Key(keyName(key.replace("\"", ""))));
    }
    if (lower.matches("(?:the )?\"?(enter|return)\"?(?: key)?")) {
      return one(new Goal.Key("Enter"));
    }
    return one(new Goal.Click(words(p)));
  }

  private static String keyName(String k) {
    return switch (k) {
      case "return", "enter" -> "Enter";
      case "esc", "escape" -> "Escape";
      case "tab" -> "Tab";
      case "space" -> "Space";
      default -> "Backspace";
    };
  }

  private static String unquoted(String s) {
    return s.replace("\"", "").strip();
  }

  /** The items of "Select 5IG, Ln, 0M" or "Select "a" and "b"": quoted values, else the list. */
  static List<String> items(String phrase) {
    List<String> quoted = quoted(phrase);
    if (!quoted.isEmpty()) {
      return quoted;
    }
    List<String> out = new ArrayList<>();
    for (String part : phrase.split(",|\\band\\b|&")) {
      String s = part.strip().replaceAll("^(?i)(?:the|a|an|both|option|item)\\s+", "")
          .replaceAll("(?i)\\s+(?:option|options|checkbox|checkboxes|radio|items?)$", "").strip();
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  private static List<String> quoted(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile(Q).matcher(s);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /**
   * What a phrase names: quoted values first; else, with the words as written (case kept), the
   * words without fillers, then without role words too. Role words give the roles, an ordinal
   * ("3rd", "second", "last") the position.
   */
  static Words words(String phrase) {
    String p = phrase.strip();
    List<String> names = new ArrayList<>(quoted(p));
    String rest = p.replaceAll(Q, " ");
    int ordinal = 0;
    Matcher o = ORDINAL.matcher(rest);
    if (o.find()) {
      ordinal = Integer.parseInt(o.group(1));
      rest = rest.substring(0, o.start()) + " " + rest.substring(o.end());
    }
    // "named X", "labelled X": what follows is the name
    Matcher named = Pattern.compile("(?i)\\b(?:named|called|labell?ed|titled|saying|that says|"
        + "with the (?:text|label|name))\\s+(.+)$").matcher(rest);
    if (named.find() && names.isEmpty() && !named.group(1).isBlank()) {
      names.add(named.group(1).strip());
    }
    if (named.find(0)) {
      rest = rest.substring(0, named.start());
    }
    String joined = " " + rest.replaceAll("\\s+", " ").strip() + " ";
    for (String two : List.of("check box", "radio button", "text box", "text field",
        "text fields", "text input", "text area", "search box", "scroll list", "drop down",
        "menu item", "dialog box")) {
      joined = joined.replaceAll("(?i) " + two + " ", " " + two.replace(' ', '_') + " ");
    }
    Set<String> roles = new LinkedHashSet<>();
    List<String> kept = new ArrayList<>();
    List<String> keptWithRoles = new ArrayList<>();
    for (String token : joined.strip().split(" ")) {
      if (token.isEmpty()) {
        continue;
      }
      String t = token.toLowerCase(Locale.ROOT).replaceAll("[,;:]$", "");
      if (ORDINALS.containsKey(t) && ordinal == 0) {
        ordinal = ORDINALS.get(t);
        continue;
      }
      if (FILLER.contains(t)) {
        continue;
      }
      if (ROLE_WORDS.containsKey(t)) {
        roles.addAll(ROLE_WORDS.get(t));
        keptWithRoles.add(token.replace('_', ' '));
        continue;
      }
      kept.add(token);
      keptWithRoles.add(token);
    }
    if (names.isEmpty() && !kept.isEmpty()) {
      String asWritten = String.join(" ", keptWithRoles);
      String bare = String.join(" ", kept);
      if (!asWritten.equals(bare)) {
        names.add(asWritten);
      }
      names.add(bare);
    }
    return new Words(names, roles, ordinal);
  }

  /**
   * The clauses of an instruction: cut at full stops, semicolons and commas outside quotes, and
   * before "and"/"then" that a verb follows; a leading "then" or "and" is dropped, and a fragment
   * that starts with no verb joins the clause before it as one more list item.
   */
  static List<String> clauses(String text) {
    List<String> pieces = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '"') {
        quoted = !quoted;
      }
      boolean boundary = !quoted && (ch == ',' || ch == ';'
          || ch == '.' && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1))));
      if (boundary) {
        pieces.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    pieces.add(cur.toString());
    List<String> out = new ArrayList<>();
    for (String piece : pieces) {
      for (String part : splitBeforeVerbs(piece)) {
        String s = dropLead(part);
        if (s.isEmpty()) {
          continue;
        }
        if (!out.isEmpty() && !startsWithVerb(s) && out.get(out.size() - 1)
            .matches("(?i)(?:select|choose|pick|check|tick|mark|uncheck|untick)\\b.*")) {
          out.set(out.size() - 1, out.get(out.size() - 1) + ", " + s);
        } else {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static final Pattern JOINER = Pattern.compile("(?i)\\s+(?:and then|and|then|&)\\s+");

  private static List<String> splitBeforeVerbs(String piece) {
    List<String> out = new ArrayList<>();
    Matcher m = JOINER.matcher(piece);
    int from = 0;
    while (m.find()) {
      if (inQuotes(piece, m.start())) {
        continue;
      }
      String after = piece.substring(m.end());
      if (startsWithVerb(after)) {
        out.add(piece.substring(from, m.start()));
        from = m.end();
      }
    }
    out.add(piece.substring(from));
    return out;
  }

  private static boolean startsWithVerb(String s) {
    String first = s.strip().split("[\\s,]+", 2)[0].toLowerCase(Locale.ROOT);
    return VERBS.contains(first);
  }

  private static String dropLead(String part) {
    String s = part.strip();
    String lower = s.toLowerCase(Locale.ROOT);
    for (String lead : List.of("and then ", "then ", "and ", "finally ", "next ", "now ",
        "please ", "also ", "first ", "lastly ")) {
      if (lower.startsWith(lead)) {
        s = s.substring(lead.length()).strip();
        lower = s.toLowerCase(Locale.ROOT);
      }
    }
    return s;
  }
}
