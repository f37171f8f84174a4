package dev.skillwright.agent;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.agent.Goal.Words;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.AriaSnapshot.Node;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the element an instruction's words name, among the snapshot's actionable nodes: by role
 * words, ordinals, exact text (case kept first), then looser names. A node with no accessible
 * name is known by the text beside it ({@code text: Username} before a bare text box, {@code
 * text: 5IG} after a bare radio), the way a person reads an unlabelled form.
 */
final class Grounding {
  static final Set<String> CLICKABLE = Set.of("link", "button", "tab", "menuitem", "option");
  static final Set<String> TYPEABLE = Set.of("textbox", "searchbox", "spinbutton", "combobox");
  /** What "click X" may hit when the words name no role. */
  static final Set<String> ANY_CLICKABLE = Set.of("link", "button", "tab", "menuitem", "option",
      "treeitem", "checkbox", "radio", "switch", "menuitemcheckbox", "menuitemradio", "gridcell",
      "row", "cell", "listitem", "heading", "img", "generic", "textbox", "searchbox", "combobox",
      "spinbutton", "slider", "paragraph", "columnheader", "rowheader", "label");
  static final Set<String> CHECKABLE = Set.of("checkbox", "switch", "radio", "menuitemcheckbox",
      "menuitemradio");
  private static final Set<String> CLOSE_WORDS = Set.of("x", "×", "✕", "✖", "╳", "close",
      "dismiss", "close dialog", "close this dialog", "close window");

  private Grounding() {}

  /** A node chosen for the words, and why: the reason goes into the decision's thought. */
  record Hit(Node node, String why) {}

  /**
   * The best node with one of {@code roles} whose name is {@code wanted}: an exact match (case and
   * space folded) beats one that starts with it, which beats one that contains it; ties go to the
   * first in document order. Only nodes with a ref can be acted on.
   */
  static Optional<Node> find(AriaSnapshot page, Set<String> roles, String wanted) {
    String w = fold(wanted);
    if (w.isEmpty()) {
      return Optional.empty();
    }
    return page.nodes().stream()
        .filter(n -> n.ref() != null && roles.contains(n.role()))
        .filter(n -> rank(fold(n.name()), w) < 3)
        .min(Comparator.comparingInt((Node n) -> rank(fold(n.name()), w))
            .thenComparingInt(Node::index));
  }

  private static int rank(String name, String wanted) {
    if (name.equals(wanted)) {
      return 0;
    }
    if (name.startsWith(wanted)) {
      return 1;
    }
    return name.contains(wanted) ? 2 : 3;
  }

  /**
   * How well a node's name matches a wanted name, lower is better: 0 exact with case, 1 exact
   * ignoring case, 2 equal but for punctuation, 3 starts with it, 4 has it as whole words, 5
   * contains it, 6 shares most words; 9 no match.
   */
  static int match(String name, String wanted) {
    String n = name.strip().replaceAll("\\s+", " ");
    String w = wanted.strip().replaceAll("\\s+", " ");
    if (n.isEmpty() || w.isEmpty()) {
      return 9;
    }
    if (n.equals(w)) {
      return 0;
    }
    String fn = fold(n);
    String fw = fold(w);
    if (fn.equals(fw)) {
      return 1;
    }
    String pn = bare(fn);
    String pw = bare(fw);
    if (!pw.isEmpty() && (pn.equals(pw) || pn.replace(" ", "").equals(pw.replace(" ", "")))) {
      return 2;
    }
    if (pw.isEmpty()) {
      return 9;
    }
    if (pn.startsWith(pw + " ") || fn.startsWith(fw) && fw.length() >= 3) {
      return 3;
    }
    if ((" " + pn + " ").contains(" " + pw + " ")) {
      return 4;
    }
    if (pw.length() >= 3 && pn.contains(pw)) {
      return 5;
    }
    Set<String> nw = new HashSet<>(List.of(pn.split(" ")));
    String[] ww = pw.split(" ");
    int shared = 0;
    for (String x : ww) {
      if (nw.contains(x)) {
        shared++;
      }
    }
    if (ww.length >= 2 && shared * 2 >= ww.length + 1) {
      return 6;
    }
    // the wanted words hold the whole name: "the Team plan" for a radio "Team"
    return pn.length() >= 3 && (" " + pw + " ").contains(" " + pn + " ") ? 7 : 9;
  }

