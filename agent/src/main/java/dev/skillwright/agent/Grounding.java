package dev.skillwright.agent;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.AriaSnapshot.Node;
import dev.skillwright.trajectories.Target;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds the element an instruction's words name, among the snapshot's actionable nodes. */
final class Grounding {
  static final Set<String> CLICKABLE = Set.of("link", "button", "tab", "menuitem", "option");
  static final Set<String> TYPEABLE = Set.of("textbox", "searchbox", "spinbutton", "combobox");

  private Grounding() {}

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

  /** The first node with a ref and one of {@code roles} whose name contains every word. */
  static Optional<Node> findAll(AriaSnapshot page, Set<String> roles, List<String> words) {
    return page.nodes().stream()
        .filter(n -> n.ref() != null && roles.contains(n.role()))
        .filter(n -> words.stream().allMatch(w -> fold(n.name()).contains(fold(w))))
        .findFirst();
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

  static Target target(Node n) {
    return Target.of(n.ref(), n.role(), n.name());
  }
}
