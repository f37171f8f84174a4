package dev.skillwright.envs;

import static dev.skillwright.envs.Html.esc;

import dev.skillwright.envs.ForumData.Comment;
import dev.skillwright.envs.ForumData.Community;
import dev.skillwright.envs.ForumData.Post;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code forum} site, modelled on Reddit: communities with post lists (sorted, paged), posts
 * with votes and comments, search, and posting behind a login. Its hard widgets: the login modal,
 * the custom community dropdown of the new-post form, pagination, and comments that load after
 * the page.
 */
final class ForumSite extends SiteServer<ForumSite.Visitor> {
  static final int PAGE_SIZE = 5;

  /** One visitor's state: who is logged in, and what they voted, commented and posted. */
  static final class Visitor {
    String user;
    final Map<Integer, Integer> votes = new LinkedHashMap<>();
    final List<Post> created = new ArrayList<>();
    final Map<Integer, List<Comment>> added = new LinkedHashMap<>();
  }

  private ForumSite() {
    super("forum", "sw_forum", Visitor::new);
  }

  static ForumSite start(int port) {
    return new ForumSite().listen(port);
  }

  @Override
  public Map<String, String> demoSecrets() {
    return Map.of("forum_password", ForumData.MEMBERS.get("alice"));
  }

  @Override
  public Map<String, Object> groundTruth(String visitor) {
    Visitor v = visitor(visitor);
    if (v == null) {
      return Map.of("user", "", "votes", Map.of(), "comments", List.of(), "posts", List.of());
    }
    synchronized (v) {
      Map<String, Integer> votes = new LinkedHashMap<>();
      v.votes.forEach((id, dir) -> votes.put(post(v, id).orElseThrow().title(), dir));
      List<Map<String, String>> comments = new ArrayList<>();
      v.added.forEach((id, list) -> list.forEach(c -> comments.add(Map.of(
          "post", post(v, id).orElseThrow().title(), "author", c.author(), "text", c.text()))));
      List<Map<String, String>> posts = v.created.stream().map(p -> Map.of("community",
          p.community(), "title", p.title(), "body", p.body(), "author", p.author())).toList();
      return Map.of("user", v.user == null ? "" : v.user, "votes", votes, "comments", comments,
          "posts", posts);
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
      List<Post> all = sorted(posts(v), "hot");
      return page(v, "Home", "<h1>Skillwright Forum</h1>" + communityList()
          + "<h2>Popular posts</h2>" + postList(v, all, r.param("page"), "/?page="), r.path());
    }
    if (path.startsWith("/f/")) {
      return community(path.substring(3)).map(c -> page(v, c.name(), community(c, r, v), path))
          .orElseGet(() -> notFound(v));
    }
    if (path.matches("/post/\\d{1,6}/comments")) {
      int id = Integer.parseInt(path.split("/")[2]);
      return post(v, id).map(p -> Response.html(200, comments(p, v)))
          .orElseGet(() -> Response.empty(404));
    }
    if (path.matches("/post/\\d{1,6}")) {
      return post(v, Integer.parseInt(path.substring(6)))
          .map(p -> page(v, p.title(), postPage(p, v), path)).orElseGet(() -> notFound(v));
    }
    if (path.equals("/search")) {
      String q = r.param("q").strip();
      List<Post> found = posts(v).stream().filter(p -> matches(p, q)).toList();
      String body = q.isEmpty() ? "<h1>Search</h1><p>Type a word into the search box.</p>"
          : "<h1>Results for \u201c" + esc(q) + "\u201d</h1>" + (found.isEmpty()
              ? "<p>No posts match your search.</p>"
              : "<p>" + found.size() + (found.size() == 1 ? " post" : " posts") + " found.</p>"
                  + postList(v, found, "1", null));
      return page(v, "Search", body, path);
    }
    if (path.equals("/login")) {
      return page(v, "Log in", "<h1>Log in</h1>" + loginForm(safeNext(r.param("next")), null),
          path);
    }
    if (path.equals("/submit")) {
      if (v.user == null) {
        return Response.redirect("/login?next=/submit");
      }
      return page(v, "New post", submitForm(r.param("community"), Map.of(), List.of()), path);
    }
    return notFound(v);
  }

