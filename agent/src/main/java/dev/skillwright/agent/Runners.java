package dev.skillwright.agent;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.agent.Grounding.Hit;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot.Node;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.SignalCheck;
import dev.skillwright.trajectories.Target;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The goal runners of the offline policy, one small class per kind of goal. */
final class Runners {
  private static final int MAX_PAGES = 4;
  private static final int MAX_REVEALS = 12;
  private static final Pattern LABELLED = Pattern.compile("^\\s*([^:]{1,40}):\\s*(.+)$");

  private Runners() {}

  private static Decision click(Node n, String thought) {
    return Decision.of(thought, new Action.Click(Grounding.target(n)));
  }

  /**
   * A click on {@code n}, or on the part of it that takes clicks: a tree item or list item often
   * listens on its label only ({@code generic [cursor=pointer]: Briana}), and a click on the
   * item's middle would miss it.
   */
  private static Decision click(AriaSnapshot page, Node n, String thought) {
    String label = Grounding.label(page, n);
    for (Node d : page.descendants(n)) {
      if (d.ref() != null && "pointer".equals(d.attrs().get("cursor")) && !d.is("group")
          && (d.name().equals(label) || label.equals(d.value()) || label.isEmpty())) {
        return Decision.of(thought, new Action.Click(Grounding.target(d)));
      }
      if (d.is("group")) {
        break;
      }
    }
    return click(n, thought);
  }

  /**
   * Looks for what is not in sight: opens each tab not shown yet, each folder or section not
   * opened yet, then the next page of a list, once each.
   */
  static final class Reveal {
    private final Set<String> tried = new HashSet<>();
    private int pages;
    /** Whether a tree on the page has told its folders from its files. */
    private boolean told;

    Decision next(AriaSnapshot page, String what) {
      if (tried.size() >= MAX_REVEALS) {
        return null;
      }
      // a tree that says which items are closed ([collapsed], as the tab marks aria-expanded
      // false) and has items it says nothing of (as ARIA has files) tells folders from files,
      // and clicking a file may be the answer, so it is never clicked to look; one that calls
      // every item closed (some tree widgets mark their files so) tells nothing. Once told, the
      // page stays told, also when every folder has been opened
      told |= page.nodes().stream().anyMatch(n -> n.is("treeitem") && n.has("collapsed"))
          && page.nodes().stream().anyMatch(n -> n.is("treeitem") && !n.has("collapsed")
              && !n.has("expanded"));
      for (Node n : page.nodes()) {
        if (n.ref() == null) {
          continue;
        }
        boolean tab = n.is("tab") && !n.has("selected") && !n.has("expanded")
            || tabLink(page, n);
        // where it does not, a closed folder and a file look alike; a name with an extension is
        // a file's either way
        boolean folder = n.is("treeitem") && !n.has("expanded") && (told ? n.has("collapsed")
            : page.descendants(n).stream().noneMatch(d -> d.is("group")))
            && !label(page, n).matches(".*\\.[A-Za-z0-9]{1,5}");
        if ((tab || folder) && tried.add(n.role() + "|" + label(page, n))) {
          Node at = n;
          if (n.name().isEmpty()) {
            at = page.descendants(n).stream().filter(d -> d.ref() != null && d.is("link"))
                .findFirst().orElse(n);
          }
          return click(page, at, what + " is not in sight; I open " + describe(page, n)
              + " to look for it.");
        }
      }
      Optional<Node> next = page.nodes().stream().filter(Grounding::nextPage).findFirst();
      if (next.isPresent() && pages < MAX_PAGES) {
        pages++;
        return click(next.get(), what + " is not here; I go to the next page.");
      }
      return null;
    }

    /**
     * A link that shows a part of this page, in a list of such links: the tabs of markup with no
     * tab roles ({@code <li><a href="#pane2">}).
     */
    private static boolean tabLink(AriaSnapshot page, Node n) {
      if (!n.is("link") || n.url() == null || !n.url().matches("#[A-Za-z][\\w-]*")
          || n.has("selected") || n.has("current")) {
        return false;
      }
      Optional<Node> item = page.parentOf(n).filter(p -> p.is("listitem"));
      Optional<Node> list = item.flatMap(page::parentOf);
      return list.map(l -> page.descendants(l).stream().filter(d -> d.is("link")
          && d.url() != null && d.url().startsWith("#") && d.url().length() > 1).count() >= 2)
          .orElse(false);
    }

