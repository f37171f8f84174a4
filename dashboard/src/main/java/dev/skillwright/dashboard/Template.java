package dev.skillwright.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTML template with {@code {{name}}} slots that escapes by default: a value is HTML-escaped
 * unless it is {@link Safe}, which only this package's builders make, from escaped parts.
 * Immutable and thread-safe.
 */
final class Template {
  private static final Pattern SLOT = Pattern.compile("\\{\\{([a-zA-Z_]+)}}");
  private final String name;
  private final String text;

  /** Markup already escaped where it holds data. */
  record Safe(String html) {
    @Override
    public String toString() {
      return html;
    }
  }

  private Template(String name, String text) {
    this.name = name;
    this.text = text;
  }

  static Template resource(String name) {
    try (InputStream in = Template.class.getResourceAsStream("/dashboard/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no template " + name);
      }
      return new Template(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Template of(String text) {
    return new Template("inline", text);
  }

  Safe render(Map<String, ?> values) {
    Matcher m = SLOT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      if (!values.containsKey(m.group(1))) {
        throw new IllegalStateException("template " + name + " needs {{" + m.group(1) + "}}");
      }
      Object v = values.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(
          v instanceof Safe s ? s.html() : escape(v == null ? "" : String.valueOf(v))));
    }
    m.appendTail(out);
    return new Safe(out.toString());
  }

  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** Joins safe fragments. */
  static Safe join(Iterable<Safe> parts) {
    StringBuilder sb = new StringBuilder();
    parts.forEach(p -> sb.append(p.html()));
    return new Safe(sb.toString());
  }
}
