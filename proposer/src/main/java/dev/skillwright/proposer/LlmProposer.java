package dev.skillwright.proposer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skillwright.llm.ChatModel;
import dev.skillwright.llm.ChatRequest;
import dev.skillwright.llm.Message;
import dev.skillwright.llm.ModelJson;
import dev.skillwright.llm.Prompt;
import dev.skillwright.proposer.SiteContext.Form;
import dev.skillwright.proposer.SiteContext.PageSummary;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.Condition.ElementState.State;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Task;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * PAE's context-aware proposer: the model reads the site's name, page summaries (title,
 * headings, navigation, forms), user demos and the known tasks and skills, and proposes tasks as
 * strict JSON. Each item is checked (an instruction, a well-formed success signal, parameters
 * that appear quoted in the instruction); malformed ones are turned down with a reason, and
 * near-duplicates of known or already accepted tasks are dropped. Model faults are thrown.
 *
 * <p>The prompt carries what exploring found (the controls tried and their observed effects).
 * When the model proposes fewer tasks than asked, the explored walks fill the rest, relabelled
 * by the model as NNetnav's relabeller does: it writes the instruction, the walk keeps the
 * success signal and values it was observed with. A walk the model labels badly (a value not
 * quoted, a near-duplicate), or a relabelling call that fails, keeps the walk's own label.
 */
final class LlmProposer implements Proposer {
  static final Prompt PROMPT = Prompt.load(LlmProposer.class, "proposer");
  static final Prompt RELABEL = Prompt.load(LlmProposer.class, "relabeller");
  /** Walks shown in a prompt, at most. */
  private static final int WALKS = 16;
  static final double NEAR_DUPLICATE = 0.8;

  private final ChatModel model;

  LlmProposer(ChatModel model) {
    this.model = model;
  }

  @Override
  public Proposal propose(SiteContext ctx, int count) {
    String prompt = prompt(ctx, count);
    String reply = model.chat(ChatRequest.json("proposer", List.of(Message.user(prompt)),
        Math.min(8_000, 300 + 250 * count))).text();
    JsonNode items = ModelJson.object(reply).path("tasks");
    List<Task> tasks = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    List<Set<String>> seen = new ArrayList<>();
    ctx.knownInstructions().forEach(k -> seen.add(words(k)));
    ctx.knownSkills().forEach(k -> seen.add(words(k)));
    int n = 0;
    for (JsonNode item : items) {
      n++;
      try {
        Task t = task(item, ctx, String.format("t%03d", tasks.size() + 1));
        Set<String> w = words(t.instruction());
        if (seen.stream().anyMatch(s -> jaccard(s, w) >= NEAR_DUPLICATE)) {
          rejected.add("item " + n + ": a near-duplicate of a known task: " + t.instruction());
          continue;
        }
        seen.add(w);
        if (tasks.size() < count) {
          tasks.add(t);
        }
      } catch (IllegalArgumentException e) {
        rejected.add("item " + n + ": " + e.getMessage());
      }
    }
    if (tasks.size() < count) {
      relabelled(ctx, count - tasks.size(), seen, rejected).forEach(t -> tasks.add(
          new Task(String.format("t%03d", tasks.size() + 1), t.site(), t.instruction(),
              t.startUrl(), t.success(), t.params())));
    }
    return new Proposal(tasks, rejected);
  }

  /** Up to {@code want} explored walks, not yet known, labelled by the model. */
  private List<Task> relabelled(SiteContext ctx, int want, List<Set<String>> seen,
      List<String> rejected) {
    List<Exploration.Walk> walks = new ArrayList<>();
    for (Exploration.Walk w : ctx.explored().walks()) {
      Set<String> words = words(w.instruction());
      if (walks.size() < Math.min(want, WALKS)
          && seen.stream().noneMatch(s -> jaccard(s, words) >= NEAR_DUPLICATE)) {
        walks.add(w);
        seen.add(words);
      }
    }
    if (walks.isEmpty()) {
      return List.of();
    }
    Map<Integer, String> labels = new LinkedHashMap<>();
    try {
      String reply = model.chat(ChatRequest.json("relabeller", List.of(Message.user(
          relabelPrompt(ctx, walks))), Math.min(4_000, 200 + 120 * walks.size()))).text();
      for (JsonNode l : ModelJson.object(reply).path("labels")) {
        labels.put(l.path("walk").asInt(-1), l.path("instruction").asText("").strip());
      }
    } catch (dev.skillwright.llm.ModelException e) {
      rejected.add("relabelling failed (" + e.getMessage() + "); the walks keep their own labels");
    }
    List<Task> out = new ArrayList<>();
    for (int i = 0; i < walks.size(); i++) {
      Exploration.Walk w = walks.get(i);
      String label = labels.getOrDefault(i + 1, "");
      String why = label.isEmpty() ? "no label"
          : w.params().values().stream().filter(v -> !label.contains("\"" + v + "\""))
              .findFirst().map(v -> "the value \"" + v + "\" is not quoted in it")
              .orElse(null);
      if (why != null && !label.isEmpty()) {
        rejected.add("walk " + (i + 1) + ": " + why + ": " + label + "; kept its own label");
      }
      out.add(new Task("w", ctx.site(), why == null ? label : w.instruction(), ctx.startUrl(),
          w.success(), w.params()));
    }
    return out;
  }