    private static String label(AriaSnapshot page, Node n) {
      String l = Grounding.label(page, n);
      if (l.isEmpty()) {
        l = page.descendants(n).stream().map(Node::name).filter(s -> !s.isEmpty()).findFirst()
            .orElse("#" + n.index());
      }
      return l;
    }

    private static String describe(AriaSnapshot page, Node n) {
      return n.role() + " \"" + label(page, n) + "\"";
    }
  }

  static final class SearchRunner implements GoalRunner {
    private final Goal.Search goal;
    private boolean typed;
    private boolean submitted;

    SearchRunner(Goal.Search goal, Episode episode) {
      this.goal = goal;
    }

    @Override
    public Decision next(AriaSnapshot page) {
      if (submitted) {
        return null;
      }
      Optional<Node> box = Grounding.searchBox(page);
      if (box.isEmpty() && !typed) {
        box = Grounding.fields(page).stream().findFirst();
      }
      if (box.isEmpty()) {
        return Episode.giveUp("There is no search box on this page to search for \""
            + goal.query() + "\".");
      }
      if (!typed && !fold(box.get().value()).equals(fold(goal.query()))) {
        typed = true;
        return Decision.of("I type \"" + goal.query() + "\" into " + box.get().describe() + ".",
            new Action.Fill(Grounding.target(box.get()), goal.query()));
      }
      submitted = true;
      return Decision.of("I submit the search with Enter.",
          new Action.Press(Grounding.target(box.get()), "Enter"));
    }
  }

  /** Reaches the page of a named item: its link, else the site's search, else the next pages. */
  static final class OpenRunner implements GoalRunner {
    private final String name;
    private final Episode episode;
    private boolean clicked;
    private boolean searched;
    private boolean searchTyped;
    private int pagesTurned;

    OpenRunner(String name, Episode episode) {
      this.name = name;
      this.episode = episode;
    }

    boolean clicked() {
      return clicked;
    }

    @Override
    public Decision next(AriaSnapshot page) {
      if (clicked) {
        return null;
      }
      if (searchTyped) {
        searchTyped = false;
        Node box = Grounding.searchBox(page).orElse(null);
        if (box != null) {
          return Decision.of("I submit the search with Enter.",
              new Action.Press(Grounding.target(box), "Enter"));
        }
      }
      Optional<Node> hit = Grounding.find(page, Grounding.CLICKABLE, name);
      if (hit.isPresent()) {
        clicked = true;
        return click(hit.get(), "I see " + hit.get().describe() + " and open it.");
      }
      Decision wait = episode.waitOr(page, "\"" + name + "\"", null);
      if (wait != null) {
        return wait;
      }
      if (!searched) {
        Optional<Node> box = Grounding.searchBox(page);
        if (box.isPresent()) {
          searched = true;
          searchTyped = true;
          return Decision.of("\"" + name + "\" is not on this page; I search the site for it.",
              new Action.Fill(Grounding.target(box.get()), name));
        }
      }
      Optional<Node> next = page.nodes().stream().filter(Grounding::nextPage).findFirst();
      if (next.isPresent() && pagesTurned < MAX_PAGES) {
        pagesTurned++;
        return click(next.get(), "\"" + name + "\" is not here; I go to the next page.");
      }
      Optional<Hit> other = Grounding.clickable(page, Goal.Words.named(name));
      if (other.isPresent() && Grounding.match(Grounding.label(page, other.get().node()), name)
          <= 2) {
        clicked = true;
        return click(other.get().node(), "I open " + other.get().node().describe() + ": "
            + other.get().why() + ".");
      }
      return Episode.giveUp("I cannot find \"" + name + "\" on this site.");
    }
  }

  static final class AddRunner implements GoalRunner {
    private final Goal.Add goal;
    private final OpenRunner open;
    private boolean added;

    AddRunner(Goal.Add goal, Episode episode) {
      this.goal = goal;
      this.open = new OpenRunner(goal.item(), episode);
    }

    @Override
    public Decision next(AriaSnapshot page) {
      if (added) {
        return null;
      }
      Optional<Node> button = page.nodes().stream()
          .filter(n -> n.ref() != null && n.is("button"))
          .filter(n -> fold(n.name()).contains("add")
              && fold(n.name()).contains(fold(goal.destination())))
          .findFirst();
      if (button.isPresent() && Grounding.onPageOf(page, goal.item())) {
        added = true;
        return click(button.get(), "This is the page of \"" + goal.item() + "\"; I press "
            + button.get().describe() + ".");
      }
      if (open.clicked()) {
        return Episode.giveUp("The page of \"" + goal.item() + "\" has no button to add it to "
            + "the " + goal.destination() + ".");
      }
      return open.next(page);
    }
  }

