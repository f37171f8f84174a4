package dev.skillwright.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes an aria snapshot compact enough for a prompt. It drops what a model does not need (the
 * {@code [cursor=pointer]} and {@code [active]} marks, nameless {@code generic} wrappers, whose
 * children move up a level) and, past the character budget, cuts at a line and says how much was
 * left out. Refs, roles, names, values and link targets stay.
 */
public final class PageText {
  private PageText() {}

  public static String compact(String snapshot, int budget) {
    if (snapshot == null || snapshot.isBlank()) {
      return "(the page shows nothing readable)";
    }
    List<String> kept = new ArrayList<>();
    // depth of each dropped wrapper, to pull its children up
    List<Integer> dropped = new ArrayList<>();
    for (String raw : snapshot.split("\n")) {
      int indent = raw.length() - raw.stripLeading().length();
      while (!dropped.isEmpty() && dropped.get(dropped.size() - 1) >= indent) {
        dropped.remove(dropped.size() - 1);
      }
      String line = raw.strip().replace(" [cursor=pointer]", "").replace(" [active]", "");
      if (line.matches("- generic( \\[ref=[^]]+])?:?")) {
        dropped.add(indent);
        continue;
      }
      int depth = Math.max(0, indent / 2 - dropped.size());
      kept.add("  ".repeat(depth) + line);
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
}
