package dev.skillwright.envs;

import static dev.skillwright.envs.Html.esc;

import dev.skillwright.envs.WikiData.Article;
import dev.skillwright.envs.WikiData.Revision;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code wiki} site: articles with internal links, search, editing with a revision history,
 * and new articles. Its hard widgets: the search autocomplete, the publish dialog that asks for an
 * edit summary, facts that load after the page, and the paged list of all articles.
 */
final class WikiSite extends SiteServer<WikiSite.Visitor> {
  static final int PAGE_SIZE = 8;
  static final String TODAY = "2026-11-20";
  private static final Pattern LINK = Pattern.compile("\\[\\[([^\\]|]{1,80})]]");

  /** One visitor's state: the revisions they saved, and the articles they created. */
  static final class Visitor {
    final Map<String, List<Revision>> edits = new LinkedHashMap<>();
    final Map<String, Article> created = new LinkedHashMap<>();
  }

  private WikiSite() {
    super("wiki", "sw_wiki", Visitor::new);
  }

  static WikiSite start(int port) {
    return new WikiSite().listen(port);
  }

  @Override
  public Map<String, Object> groundTruth(String visitor) {
    Visitor v = visitor(visitor);
    if (v == null) {
      return Map.of("edits", List.of(), "created", List.of());
    }
    synchronized (v) {
      List<Map<String, Object>> edits = new ArrayList<>();
      v.edits.forEach((title, revs) -> revs.forEach(r -> edits.add(Map.of("title", title,
          "summary", r.summary(), "text", r.text(), "minor", r.minor()))));
      return Map.of("edits", edits, "created", List.copyOf(v.created.keySet()));
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
      return page("Main page", "<h1>Skillwright Wiki</h1><p>The free encyclopedia of this "
          + "machine, with " + articles(v).size() + " articles.</p><h2>Featured article</h2>"
          + "<p><a href=\"" + href("Mount Etna") + "\">Mount Etna</a>: " + render(
              WikiData.ARTICLES.get(0).text()) + "</p><h2>Explore</h2><ul><li><a href=\"/all\">"
          + "All articles</a></li><li><a href=\"/create\">Create article</a></li></ul>", "");
    }
    if (path.equals("/all")) {
      return page("All articles", allArticles(v, r.param("page")), "");
    }
    if (path.equals("/search")) {
      return page("Search", search(v, r.param("q").strip()), r.param("q").strip());
    }
    if (path.equals("/suggest")) {
      return suggest(v, r.param("q").strip());
    }
    if (path.equals("/create")) {
      return page("Create article", createForm(r.param("title"), "", List.of()), "");
    }
    if (path.startsWith("/wiki/")) {
      String[] parts = path.substring(6).split("/", 2);
      String title = parts[0].replace('_', ' ');
      Optional<Article> a = article(v, title);
      String rest = parts.length > 1 ? parts[1] : "";
      if (a.isEmpty()) {
        return rest.isEmpty() ? Response.html(404, frame("Not found", "<h1>" + esc(title)
            + "</h1><p>This article does not exist yet. <a href=\"/create?title="
            + enc(title) + "\">Create it</a>.</p>", "")) : notFound();
      }
      return switch (rest) {
        case "" -> page(title, articlePage(a.get()), "");
        case "facts" -> Response.html(200, facts(a.get()));
        case "edit" -> page("Editing " + title, editForm(a.get(), List.of()), "");
        case "history" -> page("History of " + title, history(a.get()), "");
        default -> notFound();
      };
    }
    return notFound();
  }

  private Response post(Request r, Visitor v) {
    String path = r.path();
    Revision rev = new Revision("you", TODAY, r.field("summary"), r.field("text"),
        r.form().containsKey("minor"));
    if (path.equals("/create")) {
      String title = r.field("title");
      List<String> errors = new ArrayList<>();
      if (!title.matches("[\\p{L}\\p{N} ,'().-]{1,80}")) {
        errors.add("Give the article a title of letters, digits and spaces.");
      } else if (article(v, title).isPresent()) {
        errors.add("An article with this title exists already.");
      }
      if (rev.text().isEmpty()) {
        errors.add("Write some content.");
      }
      if (!errors.isEmpty()) {
        return Response.html(422, frame("Create article", createForm(title, rev.text(), errors),
            ""));
      }
      v.created.put(title, new Article(title, Map.of(), List.of(rev)));
      return Response.redirect(href(title));
    }
    if (path.startsWith("/wiki/") && path.endsWith("/edit")) {
      String title = path.substring(6, path.length() - 5).replace('_', ' ');
      Optional<Article> a = article(v, title);
      if (a.isEmpty()) {
        return notFound();
      }
      if (rev.text().isEmpty()) {
        return Response.html(422, frame("Editing " + title, editForm(a.get(),
            List.of("An article cannot be empty.")), ""));
      }
      Article created = v.created.get(title);
      if (created != null) {
        List<Revision> history = new ArrayList<>(created.history());
        history.add(rev);
        v.created.put(title, new Article(title, created.facts(), history));
      }
      v.edits.computeIfAbsent(title, k -> new ArrayList<>()).add(rev);
      return Response.redirect(href(title));
    }
    return notFound();
  }

