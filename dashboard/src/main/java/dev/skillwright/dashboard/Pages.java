package dev.skillwright.dashboard;

import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillIndex;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.LocatorCandidate;
import dev.skillwright.trajectories.SessionRecord;
import dev.skillwright.trajectories.Trajectory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The HTML pages, rendered from templates that escape every value they are given. */
final class Pages {
  private static final Template LAYOUT = Template.resource("layout.html");
  private final DataView data;

  Pages(DataView data) {
    this.data = data;
  }

  static Template.Safe page(String title, Template.Safe body) {
    return LAYOUT.render(Map.of("title", title, "body", body));
  }

  static Template.Safe notFound() {
    return page("Not found", Template.of("<h1>Not found</h1><p><a href=\"/\">Back to the "
        + "overview</a></p>").render(Map.of()));
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // ---- overview ----

  Template.Safe overview() {
    List<SessionRecord> sessions = data.sessions();
    List<Template.Safe> rows = new ArrayList<>();
    Template row = Template.of("<tr><td><a href=\"/sessions/{{href}}\">{{id}}</a></td>"
        + "<td>{{kind}}</td><td>{{site}}</td><td>{{status}}</td><td>{{started}}</td>"
        + "<td>{{took}}</td><td>{{done}} / {{total}}</td><td>{{ok}}</td>"
        + "<td>{{skills}}</td><td>{{model}}</td></tr>");
    for (SessionRecord s : sessions) {
      rows.add(row.render(Map.ofEntries(Map.entry("href", enc(s.id())), Map.entry("id", s.id()),
          Map.entry("kind", kind(s)), Map.entry("site", nz(s.site())),
          Map.entry("status", s.status().name().toLowerCase(Locale.ROOT)),
          Map.entry("started", when(s.startedAt())), Map.entry("took", took(s)),
          Map.entry("done", s.counters().done()), Map.entry("total", s.counters().episodes()),
          Map.entry("ok", s.counters().succeeded()),
          Map.entry("skills", s.counters().skillsAdded()),
          Map.entry("model", s.config().getOrDefault("model", "")))));
    }
    List<DataView.Episode> episodes = data.allEpisodes();
    List<Double> rate = new ArrayList<>();
    int ok = 0;
    for (int i = 0; i < episodes.size(); i++) {
      ok += episodes.get(i).trajectory().succeeded() ? 1 : 0;
      rate.add(100.0 * ok / (i + 1));
    }
    List<String> firstSeen = data.skills(null).stream()
        .map(s -> s.provenance().stream().map(p -> String.valueOf(p.at())).min(String::compareTo)
            .orElse("")).sorted().toList();
    List<Double> skills = new ArrayList<>();
    for (int i = 1; i <= firstSeen.size(); i++) {
      skills.add((double) i);
    }
    return page("Overview", Template.of("""
        <h1>Overview</h1>
        <div class="charts">{{rate}}{{skills}}</div>
        <h2>Sessions</h2>
        <table><thead><tr><th>Session</th><th>Kind</th><th>Site</th><th>Status</th>
        <th>Started</th><th>Took</th><th>Episodes</th><th>Successes</th><th>Skills added</th>
        <th>Model</th></tr></thead>
        <tbody>{{rows}}</tbody></table>{{empty}}
        """).render(Map.of(
        "rate", Charts.line("Success rate over " + episodes.size() + " episodes", rate, 100, "%"),
        "skills", Charts.line("Skills found over time", skills, Math.max(1, skills.size()), ""),
        "rows", Template.join(rows),
        "empty", sessions.isEmpty() ? Template.of("<p class=\"muted\">No sessions yet. Run "
            + "<code>./skillwright crawl --env shop</code>.</p>").render(Map.of())
            : new Template.Safe(""))));
  }

  // ---- one session, with live progress ----

  Optional<Template.Safe> session(String id) {
    return data.session(id).map(s -> {
      Template row = Template.of("<tr><td><a href=\"/episodes/{{href}}\">{{id}}</a></td>"
          + "<td>{{task}}</td><td>{{steps}}</td><td class=\"{{cls}}\">{{verdict}}</td></tr>");
      List<Template.Safe> rows = new ArrayList<>();
      for (DataView.Episode e : data.episodes(id)) {
        rows.add(episodeRow(row, e.trajectory()));
      }
      List<Template.Safe> checks = new ArrayList<>();
      for (DataView.Episode e : data.verifications(id)) {
        checks.add(episodeRow(row, e.trajectory()));
      }
      return page("Session " + id, Template.of("""
          <h1>Session {{id}}</h1>
          <p class="session-facts">{{kind}} of {{site}} · {{status}} · started {{started}} · took {{took}} · model {{model}}</p>
          <section id="progress" data-session="{{id}}" data-done="{{done}}" data-total="{{total}}">
            <p class="progress-line"><span id="done">{{done}}</span> of <span id="total">{{total}}</span>
            episodes done · <span id="ok">{{ok}}</span> successes · <span id="skills">{{skills}}</span> skills · now: <span id="phase">{{phase}}</span></p>
            <progress id="bar" max="{{total}}" value="{{done}}"></progress>
            <ol id="events" class="events"></ol>
          </section>
          <h2>Episodes</h2>
          <table><thead><tr><th>Episode</th><th>Task</th><th>Steps</th><th>Verdict</th></tr></thead>
          <tbody>{{rows}}</tbody></table>
          <h2>Skill verifications</h2>
          <p class="muted">Each re-ran a skill it learned, strictly, with new values.</p>
          <table class="verifications"><thead><tr><th>Episode</th><th>Skill run</th><th>Steps</th><th>Verdict</th></tr></thead>
          <tbody>{{checks}}</tbody></table>
          """).render(Map.ofEntries(Map.entry("id", id), Map.entry("site", nz(s.site())),
          Map.entry("status", s.status().name().toLowerCase(Locale.ROOT)),
          Map.entry("started", when(s.startedAt())), Map.entry("took", took(s)),
          Map.entry("kind", kind(s)),
          Map.entry("phase", s.status() == SessionRecord.Status.RUNNING
              ? "…" : s.status().name().toLowerCase(Locale.ROOT)),
          Map.entry("model", s.config().getOrDefault("model", "")),
          Map.entry("done", s.counters().done()), Map.entry("total", s.counters().episodes()),
          Map.entry("ok", s.counters().succeeded()),
          Map.entry("skills", s.counters().skillsAdded()), Map.entry("rows", Template.join(rows)),
          Map.entry("checks", Template.join(checks)))));
    });
  }

  /** What kind of session it was; sessions recorded before kinds were kept say "session". */
  static String kind(SessionRecord s) {
    return s.config().getOrDefault("kind", "session");
  }

  /** A moment as people read it: {@code 2026-11-22 01:00 UTC}. */
  static String when(java.time.Instant at) {
    return at == null ? "" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
        .withZone(java.time.ZoneOffset.UTC).format(at);
  }

  /** How long a session took, or "running" while it runs. */
  static String took(SessionRecord s) {
    if (s.startedAt() == null || s.finishedAt() == null) {
      return s.status() == SessionRecord.Status.RUNNING ? "running" : "";
    }
    long secs = java.time.Duration.between(s.startedAt(), s.finishedAt()).toSeconds();
    return secs < 60 ? secs + " s" : secs / 60 + " min " + String.format("%02d", secs % 60) + " s";
  }

  private static Template.Safe episodeRow(Template row, Trajectory t) {
    return row.render(Map.of("href", enc(t.episodeId()), "id", t.episodeId(),
        "task", t.task().instruction(), "steps", t.steps().size(),
        "cls", t.succeeded() ? "ok" : "fail",
        "verdict", t.verdict() == null ? t.status().name() : t.succeeded() ? "success"
            : "failure: " + t.verdict().reason()));
  }

  // ---- skills ----

  Template.Safe skills(Map<String, String> q) {
    String text = q.getOrDefault("q", "").strip();
    String site = q.getOrDefault("site", "");
    String verified = q.getOrDefault("verified", "");
    String sort = q.getOrDefault("sort", "relevance");
    List<Skill> found = text.isEmpty() ? data.skills(site.isEmpty() ? null : site)
        : data.search(text, site.isEmpty() ? null : site, 100).stream()
            .map(SkillIndex.Hit::skill).toList();
    found = found.stream().filter(s -> verified.isEmpty()
        || s.offered() == verified.equals("yes")).toList();
    if (sort.equals("uses")) {
      found = found.stream().sorted(Comparator.comparingInt((Skill s) -> -s.health().executions())
          .thenComparing(Skill::id)).toList();
    } else if (sort.equals("success")) {
      found = found.stream().sorted(Comparator.comparingDouble((Skill s) -> -s.health()
          .successRate()).thenComparing(Skill::id)).toList();
    }
    TreeSet<String> sites = new TreeSet<>();
    data.skills(null).forEach(s -> sites.add(s.site()));
    List<Template.Safe> siteOptions = new ArrayList<>();
    siteOptions.add(option("", "all sites", site));
    sites.forEach(s -> siteOptions.add(option(s, s, site)));
    Template row = Template.of("<tr><td><a href=\"/skills/{{href}}\">{{name}}</a></td>"
        + "<td>{{site}}</td><td>{{description}}</td><td>{{params}}</td>"
        + "<td class=\"status\">{{status}}</td><td>{{uses}}</td><td>{{effect}}</td></tr>");
    List<Template.Safe> rows = new ArrayList<>();
    for (Skill s : found) {
      rows.add(row.render(Map.of("href", enc(s.id()), "name", s.name(), "site", s.site(),
          "description", s.description(), "params", String.join(", ",
              s.parameters().stream().map(Skill.Parameter::name).toList()),
          "status", s.describeStatus(), "uses", s.health().describe(),
          "effect", s.sideEffect().name().toLowerCase(java.util.Locale.ROOT))));
    }
    return page("Skills", Template.of("""
        <h1>Skills</h1>
        <form class="filters" method="get" action="/skills" role="search">
          <label>Search <input type="search" name="q" value="{{q}}" placeholder="put a mug in the cart"></label>
          <label>Site <select name="site">{{sites}}</select></label>
          <label>Verified <select name="verified">{{verifiedOptions}}</select></label>
          <label>Sort by <select name="sort">{{sortOptions}}</select></label>
          <button type="submit">Find</button>
        </form>
        <p class="muted">{{count}}</p>
        <table><thead><tr><th>Skill</th><th>Site</th><th>Description</th><th>Parameters</th>
        <th>Status</th><th>Uses</th><th>Effect</th></tr></thead><tbody>{{rows}}</tbody></table>
        """).render(Map.of("q", text, "sites", Template.join(siteOptions),
        "verifiedOptions", Template.join(List.of(option("", "any", verified),
            option("yes", "verified", verified), option("no", "not verified", verified))),
        "sortOptions", Template.join(List.of(option("relevance", "relevance", sort),
            option("uses", "uses", sort), option("success", "success rate", sort))),
        "count", found.size() + (found.size() == 1 ? " skill" : " skills"),
        "rows", Template.join(rows))));
  }

  private static Template.Safe option(String value, String label, String current) {
    return Template.of("<option value=\"{{v}}\"{{sel}}>{{l}}</option>").render(Map.of("v", value,
        "l", label, "sel", new Template.Safe(value.equals(current) ? " selected" : "")));
  }

  Optional<Template.Safe> skill(String id) {
    return data.skill(id).map(s -> {
      Template step = Template.of("<li><span class=\"action\">{{action}}</span><ul class=\"locators\">"
          + "{{locators}}</ul></li>");
      Template loc = Template.of("<li><code>{{by}}</code> {{value}}</li>");
      List<Template.Safe> steps = new ArrayList<>();
      for (Action a : s.steps()) {
        List<Template.Safe> locs = new ArrayList<>();
        if (a.target() != null) {
          for (LocatorCandidate c : a.target().locators()) {
            locs.add(loc.render(Map.of("by", c.strategy().name().toLowerCase(Locale.ROOT),
                "value", c.name() == null ? c.value() : c.value() + " \"" + c.name() + "\"")));
          }
        }
        steps.add(step.render(Map.of("action", a.describe(), "locators", Template.join(locs))));
      }
      Template param = Template.of("<li><code>{{name}}</code> ({{type}}), e.g. {{examples}}</li>");
      List<Template.Safe> params = s.parameters().stream().map(p -> param.render(Map.of(
          "name", p.name(), "type", p.type(), "examples", String.join(", ", p.examples()))))
          .toList();
      Template check = Template.of("<li class=\"{{cls}}\">{{episode}} {{outcome}} with "
          + "<code>{{args}}</code> ({{at}}): {{reason}}</li>");
      Template link = Template.of("<a href=\"/episodes/{{href}}\">{{id}}</a>");
      List<Template.Safe> checks = s.verifications().stream().map(v -> check.render(Map.of(
          "cls", v.passed() ? "ok" : "fail", "episode", v.episode() == null
              ? Template.of("no run:").render(Map.of())
              : link.render(Map.of("href", enc(v.episode()), "id", v.episode())),
          "outcome", v.passed() ? "passed" : "failed", "args", String.valueOf(v.args()),
          "at", nz(v.at()), "reason", nz(v.reason())))).toList();
      Template source = Template.of("<li><a href=\"/episodes/{{href}}\">{{id}}</a> ({{at}})</li>");
      List<Template.Safe> sources = s.provenance().stream().map(p -> source.render(Map.of(
          "href", enc(p.episodeId()), "id", p.episodeId(), "at", nz(p.at())))).toList();
      return page(s.name(), Template.of("""
          <h1>{{name}}</h1>
          <p class="description">{{description}}</p>
          <p class="muted">{{site}} · starts at <code>{{start}}</code> · success: {{success}} · effect: <span class="effect">{{effect}}</span></p>
          <p class="returns">{{returns}}</p>
          <h2>Parameters</h2><ul>{{params}}</ul>
          <h2>Steps</h2><ol class="steps">{{steps}}</ol>
          <h2>Verification</h2><p class="status">{{status}}</p><p class="muted">{{uses}}</p>
          <ul class="verifications">{{checks}}</ul>
          <h2>Source trajectories</h2><ul>{{sources}}</ul>
          <h2>Export</h2><p><a href="/api/skills/{{href}}" download="{{file}}">Download the skill as JSON</a></p>
          """).render(Map.ofEntries(Map.entry("name", s.name()),
          Map.entry("description", s.description()), Map.entry("site", s.site()),
          Map.entry("start", s.startUrlPattern()), Map.entry("success", s.success().describe()),
          Map.entry("effect", s.sideEffect().name().toLowerCase(Locale.ROOT)),
          Map.entry("returns", s.reads() == null ? "" : "Returns " + s.reads().describe()
              + " on the page it ends on."),
          Map.entry("params", Template.join(params)), Map.entry("steps", Template.join(steps)),
          Map.entry("sources", Template.join(sources)), Map.entry("href", enc(s.id())),
          Map.entry("status", s.describeStatus()), Map.entry("uses", s.health().describe()),
          Map.entry("checks", Template.join(checks)),
          Map.entry("file", s.name() + ".json"))));
    });
  }

  // ---- one episode ----

  Optional<Template.Safe> episode(String id) {
    return data.episode(id).map(e -> {
      Trajectory t = e.trajectory();
      return page("Episode " + id, Template.of("""
          <h1>{{kind}} {{id}}</h1>
          <p class="task">{{task}}</p>
          <p class="muted">Session <a href="/sessions/{{sessionHref}}">{{session}}</a> · success shows as: {{signal}}</p>
          <p class="verdict {{cls}}"><strong>{{outcome}}</strong> {{reason}}</p>
          <section id="viewer" data-episode="{{id}}">
            <p id="healed" class="banner" hidden></p>
            <ol id="steps" class="steps" aria-label="Steps"></ol>
            <nav class="stepper"><button type="button" id="prev">Previous step</button>
            <span id="position"></span><button type="button" id="next">Next step</button></nav>
            <div class="shot"><img id="shot" alt="screenshot of the step"><div id="outline" hidden></div></div>
            <p id="noshot" class="muted" hidden>No screenshot of this step: its agent read the page's text, below, or did not need to look.</p>
            <dl class="step"><dt>Page</dt><dd id="page"></dd><dt>Thought</dt><dd id="thought"></dd>
            <dt>Action</dt><dd id="action"></dd><dt>Outcome</dt><dd id="outcome"></dd></dl>
            <details id="aria"><summary>Aria snapshot (what the agent read)</summary><pre id="snapshot"></pre></details>
          </section>
          <p class="muted">Playwright trace: <span id="trace">none recorded</span></p>
          """).render(Map.of("kind", DataView.isVerification(e) ? "Skill verification"
              : "Episode", "id", id, "task", t.task().instruction(),
          "sessionHref", enc(t.sessionId()), "session", t.sessionId(),
          "signal", t.task().success().describe(), "cls", t.succeeded() ? "ok" : "fail",
          "outcome", t.verdict() == null ? t.status().name() : t.succeeded() ? "Success."
              : "Failure.",
          "reason", t.verdict() == null ? nz(t.answer()) : t.verdict().reason())));
    });
  }

  private static String nz(Object o) {
    return o == null ? "" : String.valueOf(o);
  }
}