  private static String bare(String s) {
    return s.replaceAll("[^\\p{L}\\p{N}#×]+", " ").strip();
  }

  /**
   * The name a person would read for the node: its accessible name, else the text right beside it
   * in its group (before a text box, after a checkbox or radio, either side otherwise).
   */
  static String label(AriaSnapshot page, Node node) {
    if (!node.name().isEmpty()) {
      return node.name();
    }
    List<Node> nodes = page.nodes();
    boolean after = CHECKABLE.contains(node.role());
    String next = sibling(nodes, node, +1);
    String prev = sibling(nodes, node, -1);
    if (after) {
      return next != null ? next : prev == null ? "" : prev;
    }
    return prev != null ? prev : next == null ? "" : next;
  }

  private static String sibling(List<Node> nodes, Node node, int dir) {
    int i = node.index() + dir;
    if (i < 0 || i >= nodes.size()) {
      return null;
    }
    Node s = nodes.get(i);
    if (dir < 0) {
      // the nearest node before at the same depth, under the same parent
      for (; i >= 0 && nodes.get(i).depth() > node.depth(); i--) {
        // skip the previous sibling's own children
      }
      if (i < 0) {
        return null;
      }
      s = nodes.get(i);
    }
    if (s.parent() != node.parent() || s.depth() != node.depth()) {
      return null;
    }
    if (s.is("text") || s.is("generic") && s.ref() == null || s.is("LabelText")
        || s.is("strong") || s.is("emphasis")) {
      String t = s.value() != null ? s.value() : s.name();
      return t == null || t.isBlank() || t.length() > 60 ? null : t.strip().replaceAll(":$", "");
    }
    return null;
  }

  /** The role words' roles, widened to the roles that look alike on pages. */
  static Set<String> expand(Set<String> roles) {
    Set<String> out = new HashSet<>();
    for (String r : roles) {
      switch (r) {
        case "textbox" -> out.addAll(TYPEABLE);
        case "checkbox" -> out.addAll(Set.of("checkbox", "switch", "menuitemcheckbox"));
        case "radio" -> out.addAll(Set.of("radio", "menuitemradio"));
        case "dialog" -> out.addAll(Set.of("dialog", "alertdialog"));
        case "treeitem" -> out.addAll(Set.of("treeitem", "link", "button", "generic", "listitem"));
        case "tab" -> out.addAll(Set.of("tab", "link"));
        default -> out.add(r);
      }
    }
    return out;
  }

  /** The typeable fields in document order; a select box (a combobox with options) is not one. */
  static List<Node> fields(AriaSnapshot page) {
    return page.nodes().stream()
        .filter(n -> n.ref() != null && TYPEABLE.contains(n.role()))
        .filter(n -> !n.is("combobox") || page.descendants(n).stream()
            .noneMatch(d -> d.is("option")))
        .toList();
  }

  /**
   * The field the words name: by label (name, or the text beside it), then by ordinal; with no
   * name, the first empty field (or the Nth). Empty when the page has no field that fits.
   */
  static Optional<Hit> field(AriaSnapshot page, Words words) {
    return field(page, words, false);
  }

