package dev.skillwright.envs;

import static dev.skillwright.envs.Html.esc;

import java.util.List;
import java.util.Map;

/**
 * The markup of the widgets agents find hard, shared by the bundled sites. Each works with the
 * script {@code widgets.js} and follows the WAI-ARIA pattern of its kind, so it is as accessible
 * as a careful real site, and still hard: its options, dates and content are not in the page until
 * the agent opens, types, waits or pages.
 */
final class Widgets {
  private Widgets() {}

  /** A button that opens the modal dialog {@code id}. */
  static String dialogButton(String id, String text) {
    return "<button type=\"button\" data-opens=\"" + id + "\">" + esc(text) + "</button>";
  }

  /** A modal dialog, closed until its button opens it; {@code body} is trusted markup. */
  static String dialog(String id, String title, String body) {
    return "<dialog id=\"" + id + "\" aria-labelledby=\"" + id + "-title\"><h2 id=\"" + id
        + "-title\">" + esc(title) + "</h2>" + body
        + " <button type=\"button\" data-closes>Cancel</button></dialog>";
  }

  /**
   * A custom dropdown: a combobox button and a listbox of options (value to label), posting its
   * choice as the hidden field {@code name}. It is not a {@code <select>}: the options exist only
   * as list items that show when the button is pressed.
   */
  static String dropdown(String id, String label, String name, Map<String, String> options,
      String selected) {
    String shown = options.getOrDefault(selected, "Choose…");
    StringBuilder sb = new StringBuilder("<div data-dropdown><span id=\"" + id + "-label\">"
        + esc(label) + "</span> <input type=\"hidden\" name=\"" + name + "\" value=\""
        + esc(selected == null ? "" : selected) + "\">"
        + "<button type=\"button\" role=\"combobox\" id=\""
        + id + "\" aria-labelledby=\"" + id + "-label\" aria-haspopup=\"listbox\" "
        + "aria-expanded=\"false\" aria-controls=\"" + id + "-list\">" + esc(shown)
        + "</button><ul role=\"listbox\" id=\"" + id + "-list\" aria-labelledby=\"" + id
        + "-label\" hidden>");
    int i = 0;
    for (var o : options.entrySet()) {
      sb.append("<li role=\"option\" id=\"").append(id).append("-o").append(i++)
          .append("\" data-value=\"").append(esc(o.getKey())).append("\" aria-selected=\"")
          .append(o.getKey().equals(selected)).append("\">").append(esc(o.getValue()))
          .append("</li>");
    }
    return sb.append("</ul></div>").toString();
  }

  /**
   * A search field with suggestions fetched from {@code source} (JSON {@code [{label, href}]});
   * choosing one opens its page, and Enter submits the field's form as usual.
   */
  static String searchAutocomplete(String id, String label, String name, String source,
      String value) {
    return "<div data-autocomplete data-source=\"" + source + "\"><input id=\"" + id
        + "\" name=\"" + name + "\" type=\"text\" role=\"combobox\" aria-label=\"" + esc(label)
        + "\" placeholder=\"" + esc(label) + "\" aria-autocomplete=\"list\" "
        + "aria-expanded=\"false\" aria-controls=\"" + id + "-list\" autocomplete=\"off\" value=\""
        + esc(value) + "\"><ul role=\"listbox\" id=\"" + id + "-list\" aria-label=\""
        + esc(label) + " suggestions\" hidden></ul></div>";
  }

  /**
   * A multi-choice autocomplete over fixed words: typing filters them, each choice becomes a
   * removable chip posted as a repeated field {@code name}.
   */
  static String multiAutocomplete(String id, String label, String name, List<String> words,
      List<String> chosen) {
    StringBuilder chips = new StringBuilder();
    for (String w : chosen) {
      chips.append("<span class=\"chip\">").append(esc(w)).append(" <button type=\"button\" ")
          .append("aria-label=\"Remove label ").append(esc(w)).append("\">×</button><input ")
          .append("type=\"hidden\" name=\"").append(name).append("\" value=\"").append(esc(w))
          .append("\"></span>");
    }
    StringBuilder json = new StringBuilder("[");
    for (String w : words) {
      json.append(json.length() > 1 ? "," : "").append("&quot;").append(esc(w)).append("&quot;");
    }
    json.append(']');
    return "<div data-autocomplete data-options=\"" + json + "\" data-multiple=\"" + name
        + "\"><label for=\"" + id + "\">" + esc(label) + "</label> <span class=\"chips\">" + chips
        + "</span><input id=\"" + id + "\" type=\"text\" role=\"combobox\" "
        + "aria-autocomplete=\"list\" aria-expanded=\"false\" aria-controls=\"" + id + "-list\" "
        + "autocomplete=\"off\"><ul role=\"listbox\" id=\"" + id + "-list\" aria-label=\""
        + esc(label) + " suggestions\" hidden></ul></div>";
  }

  /**
   * A date field: a text field for {@code YYYY-MM-DD} and a button opening a calendar dialog that
   * starts at {@code today}'s month.
   */
  static String datePicker(String id, String label, String name, String value, String today) {
    return "<label for=\"" + id + "\">" + esc(label) + "</label> <input id=\"" + id + "\" name=\""
        + name + "\" type=\"text\" inputmode=\"numeric\" placeholder=\"YYYY-MM-DD\" value=\""
        + esc(value) + "\"> <button type=\"button\" data-datepicker-for=\"" + id
        + "\" data-today=\"" + today + "\" aria-label=\"Choose " + esc(label.toLowerCase(
            java.util.Locale.ROOT)) + "\">📅</button>";
  }

  /** A region filled from {@code url} after {@code millis}; until then it says it is loading. */
  static String delayed(String url, int millis, String label, String loading) {
    return "<section data-delayed=\"" + url + "\" data-delay=\"" + millis + "\" aria-label=\""
        + esc(label) + "\" aria-busy=\"true\"><p role=\"status\">" + esc(loading)
        + "</p></section>";
  }

  /** Previous/next page links around "Page N of M"; {@code base} ends where the number goes. */
  static String pagination(String base, int page, int pages) {
    StringBuilder sb = new StringBuilder("<nav aria-label=\"Pagination\">");
    if (page > 1) {
      sb.append("<a href=\"").append(base).append(page - 1).append("\">Previous page</a> ");
    }
    sb.append("<span>Page ").append(page).append(" of ").append(pages).append("</span>");
    if (page < pages) {
      sb.append(" <a href=\"").append(base).append(page + 1).append("\">Next page</a>");
    }
    return sb.append("</nav>").toString();
  }
}
