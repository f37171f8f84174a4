package dev.skillwright.proposer;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.browser.ActionResult;
import dev.skillwright.browser.BrowserException;
import dev.skillwright.browser.SpareTab;
import dev.skillwright.browser.Tab;
import dev.skillwright.proposer.Exploration.Kind;
import dev.skillwright.proposer.Exploration.Move;
import dev.skillwright.proposer.SnapshotDiff.Effect;
import dev.skillwright.skills.PlausibleValues;
import dev.skillwright.skills.SideEffect;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot.Node;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Target;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Explores a site in the real browser, as NNetnav and OS-Genesis do: from the start page it tries
 * the page's controls (in-scope links and hash routes, buttons, text fields, checkboxes, radios
 * and switches, select boxes, tabs, disclosures, dialogs, menus), diffs the aria snapshot and the
 * URL after each action, keeps the interactions with a visible effect, chains up to a few of them
 * into a walk, and labels each walk afterwards ({@link WalkLabeller}).
 *
 * <p>Every chain starts in a fresh tab (one tab made to forget what the last chain left: cookies,
 * storage, cache; a new browser context when it cannot), at the start page with its moves done
 * again, or, when its last move went to another address and opening that address shows the same
 * page, right there; and it stays in its scope: an out-of-scope
 * link is never clicked, and the tab's guard blocks whatever else would leave. Destructive-looking
 * controls (delete, clear, log out, pay, …, by name, class, id or title) are left alone unless
 * allowed. Bounded by actions, pages and time. Not thread-safe; one exploration at a time per tab supplier.
 */
public final class Explorer {
  /** How far exploring may go. */
  public record Limits(int maxWalks, int maxActions, int maxPages, Duration maxTime,
      int walkLength, boolean allowDestructive) {
    public Limits {
      if (maxWalks < 0 || maxActions < 0 || maxPages < 1 || walkLength < 1) {
        throw new IllegalArgumentException("exploration limits must be positive: walks "
            + maxWalks + ", actions " + maxActions + ", pages " + maxPages + ", length "
            + walkLength);
      }
    }

    /** 30 walks, 150 actions, 8 pages, 90 seconds, walks of up to 4 moves, nothing destructive. */
    public static Limits defaults() {
      return new Limits(30, 150, 8, Duration.ofSeconds(90), 4, false);
    }

    public Limits allowingDestructive(boolean allow) {
      return new Limits(maxWalks, maxActions, maxPages, maxTime, walkLength, allow);
    }

    public Limits withTime(Duration time) {
      return new Limits(maxWalks, maxActions, maxPages, time, walkLength, allowDestructive);
    }

    /**
     * These limits sized for a crawl of {@code budget} tasks: a few walks per task to choose
     * from (8 to 30), and actions and time in proportion (20 + 10 a task, up to 150; 15 s + 5 s
     * a task, up to 90 s), so a small crawl does not pay for a large one's exploring.
     */
    public Limits forBudget(int budget) {
      int b = Math.max(1, budget);
      return new Limits(Math.max(8, Math.min(maxWalks, 3 * b)),
          Math.min(maxActions, 20 + 10 * b), maxPages,
          Duration.ofSeconds(Math.min(maxTime.toSeconds(), 15 + 5L * b)), walkLength,
          allowDestructive);
    }
  }

  /** How long an action may wait for its element: a control a modal covers fails fast. */
  private static final double ACTION_TIMEOUT_MS = 1_500;
  private static final double NAVIGATION_TIMEOUT_MS = 30_000;
  /** Links tried from the start page: one page shows what the others look like. */
  private static final int LINKS = 6;

  /** The tab a walk is done with, made fresh again ({@link Tab#forget}) for the next walk. */
  private final SpareTab spare;
  private final String startUrl;
  private final Limits limits;
  /** When exploring must end; pushed back by the time its caller kept it waiting. */
  private long deadline;
  private final List<Exploration.Walk> walks = new ArrayList<>();
  private final Set<String> walkKeys = new HashSet<>();
  private final Set<String> affordances = new LinkedHashSet<>();
  private final Set<List<String>> choices = new LinkedHashSet<>();
  private final Set<String> skipped = new LinkedHashSet<>();
  private final Set<String> pages = new HashSet<>();
  private final Map<String, String> attrs = new java.util.HashMap<>();
  /**
   * Where each walk still to be extended landed on a page of another address: a fresh tab that
   * opens that address and finds the same page there needs none of the walk's moves again.
   */
  private final Map<List<Candidate>, Landing> landings = new java.util.HashMap<>();
  /**
   * What had been found when each walk was added: an exploration cut to its first walks is the
   * one that would have stopped right there.
   */
  private final List<Found> found = new ArrayList<>();