  private Response post(Request r, Visitor v) {
    String path = r.path();
    if (path.equals("/login")) {
      String user = r.field("username").toLowerCase(Locale.ROOT);
      String next = safeNext(r.field("next"));
      if (!r.field("password").equals(ForumData.MEMBERS.get(user))) {
        return Response.html(401, frame(v, "Log in", "<h1>Log in</h1>"
            + loginForm(next, "Wrong username or password."), "/login"));
      }
      v.user = user;
      return Response.redirect(next);
    }
    if (path.equals("/logout")) {
      v.user = null;
      return Response.redirect("/");
    }
    if (path.equals("/submit")) {
      if (v.user == null) {
        return Response.redirect("/login?next=/submit");
      }
      List<String> errors = new ArrayList<>();
      if (community(r.field("community")).isEmpty()) {
        errors.add("Choose a community.");
      }
      if (r.field("title").isEmpty()) {
        errors.add("Give the post a title.");
      }
      if (!errors.isEmpty()) {
        return Response.html(422, frame(v, "New post",
            submitForm(r.field("community"), r.form(), errors), path));
      }
      int id = ForumData.POSTS.size() + v.created.size() + 1;
      v.created.add(new Post(id, r.field("community"), r.field("title"), v.user, 1, 0,
          r.field("body"), List.of()));
      return Response.redirect("/post/" + id);
    }
    if (path.matches("/post/\\d{1,6}/(vote|comment)")) {
      int id = Integer.parseInt(path.split("/")[2]);
      if (post(v, id).isEmpty()) {
        return notFound(v);
      }
      if (v.user == null) {
        return Response.redirect("/login?next=/post/" + id);
      }
      if (path.endsWith("/vote")) {
        int dir = r.field("dir").equals("down") ? -1 : 1;
        // pressing the same arrow again takes the vote back
        if (v.votes.getOrDefault(id, 0) == dir) {
          v.votes.remove(id);
        } else {
          v.votes.put(id, dir);
        }
      } else if (!r.field("text").isEmpty()) {
        v.added.computeIfAbsent(id, k -> new ArrayList<>())
            .add(new Comment(v.user, r.field("text")));
      }
      return Response.redirect("/post/" + id);
    }
    return notFound(v);
  }

  // ---- data ----

  private static List<Post> posts(Visitor v) {
    List<Post> all = new ArrayList<>(ForumData.POSTS);
    all.addAll(v.created);
    return all;
  }

  private static Optional<Post> post(Visitor v, int id) {
    return posts(v).stream().filter(p -> p.id() == id).findFirst();
  }

  private static Optional<Community> community(String slug) {
    return ForumData.COMMUNITIES.stream().filter(c -> c.slug().equals(slug)).findFirst();
  }

  private static List<Post> sorted(List<Post> posts, String sort) {
    return posts.stream().sorted(ForumData.order(sort)).toList();
  }

  private static int score(Post p, Visitor v) {
    return p.score() + v.votes.getOrDefault(p.id(), 0);
  }

  private static List<Comment> commentsOf(Post p, Visitor v) {
    List<Comment> all = new ArrayList<>(p.comments());
    all.addAll(v.added.getOrDefault(p.id(), List.of()));
    return all;
  }

  private static boolean matches(Post p, String q) {
    String hay = (p.title() + " " + p.body()).toLowerCase(Locale.ROOT);
    return !q.isEmpty() && List.of(q.toLowerCase(Locale.ROOT).split("\\s+")).stream()
        .allMatch(hay::contains);
  }

  /** A local path to return to after logging in; anything else goes home. */
  private static String safeNext(String next) {
    return next.matches("/[A-Za-z0-9/_-]{0,80}") && !next.startsWith("//") ? next : "/";
  }

  // ---- pages ----