  /**
   * The field the words name; {@code strict}: only by name or ordinal, never a field that merely
   * happens to be the only one (while the page still loads, the named one may yet come).
   */
  static Optional<Hit> field(AriaSnapshot page, Words words, boolean strict) {
    List<Node> all = fields(page);
    if (all.isEmpty()) {
      return Optional.empty();
    }
    if (words.hasName()) {
      Optional<Hit> named = byName(page, all, words, 7);
      if (named.isPresent()) {
        return named;
      }
    }
    if (words.ordinal() != 0) {
      Node n = nth(all, words.ordinal());
      return n == null ? Optional.empty() : Optional.of(new Hit(n, "it is field number "
          + words.ordinal() + " on the page"));
    }
    if (words.hasName() && (all.size() > 1 || strict)) {
      return Optional.empty();
    }
    // a search box is not the field a form's words name
    List<Node> plain = words.hasName() ? all.stream().filter(n -> !n.is("searchbox")
        && !fold(n.name()).contains("search")).toList() : all;
    if (plain.isEmpty()) {
      return Optional.empty();
    }
    Node first = plain.stream().filter(n -> n.value() == null || n.value().isEmpty()).findFirst()
        .orElse(plain.get(0));
    return Optional.of(new Hit(first, all.size() == 1 ? "it is the only field on the page"
        : "it is the first empty field"));
  }

  private static Node nth(List<Node> nodes, int ordinal) {
    int i = ordinal < 0 ? nodes.size() - 1 : ordinal - 1;
    return i >= 0 && i < nodes.size() ? nodes.get(i) : null;
  }

  /**
   * The node among {@code nodes} whose label best matches one of the words' names (an earlier,
   * more literal name wins ties); with an ordinal, the Nth of the best matches.
   */
  static Optional<Hit> byName(AriaSnapshot page, List<Node> nodes, Words words, int worst) {
    int bestScore = Integer.MAX_VALUE;
    List<Node> best = new ArrayList<>();
    String bestName = null;
    for (int c = 0; c < words.names().size(); c++) {
      String wanted = words.names().get(c);
      for (Node n : nodes) {
        int m = match(label(page, n), wanted);
        if (m > worst) {
          continue;
        }
        int score = m * 10 + c;
        if (score < bestScore) {
          bestScore = score;
          best.clear();
          bestName = wanted;
        }
        if (score == bestScore && !best.contains(n)) {
          best.add(n);
        }
      }
    }
    if (best.isEmpty()) {
      return Optional.empty();
    }
    Node n = words.ordinal() != 0 && nth(best, words.ordinal()) != null
        ? nth(best, words.ordinal()) : best.get(0);
    return Optional.of(new Hit(n, why(bestScore / 10, bestName, label(page, n))));
  }

  private static String why(int match, String wanted, String label) {
    return switch (match) {
      case 0 -> "its name is exactly \"" + wanted + "\"";
      case 1, 2 -> "its name \"" + label + "\" is \"" + wanted + "\" but for case or punctuation";
      case 3 -> "its name \"" + label + "\" starts with \"" + wanted + "\"";
      case 4, 5 -> "its name \"" + label + "\" contains \"" + wanted + "\"";
      case 6 -> "its name \"" + label + "\" shares most words with \"" + wanted + "\"";
      default -> "\"" + wanted + "\" holds its name \"" + label + "\"";
    };
  }

  /**
   * The element a click names: by name among the nodes of its roles (a role word alone, like
   * {@code a "checkbox" widget}, names the role), by ordinal among them, else by name among any
   * clickable node. Empty when nothing on the page fits.
   */
  static Optional<Hit> clickable(AriaSnapshot page, Words words) {
    if (words.roles().contains("dialog")) {
      // "Press OK in the popup": what is in the open dialog, not the page behind it
      List<Node> dialogs = page.nodes().stream()
          .filter(n -> n.is("dialog") || n.is("alertdialog")).toList();
      Set<String> rest = new HashSet<>(words.roles());
      rest.remove("dialog");
      Words inside = new Words(words.names(), rest, words.ordinal());
      if (!dialogs.isEmpty()) {
        Set<String> inDialog = new HashSet<>();
        page.descendants(dialogs.get(dialogs.size() - 1)).forEach(n -> inDialog.add(n.ref()));
        Optional<Hit> hit = clickable(page, inside, n -> inDialog.contains(n.ref()));
        if (hit.isPresent()) {
          return hit;
        }
      }
      return clickable(page, inside, n -> true);
    }
    return clickable(page, words, n -> true);
  }