  static final class AskRunner implements GoalRunner {
    private final Goal.Ask goal;
    private final Episode episode;
    private final OpenRunner open;

    AskRunner(Goal.Ask goal, Episode episode) {
      this.goal = goal;
      this.episode = episode;
      this.open = new OpenRunner(goal.item(), episode);
    }

    @Override
    public Decision next(AriaSnapshot page) {
      if (Grounding.onPageOf(page, goal.item())) {
        String attr = fold(goal.attribute());
        for (Node n : page.nodes()) {
          for (String text : new String[] {n.value(), n.name()}) {
            Matcher m = text == null ? null : LABELLED.matcher(text);
            if (m != null && m.matches() && fold(m.group(1)).equals(attr)) {
              String value = m.group(2).strip();
              return Decision.of("The page of \"" + goal.item() + "\" says " + goal.attribute()
                  + ": " + value + ".", new Action.Answer(value));
            }
          }
        }
        return episode.waitOr(page, "its " + goal.attribute(), "The page of \"" + goal.item()
            + "\" does not show its " + goal.attribute() + ".");
      }
      Decision d = open.next(page);
      return d != null ? d : Episode.giveUp("I opened \"" + goal.item()
          + "\" but did not reach its page.");
    }
  }

  /** Clicks what the words name; what is not in sight it looks for behind tabs and folders. */
  static final class ClickRunner implements GoalRunner {
    private final Goal.Click goal;
    private final Episode episode;
    private final Reveal reveal = new Reveal();
    private boolean done;

    ClickRunner(Goal.Click goal, Episode episode) {
      this.goal = goal;
      this.episode = episode;
    }

    @Override
    public Decision next(AriaSnapshot page) {
      if (done) {
        return null;
      }
      Goal.Words w = goal.what();
      // "the button labeled "x"" in a dialog: its close control, whatever its hidden text says
      Optional<Hit> hit = w.names().stream().anyMatch(Grounding::closeWord)
          ? Grounding.closer(page, Goal.Words.ANY, w) : Optional.empty();
      if (hit.isEmpty()) {
        hit = Grounding.clickable(page, w);
      }
      if (hit.isPresent()) {
        done = true;
        Node n = hit.get().node();
        return click(page, n, "I click " + n.describe() + " for " + w.describe() + ": "
            + hit.get().why() + ".");
      }
      Optional<Target> text = Grounding.text(page, w)
          .filter(t -> !episode.missedText(t.name()));
      if (text.isPresent()) {
        done = true;
        return Decision.of("I click the text \"" + text.get().name() + "\": it is written "
            + "on the page but is not a link or button of its own.",
            new Action.Click(text.get()));
      }
      Decision wait = episode.waitOr(page, w.describe(), null);
      if (wait != null) {
        return wait;
      }
      Decision look = reveal.next(page, w.describe());
      return look != null ? look : Episode.giveUp("There is no " + w.describe()
          + " on this page to click.");
    }
  }

  static final class KeyRunner implements GoalRunner {
    private final Goal.Key goal;
    private final Episode episode;
    private boolean done;

    KeyRunner(Goal.Key goal, Episode episode) {
      this.goal = goal;
      this.episode = episode;
    }

    @Override
    public Decision next(AriaSnapshot page) {
      if (done) {
        return null;
      }
      done = true;
      Target field = episode.lastTyped();
      if (field != null && field.ref() != null && page.byRef(field.ref()).isPresent()) {
        return Decision.of("I press " + goal.key() + " in " + field.describe() + ".",
            new Action.Press(field, goal.key()));
      }
      return Decision.of("I press " + goal.key() + ".", new Action.Press(null, goal.key()));
    }
  }

  /** Types a value into the named field, or into each field with "both" or "all". */
  static final class FillRunner implements GoalRunner {
    private final Goal.Fill goal;
    private final Episode episode;
    private final Set<String> filled = new HashSet<>();
    private DatePicker picker;
    private boolean done;

    FillRunner(Goal.Fill goal, Episode episode) {
      this.goal = goal;
      this.episode = episode;
    }