  // ---- data ----

  private static List<Article> articles(Visitor v) {
    List<Article> all = new ArrayList<>();
    for (Article a : WikiData.ARTICLES) {
      all.add(article(v, a.title()).orElseThrow());
    }
    all.addAll(v.created.values());
    all.sort((x, y) -> x.title().compareToIgnoreCase(y.title()));
    return all;
  }

  /** The article as this visitor sees it: the seed history plus their own revisions. */
  private static Optional<Article> article(Visitor v, String title) {
    if (v.created.containsKey(title)) {
      return Optional.of(v.created.get(title));
    }
    return WikiData.ARTICLES.stream().filter(a -> a.title().equals(title)).findFirst().map(a -> {
      List<Revision> history = new ArrayList<>(a.history());
      history.addAll(v.edits.getOrDefault(title, List.of()));
      return new Article(a.title(), a.facts(), history);
    });
  }

  static String href(String title) {
    return "/wiki/" + enc(title.replace(' ', '_')).replace("%2C", ",");
  }

  /** Escapes the text, then turns each {@code [[Title]]} into a link. */
  static String render(String text) {
    Matcher m = LINK.matcher(esc(text));
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String title = m.group(1).replace("&#39;", "'");
      m.appendReplacement(sb, Matcher.quoteReplacement("<a href=\"" + href(title) + "\">"
          + m.group(1) + "</a>"));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String plain(String text) {
    return LINK.matcher(text).replaceAll("$1");
  }

  // ---- pages ----

  private String articlePage(Article a) {
    return "<article><h1>" + esc(a.title()) + "</h1><p class=\"meta\">Last edited by: "
        + esc(a.lastEditor()) + "</p><nav aria-label=\"Article tools\"><a href=\""
        + href(a.title()) + "/edit\">Edit</a> <a href=\"" + href(a.title())
        + "/history\">History</a></nav><p>" + render(a.text()) + "</p></article>"
        + Widgets.delayed(href(a.title()) + "/facts", 900, "Facts", "Loading facts…");
  }

  private static String facts(Article a) {
    if (a.facts().isEmpty()) {
      return "<h2>Facts</h2><p>No facts recorded.</p>";
    }
    StringBuilder sb = new StringBuilder("<h2>Facts</h2><ul>");
    a.facts().forEach((k, val) -> sb.append("<li>").append(esc(k)).append(": ").append(esc(val))
        .append("</li>"));
    return sb.append("</ul>").toString();
  }

  private String history(Article a) {
    StringBuilder sb = new StringBuilder("<h1>History of ").append(esc(a.title()))
        .append("</h1><p><a href=\"").append(href(a.title())).append("\">Back to the article</a>"
            + "</p><ol reversed>");
    List<Revision> revs = a.history();
    for (int i = revs.size() - 1; i >= 0; i--) {
      Revision r = revs.get(i);
      sb.append("<li>Revision ").append(i + 1).append(" · ").append(r.date()).append(" · ")
          .append(esc(r.author())).append(" · ").append(r.summary().isEmpty() ? "(no summary)"
              : esc(r.summary())).append(r.minor() ? " · minor" : "").append("</li>");
    }
    return sb.append("</ol>").toString();
  }

  private String allArticles(Visitor v, String pageParam) {
    List<Article> all = articles(v);
    int pages = Math.max(1, (all.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int page = pageNumber(pageParam, pages);
    StringBuilder sb = new StringBuilder("<h1>All articles</h1><ul class=\"items\">");
    for (Article a : all.subList((page - 1) * PAGE_SIZE, Math.min(all.size(),
        page * PAGE_SIZE))) {
      sb.append("<li><a href=\"").append(href(a.title())).append("\">").append(esc(a.title()))
          .append("</a> <span class=\"meta\">").append(a.history().size())
          .append(" revisions</span></li>");
    }
    return sb.append("</ul>").append(Widgets.pagination("/all?page=", page, pages)).toString();
  }

  private String search(Visitor v, String q) {
    if (q.isEmpty()) {
      return "<h1>Search</h1><p>Type a word into the search box.</p>";
    }
    String needle = q.toLowerCase(Locale.ROOT);
    List<Article> found = articles(v).stream().filter(a -> (a.title() + " " + plain(a.text()))
        .toLowerCase(Locale.ROOT).contains(needle)).toList();
    StringBuilder sb = new StringBuilder("<h1>Results for \u201c").append(esc(q))
        .append("\u201d</h1>");
    if (found.isEmpty()) {
      return sb.append("<p>No articles match your search. <a href=\"/create?title=")
          .append(enc(q)).append("\">Create the article</a>.</p>").toString();
    }
    sb.append("<p>").append(found.size()).append(found.size() == 1 ? " article" : " articles")
        .append(" found.</p><ul class=\"items\">");
    for (Article a : found) {
      String text = plain(a.text());
      sb.append("<li><a href=\"").append(href(a.title())).append("\">").append(esc(a.title()))
          .append("</a><p class=\"meta\">").append(esc(text.length() > 90
              ? text.substring(0, 90) + "…" : text)).append("</p></li>");
    }
    return sb.append("</ul>").toString();
  }

  /** Up to eight titles that start with, then contain, the typed text, as JSON. */
  private static Response suggest(Visitor v, String q) {
    String needle = q.toLowerCase(Locale.ROOT);
    List<Article> all = articles(v);
    List<Article> hits = new ArrayList<>();
    all.stream().filter(a -> a.title().toLowerCase(Locale.ROOT).startsWith(needle))
        .forEach(hits::add);
    all.stream().filter(a -> !hits.contains(a) && a.title().toLowerCase(Locale.ROOT)
        .contains(needle)).forEach(hits::add);
    StringBuilder json = new StringBuilder("[");
    for (Article a : hits.subList(0, Math.min(8, needle.isEmpty() ? 0 : hits.size()))) {
      json.append(json.length() > 1 ? "," : "").append("{\"label\":\"").append(jsonEsc(a.title()))
          .append("\",\"href\":\"").append(jsonEsc(href(a.title()))).append("\"}");
    }
    return new Response(200, "application/json", json.append(']').toString(), null);
  }

  private static String jsonEsc(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String errors(List<String> errors) {
    if (errors.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder("<div class=\"errors\" role=\"alert\"><ul>");
    errors.forEach(e -> sb.append("<li>").append(esc(e)).append("</li>"));
    return sb.append("</ul></div>").toString();
  }

  /** The content field, and the publish button whose dialog asks for the edit summary. */
  private static String contentAndPublish(String text) {
    return "<label>Content <textarea name=\"text\" rows=\"8\">" + esc(text) + "</textarea>"
        + "</label><label><input type=\"checkbox\" name=\"minor\"> This is a minor edit</label>"
        + Widgets.dialogButton("publish", "Publish changes")
        + Widgets.dialog("publish", "Publish changes", "<label>Edit summary <input type=\"text\" "
            + "name=\"summary\"></label><button type=\"submit\">Save</button>");
  }

  private String editForm(Article a, List<String> errors) {
    return "<h1>Editing " + esc(a.title()) + "</h1>" + errors(errors) + "<p>Link to another "
        + "article by writing its title in double brackets, like [[Volcano]].</p><form "
        + "method=\"post\" action=\"" + href(a.title()) + "/edit\">" + contentAndPublish(a.text())
        + "</form>";
  }

  private String createForm(String title, String text, List<String> errors) {
    return "<h1>Create article</h1>" + errors(errors) + "<form method=\"post\" action=\"/create\">"
        + "<label>Title <input type=\"text\" name=\"title\" value=\"" + esc(title) + "\"></label>"
        + contentAndPublish(text) + "</form>";
  }

  // ---- frame ----

  private static String nav(String query) {
    return "<nav aria-label=\"Main\"><a href=\"/\">Main page</a> <a href=\"/all\">All articles"
        + "</a> <a href=\"/create\">Create article</a></nav><form role=\"search\" "
        + "action=\"/search\" method=\"get\">" + Widgets.searchAutocomplete("wiki-search",
            "Search wiki", "q", "/suggest", query) + " <button type=\"submit\">Search</button>"
        + "</form>";
  }

  private static String frame(String title, String body, String query) {
    return Html.page("Skillwright Wiki", title, nav(query), body);
  }

  private static Response page(String title, String body, String query) {
    return Response.html(200, frame(title, body, query));
  }

  private static Response notFound() {
    return Response.html(404, frame("Not found",
        "<h1>Page not found</h1><p><a href=\"/\">Main page</a></p>", ""));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