  private String community(Community c, Request r, Visitor v) {
    String sort = ForumData.SORTS.containsKey(r.param("sort")) ? r.param("sort") : "hot";
    List<Post> list = sorted(posts(v).stream().filter(p -> p.community().equals(c.slug()))
        .toList(), sort);
    StringBuilder sb = new StringBuilder("<h1>").append(esc(c.name())).append("</h1><p>")
        .append(esc(c.about())).append("</p>");
    sb.append("<p><a href=\"/submit?community=").append(c.slug()).append("\">New post in ")
        .append(esc(c.name())).append("</a></p>");
    sb.append("<form method=\"get\"><label for=\"sort\">Sort by</label> <select id=\"sort\" "
        + "name=\"sort\">");
    ForumData.SORTS.forEach((value, label) -> sb.append("<option value=\"").append(value)
        .append('"').append(value.equals(sort) ? " selected" : "").append('>').append(label)
        .append("</option>"));
    sb.append("</select> <button type=\"submit\">Apply</button></form>");
    return sb.append(postList(v, list, r.param("page"), "/f/" + c.slug() + "?sort=" + sort
        + "&page=")).toString();
  }

  private static String communityList() {
    StringBuilder sb = new StringBuilder("<h2>Communities</h2><ul>");
    for (Community c : ForumData.COMMUNITIES) {
      sb.append("<li><a href=\"/f/").append(c.slug()).append("\">").append(esc(c.name()))
          .append("</a></li>");
    }
    return sb.append("</ul>").toString();
  }