    @Override
    public Decision next(AriaSnapshot page) {
      if (done) {
        return null;
      }
      if (goal.every()) {
        List<Node> all = Grounding.fields(page);
        List<Node> named = goal.field().hasName() ? all.stream().filter(n -> goal.field().names()
            .stream().anyMatch(w -> Grounding.match(Grounding.label(page, n), w) <= 5)).toList()
            : List.of();
        List<Node> targets = named.size() >= 2 ? named : all;
        for (Node n : targets) {
          if (filled.add(n.ref())) {
            episode.typed(Grounding.target(n));
            return Decision.of("I type \"" + goal.value() + "\" into " + n.describe()
                + ", one of the fields it goes into.",
                new Action.Fill(Grounding.target(n), goal.value()));
          }
        }
        done = true;
        return filled.isEmpty() ? episode.waitOr(page, "the fields", "There is no field on this "
            + "page to type \"" + goal.value() + "\" into.") : null;
      }
      Optional<Hit> field = Grounding.field(page, goal.field(), true);
      if (field.isEmpty()) {
        Decision wait = episode.waitOr(page, goal.field().describe(), null);
        if (wait != null) {
          return wait;
        }
        field = Grounding.field(page, goal.field());
      }
      if (field.isEmpty()) {
        return Episode.giveUp("There is no field " + goal.field().describe() + " on this page.");
      }
      Node n = field.get().node();
      if (episode.readOnly(Grounding.target(n)) && DatePicker.date(goal.value()) != null) {
        if (picker == null) {
          picker = new DatePicker(n, DatePicker.date(goal.value()));
        }
        Decision d = picker.next(page);
        done = d == null;
        return d;
      }
      done = true;
      episode.typed(Grounding.target(n));
      return Decision.of("I fill " + describe(page, n) + " with \"" + goal.value() + "\": "
          + field.get().why() + ".", new Action.Fill(Grounding.target(n), goal.value()));
    }
  }

  private static String describe(AriaSnapshot page, Node n) {
    String label = Grounding.label(page, n);
    return label.isEmpty() || !n.name().isEmpty() ? n.describe() : n.role() + " by \"" + label
        + "\"";
  }

  /**
   * Chooses each item: an option of the named list (native or custom), else an option, checkbox
   * or radio anywhere that is labelled so; a choice in a list that a button applies is applied
   * when the instruction goes on to nothing else.
   */
  static final class ChooseRunner implements GoalRunner {
    private final Goal.Choose goal;
    private final Episode episode;
    private final Reveal reveal = new Reveal();
    private int item;
    private Node chosenIn;
    private boolean applied;
    private boolean opened;
    private boolean typedItem;
    /** What the episode had waited when the wait for a suggestion began; -1 before. */
    private long suggestSince = -1;

    ChooseRunner(Goal.Choose goal, Episode episode) {
      this.goal = goal;
      this.episode = episode;
    }

    @Override
    public Decision next(AriaSnapshot page) {
      if (item >= goal.items().size()) {
        return apply(page);
      }
      String want = goal.items().get(item);
      Goal.Words field = goal.field();
      Optional<Node> box = list(page, field, want);
      if (box.isPresent()) {
        item++;
        chosenIn = box.get();
        return Decision.of("I choose \"" + want + "\" in " + box.get().describe() + ".",
            new Action.Select(Grounding.target(box.get()), want));
      }
      if (field.hasName() && !opened) {
        // a list drawn by a button ("Size ▾"): open it, then pick from what it shows
        List<Node> openers = page.nodes().stream().filter(n -> n.ref() != null
            && (n.is("button") || n.is("combobox") || n.is("generic"))).toList();
        Optional<Hit> opener = Grounding.byName(page, openers, field, 3);
        if (opener.isPresent()) {
          opened = true;
          return click(opener.get().node(), "I open " + opener.get().node().describe()
              + " to choose \"" + want + "\" in it: " + opener.get().why() + ".");
        }
      }
      if (field.hasName() && field.roles().isEmpty()) {
        // "set "Due date" to "x"" on a plain text field: typing is how it is chosen
        Optional<Hit> typed = Grounding.field(page, field);
        if (typed.isPresent() && Grounding.match(Grounding.label(page, typed.get().node()),
            field.names().get(0)) <= 5) {
          item++;
          return Decision.of("\"" + field.names().get(0) + "\" is a text field; I type \""
              + want + "\" into it.", new Action.Fill(Grounding.target(typed.get().node()),
              want));
        }
        return episode.waitOr(page, field.describe(), "There is no choice " + field.describe()
            + " on this page.");
      }
      Goal.Words named = Goal.Words.named(want);
      List<Node> choices = page.nodes().stream().filter(n -> n.ref() != null
          && (Grounding.CHECKABLE.contains(n.role()) || n.is("option") || n.is("treeitem")
          || n.is("menuitem") || n.is("gridcell") || n.is("listitem"))).toList();
      Optional<Hit> hit = Grounding.byName(page, choices, named, 4);
      if (hit.isEmpty()) {
        hit = Grounding.byName(page, choices.stream().filter(c -> !c.is("listitem")).toList(),
            named, 7);
      }
      if (hit.isPresent()) {
        item++;
        Node n = hit.get().node();
        if (Grounding.CHECKABLE.contains(n.role())) {
          if (n.has("checked")) {
            return next(page);
          }
          return Decision.of("I select " + describe(page, n) + ": " + hit.get().why() + ".",
              new Action.Check(Grounding.target(n), true));
        }
        if (n.has("selected")) {
          return next(page);
        }
        return click(n, "I select " + n.describe() + ": " + hit.get().why() + ".");
      }
      Optional<Hit> other = Grounding.clickable(page, named);
      if (other.isPresent() && Grounding.match(Grounding.label(page, other.get().node()), want)
          <= 2) {
        item++;
        return click(other.get().node(), "I select " + other.get().node().describe() + ": "
            + other.get().why() + ".");
      }
      Decision wait = episode.waitOr(page, "\"" + want + "\"", null);
      if (wait != null) {
        return wait;
      }
      Decision suggest = suggest(page, want);
      if (suggest != null) {
        return suggest;
      }
      Decision look = reveal.next(page, "\"" + want + "\"");
      return look != null ? look : Episode.giveUp("There is no choice \"" + want
          + "\" on this page.");
    }