  /** How many affordances, choice lists and controls left alone, and actions, so far. */
  private record Found(int affordances, int choices, int skipped, int actions) {}
  private int actions;
  private int typed;
  private final Enough enough;

  /** When the walks found so far are enough, as the caller who asked for them sees it. */
  public interface Enough {
    /**
     * Asked before each move: whether the walks found so far (in the order found) are enough;
     * the answer may change as the caller learns more, and the caller may keep exploring
     * waiting meanwhile. Exploring ends after the move under way, as at a limit.
     */
    boolean now(List<Exploration.Walk> walks);

    /**
     * Asked once exploring has ended, to cut what it found to the fewest first walks that are
     * enough: the caller's last word, which it may wait to know. By default {@link #now}'s.
     */
    default boolean atEnd(List<Exploration.Walk> walks) {
      return now(walks);
    }
  }

  private Explorer(Supplier<Tab> tabs, String startUrl, Limits limits, Enough enough) {
    this.spare = new SpareTab(tabs);
    this.startUrl = startUrl;
    this.limits = limits;
    this.enough = enough;
    this.deadline = System.nanoTime() + limits.maxTime().toNanos();
  }

  /**
   * Explores from {@code startUrl}, each chain in a fresh tab from {@code freshTabs} (which
   * carries the scope).
   */
  public static Exploration explore(Supplier<Tab> freshTabs, String startUrl, Limits limits) {
    return explore(freshTabs, startUrl, limits, walks -> false);
  }

  /**
   * {@link #explore(Supplier, String, Limits)}, ended early once {@code enough} says the walks
   * found so far are enough, and then cut to the fewest first walks it finds enough at the end,
   * with what was found up to them: the same walks whenever it is told, as if exploring had
   * stopped right there.
   */
  public static Exploration explore(Supplier<Tab> freshTabs, String startUrl, Limits limits,
      Enough enough) {
    return new Explorer(freshTabs, startUrl, limits, enough).run();
  }

  /** A control to try: found again in a fresh page by role, name and position among its like. */
  record Candidate(Kind kind, String role, String name, int nth, String value, String field,
      String button, String label) {
    Candidate(Kind kind, String role, String name, int nth, String value, String field,
        String button) {
      this(kind, role, name, nth, value, field, button, name);
    }

    String key() {
      return kind + "|" + role + "|" + name + "|" + nth;
    }

    String control() {
      return role + "|" + name + "|" + nth;
    }
  }

  /** One performed move: what was done, the page before and after, and the effect. */
  record Done(Candidate candidate, Kind kind, AriaSnapshot before, AriaSnapshot after,
      String urlBefore, String urlAfter, Effect effect, boolean ok) {}

  /**
   * Breadth first over walks: the start page's controls first, then, from the state each
   * effective walk reached (replayed in a fresh tab), the controls there, up to the walk length.
   */
  private Exploration run() {
    Deque<List<Candidate>> frontier = new ArrayDeque<>();
    frontier.add(List.of());
    try {
      while (!frontier.isEmpty() && !exhausted()) {
        expand(frontier.poll(), frontier);
      }
    } catch (BrowserException e) {
      // a page that broke mid-way ends exploring; what was found stands
    } finally {
      spare.close();
    }
    return result();
  }

