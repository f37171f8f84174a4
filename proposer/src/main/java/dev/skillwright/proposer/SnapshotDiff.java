package dev.skillwright.proposer;

import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.AriaSnapshot.Node;
import dev.skillwright.trajectories.SignalCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two observations of a page: elements and text that appeared or vanished,
 * states that changed (checked, pressed, expanded, selected, a field's value), and the URL.
 * Pure and thread-safe.
 */
final class SnapshotDiff {
  /** States a person sees change on a control. */
  private static final List<String> STATES = List.of("checked", "pressed", "expanded",
      "selected");
  /** Roles that only hold other nodes: their coming and going is not an effect of its own. */
  private static final Set<String> STRUCTURE = Set.of("generic", "none", "presentation", "group");

  private SnapshotDiff() {}

  /** One element whose state changed: which state, from what to what. */
  record Change(Node node, String state, String before, String after) {
    String describe() {
      return node.describe() + " " + state + " " + before + " -> " + after;
    }
  }

  /** The differences; {@link #visible()} says whether a person would notice any. */
  record Effect(List<Node> appeared, List<Node> vanished, List<Change> changed,
      boolean urlChanged, String urlBefore, String urlAfter) {
    boolean visible() {
      return urlChanged || !appeared.isEmpty() || !vanished.isEmpty() || !changed.isEmpty();
    }

    /** One line for people and prompts. */
    String describe() {
      List<String> parts = new ArrayList<>();
      if (urlChanged) {
        parts.add("the URL became " + urlAfter);
      }
      if (!appeared.isEmpty()) {
        parts.add("appeared: " + names(appeared));
      }
      if (!vanished.isEmpty()) {
        parts.add("vanished: " + names(vanished));
      }
      changed.stream().limit(4).forEach(c -> parts.add(c.describe()));
      return parts.isEmpty() ? "no visible change" : String.join("; ", parts);
    }

    private static String names(List<Node> nodes) {
      List<String> out = new ArrayList<>();
      for (Node n : nodes) {
        String d = n.value() != null && n.name().isEmpty() ? n.role() + " \"" + n.value() + "\""
            : n.describe();
        if (!out.contains(d)) {
          out.add(d);
        }
        if (out.size() == 5) {
          break;
        }
      }
      return String.join(", ", out);
    }
  }

  /**
   * The effect of going from {@code a} at {@code urlA} to {@code b} at {@code urlB}. Changes to
   * {@code ignoreValueOf} (the field just typed into) do not count as an effect.
   */
  static Effect between(AriaSnapshot a, String urlA, AriaSnapshot b, String urlB,
      String ignoreValueOf) {
    Map<String, List<Node>> before = byKey(a);
    Map<String, List<Node>> after = byKey(b);
    List<Node> appeared = new ArrayList<>();
    List<Node> vanished = new ArrayList<>();
    after.forEach((k, nodes) -> {
      int had = before.getOrDefault(k, List.of()).size();
      nodes.stream().skip(had).forEach(appeared::add);
    });
    before.forEach((k, nodes) -> {
      int has = after.getOrDefault(k, List.of()).size();
      nodes.stream().skip(has).forEach(vanished::add);
    });
    List<Change> changed = new ArrayList<>();
    Map<String, List<Node>> controlsBefore = byControl(a);
    Map<String, List<Node>> controlsAfter = byControl(b);
    controlsAfter.forEach((k, nodes) -> {
      List<Node> old = controlsBefore.getOrDefault(k, List.of());
      for (int i = 0; i < Math.min(old.size(), nodes.size()); i++) {
        Node x = old.get(i);
        Node y = nodes.get(i);
        for (String s : STATES) {
          String vx = x.attrs().get(s);
          String vy = y.attrs().get(s);
          if (!java.util.Objects.equals(vx, vy)) {
            changed.add(new Change(y, s, vx == null ? "off" : on(vx), vy == null ? "off" : on(vy)));
          }
        }
        String valueX = SignalCheck.valueOf(x, a);
        String valueY = SignalCheck.valueOf(y, b);
        boolean typedInto = ignoreValueOf != null && y.name().equals(ignoreValueOf);
        if (!valueX.equals(valueY) && !typedInto && isField(y)) {
          changed.add(new Change(y, "value", valueX, valueY));
        }
      }
    });
    return new Effect(appeared, vanished, changed, !sameUrl(urlA, urlB), urlA, urlB);
  }

  private static String on(String v) {
    return v.isEmpty() || v.equals("true") ? "on" : v;
  }

  static boolean isField(Node n) {
    return n.is("textbox") || n.is("searchbox") || n.is("combobox") || n.is("spinbutton")
        || n.is("listbox") || n.is("slider");
  }

  /**
   * Nodes by what a person reads: role, name and (except for fields, whose value is a state)
   * the text. Bare structure without a name or text is left out.
   */
  private static Map<String, List<Node>> byKey(AriaSnapshot s) {
    Map<String, List<Node>> out = new LinkedHashMap<>();
    for (Node n : s.nodes()) {
      if (STRUCTURE.contains(n.role()) && n.name().isEmpty() && n.value() == null
          || n.is("option") && s.parentOf(n).map(p -> p.is("combobox")).orElse(false)) {
        continue;
      }
      String key = n.role() + "|" + n.name() + "|" + (isField(n) ? "" : n.value());
      out.computeIfAbsent(key, k -> new ArrayList<>()).add(n);
    }
    return out;
  }

  private static Map<String, List<Node>> byControl(AriaSnapshot s) {
    Map<String, List<Node>> out = new HashMap<>();
    for (Node n : s.nodes()) {
      if (n.ref() != null || n.is("option")) {
        out.computeIfAbsent(n.role() + "|" + n.name(), k -> new ArrayList<>()).add(n);
      }
    }
    return out;
  }

  static boolean sameUrl(String a, String b) {
    return strip(a).equals(strip(b));
  }

  /** "#" and "#/" say the same as no fragment at all. */
  private static String strip(String url) {
    String u = url == null ? "" : url;
    if (u.endsWith("#/")) {
      u = u.substring(0, u.length() - 2);
    } else if (u.endsWith("#")) {
      u = u.substring(0, u.length() - 1);
    }
    return u;
  }
}
