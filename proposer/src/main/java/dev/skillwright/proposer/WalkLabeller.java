package dev.skillwright.proposer;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.proposer.Exploration.Kind;
import dev.skillwright.proposer.Exploration.Move;
import dev.skillwright.proposer.Explorer.Done;
import dev.skillwright.proposer.SnapshotDiff.Change;
import dev.skillwright.skills.SideEffect;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.AriaSnapshot.Node;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.Condition.ElementState.State;
import dev.skillwright.trajectories.SignalCheck;
import dev.skillwright.trajectories.SuccessSignal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Labels a walk afterwards: an English instruction in the shared phrasings (clauses chained with
 * {@code , then }), a success signal made of the observed effects that hold at the end of the
 * walk and did not hold at its start, and the typed or chosen values as parameters. A walk whose
 * effects leave nothing checkable gets no label. Pure and thread-safe.
 */
final class WalkLabeller {
  /** Roles whose appearing says what a move did (a dialog opened, a panel showed). */
  private static final Set<String> TELLING = Set.of("dialog", "alertdialog", "heading",
      "tabpanel", "alert", "status", "region", "article", "listitem", "row", "cell",
      "checkbox", "link", "button", "img", "table", "list");
  private static final Set<String> TEXTS = Set.of("text", "paragraph", "cell", "listitem",
      "heading", "status", "alert", "term", "definition", "blockquote", "caption", "code",
      "strong", "emphasis", "generic");

  private WalkLabeller() {}