  static String relabelPrompt(SiteContext ctx, List<Exploration.Walk> walks) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < walks.size(); i++) {
      Exploration.Walk w = walks.get(i);
      sb.append("Walk ").append(i + 1);
      if (!w.params().isEmpty()) {
        sb.append(" (values: ").append(w.params().values().stream().map(v -> "\"" + v + "\"")
            .collect(Collectors.joining(", "))).append(')');
      }
      sb.append(":\n");
      w.describe().lines().forEach(l -> sb.append("  ").append(l).append('\n'));
    }
    return RELABEL.render(Map.of("site", ctx.site(), "start_url", ctx.startUrl(),
        "walks", Prompt.untrusted("WALKS", sb.toString().strip())));
  }

  /** The explored controls and, for the first walks, what each did: context for proposing. */
  static String explored(Exploration e) {
    if (e.walks().isEmpty() && e.affordances().isEmpty()) {
      return "(nothing explored)";
    }
    StringBuilder sb = new StringBuilder();
    if (!e.affordances().isEmpty()) {
      sb.append("controls: ").append(String.join(" | ", limit(e.affordances(), 30)))
          .append('\n');
    }
    e.walks().stream().filter(w -> w.moves().size() == 1).limit(WALKS)
        .forEach(w -> sb.append("- ").append(w.describe()).append('\n'));
    return sb.toString().strip();
  }

  static String prompt(SiteContext ctx, int count) {
    return PROMPT.render(Map.of(
        "count", String.valueOf(count),
        "site", ctx.site(),
        "start_url", ctx.startUrl(),
        "pages", Prompt.untrusted("PAGES", pages(ctx.pages())),
        "explored", Prompt.untrusted("EXPLORED", explored(ctx.explored())),
        "demos", bullets(ctx.demos(), "(none)"),
        "known", bullets(merge(ctx.knownInstructions(), ctx.knownSkills()), "(none yet)")));
  }

  private static List<String> merge(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all.size() > 60 ? all.subList(all.size() - 60, all.size()) : all;
  }

  private static String bullets(List<String> items, String none) {
    return items.isEmpty() ? none
        : items.stream().map(i -> "- " + i).collect(Collectors.joining("\n"));
  }

  /**
   * Each page in a few lines: title, headings, links, priced items, forms. Links and forms that
   * every page shows (the navigation, a search box) are said once, up front.
   */
  static String pages(List<PageSummary> pages) {
    Set<String> everywhereLinks = common(pages, p -> p.links().stream()
        .map(SiteContext.Link::name).collect(Collectors.toSet()));
    Set<String> everywhereForms = common(pages, p -> p.forms().stream()
        .map(LlmProposer::form).collect(Collectors.toSet()));
    StringBuilder sb = new StringBuilder();
    if (pages.size() > 1 && !(everywhereLinks.isEmpty() && everywhereForms.isEmpty())) {
      sb.append("On every page:\n");
      if (!everywhereLinks.isEmpty()) {
        sb.append("  links: ").append(pages.get(0).links().stream().map(SiteContext.Link::name)
            .filter(everywhereLinks::contains).distinct().collect(Collectors.joining(" | ")))
            .append('\n');
      }
      everywhereForms.stream().sorted().forEach(f -> sb.append("  ").append(f).append('\n'));
    } else {
      everywhereLinks = Set.of();
      everywhereForms = Set.of();
    }
    for (PageSummary p : pages) {
      sb.append("Page: ").append(p.title()).append(" (").append(path(p.url())).append(")\n");
      if (!p.headings().isEmpty()) {
        sb.append("  headings: ").append(String.join(" | ", limit(p.headings(), 6))).append('\n');
      }
      Set<String> skipLinks = everywhereLinks;
      List<String> links = p.links().stream().map(SiteContext.Link::name).distinct()
          .filter(l -> !skipLinks.contains(l)).toList();
      if (!links.isEmpty()) {
        sb.append("  links: ").append(String.join(" | ", limit(links, 15))).append('\n');
      }
      List<String> items = p.items().stream()
          .map(i -> i.price() == null ? i.name() : i.name() + " " + i.price()).toList();
      if (!items.isEmpty()) {
        sb.append("  items: ").append(String.join(" | ", limit(items, 8))).append('\n');
      }
      for (Form f : p.forms()) {
        String line = form(f);
        if (!everywhereForms.contains(line)) {
          sb.append("  ").append(line).append('\n');
        }
      }
    }
    return sb.toString().strip();
  }

  private static String form(Form f) {
    return "form (" + f.method() + ", " + path(f.action()) + "): " + f.fields().stream()
        .map(LlmProposer::field).collect(Collectors.joining(", "))
        + "; buttons: " + String.join(", ", f.buttons());
  }

  private static <T> Set<T> common(List<PageSummary> pages,
      java.util.function.Function<PageSummary, Set<T>> of) {
    if (pages.isEmpty()) {
      return Set.of();
    }
    Set<T> all = new HashSet<>(of.apply(pages.get(0)));
    pages.forEach(p -> all.retainAll(of.apply(p)));
    return all;
  }

  private static String field(SiteContext.Field f) {
    String base = "\"" + f.label() + "\" (" + f.type() + ")";
    return f.options().isEmpty() ? base : base + " options " + f.options().stream()
        .map(o -> "\"" + o.label() + "\"").limit(8).collect(Collectors.joining("/"));
  }

  private static List<String> limit(List<String> l, int n) {
    return l.size() <= n ? l : l.subList(0, n);
  }

  private static String path(String url) {
    int i = url.indexOf("//");
    int slash = i < 0 ? -1 : url.indexOf('/', i + 2);
    return slash < 0 ? url : url.substring(slash);
  }

  /** One proposed item as a task, or an IllegalArgumentException saying what is wrong. */
  static Task task(JsonNode item, SiteContext ctx, String id) {
    String instruction = item.path("instruction").asText("").strip();
    if (instruction.isEmpty()) {
      throw new IllegalArgumentException("no instruction");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = item.path("params").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String v = e.getValue().asText("");
      if (!e.getKey().matches("[a-z][a-z0-9_]{0,31}")) {
        throw new IllegalArgumentException("parameter name \"" + e.getKey()
            + "\" is not a short lower-case name");
      }
      if (v.isEmpty() || !instruction.contains("\"" + v + "\"")) {
        throw new IllegalArgumentException("parameter " + e.getKey() + "=\"" + v
            + "\" is not quoted in the instruction");
      }
      params.put(e.getKey(), v);
    }
    List<Condition> conditions = new ArrayList<>();
    for (JsonNode c : item.path("success")) {
      conditions.add(condition(c));
    }
    if (conditions.isEmpty()) {
      throw new IllegalArgumentException("no success signal");
    }
    return new Task(id, ctx.site(), instruction, ctx.startUrl(), new SuccessSignal(conditions),
        params);
  }

  private static Condition condition(JsonNode c) {
    String kind = c.path("kind").asText("");
    switch (kind) {
      case "url_matches" -> {
        return new Condition.UrlMatches(required(c, "glob"));
      }
      case "text_present" -> {
        return new Condition.TextPresent(required(c, "text"));
      }
      case "answer_contains" -> {
        return new Condition.AnswerContains(required(c, "text"));
      }
      case "element_state" -> {
        State state;
        try {
          state = State.valueOf(required(c, "state").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("unknown element state \"" + c.path("state").asText()
              + "\"");
        }
        String value = c.path("value").isTextual() ? c.path("value").asText() : null;
        if (state == State.HAS_VALUE && value == null) {
          throw new IllegalArgumentException("has_value needs a value");
        }
        return new Condition.ElementState(required(c, "role"), c.path("name").asText(""), state,
            value);
      }
      default -> throw new IllegalArgumentException("unknown success kind \"" + kind + "\"");
    }
  }

  private static String required(JsonNode c, String field) {
    String v = c.path(field).asText("");
    if (v.isBlank()) {
      throw new IllegalArgumentException(c.path("kind").asText() + " needs \"" + field + "\"");
    }
    return v;
  }

  static Set<String> words(String s) {
    Set<String> out = new HashSet<>();
    for (String w : s.toLowerCase(Locale.ROOT).split("[^a-z0-9{}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  static double jaccard(Set<String> a, Set<String> b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    Set<String> inter = new HashSet<>(a);
    inter.retainAll(b);
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    return (double) inter.size() / union.size();
  }
}
