package dev.skillwright.agent;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.AriaSnapshot.Node;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The offline matcher of self-healing: when none of a step's locators matches any more, it
 * scores every element of the current snapshot by role (the same role, or a close one: a link for
 * a button) and by name similarity against every name the step was known by (its accessible
 * name, label, placeholder, text), and takes the best above a threshold.
 */
final class Healer {
  static final double THRESHOLD = 0.6;

  /** A grounding of a lost target on the current page. */
  record Match(Node node, double score) {}

  private Healer() {}

  static Optional<Match> find(AriaSnapshot page, Target lost) {
    List<String> names = new ArrayList<>();
    if (!lost.name().isBlank()) {
      names.add(lost.name());
    }
    for (LocatorCandidate c : lost.locators()) {
      switch (c.strategy()) {
        case ROLE -> {
          if (c.name() != null && !c.name().isBlank()) {
            names.add(c.name());
          }
        }
        case LABEL, PLACEHOLDER, TEXT -> names.add(c.value());
        default -> {
          // test ids and CSS paths say nothing about a name
        }
      }
    }
    Match best = null;
    for (Node n : page.nodes()) {
      if (n.ref() == null) {
        continue;
      }
      double role = roleScore(lost.role(), n.role());
      if (role == 0) {
        continue;
      }
      double name = names.isEmpty() ? (n.name().isBlank() ? 1 : 0.5)
          : names.stream().mapToDouble(x -> similarity(x, n.name())).max().orElse(0);
      double score = role * name;
      if (best == null || score > best.score()) {
        best = new Match(n, score);
      }
    }
    return best != null && best.score() >= THRESHOLD ? Optional.of(best) : Optional.empty();
  }

  static double roleScore(String want, String have) {
    if (want.equals(have)) {
      return 1;
    }
    Set<String> clickable = Set.of("button", "link", "menuitem", "tab");
    Set<String> typeable = Set.of("textbox", "searchbox", "combobox", "spinbutton");
    return clickable.contains(want) && clickable.contains(have)
        || typeable.contains(want) && typeable.contains(have) ? 0.8 : 0;
  }

  /** 1 for the same words whatever their case, less for edits and missing words. */
  static double similarity(String a, String b) {
    String x = fold(a);
    String y = fold(b);
    if (x.isEmpty() || y.isEmpty()) {
      return 0;
    }
    if (x.equals(y)) {
      return 1;
    }
    double edit = 1 - (double) levenshtein(x, y) / Math.max(x.length(), y.length());
    Set<String> wx = new HashSet<>(List.of(x.split("[^a-z0-9]+")));
    Set<String> wy = new HashSet<>(List.of(y.split("[^a-z0-9]+")));
    Set<String> both = new HashSet<>(wx);
    both.retainAll(wy);
    Set<String> any = new HashSet<>(wx);
    any.addAll(wy);
    double words = any.isEmpty() ? 0 : (double) both.size() / any.size();
    return Math.max(edit, words);
  }

  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