  static Optional<Exploration.Walk> label(String startUrl, AriaSnapshot start, String startAt,
      List<Done> chain) {
    List<String> clauses = new ArrayList<>();
    List<Move> moves = new ArrayList<>();
    Map<String, String> params = new LinkedHashMap<>();
    boolean destructive = false;
    for (int i = 0; i < chain.size(); i++) {
      Done d = chain.get(i);
      Done next = i + 1 < chain.size() ? chain.get(i + 1) : null;
      destructive |= SideEffect.looksDestructive(d.candidate().name());
      // opening a menu or a custom list, then choosing in it, is one clause
      if (next != null && next.kind() == Kind.ITEM && opened(d, next)) {
        String item = next.candidate().name();
        if (next.candidate().role().equals("option")) {
          String key = key(params, "option");
          params.put(key, item);
          clauses.add("Select \"" + item + "\" from the \"" + d.candidate().name() + "\" list");
        } else {
          clauses.add("Open the \"" + d.candidate().name() + "\" menu, then click \"" + item
              + "\"");
        }
        moves.add(Explorer.move(d, d.kind()));
        moves.add(Explorer.move(next, next.kind()));
        destructive |= SideEffect.looksDestructive(item);
        i++;
        continue;
      }
      Optional<String> clause = clause(d, params);
      if (clause.isEmpty()) {
        return Optional.empty();
      }
      clauses.add(clause.get());
      moves.add(Explorer.move(d, d.kind()));
    }
    Done last = chain.get(chain.size() - 1);
    List<Condition> signal = signal(chain, start, startAt, last.after(), last.urlAfter());
    if (signal.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder();
    for (String c : clauses) {
      sb.append(sb.length() == 0 ? c : ", then " + Character.toLowerCase(c.charAt(0))
          + c.substring(1));
    }
    sb.append('.');
    return Optional.of(new Exploration.Walk(startUrl, moves, sb.toString(),
        new SuccessSignal(signal), params, destructive));
  }

  /** Whether {@code next} chose among what {@code d} opened (menu items, a list's options). */
  private static boolean opened(Done d, Done next) {
    return d.effect().appeared().stream().anyMatch(n -> n.role().equals(next.candidate().role())
        && n.name().equals(next.candidate().name()));
  }

  private static Optional<String> clause(Done d, Map<String, String> params) {
    String name = d.candidate().label();
    return Optional.ofNullable(switch (d.kind()) {
      case LINK -> hashOnly(d.urlBefore(), d.urlAfter()) || !d.effect().urlChanged()
          ? "Click the \"" + name + "\" link" : "Go to the \"" + name + "\" page";
      case TAB -> "Click the \"" + name + "\" tab";
      case TYPE_ENTER, TYPE_SUBMIT -> {
        String value = d.candidate().value();
        params.put(key(params, d.candidate().field()), value);
        yield "Type \"" + value + "\" into the \"" + name + "\" field"
            + (d.kind() == Kind.TYPE_ENTER ? " and press Enter"
                : ", then click the \"" + d.candidate().button() + "\" button");
      }
      case CHECK -> "Check the \"" + name + "\" checkbox";
      case UNCHECK -> "Uncheck the \"" + name + "\" checkbox";
      case RADIO -> "Select the \"" + name + "\" option";
      case SELECT -> {
        params.put(key(params, "option"), d.candidate().value());
        yield "Select \"" + d.candidate().value() + "\" from the \"" + name + "\" list";
      }
      case CLOSE_DIALOG -> {
        String dialog = dialogName(d);
        yield dialog == null ? "Click the \"" + name + "\" button"
            : "Close the \"" + dialog + "\" dialog";
      }
      case ITEM -> "Click \"" + name + "\"";
      case BUTTON, EXPAND, COLLAPSE -> {
        Optional<Change> expanded = d.effect().changed().stream()
            .filter(c -> c.state().equals("expanded") && c.node().name().equals(name))
            .findFirst();
        boolean menu = d.effect().appeared().stream().anyMatch(n -> n.is("menu")
            || n.is("menuitem") || n.is("listbox") || n.is("option"));
        if (expanded.isPresent() && !menu && d.candidate().role().equals("button")) {
          yield (expanded.get().after().equals("on") ? "Expand" : "Collapse") + " the \"" + name
              + "\" section";
        }
        yield d.candidate().role().equals("button") ? "Click the \"" + name + "\" button"
            : "Click \"" + name + "\"";
      }
    });
  }

  /** The closed dialog's name, or the heading it showed. */
  private static String dialogName(Done d) {
    for (Node n : d.effect().vanished()) {
      if (n.is("dialog") || n.is("alertdialog")) {
        if (!n.name().isBlank()) {
          return n.name();
        }
        for (Node h : d.before().descendants(n)) {
          if (h.is("heading") && !h.name().isBlank()) {
            return h.name();
          }
        }
      }
    }
    return null;
  }

  private static String key(Map<String, String> params, String base) {
    String b = base == null || base.isBlank() ? "text" : base;
    String k = b;
    for (int i = 2; params.containsKey(k); i++) {
      k = b + i;
    }
    return k;
  }

  private static boolean hashOnly(String a, String b) {
    int ia = a.indexOf('#');
    int ib = b.indexOf('#');
    return (ia < 0 ? a : a.substring(0, ia)).equals(ib < 0 ? b : b.substring(0, ib));
  }

  /**
   * The observed effects as conditions that hold at the end ({@code end} at {@code endUrl}) and
   * did not at the start: the last move's first, then at most one more from the moves before.
   */
  static List<Condition> signal(List<Done> chain, AriaSnapshot start, String startUrl,
      AriaSnapshot end, String endUrl) {
    List<Condition> out = new ArrayList<>();
    for (int i = chain.size() - 1; i >= 0 && out.size() < 2; i--) {
      for (Condition c : conditions(chain.get(i), end, endUrl)) {
        if (SignalCheck.holds(c, endUrl, end, null) && !SignalCheck.holds(c, startUrl, start, null)
            && out.stream().noneMatch(o -> o.getClass() == c.getClass() && o.equals(c))) {
          out.add(c);
          break;
        }
      }
    }
    return out;
  }

  /** What one move changed, as conditions, the most telling first. */
  static List<Condition> conditions(Done d, AriaSnapshot end, String endUrl) {
    List<Condition> out = new ArrayList<>();
    String name = d.candidate().name();
    switch (d.kind()) {
      case TYPE_ENTER, TYPE_SUBMIT -> {
        if (shownOutsideFields(end, d.candidate().value())) {
          out.add(new Condition.TextPresent(d.candidate().value()));
        }
      }
      case SELECT -> out.add(new Condition.ElementState("combobox", name, State.HAS_VALUE,
          d.candidate().value()));
      case CHECK -> out.add(new Condition.ElementState(d.candidate().role(), name,
          State.CHECKED, null));
      case UNCHECK -> out.add(new Condition.ElementState(d.candidate().role(), name,
          State.UNCHECKED, null));
      case RADIO -> out.add(new Condition.ElementState("radio", name, State.CHECKED, null));
      default -> { }
    }
    for (Change c : d.effect().changed()) {
      if (c.state().equals("pressed") && c.after().equals("on")) {
        out.add(new Condition.ElementState(c.node().role(), c.node().name(), State.PRESSED,
            null));
      } else if (c.state().equals("checked") && !c.node().name().isBlank()) {
        out.add(new Condition.ElementState(c.node().role(), c.node().name(),
            c.after().equals("off") ? State.UNCHECKED : State.CHECKED, null));
      }
    }
    if (d.effect().urlChanged()) {
      out.add(new Condition.UrlMatches("*" + pathQueryFragment(d.urlAfter())));
    }
    for (Node n : d.effect().appeared()) {
      if ((n.is("dialog") || n.is("alertdialog")) && n.name().isBlank()) {
        out.add(new Condition.ElementState(n.role(), "", State.PRESENT, null));
      } else if (TELLING.contains(n.role()) && readable(n.name())) {
        out.add(new Condition.ElementState(n.role(), n.name(), State.PRESENT, null));
      }
    }
    for (Node n : d.effect().appeared()) {
      if (TEXTS.contains(n.role()) && n.value() != null && readable(n.value())) {
        out.add(new Condition.TextPresent(n.value()));
      }
    }
    for (Node n : d.effect().vanished()) {
      if ((n.is("dialog") || n.is("alertdialog"))) {
        out.add(new Condition.ElementState(n.role(), n.name(), State.ABSENT, null));
      } else if (TELLING.contains(n.role()) && readable(n.name())) {
        out.add(new Condition.ElementState(n.role(), n.name(), State.ABSENT, null));
      }
    }
    return out;
  }

  /** Words a person reads, not a count that changes with the data ("3 items left"). */
  private static boolean readable(String s) {
    String t = s == null ? "" : s.strip();
    return t.length() >= 3 && t.length() <= 80 && t.chars().anyMatch(Character::isLetter)
        && t.chars().noneMatch(Character::isDigit);
  }

  /** Whether the page shows the value somewhere other than in a field (it was added). */
  private static boolean shownOutsideFields(AriaSnapshot page, String value) {
    String v = fold(value);
    for (Node n : page.nodes()) {
      if (SnapshotDiff.isField(n)) {
        continue;
      }
      if (fold(n.name()).contains(v) || n.value() != null && fold(n.value()).contains(v)) {
        return true;
      }
    }
    return false;
  }

  static String pathQueryFragment(String url) {
    try {
      URI u = URI.create(url);
      String p = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      return p + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery())
          + (u.getRawFragment() == null ? "" : "#" + u.getRawFragment());
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