  /** Tries every control in the state {@code prefix} reaches; effective ones extend walks. */
  private void expand(List<Candidate> prefix, Deque<List<Candidate>> frontier) {
    State state = replay(prefix);
    if (state == null) {
      return;
    }
    try {
      Set<String> used = new HashSet<>();
      prefix.forEach(c -> used.add(c.control()));
      List<Candidate> cands = interleave(candidates(state.page.tab, state.page.snapshot,
          state.page.url, prefix.isEmpty()));
      // a field may take a second value (add two things); any other control is used once
      cands.removeIf(c -> used.contains(c.control()) && c.kind() != Kind.TYPE_ENTER);
      List<Candidate> again = cands.stream().filter(c -> used.contains(c.control())).toList();
      cands.removeAll(again);
      cands.addAll(again);
      boolean dirty = false;
      for (Candidate c : cands) {
        if (exhausted()) {
          return;
        }
        if (dirty) {
          spare.keep(state.page.tab);
          state = null;
          state = replay(prefix);
          if (state == null) {
            return; // the tab is closed; a walk that does not repeat ends here
          }
        }
        Done d = perform(state.page, c);
        if (d == null) {
          dirty = false;
          continue;
        }
        if (!d.effect().visible()) {
          dirty = !d.ok();
          if (!dirty) {
            state = state.at(new Page(state.page.tab, d.after(), d.urlAfter()));
          }
          continue;
        }
        List<Done> chain = new ArrayList<>(state.done);
        chain.add(d);
        record(state.start.snapshot, state.start.url, chain);
        if (chain.size() < limits.walkLength()) {
          List<Candidate> longer = new ArrayList<>(prefix);
          longer.add(c);
          frontier.add(longer);
          // a move that took the page to another address: opening it may show the same page
          if (!SnapshotDiff.sameUrl(d.urlBefore(), d.urlAfter())) {
            landings.put(longer, new Landing(state.start, List.copyOf(chain), d.after(),
                d.urlAfter()));
          }
        }
        dirty = true;
      }
    } finally {
      if (state != null) {
        spare.keep(state.page.tab);
      }
    }
  }

  /** A fresh tab where {@code prefix} was done again: its start, its moves, and the page now. */
  private record State(Page start, List<Done> done, Page page) {
    State at(Page now) {
      return new State(start, done, now);
    }
  }

  /** Where a walk landed: its start, its moves, and the page they ended on and its address. */
  private record Landing(Page start, List<Done> done, AriaSnapshot page, String url) {}

  /**
   * A fresh tab in the state {@code prefix} reaches: the page it landed on opened by its address
   * when that shows the same page (a walk of links, a search sent by GET), else its moves done
   * again from the start page.
   */
  private State replay(List<Candidate> prefix) {
    Landing landing = landings.get(prefix);
    if (landing != null) {
      State reopened = reopen(landing);
      if (reopened != null) {
        return reopened;
      }
      landings.remove(prefix); // it took state the address does not carry: replay its moves
    }
    return replayMoves(prefix);
  }

  /** A fresh tab on the page {@code l} landed on, or null when it is not the same page there. */
  private State reopen(Landing l) {
    Tab tab = spare.take();
    tab.timeouts(NAVIGATION_TIMEOUT_MS, ACTION_TIMEOUT_MS);
    if (!tab.navigate(l.url()).ok()) {
      spare.keep(tab);
      return null;
    }
    Seen o = look(tab);
    if (SnapshotDiff.between(l.page(), l.url(), o.snapshot(), o.url(), null).visible()) {
      spare.keep(tab);
      return null;
    }
    return new State(l.start(), l.done(), new Page(tab, o.snapshot(), o.url()));
  }

  private State replayMoves(List<Candidate> prefix) {
    Page start = open();
    if (start == null) {
      return null;
    }
    Page page = start;
    List<Done> done = new ArrayList<>();
    try {
      for (Candidate c : prefix) {
        Done d = perform(page, c);
        if (d == null || !d.ok() || !d.effect().visible()) {
          // the walk does not do the same again from a fresh start: nothing to build on
          spare.keep(page.tab);
          return null;
        }
        done.add(d);
        page = new Page(page.tab, d.after(), d.urlAfter());
      }
    } catch (RuntimeException e) {
      start.tab.close();
      throw e;
    }
    return new State(start, done, page);
  }

  private Exploration result() {
    if (enough.atEnd(List.copyOf(walks))) {
      int n = 0;
      while (n < walks.size() && !enough.atEnd(List.copyOf(walks.subList(0, n)))) {
        n++;
      }
      Found f = n == 0 ? new Found(0, 0, 0, 0) : found.get(n - 1);
      return new Exploration(walks.subList(0, n),
          List.copyOf(affordances).subList(0, f.affordances()),
          List.copyOf(choices).subList(0, f.choices()),
          List.copyOf(skipped).subList(0, f.skipped()), f.actions());
    }
    return new Exploration(walks, List.copyOf(affordances), List.copyOf(choices),
        List.copyOf(skipped), actions);
  }

  private boolean exhausted() {
    if (actions >= limits.maxActions() || walks.size() >= limits.maxWalks()
        || System.nanoTime() > deadline) {
      return true;
    }
    long asked = System.nanoTime();
    boolean done = enough.now(List.copyOf(walks));
    deadline += System.nanoTime() - asked; // time its caller kept it waiting is not exploring's
    return done;
  }

