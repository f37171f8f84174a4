package dev.skillwright.envs;

import static dev.skillwright.envs.Html.esc;

import dev.skillwright.envs.TrackerData.Issue;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code tracker} site: an issue tracker where issues are filtered, created, labelled,
 * assigned, given a due date, closed and reopened. Its hard widgets: the custom assignee
 * dropdown, the label autocomplete, the due-date picker, the close confirmation dialog and the
 * paged issue list.
 */
final class TrackerSite extends SiteServer<TrackerSite.Visitor> {
  static final int PAGE_SIZE = 8;
  static final String TODAY = "2026-11-20";

  /** One visitor's state: every issue as they left it, seeded from the data. */
  static final class Visitor {
    final Map<Integer, Issue> issues = new LinkedHashMap<>();

    Visitor() {
      TrackerData.ISSUES.forEach(i -> issues.put(i.id(), i));
    }
  }

  private TrackerSite() {
    super("tracker", "sw_tracker", Visitor::new);
  }

  static TrackerSite start(int port) {
    return new TrackerSite().listen(port);
  }

  @Override
  public Map<String, Object> groundTruth(String visitor) {
    Visitor v = visitor(visitor);
    if (v == null) {
      v = new Visitor();
    }
    synchronized (v) {
      List<Map<String, Object>> issues = new ArrayList<>();
      for (Issue i : v.issues.values()) {
        issues.add(Map.of("id", i.id(), "title", i.title(), "status", i.open() ? "open"
            : "closed", "labels", i.labels(), "assignee", i.assignee(), "due", i.due()));
      }
      return Map.of("issues", issues);
    }
  }

  // ---- request handling ----

  @Override
  Response respond(Request r, Visitor v) {
    String path = r.path();
    if (r.isPost()) {
      return post(r, v);
    }
    if (path.equals("/")) {
      return page("Issues", list(r, v));
    }
    if (path.equals("/new")) {
      return page("New issue", newForm(Map.of(), List.of()));
    }
    if (path.equals("/labels")) {
      StringBuilder sb = new StringBuilder("<h1>Labels</h1><ul class=\"items\">");
      for (String l : TrackerData.LABELS) {
        long open = v.issues.values().stream().filter(i -> i.open() && i.labels().contains(l))
            .count();
        sb.append("<li><a href=\"/?label=").append(l).append("\">").append(l).append("</a> "
            + "<span class=\"meta\">").append(open).append(" open</span></li>");
      }
      return page("Labels", sb.append("</ul>").toString());
    }
    if (path.matches("/issue/\\d{1,6}")) {
      return issue(v, path).map(i -> page("#" + i.id() + " " + i.title(), issuePage(i)))
          .orElseGet(this::notFound);
    }
    return notFound();
  }

  private Response post(Request r, Visitor v) {
    String path = r.path();
    if (path.equals("/new")) {
      List<String> errors = validate(r);
      if (r.field("title").isEmpty()) {
        errors.add(0, "Give the issue a title.");
      }
      if (!errors.isEmpty()) {
        return Response.html(422, frame("New issue", newForm(r.form(), errors)));
      }
      int id = v.issues.size() + 1;
      v.issues.put(id, new Issue(id, r.field("title"), true, labels(r), r.field("assignee"),
          r.field("due"), r.field("description")));
      return Response.redirect("/issue/" + id);
    }
    if (path.matches("/issue/\\d{1,6}/(update|close|reopen)")) {
      String base = path.substring(0, path.lastIndexOf('/'));
      Optional<Issue> found = issue(v, base);
      if (found.isEmpty()) {
        return notFound();
      }
      Issue i = found.get();
      if (path.endsWith("/update")) {
        List<String> errors = validate(r);
        if (!errors.isEmpty()) {
          return Response.html(422, frame("#" + i.id() + " " + i.title(),
              "<div class=\"errors\" role=\"alert\">" + esc(String.join(" ", errors)) + "</div>"
                  + issuePage(i)));
        }
        v.issues.put(i.id(), i.withFields(labels(r), r.field("assignee"), r.field("due")));
      } else {
        v.issues.put(i.id(), i.withOpen(path.endsWith("/reopen")));
      }
      return Response.redirect(base);
    }
    return notFound();
  }