    /**
     * "Choose JavaScript from the language suggestions": typing the item into the field that
     * suggests brings the suggestion up; if none comes but the field holds the item, it is chosen.
     */
    private Decision suggest(AriaSnapshot page, String want) {
      Goal.Words field = goal.field();
      boolean saysSuggest = field.roles().contains("option") && !field.roles().contains("radio");
      Optional<Hit> box = field.hasName() ? Grounding.field(page, field)
          .filter(h -> field.names().stream().anyMatch(w -> Grounding.match(
              Grounding.label(page, h.node()), w) <= 7)) : Optional.empty();
      if (box.isEmpty() && saysSuggest) {
        Target last = episode.lastTyped();
        box = last != null && last.ref() != null ? page.byRef(last.ref())
            .map(n -> new Hit(n, "I typed into it last")) : Grounding.field(page, Goal.Words.ANY);
      }
      if (box.isEmpty()) {
        return null;
      }
      Node n = box.get().node();
      if (!typedItem) {
        typedItem = true;
        episode.typed(Grounding.target(n));
        return Decision.of("\"" + want + "\" is not offered yet; I type it into "
            + describe(page, n) + " to bring up the suggestion.",
            new Action.Fill(Grounding.target(n), want));
      }
      suggestSince = suggestSince < 0 ? episode.waited() : suggestSince;
      if (episode.waited() - suggestSince < Episode.SUGGESTION_WAIT_MILLIS) {
        return Decision.of("I wait for the suggestion \"" + want + "\".", new Action.Wait(400));
      }
      if (fold(n.value()).equals(fold(want))) {
        item++;
        return next(page);
      }
      return null;
    }

    /** The list box to choose {@code want} in: the named one, else one that offers it. */
    private static Optional<Node> list(AriaSnapshot page, Goal.Words field, String want) {
      // a combobox with no options under it is a text box that suggests as one types (or a
      // custom list still shut): there is nothing in it to select yet
      List<Node> boxes = page.nodes().stream().filter(n -> n.ref() != null
          && (n.is("listbox") || n.is("combobox") && page.descendants(n).stream()
              .anyMatch(o -> o.is("option")))).toList();
      if (boxes.isEmpty()) {
        return Optional.empty();
      }
      if (field.hasName()) {
        Optional<Hit> named = Grounding.byName(page, boxes, field, 5);
        if (named.isPresent()) {
          return Optional.of(named.get().node());
        }
      }
      Optional<Node> offering = boxes.stream().filter(b -> page.descendants(b).stream()
          .anyMatch(o -> o.is("option") && Grounding.match(o.name(), want) <= 2)).findFirst();
      if (offering.isPresent()) {
        return offering;
      }
      boolean saysList = !field.roles().isEmpty() && field.roles().contains("listbox");
      if (saysList && boxes.size() == 1) {
        return Optional.of(boxes.get(0));
      }
      return Optional.empty();
    }

