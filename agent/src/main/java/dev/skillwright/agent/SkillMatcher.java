package dev.skillwright.agent;

import dev.skillwright.skills.Skill;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Matches a skill's description against clauses of an instruction: {@code Search for
 * "{query}"} matches {@code Search for "mug"} with query = mug. Case, a leading "then" and
 * closing punctuation do not matter; a parameter used twice must bind the same value.
 */
final class SkillMatcher {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]*)}");

  private SkillMatcher() {}

  /** A skill that does clauses {@code from} to {@code to} (exclusive) and its arguments. */
  record Match(Skill skill, int from, int to, Map<String, String> args) {}

  /**
   * The skill that covers the most clauses starting at {@code from}, with its arguments; ties go
   * to the skill listed first (the better retrieved).
   */
  static Optional<Match> longest(List<Skill> skills, List<String> clauses, int from) {
    Match best = null;
    for (Skill s : skills) {
      List<String> template = Reader.clauses(s.description());
      int to = from + template.size();
      if (template.isEmpty() || to > clauses.size() || best != null && to <= best.to()) {
        continue;
      }
      Map<String, String> args = new LinkedHashMap<>();
      boolean all = true;
      for (int i = 0; i < template.size() && all; i++) {
        all = bind(template.get(i), clauses.get(from + i), args);
      }
      if (all) {
        best = new Match(s, from, to, args);
      }
    }
    return Optional.ofNullable(best);
  }

  private static boolean bind(String template, String clause, Map<String, String> args) {
    StringBuilder regex = new StringBuilder();
    List<String> names = new java.util.ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(trim(template));
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(trim(template).substring(last, m.start()))).append("(.+?)");
      names.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(trim(template).substring(last)));
    Matcher c = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(trim(clause));
    if (!c.matches()) {
      return false;
    }
    for (int i = 0; i < names.size(); i++) {
      String value = c.group(i + 1);
      String before = args.putIfAbsent(names.get(i), value);
      if (before != null && !before.equals(value)) {
        return false;
      }
    }
    return true;
  }

  private static String trim(String clause) {
    return clause.strip().replaceAll("[.?!]+$", "").strip();
  }
}