  private static List<String> validate(Request r) {
    List<String> errors = new ArrayList<>();
    String assignee = r.field("assignee");
    if (!assignee.isEmpty() && !TrackerData.PEOPLE.contains(assignee)) {
      errors.add("Choose an assignee from the list.");
    }
    if (!r.field("due").isEmpty() && !validDate(r.field("due"))) {
      errors.add("Write the due date as YYYY-MM-DD.");
    }
    return errors;
  }

  static boolean validDate(String s) {
    try {
      java.time.LocalDate.parse(s);
      return true;
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  private static List<String> labels(Request r) {
    return List.of(r.field("labels").split(",")).stream().map(String::strip)
        .filter(TrackerData.LABELS::contains).distinct().toList();
  }

  private static Optional<Issue> issue(Visitor v, String path) {
    return Optional.ofNullable(v.issues.get(Integer.parseInt(path.substring("/issue/".length()))));
  }

  // ---- pages ----

  private String list(Request r, Visitor v) {
    String q = r.param("q").strip();
    String status = List.of("open", "closed", "all").contains(r.param("status"))
        ? r.param("status") : "open";
    String label = r.param("label");
    String assignee = r.param("assignee");
    List<Issue> shown = v.issues.values().stream()
        .filter(i -> status.equals("all") || i.open() == status.equals("open"))
        .filter(i -> label.isEmpty() || i.labels().contains(label))
        .filter(i -> assignee.isEmpty() || i.assignee().equals(assignee)
            || assignee.equals("none") && i.assignee().isEmpty())
        .filter(i -> q.isEmpty() || (i.title() + " " + i.description()).toLowerCase(Locale.ROOT)
            .contains(q.toLowerCase(Locale.ROOT)))
        .sorted((a, b) -> b.id() - a.id()).toList();
    StringBuilder sb = new StringBuilder("<h1>Issues</h1>");
    sb.append("<form role=\"search\" method=\"get\" action=\"/\"><input type=\"search\" name=\"q\""
        + " aria-label=\"Search issues\" placeholder=\"Search issues\" value=\"").append(esc(q))
        .append("\"> ");
    Map<String, String> statuses = new LinkedHashMap<>();
    statuses.put("open", "Open");
    statuses.put("closed", "Closed");
    statuses.put("all", "All");
    sb.append(select("status", "Status", statuses, status));
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("", "Any label");
    TrackerData.LABELS.forEach(l -> labels.put(l, l));
    sb.append(select("label", "Label", labels, label));
    Map<String, String> people = new LinkedHashMap<>();
    people.put("", "Anyone");
    TrackerData.PEOPLE.forEach(p -> people.put(p, p));
    people.put("none", "Unassigned");
    sb.append(select("assignee", "Assignee", people, assignee));
    sb.append(" <button type=\"submit\">Filter</button></form>");
    int pages = Math.max(1, (shown.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int page = pageNumber(r.param("page"), pages);
    sb.append("<p>").append(shown.size()).append(shown.size() == 1 ? " issue" : " issues")
        .append("</p><ul class=\"items\">");
    for (Issue i : shown.subList((page - 1) * PAGE_SIZE, Math.min(shown.size(),
        page * PAGE_SIZE))) {
      sb.append("<li><a href=\"/issue/").append(i.id()).append("\">").append(esc(i.title()))
          .append("</a><p class=\"meta\">#").append(i.id()).append(" · ")
          .append(i.open() ? "open" : "closed").append(" · ").append(esc(String.join(", ",
              i.labels()))).append(i.assignee().isEmpty() ? "" : " · " + esc(i.assignee()))
          .append("</p></li>");
    }
    sb.append("</ul>");
    String base = "/?q=" + enc(q) + "&status=" + status + "&label=" + enc(label) + "&assignee="
        + enc(assignee) + "&page=";
    return sb.append(Widgets.pagination(base, page, pages)).toString();
  }

  private static String select(String name, String label, Map<String, String> options,
      String selected) {
    StringBuilder sb = new StringBuilder("<label>" + label + " <select name=\"" + name + "\">");
    options.forEach((value, text) -> sb.append("<option value=\"").append(esc(value)).append('"')
        .append(value.equals(selected) ? " selected" : "").append('>').append(esc(text))
        .append("</option>"));
    return sb.append("</select></label> ").toString();
  }

  private String issuePage(Issue i) {
    StringBuilder sb = new StringBuilder("<article><h1>").append(esc(i.title())).append("</h1>");
    sb.append("<p>Issue: #").append(i.id()).append("</p><p>Status: ")
        .append(i.open() ? "Open" : "Closed").append("</p><p>Assignee: ")
        .append(i.assignee().isEmpty() ? "Unassigned" : esc(i.assignee())).append("</p><p>Labels: ")
        .append(esc(String.join(", ", i.labels()))).append("</p><p>Due date: ")
        .append(i.due().isEmpty() ? "None" : i.due()).append("</p><p>")
        .append(esc(i.description())).append("</p></article>");
    if (i.open()) {
      sb.append(Widgets.dialogButton("close-issue", "Close issue")).append(Widgets.dialog(
          "close-issue", "Close issue #" + i.id() + "?", "<p>" + esc(i.title()) + "</p><form "
              + "method=\"post\" action=\"/issue/" + i.id() + "/close\"><button type=\"submit\">"
              + "Yes, close it</button></form>"));
    } else {
      sb.append("<form method=\"post\" action=\"/issue/").append(i.id()).append("/reopen\">"
          + "<button type=\"submit\">Reopen issue</button></form>");
    }
    sb.append("<h2>Details</h2><form method=\"post\" action=\"/issue/").append(i.id())
        .append("/update\">").append(fields(i.assignee(), i.labels(), i.due()))
        .append("<button type=\"submit\">Save changes</button></form>");
    return sb.toString();
  }

  /** The assignee dropdown, the labels autocomplete and the due-date picker. */
  private static String fields(String assignee, List<String> labels, String due) {
    Map<String, String> people = new LinkedHashMap<>();
    people.put("", "Unassigned");
    TrackerData.PEOPLE.forEach(p -> people.put(p, p));
    return Widgets.dropdown("assignee", "Assignee", "assignee", people, assignee)
        + Widgets.multiAutocomplete("labels", "Labels", "labels", TrackerData.LABELS, labels)
        + "<p>" + Widgets.datePicker("due", "Due date", "due", due, TODAY) + "</p>";
  }

  private String newForm(Map<String, String> f, List<String> errors) {
    StringBuilder sb = new StringBuilder("<h1>New issue</h1>");
    if (!errors.isEmpty()) {
      sb.append("<div class=\"errors\" role=\"alert\"><ul>");
      errors.forEach(e -> sb.append("<li>").append(esc(e)).append("</li>"));
      sb.append("</ul></div>");
    }
    List<String> chosen = f.containsKey("labels") ? List.of(f.get("labels").split(",")).stream()
        .filter(TrackerData.LABELS::contains).toList() : List.of();
    return sb.append("<form method=\"post\" action=\"/new\"><label>Title <input type=\"text\" "
            + "name=\"title\" value=\"").append(esc(f.getOrDefault("title", "")))
        .append("\"></label><label>Description <textarea name=\"description\" rows=\"4\">")
        .append(esc(f.getOrDefault("description", ""))).append("</textarea></label>")
        .append(fields(f.getOrDefault("assignee", ""), chosen, f.getOrDefault("due", "")))
        .append("<button type=\"submit\">Create issue</button></form>").toString();
  }

  // ---- frame ----

  private static String frame(String title, String body) {
    return Html.page("Skillwright Tracker", title, "<nav aria-label=\"Main\"><a href=\"/\">Issues"
        + "</a> <a href=\"/new\">New issue</a> <a href=\"/labels\">Labels</a></nav>", body);
  }

  private Response page(String title, String body) {
    return Response.html(200, frame(title, body));
  }

  private Response notFound() {
    return Response.html(404, frame("Not found",
        "<h1>Page not found</h1><p><a href=\"/\">Issues</a></p>"));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