    private Decision apply(AriaSnapshot page) {
      if (applied || chosenIn == null || !chosenIn.is("combobox")) {
        return null;
      }
      applied = true;
      Goal following = episode.following();
      Node box = page.byRef(chosenIn.ref()).orElse(null);
      if (following != null && following.fillsForm() || box == null
          || goal.items().size() != 1) {
        return null;
      }
      String chosen = SignalCheck.valueOf(box, page);
      if (!fold(chosen).equals(fold(goal.items().get(0)))) {
        return null;
      }
      Optional<Node> submit = Grounding.submitFor(page, box);
      return submit.map(b -> click(b, "The choice is made; I apply it with " + b.describe()
          + ".")).orElse(null);
    }
  }

  static final class CheckRunner implements GoalRunner {
    private final Goal.Check goal;
    private final Episode episode;
    private boolean done;

    CheckRunner(Goal.Check goal, Episode episode) {
      this.goal = goal;
      this.episode = episode;
    }

    @Override
    public Decision next(AriaSnapshot page) {
      if (done) {
        return null;
      }
      List<Node> boxes = page.nodes().stream()
          .filter(n -> n.ref() != null && Grounding.CHECKABLE.contains(n.role())).toList();
      Optional<Hit> hit = goal.what().hasName() ? Grounding.byName(page, boxes, goal.what(), 5)
          : boxes.stream().findFirst().map(n -> new Hit(n, "it is the first checkbox"));
      if (hit.isEmpty()) {
        return episode.waitOr(page, goal.what().describe(), "There is no checkbox "
            + goal.what().describe() + " on this page.");
      }
      done = true;
      Node n = hit.get().node();
      if (n.has("checked") == goal.on() && !"mixed".equals(n.attrs().get("checked"))) {
        return null;
      }
      return Decision.of("I " + (goal.on() ? "check " : "uncheck ") + describe(page, n) + ": "
          + hit.get().why() + ".", new Action.Check(Grounding.target(n), goal.on()));
    }
  }

  /** Opens or closes a section: the one named, else the first that can be opened. */
  static final class ExpandRunner implements GoalRunner {
    private static final Set<String> HEADERS = Set.of("button", "tab", "treeitem", "link",
        "heading", "generic", "group", "row", "listitem");
    private final Goal.Expand goal;
    private final Episode episode;
    private boolean done;

    ExpandRunner(Goal.Expand goal, Episode episode) {
      this.goal = goal;
      this.episode = episode;
    }

    @Override
    public Decision next(AriaSnapshot page) {
      if (done) {
        return null;
      }
      List<Node> heads = page.nodes().stream()
          .filter(n -> n.ref() != null && HEADERS.contains(n.role())).toList();
      Optional<Hit> hit;
      if (goal.what().hasName()) {
        hit = Grounding.byName(page, heads, goal.what(), 5);
      } else {
        hit = heads.stream().filter(n -> n.has("expanded") != goal.open()
                && (n.is("tab") && !n.has("selected") && page.parentOf(n)
                    .map(p -> !p.is("tablist")).orElse(true)
                || n.is("treeitem") || n.is("button")
                && fold(n.name()).matches(".*\\b(section|details|more|expand|show|collapse|"
                    + "hide|less|toggle)\\b.*|[+▸▶►▼▾-]|")))
            .findFirst().map(n -> new Hit(n, "it is the first section that can be "
                + (goal.open() ? "opened" : "closed")));
        if (hit.isEmpty()) {
          hit = heads.stream().filter(n -> n.has("expanded") != goal.open()
                  && (n.is("tab") || n.is("heading") && n.attrs().containsKey("cursor")))
              .findFirst().map(n -> new Hit(n, "it heads a section"));
        }
      }
      if (hit.isEmpty()) {
        return episode.waitOr(page, goal.what().describe(), "There is no section "
            + goal.what().describe() + " on this page to "
            + (goal.open() ? "expand." : "collapse."));
      }
      done = true;
      Node n = hit.get().node();
      // the snapshot marks an open section [expanded] and says nothing of a shut one or of one
      // that shows no state (a <details> summary): only an open one is known to be open
      if (goal.open() && n.has("expanded") && goal.what().hasName()) {
        return null; // already as asked: clicking would undo it
      }
      return click(n, "I " + (goal.open() ? "expand " : "collapse ") + n.describe() + ": "
          + hit.get().why() + ".");
    }
  }