  /** A tab on the fresh start page, or null when it does not load. */
  private record Page(Tab tab, AriaSnapshot snapshot, String url) {}

  private Page open() {
    Tab tab = spare.take();
    // a page's own timeout would outrank the context's for navigations too: keep those long
    tab.timeouts(NAVIGATION_TIMEOUT_MS, ACTION_TIMEOUT_MS);
    Tab.Navigation loaded = tab.navigate(startUrl);
    if (!loaded.ok()) {
      skipped.add("the start page: " + loaded.error());
      tab.close();
      return null;
    }
    Seen o = look(tab);
    pages.add(path(o.url()));
    return new Page(tab, o.snapshot(), o.url());
  }

  /** The page's URL and aria snapshot: an observation without the screenshot nobody looks at. */
  private record Seen(String url, AriaSnapshot snapshot) {}

  private static Seen look(Tab tab) {
    AriaSnapshot s = tab.look();
    return new Seen(tab.url(), s);
  }

  private void record(AriaSnapshot s0, String u0, List<Done> chain) {
    if (walks.size() >= limits.maxWalks()) {
      return;
    }
    WalkLabeller.label(startUrl, s0, u0, chain).ifPresent(w -> {
      if (walkKeys.add(fold(w.instruction()))) {
        walks.add(w);
        found.add(new Found(affordances.size(), choices.size(), skipped.size(), actions));
      }
    });
  }

  /** Performs one candidate on the page as it is; null when its element is not there. */
  private Done perform(Page page, Candidate c) {
    Tab tab = page.tab;
    AriaSnapshot before = page.snapshot;
    Optional<Node> found = find(before, c);
    if (found.isEmpty()) {
      return null;
    }
    Node n = found.get();
    Target target = Target.of(n.ref(), n.role(), n.name());
    Kind kind = c.kind();
    boolean ok;
    String ignore = null;
    switch (c.kind()) {
      case TYPE_ENTER -> {
        ok = act(tab, new Action.Fill(target, c.value()))
            && act(tab, new Action.Press(target, "Enter"));
        ignore = n.name();
        if (ok && c.button() != null) {
          Seen o = look(tab);
          Effect e = SnapshotDiff.between(before, page.url, o.snapshot(), o.url(), ignore);
          if (!e.visible()) {
            Optional<Node> b = o.snapshot().nodes().stream()
                .filter(x -> x.is("button") && x.name().equals(c.button()) && x.ref() != null)
                .findFirst();
            if (b.isEmpty()) {
              return new Done(c, kind, before, o.snapshot(), page.url, o.url(), e, true);
            }
            kind = Kind.TYPE_SUBMIT;
            ok = act(tab, new Action.Click(Target.of(b.get().ref(), "button", c.button())));
          }
        }
      }
      // a click toggles as a person would; a list that re-renders on change fails a setChecked
      case CHECK, UNCHECK, RADIO -> ok = act(tab, new Action.Click(target));
      case SELECT -> ok = act(tab, new Action.Select(target, c.value()));
      default -> ok = act(tab, new Action.Click(target));
    }
    tab.drainBlocks();
    Seen o = look(tab);
    pages.add(path(o.url()));
    Effect e = SnapshotDiff.between(before, page.url, o.snapshot(), o.url(), ignore);
    return new Done(c, kind, before, o.snapshot(), page.url, o.url(), e, ok);
  }

  private boolean act(Tab tab, Action a) {
    actions++;
    ActionResult r = tab.execute(a);
    return r.ok();
  }

