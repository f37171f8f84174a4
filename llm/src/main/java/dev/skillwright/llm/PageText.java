package dev.skillwright.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * Makes an aria snapshot compact enough for a prompt. It drops what a model does not need: the
 * {@code [cursor=pointer]} and {@code [active]} marks, nameless {@code generic} wrappers that
 * nothing can click (their children move up a level), the refs of what cannot be acted on
 * (headings, paragraphs, text, landmarks), half the indentation, and a link's {@code /url} line,
 * which joins the link ({@code link "Cart (0)" [ref=e9] -> /cart}) unless it only says the
 * link's name again as a slug ({@code link "Garden Hose"} to {@code /product/garden-hose}). Past the character budget it cuts
 * at a line and says how much was left out. The refs of everything a model may act on, roles,
 * names, values and link targets stay.
 */
public final class PageText {
  /** Roles a model may act on by ref; any element marked clickable keeps its ref too. */
  private static final java.util.Set<String> ACTIONABLE = java.util.Set.of("link", "button",
      "textbox", "searchbox", "combobox", "checkbox", "radio", "switch", "tab", "menuitem",
      "menuitemcheckbox", "menuitemradio", "option", "slider", "spinbutton", "listbox",
      "treeitem", "row", "cell", "gridcell", "columnheader", "rowheader", "menu", "menubar",
      "tree", "grid", "dialog", "alertdialog", "img", "summary", "scrollbar", "separator");
  private static final java.util.regex.Pattern REF =
      java.util.regex.Pattern.compile(" \\[ref=[^]]+]");

  private PageText() {}

  public static String compact(String snapshot, int budget) {
    if (snapshot == null || snapshot.isBlank()) {
      return "(the page shows nothing readable)";
    }
    List<String> kept = new ArrayList<>();
    List<Integer> depths = new ArrayList<>();
    // depth of each dropped wrapper, to pull its children up
    List<Integer> dropped = new ArrayList<>();
    for (String raw : snapshot.split("\n")) {
      int indent = raw.length() - raw.stripLeading().length();
      while (!dropped.isEmpty() && dropped.get(dropped.size() - 1) >= indent) {
        dropped.remove(dropped.size() - 1);
      }
      String line = raw.strip();
      boolean clickable = line.contains(" [cursor=pointer]");
      line = line.replace(" [cursor=pointer]", "").replace(" [active]", "");
      if (!clickable && line.matches("- generic( \\[ref=[^]]+])?:?")) {
        dropped.add(indent);
        continue;
      }
      int depth = Math.max(0, indent / 2 - dropped.size());
      if (line.startsWith("- /url: ") && !kept.isEmpty() && depths.get(depths.size() - 1)
          == depth - 1) {
        int last = kept.size() - 1;
        String url = line.substring("- /url: ".length());
        if (!repeatsName(kept.get(last), url)) {
          kept.set(last, kept.get(last) + " -> " + url);
        }
        continue;
      }
      if (!clickable && !ACTIONABLE.contains(role(line))) {
        line = REF.matcher(line).replaceFirst("");
      }
      kept.add(line);
      depths.add(depth);
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) {
      String line = kept.get(i);
      boolean parent = i + 1 < kept.size() && depths.get(i + 1) > depths.get(i);
      // a line whose children all went (a link's /url, say) has no colon left to open them
      if (!parent && line.contains(": -> ")) {
        line = line.replaceFirst(": -> ", " -> ");
      } else if (!parent && line.endsWith(":")) {
        line = line.substring(0, line.length() - 1);
      }
      lines.add(" ".repeat(depths.get(i)) + line);
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (; i < lines.size(); i++) {
      if (out.length() + lines.get(i).length() + 1 > budget) {
        break;
      }
      out.append(lines.get(i)).append('\n');
    }
    if (i < lines.size()) {
      out.append("… (").append(lines.size() - i).append(" more lines not shown)\n");
    }
    return out.toString();
  }

  /**
   * Whether a link's URL only says its name again: its last path segment is the name written as
   * a slug ({@code link "Brass Desk Lamp"} to {@code /product/brass-desk-lamp}).
   */
  static boolean repeatsName(String linkLine, String url) {
    int q = linkLine.indexOf('"');
    int end = linkLine.indexOf('"', q + 1);
    if (q < 0 || end < 0) {
      return false;
    }
    String u = url.replaceAll("^\"|\"$", "");
    // a hash route's path is in its fragment: #/active
    String path = (u.startsWith("#") ? u.substring(1) : u.replaceFirst("[?#].*", ""))
        .replaceFirst("/+$", "");
    String segment = path.substring(path.lastIndexOf('/') + 1);
    String slug = linkLine.substring(q + 1, end).toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return !slug.isEmpty() && slug.equals(segment);
  }

  /** The role a snapshot line names: {@code link} of {@code - link "Cart" [ref=e9]}. */
  private static String role(String line) {
    int end = 2;
    while (end < line.length() && Character.isLetter(line.charAt(end))) {
      end++;
    }
    return line.length() > 2 ? line.substring(2, end) : "";
  }
}