  static final class CloseRunner implements GoalRunner {
    private final Goal.Close goal;
    private boolean done;

    CloseRunner(Goal.Close goal, Episode episode) {
      this.goal = goal;
    }

    @Override
    public Decision next(AriaSnapshot page) {
      if (done) {
        return null;
      }
      done = true;
      Goal.Words control = goal.control();
      Optional<Hit> hit = Grounding.closer(page, goal.dialog(), control);
      if (hit.isEmpty() && control.hasName()) {
        hit = Grounding.clickable(page, new Goal.Words(control.names(), Set.of("dialog"),
            control.ordinal()));
      }
      if (hit.isPresent()) {
        Node n = hit.get().node();
        return click(n, "I click " + n.describe() + ": " + hit.get().why() + ".");
      }
      return Decision.of("I see no close button; I press Escape to close the dialog.",
          new Action.Press(null, "Escape"));
    }
  }

  /** Submits: the best button of the given names, else Enter in the field typed into last. */
  static final class SubmitRunner implements GoalRunner {
    private final Goal.Submit goal;
    private final Episode episode;
    private boolean done;

    SubmitRunner(Goal.Submit goal, Episode episode) {
      this.goal = goal;
      this.episode = episode;
    }

    @Override
    public Decision next(AriaSnapshot page) {
      if (done) {
        return null;
      }
      done = true;
      List<Node> buttons = page.nodes().stream().filter(n -> n.ref() != null
          && (n.is("button") || n.is("link"))).toList();
      Optional<Hit> hit = Grounding.byName(page, buttons, new Goal.Words(goal.names(), Set.of(),
          0), 3);
      if (hit.isPresent() && hit.get().node().is("link")
          && Grounding.match(hit.get().node().name(), goal.names().get(0)) > 1) {
        hit = Optional.empty();
      }
      if (hit.isPresent()) {
        Node n = hit.get().node();
        return click(n, "I submit with " + n.describe() + ": " + hit.get().why() + ".");
      }
      Target field = episode.lastTyped();
      if (field != null) {
        return Decision.of("There is no button to submit with; I press Enter in "
            + field.describe() + ".", new Action.Press(field, "Enter"));
      }
      return Decision.of("There is no button to submit with; I press Enter.",
          new Action.Press(null, "Enter"));
    }
  }

  static final class FocusRunner implements GoalRunner {
    private final Goal.Focus goal;
    private final Episode episode;
    private boolean done;

    FocusRunner(Goal.Focus goal, Episode episode) {
      this.goal = goal;
      this.episode = episode;
    }

    @Override
    public Decision next(AriaSnapshot page) {
      if (done) {
        return null;
      }
      Optional<Hit> field = Grounding.field(page, goal.field());
      if (field.isEmpty()) {
        Optional<Hit> other = Grounding.clickable(page, goal.field());
        if (other.isEmpty()) {
          return episode.waitOr(page, goal.field().describe(), "There is no field "
              + goal.field().describe() + " on this page to focus.");
        }
        field = other;
      }
      done = true;
      Node n = field.get().node();
      episode.typed(Grounding.target(n));
      return click(n, "I click into " + describe(page, n) + " to focus it: "
          + field.get().why() + ".");
    }
  }

  /** Clicks the Nth result of a search, turning pages: earlier pages' results count. */
  static final class ResultRunner implements GoalRunner {
    private final Goal.Result goal;
    private final Episode episode;
    private int before;
    private int turns;
    private boolean done;

    ResultRunner(Goal.Result goal, Episode episode) {
      this.goal = goal;
      this.episode = episode;
    }

    @Override
    public Decision next(AriaSnapshot page) {
      if (done) {
        return null;
      }
      List<Node> results = results(page);
      int want = goal.ordinal() < 0 ? before + results.size() : goal.ordinal();
      if (want - before >= 1 && want - before <= results.size()) {
        done = true;
        Node n = results.get(want - before - 1);
        return click(n, "I click " + n.describe() + ": it is result number " + want + ".");
      }
      Decision wait = results.isEmpty() ? episode.waitOr(page, "the results", null) : null;
      if (wait != null) {
        return wait;
      }
      Optional<Node> next = nextPage(page);
      if (next.isPresent() && turns < 20 && !results.isEmpty()) {
        turns++;
        before += results.size();
        return click(next.get(), "Result number " + want + " is not on this page (it shows "
            + results.size() + "); I go to the next page.");
      }
      return Episode.giveUp("There is no result number " + want + " (I saw " + (before
          + results.size()) + ").");
    }