  /** A page of posts; with no {@code base}, the whole list on one page. */
  private static String postList(Visitor v, List<Post> posts, String pageParam, String base) {
    int pages = base == null ? 1 : Math.max(1, (posts.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int page = pageNumber(pageParam, pages);
    List<Post> shown = base == null ? posts : posts.subList((page - 1) * PAGE_SIZE,
        Math.min(posts.size(), page * PAGE_SIZE));
    StringBuilder sb = new StringBuilder("<ul class=\"items\">");
    for (Post p : shown) {
      int n = commentsOf(p, v).size();
      sb.append("<li><a href=\"/post/").append(p.id()).append("\">").append(esc(p.title()))
          .append("</a><p class=\"meta\">").append(score(p, v)).append(" points · by ")
          .append(esc(p.author())).append(" in ").append(esc(community(p.community())
              .map(Community::name).orElse(p.community()))).append(" · ").append(n)
          .append(n == 1 ? " comment" : " comments").append("</p></li>");
    }
    sb.append("</ul>");
    return base == null ? sb.toString() : sb.append(Widgets.pagination(base, page, pages))
        .toString();
  }

  private String postPage(Post p, Visitor v) {
    Community c = community(p.community()).orElseThrow();
    int mine = v.votes.getOrDefault(p.id(), 0);
    StringBuilder sb = new StringBuilder("<article><h1>").append(esc(p.title())).append("</h1>");
    sb.append("<p>Community: <a href=\"/f/").append(c.slug()).append("\">").append(esc(c.name()))
        .append("</a></p><p>Author: ").append(esc(p.author())).append("</p><p>Score: ")
        .append(score(p, v)).append("</p><p>").append(esc(p.body())).append("</p>");
    sb.append("<div role=\"group\" aria-label=\"Vote\">").append(voteButton(p, "up", "Upvote",
        mine == 1)).append(voteButton(p, "down", "Downvote", mine == -1)).append("</div>");
    sb.append("</article>");
    sb.append(Widgets.delayed("/post/" + p.id() + "/comments", 800, "Comments",
        "Loading comments…"));
    return sb.toString();
  }

  private static String voteButton(Post p, String dir, String text, boolean pressed) {
    return "<form method=\"post\" action=\"/post/" + p.id() + "/vote\" style=\"display:inline\">"
        + "<input type=\"hidden\" name=\"dir\" value=\"" + dir + "\"><button type=\"submit\" "
        + "aria-pressed=\"" + pressed + "\">" + text + "</button></form> ";
  }

  /** The comments fragment, loaded after the post: the comments, then the form to add one. */
  private static String comments(Post p, Visitor v) {
    List<Comment> all = commentsOf(p, v);
    StringBuilder sb = new StringBuilder("<h2>Comments (").append(all.size()).append(")</h2>");
    for (Comment c : all) {
      sb.append("<article aria-label=\"Comment by ").append(esc(c.author())).append("\"><p "
          + "class=\"meta\">").append(esc(c.author())).append("</p><p>").append(esc(c.text()))
          .append("</p></article>");
    }
    if (all.isEmpty()) {
      sb.append("<p>No comments yet.</p>");
    }
    if (v.user == null) {
      return sb.append("<p>Log in to comment. ").append(Widgets.dialogButton("login", "Log in"))
          .append("</p>").toString();
    }
    return sb.append("<form method=\"post\" action=\"/post/").append(p.id()).append("/comment\">"
        + "<label>Comment <textarea name=\"text\" rows=\"3\" required></textarea></label>"
        + "<button type=\"submit\">Post comment</button></form>").toString();
  }

  private static String loginForm(String next, String error) {
    return (error == null ? "" : "<p role=\"alert\" class=\"errors\">" + esc(error) + "</p>")
        + "<form method=\"post\" action=\"/login\"><input type=\"hidden\" name=\"next\" value=\""
        + esc(next) + "\"><label>Username <input type=\"text\" name=\"username\" "
        + "autocomplete=\"username\"></label><label>Password <input type=\"password\" "
        + "name=\"password\" autocomplete=\"current-password\"></label><button type=\"submit\">"
        + "Sign in</button></form>";
  }

  private String submitForm(String community, Map<String, String> f, List<String> errors) {
    StringBuilder sb = new StringBuilder("<h1>New post</h1>");
    if (!errors.isEmpty()) {
      sb.append("<div class=\"errors\" role=\"alert\"><ul>");
      errors.forEach(e -> sb.append("<li>").append(esc(e)).append("</li>"));
      sb.append("</ul></div>");
    }
    Map<String, String> options = new LinkedHashMap<>();
    ForumData.COMMUNITIES.forEach(c -> options.put(c.slug(), c.name()));
    sb.append("<form method=\"post\" action=\"/submit\">")
        .append(Widgets.dropdown("community", "Community", "community", options,
            community(community).isPresent() ? community : null))
        .append("<label>Title <input type=\"text\" name=\"title\" value=\"")
        .append(esc(f.getOrDefault("title", ""))).append("\"></label>")
        .append("<label>Body <textarea name=\"body\" rows=\"5\">")
        .append(esc(f.getOrDefault("body", ""))).append("</textarea></label>")
        .append("<button type=\"submit\">Create post</button></form>");
    return sb.toString();
  }

  // ---- frame ----

  private String nav(Visitor v, String here) {
    StringBuilder sb = new StringBuilder("<nav aria-label=\"Main\"><a href=\"/\">Home</a>");
    for (Community c : ForumData.COMMUNITIES) {
      sb.append(" <a href=\"/f/").append(c.slug()).append("\">").append(esc(c.name()))
          .append("</a>");
    }
    sb.append(" <a href=\"/submit\">New post</a></nav>");
    sb.append("<form role=\"search\" action=\"/search\" method=\"get\"><input type=\"search\" "
        + "name=\"q\" aria-label=\"Search posts\" placeholder=\"Search posts\"> "
        + "<button type=\"submit\">Search</button></form>");
    if (v.user != null) {
      sb.append("<span>Signed in as ").append(esc(v.user)).append("</span><form method=\"post\" "
          + "action=\"/logout\"><button type=\"submit\">Log out</button></form>");
    } else {
      sb.append(Widgets.dialogButton("login", "Log in"))
          .append(Widgets.dialog("login", "Log in", loginForm(safeNext(here), null)));
    }
    return sb.toString();
  }

  private String frame(Visitor v, String title, String body, String here) {
    return Html.page("Skillwright Forum", title, nav(v, here), body);
  }

  private Response page(Visitor v, String title, String body, String here) {
    return Response.html(200, frame(v, title, body, here));
  }

  private Response notFound(Visitor v) {
    return Response.html(404, frame(v, "Not found",
        "<h1>Page not found</h1><p><a href=\"/\">Go home</a></p>", "/"));
  }
}