  private static Optional<Node> find(AriaSnapshot s, Candidate c) {
    int seen = 0;
    for (Node n : s.nodes()) {
      if (n.ref() != null && n.is(c.role()) && n.name().equals(c.name())) {
        if (seen++ == c.nth()) {
          return Optional.of(n);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The controls on a page worth trying, in document order. On the start page ({@code first})
   * they are also listed as affordances, and what is left alone is said once.
   */
  private List<Candidate> candidates(Tab tab, AriaSnapshot s, String url, boolean first) {
    List<Candidate> out = new ArrayList<>();
    Map<String, Integer> nth = new LinkedHashMap<>();
    int links = 0;
    for (Node n : s.nodes()) {
      if (n.ref() == null) {
        continue;
      }
      int k = nth.merge(n.role() + "|" + n.name(), 1, Integer::sum) - 1;
      if (n.has("disabled")) {
        continue;
      }
      String what = n.describe();
      Optional<Candidate> c = candidate(tab, s, url, n, k);
      if (c.isEmpty()) {
        continue;
      }
      if (c.get().kind() == Kind.LINK && links++ >= LINKS) {
        continue;
      }
      if (first) {
        affordances.add(what);
      }
      out.add(c.get());
    }
    return out;
  }

  private Optional<Candidate> candidate(Tab tab, AriaSnapshot s, String url, Node n, int k) {
    String name = n.name();
    switch (n.role()) {
      case "link" -> {
        if (name.isBlank() || n.url() == null) {
          return Optional.empty();
        }
        String href = SiteCrawler.resolve(url, n.url());
        if (!tab.scope().allows(href)) {
          skipped.add(n.describe() + ": out of scope");
          return Optional.empty();
        }
        if (href.equals(url) || SnapshotDiff.sameUrl(href, url)
            || !href.startsWith("http")) {
          return Optional.empty();
        }
        if (!pages.contains(path(href)) && pages.size() >= limits.maxPages()) {
          return Optional.empty();
        }
        if (destructive(tab, n)) {
          return Optional.empty();
        }
        return Optional.of(new Candidate(Kind.LINK, "link", name, k, null, null, null));
      }
      case "button", "menuitem", "menuitemcheckbox", "menuitemradio", "tab", "option",
          "treeitem" -> {
        if (name.isBlank()) {
          destructive(tab, n);
          return Optional.empty();
        }
        if (n.is("tab") && n.has("selected")
            || n.is("option") && s.parentOf(n).map(p -> p.is("combobox")).orElse(true)
            || n.is("option") && n.has("selected")) {
          return Optional.empty();
        }
        if (destructive(tab, n)) {
          return Optional.empty();
        }
        Kind kind = n.is("tab") ? Kind.TAB : n.is("button") ? inDialog(s, n)
            && CLOSE.matcher(name).matches() ? Kind.CLOSE_DIALOG : Kind.BUTTON : Kind.ITEM;
        return Optional.of(new Candidate(kind, n.role(), name, k, null, null, null));
      }
      case "textbox", "searchbox", "spinbutton" -> {
        String type = attr(tab, n, "e => (e.type || '') + ' ' + (e.placeholder || '') + ' '"
            + " + (e.name || '') + ' ' + (e.readOnly ? 'readonly' : '')");
        if (name.isBlank() || type.startsWith("password") || type.contains("readonly")
            || type.startsWith("file") || destructive(tab, n)) {
          return Optional.empty();
        }
        String kind = n.is("searchbox") ? "query" : n.is("spinbutton") ? "number"
            : PlausibleValues.kind(name + " " + type, "");
        String value = PlausibleValues.pick(kind, typed++);
        return Optional.of(new Candidate(Kind.TYPE_ENTER, n.role(), name, k, value, kind,
            submitButton(tab, s, n)));
      }
      case "checkbox", "switch" -> {
        String label = name.isBlank() ? besideText(s, n) : name;
        if (label == null || destructive(tab, n)) {
          return Optional.empty();
        }
        boolean checked = n.has("checked") && !"false".equals(n.attrs().get("checked"));
        return Optional.of(new Candidate(checked ? Kind.UNCHECK : Kind.CHECK, n.role(), name, k,
            null, null, null, label));
      }
      case "radio" -> {
        String label = name.isBlank() ? besideText(s, n) : name;
        if (label == null || n.has("checked")) {
          return Optional.empty();
        }
        return Optional.of(new Candidate(Kind.RADIO, "radio", name, k, null, null, null, label));
      }
      case "combobox" -> {
        if (name.isBlank()) {
          return Optional.empty();
        }
        List<Node> options = s.descendants(n).stream().filter(d -> d.is("option")).toList();
        if (options.isEmpty()) {
          // a custom list: opening it shows its options, which the walk then chooses from
          return Optional.of(new Candidate(Kind.BUTTON, "combobox", name, k, null, null, null));
        }
        choices.add(options.stream().map(Node::name).toList());
        return options.stream().filter(o -> !o.has("selected") && !o.name().isBlank())
            .findFirst().map(o -> new Candidate(Kind.SELECT, "combobox", name, k, o.name(),
                "option", null));
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /**
   * The words right beside a nameless box in its group (after it, else before it: a list
   * entry's text next to its checkbox), as a person and the offline agent name it; null when
   * there are none.
   */
  static String besideText(AriaSnapshot s, Node box) {
    for (Node sib : java.util.Arrays.asList(sibling(s, box, +1), sibling(s, box, -1))) {
      if (sib == null || !(sib.is("text") || sib.is("generic") && sib.ref() == null
          || sib.is("strong") || sib.is("emphasis"))) {
        continue;
      }
      String t = sib.value() != null ? sib.value() : sib.name();
      if (t != null && !t.isBlank() && t.strip().length() <= 60) {
        return t.strip().replaceAll(":$", "");
      }
    }
    return null;
  }

  /** The node next to {@code n} under the same parent, before or after it; null at an end. */
  private static Node sibling(AriaSnapshot s, Node n, int dir) {
    List<Node> nodes = s.nodes();
    int i = n.index() + dir;
    if (dir < 0) {
      while (i >= 0 && nodes.get(i).depth() > n.depth()) {
        i--;
      }
    } else {
      while (i < nodes.size() && nodes.get(i).depth() > n.depth()) {
        i++;
      }
    }
    if (i < 0 || i >= nodes.size()) {
      return null;
    }
    Node x = nodes.get(i);
    return x.parent() == n.parent() && x.depth() == n.depth() ? x : null;
  }

  private static final java.util.regex.Pattern CLOSE = java.util.regex.Pattern.compile(
      "(?i)\\s*(close|dismiss|ok|done|got it|×|x|✕|cancel)\\s*");

  static boolean inDialog(AriaSnapshot s, Node n) {
    for (Optional<Node> p = s.parentOf(n); p.isPresent(); p = s.parentOf(p.get())) {
      if (p.get().is("dialog") || p.get().is("alertdialog")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The button that sends a field: the first named button after it, within a few levels of the
   * field's ancestors (its form, its row), never a destructive one.
   */
  private String submitButton(Tab tab, AriaSnapshot s, Node field) {
    Optional<Node> anc = s.parentOf(field);
    for (int level = 0; level < 3 && anc.isPresent(); level++, anc = s.parentOf(anc.get())) {
      for (Node d : s.descendants(anc.get())) {
        if (d.index() > field.index() && d.is("button") && d.ref() != null
            && !d.name().isBlank() && !SideEffect.looksDestructive(d.name())) {
          return d.name();
        }
      }
    }
    return null;
  }

  /** Whether the control looks destructive; if so and not allowed, it is noted as skipped. */
  private boolean destructive(Tab tab, Node n) {
    String hints = n.name() + " " + attr(tab, n, "e => [e.className, e.id, e.title,"
        + " e.getAttribute('aria-label'), e.getAttribute('data-action'),"
        + " e.getAttribute('data-testid'), e.getAttribute('href') || ''].join(' ')");
    if (!SideEffect.looksDestructive(hints)) {
      return false;
    }
    if (limits.allowDestructive() && !n.name().isBlank()) {
      return false;
    }
    skipped.add(n.describe() + ": destructive" + (limits.allowDestructive()
        ? " and nameless" : " (allow with --allow-destructive)"));
    return true;
  }

  /** An element's attributes, read once per control and question: each read is a round trip. */
  private String attr(Tab tab, Node n, String fn) {
    return attrs.computeIfAbsent(n.role() + "|" + n.name() + "|" + fn.hashCode(), k -> {
      return tab.readElement(n.ref(), fn);
    });
  }

  /** Candidates with their kinds taken in turn, so a small budget still sees every kind. */
  static List<Candidate> interleave(List<Candidate> all) {
    Map<Kind, List<Candidate>> byKind = new LinkedHashMap<>();
    all.forEach(c -> byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c));
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; out.size() < all.size(); i++) {
      for (List<Candidate> l : byKind.values()) {
        if (i < l.size()) {
          out.add(l.get(i));
        }
      }
    }
    return out;
  }

  private static String path(String url) {
    try {
      URI u = URI.create(url);
      return u.getRawPath() == null ? "" : u.getRawPath();
    } catch (IllegalArgumentException e) {
      return url;
    }
  }

  static Move move(Done d, Kind kind) {
    Candidate c = d.candidate();
    return new Move(kind, c.role(), c.label(), c.value(), c.button(), d.effect().describe());
  }
}
