package dev.skillwright.trajectories;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed Playwright aria snapshot (AI mode): one {@link Node} per line, in document order, each
 * knowing its parent. Lines look like {@code - button "Add to cart" [ref=e12]}, {@code - textbox
 * "Email" [ref=e5]: ada@example.com}, {@code - text: Quantity} and {@code - /url: /cart}; the
 * last kind becomes the {@code url} of its parent. Immutable and thread-safe.
 */
public final class AriaSnapshot {

  /**
   * One element or text run.
   *
   * @param index position in {@link #nodes()}
   * @param parent index of the parent node, or -1
   * @param depth nesting depth, 0 at the top
   * @param role the ARIA role, or {@code text} for a text run
   * @param name the accessible name, possibly empty
   * @param ref the snapshot ref, or null (text runs and options have none)
   * @param attrs bracketed attributes other than ref, such as {@code checked} or {@code level}
   * @param value the inline value after the colon: a text box's text, a text run's words
   * @param url a link's target, from its {@code /url} child
   */
  public record Node(
      int index,
      int parent,
      int depth,
      String role,
      String name,
      String ref,
      Map<String, String> attrs,
      String value,
      String url) {

    public boolean is(String wantedRole) {
      return role.equals(wantedRole);
    }

    public boolean has(String attr) {
      return attrs.containsKey(attr);
    }

    /** A short human description: {@code link "Cart (2)"}. */
    public String describe() {
      return name.isEmpty() ? role : role + " \"" + name + "\"";
    }
  }

  private static final AriaSnapshot EMPTY = new AriaSnapshot(List.of());
  private final List<Node> nodes;

  private AriaSnapshot(List<Node> nodes) {
    this.nodes = Collections.unmodifiableList(nodes);
  }

  /** Parses a snapshot; lines it cannot read are skipped, never fatal. */
  public static AriaSnapshot parse(String yaml) {
    if (yaml == null || yaml.isBlank()) {
      return EMPTY;
    }
    List<MutableNode> built = new ArrayList<>();
    // the index of the most recent node at each depth, to find parents
    List<Integer> lastAtDepth = new ArrayList<>();
    for (String raw : yaml.split("\n")) {
      int dash = raw.indexOf("- ");
      if (dash < 0 || !raw.substring(0, dash).isBlank()) {
        continue;
      }
      int depth = dash / 2;
      String line = raw.substring(dash + 2).strip();
      int parent = depth > 0 && depth - 1 < lastAtDepth.size() ? lastAtDepth.get(depth - 1) : -1;
      if (line.startsWith("/")) {
        int colon = line.indexOf(':');
        if (parent >= 0 && colon > 0 && line.startsWith("/url")) {
          built.get(parent).url = unquote(line.substring(colon + 1).strip());
        }
        continue;
      }
      MutableNode node = parseLine(line);
      if (node == null) {
        continue;
      }
      node.parent = parent;
      node.depth = depth;
      while (lastAtDepth.size() <= depth) {
        lastAtDepth.add(-1);
      }
      lastAtDepth.set(depth, built.size());
      lastAtDepth.subList(depth + 1, lastAtDepth.size()).clear();
      built.add(node);
    }
    List<Node> nodes = new ArrayList<>(built.size());
    for (int i = 0; i < built.size(); i++) {
      MutableNode m = built.get(i);
      nodes.add(new Node(i, m.parent, m.depth, m.role, m.name, m.ref, Map.copyOf(m.attrs),
          m.value, m.url));
    }
    return new AriaSnapshot(nodes);
  }

  private static final class MutableNode {
    int parent;
    int depth;
    String role;
    String name = "";
    String ref;
    final Map<String, String> attrs = new LinkedHashMap<>();
    String value;
    String url;
  }

  private static MutableNode parseLine(String line) {
    // YAML may quote a whole key that holds a colon: '- 'heading "a: b" [level=1]''
    if (line.startsWith("'") && line.endsWith("'") && line.length() > 1) {
      line = line.substring(1, line.length() - 1).replace("''", "'");
    } else if (line.startsWith("'") && line.endsWith("':") && line.length() > 2) {
      // the same, on a node with children: '- 'link "Tab #2" [ref=e5]':'
      line = line.substring(1, line.length() - 2).replace("''", "'") + ":";
    }
    MutableNode n = new MutableNode();
    int i = 0;
    int len = line.length();
    while (i < len && !Character.isWhitespace(line.charAt(i)) && line.charAt(i) != ':') {
      i++;
    }
    n.role = line.substring(0, i);
    if (n.role.isEmpty()) {
      return null;
    }
    i = skipSpaces(line, i);
    if (i < len && line.charAt(i) == '"') {
      int end = endOfQuoted(line, i);
      n.name = unquote(line.substring(i, end));
      i = skipSpaces(line, end);
    }
    while (i < len && line.charAt(i) == '[') {
      int close = line.indexOf(']', i);
      if (close < 0) {
        break;
      }
      String attr = line.substring(i + 1, close);
      int eq = attr.indexOf('=');
      String key = eq < 0 ? attr : attr.substring(0, eq);
      String val = eq < 0 ? "" : attr.substring(eq + 1);
      if (key.equals("ref")) {
        n.ref = val;
      } else {
        n.attrs.put(key, val);
      }
      i = skipSpaces(line, close + 1);
    }
    if (i < len && line.charAt(i) == ':') {
      String rest = line.substring(i + 1).strip();
      if (!rest.isEmpty()) {
        n.value = unquote(rest);
      }
    }
    return n;
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && s.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  private static int endOfQuoted(String s, int start) {
    for (int i = start + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      }
    }
    return s.length();
  }

  /**
   * Removes one level of double quotes with JSON-style escapes, as a snapshot writes names and
   * some values, or returns the text as is.
   */
  public static String unquote(String s) {
    if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() - 1) {
        char e = s.charAt(++i);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'u' -> {
            if (i + 4 < s.length()) {
              out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
              i += 4;
            }
          }
          default -> out.append(e);
        }
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  public List<Node> nodes() {
    return nodes;
  }

  public boolean isEmpty() {
    return nodes.isEmpty();
  }

  public Optional<Node> byRef(String ref) {
    return nodes.stream().filter(n -> ref.equals(n.ref())).findFirst();
  }

  public Optional<Node> parentOf(Node node) {
    return node.parent() < 0 ? Optional.empty() : Optional.of(nodes.get(node.parent()));
  }

  /** The nodes below {@code node}, in document order. */
  public List<Node> descendants(Node node) {
    List<Node> out = new ArrayList<>();
    for (int i = node.index() + 1; i < nodes.size() && nodes.get(i).depth() > node.depth(); i++) {
      out.add(nodes.get(i));
    }
    return out;
  }

  /** Every name and value on the page, one per line, for text matching. */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Node n : nodes) {
      if (!n.name().isEmpty()) {
        sb.append(n.name()).append('\n');
      }
      if (n.value() != null) {
        sb.append(n.value()).append('\n');
      }
    }
    return sb.toString();
  }

  /** Lower-cases and folds runs of white space, for forgiving text comparison. */
  public static String fold(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
  }
}