  private static Optional<Hit> clickable(AriaSnapshot page, Words words,
      java.util.function.Predicate<Node> within) {
    Set<String> roles = words.roles().isEmpty() ? ANY_CLICKABLE : expand(words.roles());
    List<Node> ofRole = page.nodes().stream()
        .filter(n -> n.ref() != null && roles.contains(n.role()) && within.test(n)).toList();
    if (words.hasName()) {
      Optional<Hit> hit = byName(page, interactive(ofRole, words), words, 5);
      if (hit.isPresent()) {
        return hit;
      }
      if (!words.roles().isEmpty()) {
        List<Node> any = page.nodes().stream()
            .filter(n -> n.ref() != null && ANY_CLICKABLE.contains(n.role()) && within.test(n))
            .toList();
        hit = byName(page, interactive(any, words), words, 2);
        if (hit.isPresent()) {
          return hit;
        }
      }
      // a role word in quotes: "Click on a "checkbox" widget"
      for (String name : words.names()) {
        Words asRole = Reader.words(name);
        if (!asRole.roles().isEmpty() && !asRole.hasName()) {
          Set<String> r = expand(asRole.roles());
          List<Node> those = page.nodes().stream()
              .filter(n -> n.ref() != null && r.contains(n.role()) && within.test(n)).toList();
          if (r.contains("textbox")) {
            // a text area and a one-line box are both textboxes; the browser marks the first
            boolean area = fold(name).matches("text ?area");
            List<Node> kind = those.stream().filter(n -> n.has("multiline") == area).toList();
            those = kind.isEmpty() ? those : kind;
          }
          Node n = those.isEmpty() ? null : words.ordinal() != 0 ? nth(those, words.ordinal())
              : those.get(0);
          if (n != null) {
            return Optional.of(new Hit(n, "nothing is named \"" + name + "\", and it is a "
                + n.role()));
          }
        }
      }
      return Optional.empty();
    }
    List<Node> plain = ofRole.stream().filter(n -> !n.is("generic") && !n.is("paragraph"))
        .toList();
    if (plain.isEmpty()) {
      return Optional.empty();
    }
    Node n = words.ordinal() != 0 ? nth(plain, words.ordinal()) : plain.get(0);
    return n == null ? Optional.empty() : Optional.of(new Hit(n, words.ordinal() != 0
        ? "it is " + n.role() + " number " + words.ordinal() : "it is the first " + n.role()));
  }

  /**
   * Nodes that can be acted on: containers (a generic or paragraph holding other elements) only
   * when their own text is the name, so a click on "Ut" does not land on its whole paragraph.
   */
  private static List<Node> interactive(List<Node> nodes, Words words) {
    return nodes.stream().filter(n -> !(n.is("generic") || n.is("paragraph") || n.is("listitem")
        || n.is("cell") || n.is("row") || n.is("label") || n.is("heading"))
        || words.names().stream().anyMatch(w -> match(n.name().isEmpty() && n.value() != null
            ? n.value() : n.name(), w) <= 2)).toList();
  }

  /**
   * A run of text that holds the wanted words whole, for an element the snapshot folds into its
   * paragraph (a span made clickable by script): clicked by its exact text.
   */
  static Optional<Target> text(AriaSnapshot page, Words words) {
    for (String w : words.names()) {
      for (boolean withCase : new boolean[] {true, false}) {
        for (Node n : page.nodes()) {
          String t = n.value() != null ? n.value() : n.is("text") ? n.name() : null;
          // a sentence that quotes the name ("click on the link "Ut"") mentions it, as a
          // page showing its own task does; it is not the thing to click
          if (t == null || t.contains("\"" + w + "\"") || t.contains("“" + w + "”")) {
            continue;
          }
          String hay = withCase ? " " + t + " " : " " + t.toLowerCase(Locale.ROOT) + " ";
          String needle = withCase ? w : w.toLowerCase(Locale.ROOT);
          if (hay.matches("(?s).*[^\\p{L}\\p{N}]" + java.util.regex.Pattern.quote(needle)
              + "[^\\p{L}\\p{N}].*")) {
            return Optional.of(new Target(null, "text", w,
                List.of(LocatorCandidate.of(LocatorCandidate.Strategy.TEXT, w))));
          }
        }
      }
    }
    return Optional.empty();
  }

