package dev.skillwright.llm;

import static dev.skillwright.trajectories.AriaSnapshot.unquote;

import dev.skillwright.trajectories.AriaSnapshot;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Makes an AI-mode aria snapshot compact enough for a prompt, keeping what a model acts and
 * answers on. Every element a model can act on keeps its ref, role, name, value and state
 * ({@code checked}, {@code selected}, {@code disabled}, {@code expanded}, ...), and every text the
 * page shows stays, in the snapshot's own line format. What goes:
 *
 * <ul>
 *   <li>refs of elements nothing can be done with (headings, paragraphs, lists, landmarks, cells):
 *       only controls, elements the page marks clickable ({@code [cursor=pointer]}) or in a state
 *       ({@code [expanded]}) and named generics (a {@code summary}) keep theirs, and a model may
 *       still name any element by role and name;
 *   <li>the {@code [cursor=pointer]} and {@code [active]} marks; nameless {@code generic}, {@code
 *       rowgroup}, {@code group}, {@code none}, {@code presentation}, {@code list} and {@code
 *       main} wrappers, whose children move up a level (one holding only text becomes a {@code
 *       text} line); images without a name;
 *   <li>a name that only repeats the text of the element's own content (a table row's name is its
 *       cells' text), and a child that only repeats its parent's name;
 *   <li>a link's {@code /url} when it stays on the site and no other link of that text goes
 *       elsewhere (its text tells it apart, and a model clicks it by its ref), or when it leads
 *       nowhere ({@code javascript:}, {@code #}); a target on the page's own origin is shortened
 *       to its path, one that leaves the site stays as written.
 * </ul>
 *
 * <p>A node whose only child is a text line takes that text inline, as Playwright writes it. Past
 * the character budget the view is cut at a line and says how much was left out. Stateless and
 * thread-safe.
 */
public final class PageText {
  /** Roles a model acts on: their refs stay. */
  private static final Set<String> CONTROLS = Set.of("button", "checkbox", "combobox",
      "gridcell", "link", "listbox", "menuitem", "menuitemcheckbox", "menuitemradio", "option",
      "radio", "scrollbar", "searchbox", "slider", "spinbutton", "switch", "tab", "textbox",
      "treeitem");
  /** States only an element one can act on has: an element showing one keeps its ref. */
  private static final Set<String> STATES = Set.of("checked", "pressed", "expanded",
      "selected");
  /** Roles that only group others when they have no name. */
  private static final Set<String> WRAPPERS = Set.of("generic", "rowgroup", "group", "none",
      "presentation", "list", "main");
  /** Roles that, nameless, around a single element say nothing of their own. */
  private static final Set<String> COLLAPSIBLE = Set.of("listitem", "paragraph");

  private PageText() {}

  /** The compact view of {@code snapshot}, at most about {@code budget} characters. */
  public static String compact(String snapshot, int budget) {
    return compact(snapshot, null, budget);
  }

  /**
   * The compact view of {@code snapshot}, the snapshot of the page at {@code pageUrl} (null when
   * not known), at most about {@code budget} characters. Links to the page's own origin are shown
   * by their path.
   */
  public static String compact(String snapshot, String pageUrl, int budget) {
    if (snapshot == null || snapshot.isBlank()) {
      return "(the page shows nothing readable)";
    }
    Node root = Node.tree(snapshot);
    Map<String, Set<String>> targets = new HashMap<>();
    collectTargets(root, targets);
    List<String> kept = new ArrayList<>();
    View view = new View(origin(pageUrl), targets, kept);
    for (Node n : root.kids) {
      view.render(n, 0);
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (; i < kept.size(); i++) {
      if (out.length() + kept.get(i).length() + 1 > budget) {
        break;
      }
      out.append(kept.get(i)).append('\n');
    }
    if (i < kept.size()) {
      out.append("… (").append(kept.size() - i).append(" more lines not shown)\n");
    }
    return out.toString();
  }

  /** One snapshot line, its pieces kept as written (names quoted, values raw). */
  private static final class Node {
    String role = "";
    /** The name as written, with its quotes; null when nameless. */
    String name;
    String ref;
    final List<String> attrs = new ArrayList<>();
    /** The text after the colon as written, or null. */
    String value;
    /** A {@code /url} child's target as written. */
    String url;
    /** A property line other than {@code /url} ({@code /placeholder: ...}), kept as written. */
    String property;
    final List<Node> kids = new ArrayList<>();

    static Node tree(String snapshot) {
      Node root = new Node();
      List<Node> open = new ArrayList<>(List.of(root));
      List<Integer> indents = new ArrayList<>(List.of(-1));
      for (String raw : snapshot.split("\n")) {
        int dash = raw.indexOf("- ");
        if (dash < 0 || !raw.substring(0, dash).isBlank()) {
          continue;
        }
        while (indents.get(indents.size() - 1) >= dash) {
          indents.remove(indents.size() - 1);
          open.remove(open.size() - 1);
        }
        Node parent = open.get(open.size() - 1);
        String line = raw.substring(dash + 2).strip();
        if (line.startsWith("/url:")) {
          parent.url = line.substring(5).strip();
          continue;
        }
        Node n = new Node();
        if (line.startsWith("/")) {
          n.property = line;
        } else if (!n.read(line)) {
          continue;
        }
        parent.kids.add(n);
        open.add(n);
        indents.add(dash);
      }
      return root;
    }

    /** Reads one element line through the snapshot's own parser; false when it is none. */
    private boolean read(String line) {
      List<AriaSnapshot.Node> parsed = AriaSnapshot.parse("- " + line).nodes();
      if (parsed.isEmpty()) {
        return false;
      }
      AriaSnapshot.Node p = parsed.get(0);
      role = p.role();
      name = p.name().isEmpty() ? null : quote(p.name());
      ref = p.ref();
      p.attrs().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> attrs.add(e.getValue().isEmpty() ? e.getKey()
              : e.getKey() + "=" + e.getValue()));
      value = p.value() == null || p.value().isEmpty() ? null : yaml(p.value());
      return true;
    }

    boolean actionable() {
      // a generic with a name of its own is a control the page gave no role, such as a summary
      return CONTROLS.contains(role) || attrs.contains("cursor=pointer")
          || role.equals("generic") && named()
          || attrs.stream().anyMatch(a -> STATES.contains(a.split("=", 2)[0]));
    }

    boolean named() {
      return name != null && name.length() > 2;
    }

    /**
     * The text a person reads in this node and below it, run together: a name that only repeats
     * the content is read once.
     */
    String text() {
      String content = content();
      String own = (named() ? unquote(name) : "") + (value == null ? "" : unquote(value));
      return repeatsContent() ? content : own + content;
    }

    private String content() {
      StringBuilder sb = new StringBuilder();
      for (Node k : kids) {
        if (k.property == null) {
          sb.append(k.text());
        }
      }
      return sb.toString();
    }

    /** Whether the name is only the text of the content below it, which shows it. */
    boolean repeatsContent() {
      return named() && !kids.isEmpty() && squash(content()).equals(squash(unquote(name)));
    }
  }

  /** Renders nodes into lines, two spaces a level. */
  private record View(String origin, Map<String, Set<String>> targets, List<String> out) {
    void render(Node n, int depth) {
      if (n.property != null) {
        out.add("  ".repeat(depth) + "- " + n.property);
        return;
      }
      boolean acts = n.actionable();
      if (!acts && WRAPPERS.contains(n.role) && !n.named()) {
        if (n.value != null) {
          out.add("  ".repeat(depth) + "- text: " + n.value);
        }
        kids(n, depth, false);
        return;
      }
      if (!acts && n.role.equals("img") && !n.named() && n.kids.isEmpty() && n.value == null) {
        return;
      }
      String name = n.named() && (acts || !n.repeatsContent()) ? n.name : null;
      StringBuilder head = new StringBuilder("  ".repeat(depth)).append("- ").append(n.role);
      if (name != null) {
        head.append(' ').append(name);
      }
      List<String> shown = n.attrs.stream()
          .filter(a -> !a.equals("cursor=pointer") && !a.equals("active")).toList();
      for (String a : shown) {
        head.append(" [").append(a).append(']');
      }
      if (acts && n.ref != null) {
        head.append(" [ref=").append(n.ref).append(']');
      }
      int at = out.size();
      out.add(head.toString());
      String url = shownUrl(n);
      if (url != null) {
        out.add("  ".repeat(depth + 1) + "- /url: " + url);
      }
      if (!(acts && n.named() && n.repeatsContent() && !hasControl(n))) {
        kids(n, depth + 1, name != null);
      }
      String inline = n.value;
      String below = "  ".repeat(depth + 1) + "- ";
      if (inline == null && out.size() == at + 2 && out.get(at + 1).startsWith(below + "text: ")) {
        // a node holding only a text line takes it inline, as Playwright writes it
        inline = out.remove(at + 1).substring(below.length() + 6);
      }
      if (inline != null && n.role.equals("paragraph") && !acts && name == null
          && shown.isEmpty()) {
        // a paragraph of text alone is a text line
        out.set(at, "  ".repeat(depth) + "- text: " + inline);
      } else if (inline != null) {
        out.set(at, head + ": " + inline);
      } else if (out.size() > at + 1 && !acts && name == null && shown.isEmpty()
          && COLLAPSIBLE.contains(n.role) && out.subList(at + 1, out.size()).stream()
              .filter(l -> l.startsWith(below)).count() == 1) {
        // a list item or paragraph around a single element says nothing of its own
        out.remove(at);
        for (int i = at; i < out.size(); i++) {
          out.set(i, out.get(i).substring(2));
        }
      } else if (out.size() > at + 1) {
        out.set(at, head + ":");
      }
    }

    /**
     * Renders {@code n}'s children; one that only repeats {@code n}'s name is left out when that
     * name was shown ({@code nameShown}), never when it is the only copy of the text.
     */
    private void kids(Node n, int depth, boolean nameShown) {
      for (int i = 0; i < n.kids.size(); i++) {
        if (!(nameShown && repeatsName(n.kids.get(i), n)) && !labels(n.kids, i)) {
          render(n.kids.get(i), depth);
        }
      }
    }

    /** The link target to show, or null when its text says it or it leads nowhere. */
    private String shownUrl(Node n) {
      if (n.url == null) {
        return null;
      }
      String url = unquote(n.url);
      if (url.isEmpty() || url.equals("#") || url.toLowerCase(Locale.ROOT)
          .startsWith("javascript:")) {
        return null;
      }
      boolean own = origin != null && url.startsWith(origin) && (url.length() == origin.length()
          || "/?#".indexOf(url.charAt(origin.length())) >= 0);
      if (own) {
        url = url.substring(origin.length());
        url = url.isEmpty() || url.charAt(0) != '/' ? "/" + url : url;
      }
      // a link is told apart by its text unless another of that text goes elsewhere; one that
      // leaves the site keeps its target, which says so
      if (n.named() && targets.getOrDefault(fold(unquote(n.name)), Set.of()).size() == 1
          && (own || sameOrigin(url))) {
        return null;
      }
      return own ? yaml(url) : n.url;
    }
  }

  /** Whether an element below {@code n} is one a model acts on. */
  private static boolean hasControl(Node n) {
    return n.kids.stream().anyMatch(k -> k.actionable() || hasControl(k));
  }

  /** Whether a relative target stays on the page's origin ({@code /cart}, {@code item?id=2}). */
  private static boolean sameOrigin(String url) {
    return !url.startsWith("//") && !url.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
  }

  /** The words of a text run ({@code text: x}, a nameless {@code generic: x}), else null. */
  private static String textOf(Node n) {
    boolean run = n.role.equals("text") || WRAPPERS.contains(n.role) && !n.named()
        && !n.actionable();
    return run && n.value != null && n.kids.isEmpty() ? unquote(n.value) : null;
  }

  /**
   * Whether {@code kids.get(i)} is a text that only labels the control beside it, whose name it
   * is ({@code text: Status} before {@code combobox "Status"}): the control's name shows it.
   */
  private static boolean labels(List<Node> kids, int i) {
    String text = textOf(kids.get(i));
    if (text == null) {
      return false;
    }
    String label = squash(text).replaceAll("[:*]+$", "");
    for (int j : new int[] {i - 1, i + 1}) {
      if (j >= 0 && j < kids.size() && CONTROLS.contains(kids.get(j).role)
          && kids.get(j).named() && !label.isEmpty()
          && squash(unquote(kids.get(j).name)).replaceAll("[:*]+$", "").equals(label)) {
        return true;
      }
    }
    return false;
  }

  /** A plain YAML scalar where it reads as that text, else a quoted string. */
  private static String yaml(String s) {
    boolean plain = !BREAKS.matcher(s).find()
        && s.matches("[^\\s\"'#&*!|>%@`{}\\[\\],?:-][^#\\n\\t]*")
        && !s.contains(": ") && !s.endsWith(" ") && !s.endsWith(":")
        && !s.matches("[-+.0-9eE]+|(?i)true|false|null|yes|no|on|off|~");
    return plain ? s : quote(s);
  }

  /**
   * Whether a leaf child only repeats its parent's name ({@code link "Mug"} holding {@code img
   * "Mug"}).
   */
  private static boolean repeatsName(Node kid, Node parent) {
    if (!parent.named() || !kid.kids.isEmpty() || kid.actionable() || kid.url != null) {
      return false;
    }
    String p = squash(unquote(parent.name));
    String text = textOf(kid);
    if (text != null) {
      return squash(text).equals(p);
    }
    return kid.value == null && kid.named() && squash(unquote(kid.name)).equals(p);
  }

  /** Every link text's targets, to keep the target of a text that goes to two places. */
  private static void collectTargets(Node n, Map<String, Set<String>> targets) {
    if (n.url != null && n.named()) {
      targets.computeIfAbsent(fold(unquote(n.name)), k -> new HashSet<>()).add(unquote(n.url));
    }
    for (Node k : n.kids) {
      collectTargets(k, targets);
    }
  }

  private static String origin(String pageUrl) {
    if (pageUrl == null) {
      return null;
    }
    try {
      URI u = URI.create(pageUrl);
      if (u.getScheme() == null || u.getRawAuthority() == null) {
        return null;
      }
      return u.getScheme() + "://" + u.getRawAuthority();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String fold(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
  }

  private static String squash(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
  }

  /**
   * What may break a line or hide text (control, line and paragraph separators, U+0085): page
   * text with one never goes out raw, or it could pass for lines of the snapshot of its own.
   */
  private static final java.util.regex.Pattern BREAKS =
      java.util.regex.Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\u0085\\u200b-\\u200f"
          + "\\u2028-\\u202e\\u2060-\\u2064\\ufeff]");

  /** A JSON string, as Playwright writes one: every character that may break a line escaped. */
  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '\\' || c == '"') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (BREAKS.matcher(String.valueOf(c)).matches()) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}