    /** The links after the search box that are not paging controls. */
    static List<Node> results(AriaSnapshot page) {
      int from = Grounding.fields(page).stream().mapToInt(Node::index).max().orElse(-1);
      return page.nodes().stream().filter(n -> n.index() > from && n.ref() != null
          && n.is("link") && !paging(n)).toList();
    }

    private static boolean paging(Node n) {
      String name = fold(n.name());
      return name.isEmpty() || name.matches("\\d{1,3}|[<>«»‹›←→]+|next.*|prev.*|previous.*|"
          + "first|last|more|older|newer|page \\d+");
    }

    private static Optional<Node> nextPage(AriaSnapshot page) {
      Optional<Node> next = page.nodes().stream().filter(Grounding::nextPage).findFirst();
      if (next.isPresent()) {
        return next;
      }
      // numbered pages: the number after the current one (marked, or not a link)
      List<Node> numbers = page.nodes().stream().filter(n -> (n.is("link") || n.is("button"))
          && n.name().strip().matches("\\d{1,3}")).toList();
      for (Node n : numbers) {
        if ((n.has("current") || n.has("selected") || n.has("pressed")) && n.ref() != null) {
          int k = Integer.parseInt(n.name().strip());
          return numbers.stream().filter(x -> x.ref() != null
              && x.name().strip().equals(String.valueOf(k + 1))).findFirst();
        }
      }
      return Optional.empty();
    }
  }

  /** Types the start of an entry into a field that suggests, then chooses the suggestion. */
  static final class CompleteRunner implements GoalRunner {
    private final Goal.Complete goal;
    private final Episode episode;
    private boolean typed;
    private boolean chosen;
    /** What the episode had waited when the wait for suggestions began; -1 before. */
    private long since = -1;
    private boolean done;

    CompleteRunner(Goal.Complete goal, Episode episode) {
      this.goal = goal;
      this.episode = episode;
    }

    @Override
    public Decision next(AriaSnapshot page) {
      if (done) {
        return null;
      }
      if (chosen) {
        done = true;
        // an entry a form only takes when it is submitted: the task ends with it, so submit it
        Target last = episode.lastTyped();
        Node box = last == null || last.ref() == null ? null : page.byRef(last.ref()).orElse(null);
        Optional<Node> submit = box == null || episode.following() != null ? Optional.empty()
            : Grounding.submitFor(page, box).filter(b -> fold(b.name())
                .matches("submit|ok|done|go|save|send|enter|confirm"));
        return submit.map(b -> click(b, "The entry is chosen and the task ends with it; I "
            + "submit it with " + b.describe() + ".")).orElse(null);
      }
      if (!typed) {
        Optional<Hit> field = Grounding.field(page, goal.field());
        if (field.isEmpty()) {
          return episode.waitOr(page, "a field", "There is no field on this page to type \""
              + goal.prefix() + "\" into.");
        }
        typed = true;
        episode.typed(Grounding.target(field.get().node()));
        return Decision.of("I type \"" + goal.prefix() + "\" into "
            + describe(page, field.get().node()) + " to see what it suggests.",
            new Action.Fill(Grounding.target(field.get().node()), goal.prefix()));
      }
      Optional<Node> pick = page.nodes().stream().filter(n -> n.ref() != null
              && (n.is("option") || n.is("menuitem") || n.is("listitem") || n.is("link")
              || n.is("generic") || n.is("button")))
          .filter(n -> {
            String t = fold(n.name().isEmpty() && n.value() != null ? n.value() : n.name());
            return t.startsWith(fold(goal.prefix())) && t.endsWith(fold(goal.suffix()))
                && !t.equals(fold(goal.prefix()));
          }).findFirst();
      if (pick.isPresent()) {
        chosen = true;
        return click(pick.get(), "I choose the suggestion " + pick.get().describe()
            + ": it starts with \"" + goal.prefix() + "\" and ends with \"" + goal.suffix()
            + "\".");
      }
      since = since < 0 ? episode.waited() : since;
      if (episode.waited() - since < Episode.SUGGESTION_WAIT_MILLIS) {
        return Decision.of("No suggestion fits yet; I wait for the suggestions.",
            new Action.Wait(400));
      }
      return Episode.giveUp("No suggestion starts with \"" + goal.prefix() + "\" and ends with \""
          + goal.suffix() + "\".");
    }
  }
}
