package dev.skillwright.proposer;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.proposer.SiteContext.Field;
import dev.skillwright.proposer.SiteContext.Form;
import dev.skillwright.proposer.SiteContext.Item;
import dev.skillwright.proposer.SiteContext.Link;
import dev.skillwright.proposer.SiteContext.Option;
import dev.skillwright.proposer.SiteContext.PageSummary;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.Condition.ElementState.State;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Task;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline proposer. Its first source is exploration ({@link Explorer}): the walks it labelled
 * afterwards, on any site. Beside them, from the crawled affordances it writes tasks of seven
 * shop-shaped kinds, each using concrete values seen on the site and stating how success shows:
 *
 * <ul>
 *   <li>navigate: go to a page linked from the start page (the URL shows it);
 *   <li>search: search for a word from an item's name (the URL carries the query);
 *   <li>search and open: search, then open a matching item (the URL is the item's);
 *   <li>choose: on a page with a choice that reloads it (a sort order), pick an option (the URL
 *       carries it and the select box shows it);
 *   <li>add: add an item to the cart, then open the cart (the cart's URL, the item's name);
 *   <li>checkout: fill a form with a made-up person and submit it (the form is gone);
 *   <li>ask: the price of an item (the answer holds it).
 * </ul>
 *
 * It then picks kinds in turn (the explored walks being one), values at random from a seeded
 * {@link Random}, never a link off the site's origin, and drops tasks whose instruction is
 * already known.
 */
final class OfflineProposer implements Proposer {
  private static final Pattern ADD_BUTTON = Pattern.compile("(?i)add to (?:the |my )?(\\w+)");
  private static final Pattern COUNTER = Pattern.compile(".*\\(\\d+\\)\\s*$");
  private static final Set<String> STOP = Set.of("with", "from", "your", "this", "that", "the",
      "and", "for", "set");
  private static final String[][] PEOPLE = {
    {"Ada Lovelace", "12 Analytical Row"}, {"Grace Hopper", "7 Harbor Lane"},
    {"Alan Turing", "3 Bletchley Road"}, {"Katherine Johnson", "44 Orbit Street"},
    {"Edsger Dijkstra", "9 Shortest Path"}, {"Barbara Liskov", "21 Substitution Way"},
  };

  private final long seed;

  OfflineProposer(long seed) {
    this.seed = seed;
  }

  @Override
  public Proposal propose(SiteContext ctx, int count) {
    List<Task> out = new ArrayList<>();
    for (Draft d : pick(ctx, explored(ctx), count)) {
      out.add(new Task(String.format("t%03d", out.size() + 1), ctx.site(), d.instruction(),
          ctx.startUrl(), d.success(), d.params()));
    }
    return new Proposal(out, List.of());
  }

  /**
   * Whether the walks explored so far give the same walk tasks as any more would: the explored
   * walks are one kind among eight taken in turn, one walk per control before a second, so on a
   * site whose pages offer the other kinds a few walks are all that {@code count} tasks take, and
   * exploring may end there. More walks are tried as exploring would find them: on new controls,
   * and no shorter than those found, as it goes breadth first.
   */
  @Override
  public boolean walksSuffice(SiteContext ctx, int count) {
    List<Exploration.Walk> found = ctx.explored().walks();
    int length = found.stream().mapToInt(w -> w.moves().size()).max().orElse(1);
    List<Exploration.Walk> more = new ArrayList<>(found);
    for (int i = 0; i < count; i++) {
      // a control and an instruction no page can give, so that none is known or taken
      more.add(new Exploration.Walk(ctx.startUrl(), Collections.nCopies(length,
          new Exploration.Move(Exploration.Kind.BUTTON, "button", "\0control " + i, null, null,
              "")), "\0walk " + i, SuccessSignal.none(), Map.of(), false));
    }
    SiteContext further = ctx.withExplored(new Exploration(more, List.of(), List.of(),
        List.of(), 0));
    return fromWalks(pick(ctx, explored(ctx), count))
        .equals(fromWalks(pick(further, explored(further), count)));
  }

  /** The instructions of the drafts that walks gave, in the order taken. */
  private static List<String> fromWalks(List<Draft> picked) {
    return picked.stream().filter(Draft::explored).map(Draft::instruction).toList();
  }

  /**
   * Up to {@code count} drafts: the kinds in turn, values at random from the seeded order, none
   * already known and no instruction twice; {@code explored}, the last kind, keeps its order.
   */
  private List<Draft> pick(SiteContext ctx, List<Draft> explored, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    Random rnd = new Random(seed);
    Affordances a = Affordances.of(ctx);
    List<List<Draft>> kinds = List.of(
        navigate(a, ctx), searchOpen(a), addToCart(a), choose(a), ask(a), search(a),
        checkout(a, rnd), explored.stream().map(Draft::fromWalk).toList());
    Set<String> known = new HashSet<>();
    ctx.knownInstructions().forEach(i -> known.add(fold(i)));
    List<List<Draft>> shuffled = new ArrayList<>();
    for (int i = 0; i < kinds.size(); i++) {
      List<Draft> copy = new ArrayList<>(kinds.get(i));
      if (i < kinds.size() - 1) {
        // explored walks keep the explorer's order, which alternates their kinds already
        Collections.shuffle(copy, rnd);
      }
      copy.removeIf(d -> known.contains(fold(d.instruction())));
      shuffled.add(copy);
    }
    List<Draft> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    boolean progress = true;
    while (out.size() < count && progress) {
      progress = false;
      for (List<Draft> k : shuffled) {
        while (!k.isEmpty() && out.size() < count) {
          Draft d = k.remove(0);
          if (taken.add(fold(d.instruction()))) {
            out.add(d);
            progress = true;
            break;
          }
        }
      }
    }
    return out;
  }

  /** A task before it has an id; {@code explored}: whether a walk gave it. */
  record Draft(String instruction, SuccessSignal success, Map<String, String> params,
      boolean explored) {
    Draft(String instruction, SuccessSignal success, Map<String, String> params) {
      this(instruction, success, params, false);
    }

    Draft fromWalk() {
      return new Draft(instruction, success, params, true);
    }
  }

  /** The crawled affordances, indexed for the task kinds. */
  record Affordances(PageSummary start, List<PageSummary> pages, List<Item> items) {
    static Affordances of(SiteContext ctx) {
      PageSummary start = ctx.pages().isEmpty() ? null : ctx.pages().get(0);
      Map<String, Item> items = new LinkedHashMap<>();
      for (PageSummary p : ctx.pages()) {
        for (Item i : p.items()) {
          items.merge(i.name(), i, (x, y) -> x.price() != null ? x : y);
        }
      }
      return new Affordances(start, ctx.pages(), List.copyOf(items.values()));
    }

    Optional<Form> searchForm() {
      return pages.stream().flatMap(p -> p.forms().stream())
          .filter(f -> f.search() && f.method().equals("get") && !f.fields().isEmpty())
          .findFirst();
    }

    Optional<PageSummary> page(String url) {
      return pages.stream().filter(p -> samePath(p.url(), url)).findFirst();
    }

    Set<String> itemUrls() {
      Set<String> s = new HashSet<>();
      items.forEach(i -> s.add(i.url()));
      return s;
    }
  }

  /**
   * Tasks from exploration: each walk's label, grouped by what the walk ends with (the control
   * its last move used: a typed value, a toggle, a route, a dialog…), the groups taken in turn
   * and short walks first within each, so a small budget sees many things the site does, even
   * where every walk must begin alike (an empty list must first get an entry).
   */
  private static List<Draft> explored(SiteContext ctx) {
    Map<String, List<Exploration.Walk>> byKind = new LinkedHashMap<>();
    for (Exploration.Walk w : ctx.explored().walks()) {
      Exploration.Move last = w.moves().get(w.moves().size() - 1);
      String kind = last.kind() + "|" + last.name();
      byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(w);
    }
    List<List<Exploration.Walk>> groups = new ArrayList<>(byKind.values());
    // one walk per last control before any second one; shorter walks first within a group
    groups.forEach(g -> g.sort(java.util.Comparator.comparingInt(w -> w.moves().size())));
    groups.sort(java.util.Comparator.comparingInt(g -> g.get(0).moves().size()));
    List<Draft> out = new ArrayList<>();
    for (int i = 0; ; i++) {
      boolean any = false;
      for (List<Exploration.Walk> g : groups) {
        if (i < g.size()) {
          Exploration.Walk w = g.get(i);
          out.add(new Draft(w.instruction(), w.success(), w.params()));
          any = true;
        }
      }
      if (!any) {
        return out;
      }
    }
  }

  private static List<Draft> navigate(Affordances a, SiteContext ctx) {
    List<Draft> out = new ArrayList<>();
    if (a.start() == null) {
      return out;
    }
    Set<String> names = new HashSet<>();
    String origin = origin(ctx.startUrl());
    for (Link l : a.start().links()) {
      // a link off the site is never proposed: the scope would block it
      if (!origin(l.url()).equals(origin)
          || a.itemUrls().contains(l.url()) || samePath(l.url(), a.start().url())
          || COUNTER.matcher(l.name()).matches() || !names.add(fold(l.name()))) {
        continue;
      }
      out.add(new Draft("Go to the \"" + l.name() + "\" page.",
          SuccessSignal.of(new Condition.UrlMatches("*" + pathAndQuery(l.url()))),
          Map.of("page", l.name())));
    }
    return out;
  }

  private static List<Draft> search(Affordances a) {
    List<Draft> out = new ArrayList<>();
    Optional<Form> form = a.searchForm();
    if (form.isEmpty()) {
      return out;
    }
    for (String word : queryWords(a.items())) {
      out.add(new Draft("Search for \"" + word + "\".", searchSignal(form.get(), word),
          Map.of("query", word)));
    }
    return out;
  }

  private static List<Draft> searchOpen(Affordances a) {
    List<Draft> out = new ArrayList<>();
    if (a.searchForm().isEmpty()) {
      return out;
    }
    for (Item item : a.items()) {
      for (String word : queryWords(List.of(item))) {
        out.add(new Draft("Search for \"" + word + "\", then open \"" + item.name() + "\".",
            SuccessSignal.of(new Condition.UrlMatches("*" + pathAndQuery(item.url()))),
            params("query", word, "item", item.name())));
        break;
      }
    }
    return out;
  }

  private static SuccessSignal searchSignal(Form form, String word) {
    String field = form.fields().get(0).name();
    return SuccessSignal.of(new Condition.UrlMatches("*" + URI.create(form.action()).getRawPath()
        + "?*" + field + "=" + URLEncoder.encode(word, StandardCharsets.UTF_8) + "*"));
  }

  /** On pages linked from the start page: a GET form's choice, which reloads the page. */
  private static List<Draft> choose(Affordances a) {
    List<Draft> out = new ArrayList<>();
    if (a.start() == null) {
      return out;
    }
    for (Link l : a.start().links()) {
      Optional<PageSummary> page = a.page(l.url());
      if (page.isEmpty() || samePath(l.url(), a.start().url())) {
        continue;
      }
      for (Form f : page.get().forms()) {
        if (f.search() || !f.method().equals("get") || f.buttons().isEmpty()) {
          continue;
        }
        for (Field field : f.fields()) {
          for (Option o : field.options()) {
            if (!field.type().equals("select") || o.selected()) {
              continue;
            }
            String glob = "*" + URI.create(l.url()).getRawPath() + "?*" + field.name() + "="
                + URLEncoder.encode(o.value(), StandardCharsets.UTF_8) + "*";
            out.add(new Draft("Go to the \"" + l.name() + "\" page, then choose \"" + o.label()
                + "\" in \"" + field.label() + "\".",
                SuccessSignal.of(new Condition.UrlMatches(glob),
                    new Condition.ElementState("combobox", field.label(), State.HAS_VALUE,
                        o.label())),
                params("page", l.name(), "option", o.label())));
          }
        }
      }
    }
    return out;
  }

  /** The destination ("cart") and its link, when item pages have an "Add to …" button. */
  private static Optional<Link> cartLink(Affordances a) {
    if (a.start() == null) {
      return Optional.empty();
    }
    for (PageSummary p : a.pages()) {
      for (Form f : p.forms()) {
        for (String b : f.buttons()) {
          Matcher m = ADD_BUTTON.matcher(b);
          if (m.matches() && f.method().equals("post")) {
            String dest = fold(m.group(1));
            return a.start().links().stream()
                .filter(l -> fold(l.name()).startsWith(dest)).findFirst()
                .map(l -> new Link(m.group(1), l.url()));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static List<Draft> addToCart(Affordances a) {
    List<Draft> out = new ArrayList<>();
    Optional<Link> cart = cartLink(a);
    if (cart.isEmpty()) {
      return out;
    }
    String dest = cart.get().name().toLowerCase(Locale.ROOT);
    String linkName = capitalize(dest);
    for (Item item : a.items()) {
      out.add(new Draft("Add \"" + item.name() + "\" to the " + dest + ", then open \""
          + linkName + "\".",
          SuccessSignal.of(new Condition.UrlMatches("*" + pathAndQuery(cart.get().url()) + "*"),
              new Condition.TextPresent(item.name())),
          Map.of("item", item.name())));
    }
    return out;
  }

  /** A POST form with text fields, reached by a link: fill it as a made-up person, submit it. */
  private static List<Draft> checkout(Affordances a, Random rnd) {
    List<Draft> out = new ArrayList<>();
    Optional<Link> cart = cartLink(a);
    for (PageSummary p : a.pages()) {
      for (Form f : p.forms()) {
        long texts = f.fields().stream()
            .filter(x -> Set.of("text", "email", "tel").contains(x.type())).count();
        if (!f.method().equals("post") || texts < 2 || f.buttons().isEmpty()) {
          continue;
        }
        Optional<Link> way = a.pages().stream().flatMap(q -> q.links().stream())
            .filter(l -> samePath(l.url(), p.url())).findFirst();
        if (way.isEmpty()) {
          continue;
        }
        for (int n = 0; n < Math.min(a.items().size(), 4); n++) {
          out.add(fillForm(f, way.get(), cart, a.items().get(rnd.nextInt(a.items().size())),
              PEOPLE[rnd.nextInt(PEOPLE.length)], rnd));
        }
      }
    }
    return out;
  }

  private static Draft fillForm(Form f, Link way, Optional<Link> cart, Item item, String[] who,
      Random rnd) {
    Map<String, String> params = new LinkedHashMap<>();
    List<String> clauses = new ArrayList<>();
    if (cart.isPresent()) {
      params.put("item", item.name());
      clauses.add("Add \"" + item.name() + "\" to the " + cart.get().name().toLowerCase(Locale.ROOT));
    }
    clauses.add((clauses.isEmpty() ? "Open \"" : "then open \"") + way.name() + "\"");
    String firstText = null;
    for (Field field : f.fields()) {
      String label = field.label();
      String key = fold(label).replaceAll("[^a-z0-9]+", "_").replaceAll("(^_|_$)", "");
      switch (field.type()) {
        case "select" -> {
          if (!field.options().isEmpty()) {
            String opt = field.options().get(rnd.nextInt(field.options().size())).label();
            params.put(key, opt);
            clauses.add("choose \"" + opt + "\" in \"" + label + "\"");
          }
        }
        case "checkbox" -> clauses.add("check \"" + label + "\"");
        case "radio", "file", "password" -> {
          // left alone: a made-up person has no file, and a form behind a password is not ours
        }
        default -> {
          String value = personValue(field, who);
          params.put(key, value);
          clauses.add("fill \"" + label + "\" with \"" + value + "\"");
          if (firstText == null) {
            firstText = label;
          }
        }
      }
    }
    String button = f.buttons().get(f.buttons().size() - 1);
    clauses.add("then press \"" + button + "\"");
    List<Condition> success = new ArrayList<>();
    success.add(new Condition.ElementState("button", button, State.ABSENT, null));
    if (firstText != null) {
      success.add(new Condition.ElementState("textbox", firstText, State.ABSENT, null));
    }
    return new Draft(String.join(", ", clauses) + ".", new SuccessSignal(success), params);
  }

  private static String personValue(Field field, String[] who) {
    String l = fold(field.label() + " " + field.name());
    String first = who[0].split(" ")[0].toLowerCase(Locale.ROOT);
    String last = who[0].substring(who[0].indexOf(' ') + 1).toLowerCase(Locale.ROOT)
        .replace(' ', '.');
    if (field.type().equals("email") || l.contains("mail")) {
      return first + "." + last + "@example.com";
    } else if (l.contains("name")) {
      return who[0];
    } else if (l.contains("address") || l.contains("street")) {
      return who[1];
    } else if (l.contains("city") || l.contains("town")) {
      return "Springfield";
    } else if (l.contains("zip") || l.contains("postal") || l.contains("postcode")) {
      return "12345";
    } else if (field.type().equals("date") || l.contains("date")) {
      return "2026-12-01";
    } else if (field.type().equals("tel") || l.contains("phone")) {
      return "555-0100";
    } else if (field.type().equals("number")) {
      return "1";
    }
    return "Test";
  }

  private static List<Draft> ask(Affordances a) {
    List<Draft> out = new ArrayList<>();
    for (Item item : a.items()) {
      if (item.price() != null) {
        out.add(new Draft("What is the price of \"" + item.name() + "\"?",
            SuccessSignal.of(new Condition.AnswerContains(item.price())),
            Map.of("item", item.name())));
      }
    }
    return out;
  }

  /** Distinctive words of item names: four letters or more, not a stop word, first seen first. */
  private static List<String> queryWords(List<Item> items) {
    Set<String> words = new LinkedHashSet<>();
    for (Item i : items) {
      for (String w : i.name().toLowerCase(Locale.ROOT).split("[^a-z]+")) {
        if (w.length() >= 4 && !STOP.contains(w)) {
          words.add(w);
        }
      }
    }
    return List.copyOf(words);
  }

  private static String origin(String url) {
    try {
      URI u = URI.create(url);
      return (u.getScheme() + "://" + u.getHost() + ":" + u.getPort()).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static Map<String, String> params(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  static String pathAndQuery(String url) {
    URI u = URI.create(url);
    String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
    return u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
  }

  static boolean samePath(String a, String b) {
    try {
      URI x = URI.create(a);
      URI y = URI.create(b);
      return x.getRawPath() != null && x.getRawPath().equals(y.getRawPath())
          && java.util.Objects.equals(x.getAuthority(), y.getAuthority());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
