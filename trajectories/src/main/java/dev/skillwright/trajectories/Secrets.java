package dev.skillwright.trajectories;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secret values (passwords, tokens) a task may need. Tasks, prompts, records and logs carry only
 * placeholders such as {@code {{secret:password}}}; the browser swaps in the value at the moment
 * it types, and {@link #redact} turns any value that shows up in page text back into its
 * placeholder before it is written or sent to a model. Immutable and thread-safe; its
 * {@link #toString()} shows names only.
 */
public final class Secrets {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{secret:([A-Za-z0-9_.-]+)}}");
  private static final Secrets NONE = new Secrets(Map.of());
  private final Map<String, String> values;

  private Secrets(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static Secrets none() {
    return NONE;
  }

  /**
   * Secrets by name.
   *
   * @throws BadInputException for an empty name or value
   */
  public static Secrets of(Map<String, String> values) {
    values.forEach((k, v) -> {
      if (k == null || !k.matches("[A-Za-z0-9_.-]+") || v == null || v.isEmpty()) {
        throw new BadInputException("a secret needs a name of letters, digits, _ . - and a "
            + "value: " + k);
      }
    });
    return values.isEmpty() ? NONE : new Secrets(new TreeMap<>(values));
  }

  /** Secrets from {@code SKILLWRIGHT_SECRET_<NAME>} variables; the name is lower-cased. */
  public static Secrets fromEnvironment(Map<String, String> env) {
    Map<String, String> out = new TreeMap<>();
    env.forEach((k, v) -> {
      if (k.startsWith("SKILLWRIGHT_SECRET_") && !v.isEmpty()) {
        out.put(k.substring("SKILLWRIGHT_SECRET_".length()).toLowerCase(java.util.Locale.ROOT), v);
      }
    });
    return of(out);
  }

  public Secrets with(Secrets more) {
    Map<String, String> all = new TreeMap<>(values);
    all.putAll(more.values);
    return of(all);
  }

  public static String placeholder(String name) {
    return "{{secret:" + name + "}}";
  }

  /**
   * Replaces placeholders by their values, for the browser only.
   *
   * @throws BadInputException naming a placeholder with no value
   */
  public String reveal(String text) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) {
        throw new BadInputException("no value for " + m.group() + ": set SKILLWRIGHT_SECRET_"
            + m.group(1).toUpperCase(java.util.Locale.ROOT) + " or pass --secret "
            + m.group(1) + "=…");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Replaces every secret value in {@code text} by its placeholder, longest values first. */
  public String redact(String text) {
    if (text == null || values.isEmpty()) {
      return text;
    }
    String out = text;
    List<Map.Entry<String, String>> byLength = values.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> -e.getValue().length()))
        .toList();
    for (Map.Entry<String, String> e : byLength) {
      out = out.replace(e.getValue(), placeholder(e.getKey()));
    }
    return out;
  }

  /** An observation with secret values taken out of its URL, title and snapshot. */
  public Observation redact(Observation o) {
    if (values.isEmpty()) {
      return o;
    }
    return new Observation(redact(o.url()), redact(o.title()), redact(o.ariaSnapshot()),
        o.screenshot());
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  @Override
  public String toString() {
    return "Secrets" + values.keySet();
  }
}