  /** True for a name that means the close control ("x", "×", "Close"). */
  static boolean closeWord(String name) {
    return CLOSE_WORDS.contains(fold(name));
  }

  /** The buttons that close a dialog: in the open dialog when there is one, else anywhere. */
  static Optional<Hit> closer(AriaSnapshot page, Words dialog, Words words) {
    List<Node> dialogs = page.nodes().stream()
        .filter(n -> n.is("dialog") || n.is("alertdialog")).toList();
    if (dialog.hasName() && dialogs.size() > 1) {
      Optional<Hit> named = byName(page, dialogs, dialog, 7);
      if (named.isPresent()) {
        dialogs = List.of(named.get().node());
      }
    }
    List<Node> scope = dialogs.isEmpty() ? page.nodes()
        : page.descendants(dialogs.get(dialogs.size() - 1));
    List<Node> buttons = scope.stream().filter(n -> n.ref() != null
        && (n.is("button") || n.is("link") || n.is("img") || n.is("generic"))).toList();
    List<String> names = new ArrayList<>(words.names());
    for (Node b : buttons) {
      String name = fold(b.name().isEmpty() && b.value() != null ? b.value() : b.name());
      boolean close = CLOSE_WORDS.contains(name) || name.startsWith("close");
      boolean named = names.stream().anyMatch(w -> match(b.name(), w) <= 2
          || CLOSE_WORDS.contains(fold(w)) && close);
      if (names.isEmpty() ? close : named) {
        return Optional.of(new Hit(b, "it closes " + (dialogs.isEmpty() ? "the dialog"
            : dialogs.get(dialogs.size() - 1).describe())));
      }
    }
    return Optional.empty();
  }

  /** The page's main heading (the first level-1 heading, else the first heading). */
  static Optional<Node> mainHeading(AriaSnapshot page) {
    Optional<Node> h1 = page.nodes().stream()
        .filter(n -> n.is("heading") && "1".equals(n.attrs().get("level"))).findFirst();
    return h1.isPresent() ? h1 : page.nodes().stream().filter(n -> n.is("heading")).findFirst();
  }

  /** True when the page's main heading is the item's name: the item's own page. */
  static boolean onPageOf(AriaSnapshot page, String item) {
    return mainHeading(page).map(h -> fold(h.name()).equals(fold(item))).orElse(false);
  }

  static Optional<Node> searchBox(AriaSnapshot page) {
    Optional<Node> box = page.nodes().stream()
        .filter(n -> n.ref() != null && n.is("searchbox")).findFirst();
    return box.isPresent() ? box : page.nodes().stream()
        .filter(n -> n.ref() != null && (n.is("textbox") || n.is("combobox"))
            && fold(n.name()).contains("search"))
        .findFirst();
  }

  /**
   * The first button after {@code control} inside its nearest enclosing group that has one: the
   * button that submits the control's form.
   */
  static Optional<Node> submitFor(AriaSnapshot page, Node control) {
    Optional<Node> group = page.parentOf(control);
    for (int up = 0; up < 3 && group.isPresent(); up++) {
      List<Node> inside = page.descendants(group.get());
      if (inside.size() > 40) {
        break;
      }
      Optional<Node> button = inside.stream()
          .filter(n -> n.index() > control.index() && n.ref() != null && n.is("button"))
          .findFirst();
      if (button.isPresent()) {
        return button;
      }
      group = page.parentOf(group.get());
    }
    return Optional.empty();
  }

  /** True for a link or button that turns to the next page of a list. */
  static boolean nextPage(Node n) {
    return n.ref() != null && (n.is("link") || n.is("button"))
        && fold(n.name()).matches("next( page)?|more|show more|load more|»|›|>|→|next ›|next »");
  }

  static Target target(Node n) {
    return Target.of(n.ref(), n.role(), n.name());
  }
}
