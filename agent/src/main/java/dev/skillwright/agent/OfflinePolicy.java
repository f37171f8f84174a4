package dev.skillwright.agent;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.AriaSnapshot.Node;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.SignalCheck;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Task;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule-based policy of the offline model. It reads the instruction into goals
 * ({@link Instructions}), then for each goal grounds the quoted words in the aria snapshot and
 * acts: search boxes are filled and submitted, links and buttons clicked by name, form fields
 * filled by label. An item it cannot see it looks for with the site's search, then by paging;
 * while the page says it is still loading something, it waits first. Where a skill it is offered
 * does the next clauses of the instruction, it calls the skill instead; if the skill fails, it
 * does those clauses itself.
 * It never reads the task's parameters or success signal.
 */
final class OfflinePolicy implements Policy {
  private static final int MAX_FAILURES = 2;
  private static final int MAX_PAGES = 4;
  /** Waits for content that loads after the page, in all: 8 of half a second. */
  private static final int MAX_WAITS = 8;
  private static final Pattern LABELLED = Pattern.compile("^\\s*([^:]{1,40}):\\s*(.+)$");

  private final List<dev.skillwright.skills.Skill> skills;
  private List<Goal> goals;
  private List<String> clauses;
  /** Where the last skill call began, to go back to if it fails. */
  private int skillFrom;
  private boolean skillsOff;
  /** Clauses before this one were covered by a skill call: no skill is sought for them again. */
  private int coveredTo;
  private int current;
  /** Progress within the current goal; reset when a goal completes. */
  private int phase;
  private boolean searched;
  private int pagesTurned;
  private int failures;
  private int waits;

  OfflinePolicy(List<dev.skillwright.skills.Skill> skills) {
    this.skills = List.copyOf(skills);
  }

  @Override
  public void skillFailed(dev.skillwright.skills.Skill skill, String reason) {
    current = skillFrom;
    phase = 0;
    searched = false;
    pagesTurned = 0;
    skillsOff = true;
  }

  @Override
  public Decision decide(Task task, Observation obs, List<Step> history) {
    if (goals == null) {
      clauses = Instructions.clauses(task.instruction());
      goals = Instructions.parse(task.instruction());
      if (goals.isEmpty()) {
        return giveUp("I cannot read the clause \""
            + Instructions.firstUnreadable(task.instruction()) + "\" of the task.");
      }
    }
    if (!history.isEmpty() && !history.get(history.size() - 1).ok()) {
      if (++failures > MAX_FAILURES) {
        return giveUp("My actions keep failing: " + history.get(history.size() - 1).error());
      }
      phase = 0; // retry the goal from its start on the page as it is now
    }
    AriaSnapshot page = obs.snapshot();
    while (current < goals.size()) {
      Optional<SkillMatcher.Match> m = phase == 0 && !skillsOff && current >= coveredTo
          ? SkillMatcher.longest(skills, clauses, current) : Optional.empty();
      if (m.isPresent()) {
        skillFrom = current;
        coveredTo = m.get().to();
        // a question among the clauses is answered once the skill has brought its page
        current = m.get().to();
        for (int i = m.get().from(); i < m.get().to(); i++) {
          if (goals.get(i) instanceof Goal.Ask) {
            current = i;
            break;
          }
        }
        return new Decision("The skill \"" + m.get().skill().description() + "\" does "
            + (m.get().to() - m.get().from() == goals.size() ? "this task" : "part of it")
            + "; I use it.", new Action.UseSkill(m.get().skill().id(), m.get().args()));
      }
      Decision d = act(goals.get(current), page);
      if (d != null) {
        return d;
      }
      current++;
      phase = 0;
      searched = false;
      pagesTurned = 0;
    }
    // let the page finish loading, so the final page shows what the task did
    Decision wait = waitOr(page, "the page", null);
    return wait != null ? wait
        : new Decision("Every part of the task is done.", new Action.Answer("Done."));
  }

  /** The next action for {@code goal}, or null when it is complete. */
  private Decision act(Goal goal, AriaSnapshot page) {
    if (goal instanceof Goal.Search s) {
      return search(s.query(), page);
    } else if (goal instanceof Goal.Open o) {
      return open(o.name(), page);
    } else if (goal instanceof Goal.Add a) {
      return add(a, page);
    } else if (goal instanceof Goal.Fill f) {
      return fill(f, page);
    } else if (goal instanceof Goal.Choose c) {
      return choose(c, page);
    } else if (goal instanceof Goal.Check c) {
      return check(c, page);
    } else if (goal instanceof Goal.Press p) {
      return press(p, page);
    } else if (goal instanceof Goal.Ask a) {
      return ask(a, page);
    }
    throw new IllegalStateException("unknown goal " + goal);
  }

  private Decision search(String query, AriaSnapshot page) {
    if (phase >= 2) {
      return null;
    }
    Optional<Node> box = Grounding.searchBox(page);
    if (box.isEmpty()) {
      return giveUp("There is no search box on this page to search for \"" + query + "\".");
    }
    if (phase == 0 && !fold(box.get().value()).equals(fold(query))) {
      phase = 1;
      return new Decision("I type \"" + query + "\" into " + box.get().describe() + ".",
          new Action.Fill(Grounding.target(box.get()), query));
    }
    phase = 2;
    return new Decision("I submit the search with Enter.",
        new Action.Press(Grounding.target(box.get()), "Enter"));
  }

  /** Phases: 0 looking, 1 search typed, 2 search submitted, 9 clicked (done). */
  private Decision open(String name, AriaSnapshot page) {
    if (phase == 9) {
      return null;
    }
    if (phase == 1) {
      Node box = Grounding.searchBox(page).orElse(null);
      if (box != null) {
        phase = 2;
        return new Decision("I submit the search with Enter.",
            new Action.Press(Grounding.target(box), "Enter"));
      }
      phase = 0;
    }
    Optional<Node> hit = Grounding.find(page, Grounding.CLICKABLE, name);
    if (hit.isPresent()) {
      phase = 9;
      return new Decision("I see " + hit.get().describe() + " and open it.",
          new Action.Click(Grounding.target(hit.get())));
    }
    Decision wait = waitOr(page, "\"" + name + "\"", null);
    if (wait != null) {
      return wait;
    }
    if (!searched) {
      Optional<Node> box = Grounding.searchBox(page);
      if (box.isPresent()) {
        searched = true;
        phase = 1;
        return new Decision("\"" + name + "\" is not on this page; I search the site for it.",
            new Action.Fill(Grounding.target(box.get()), name));
      }
    }
    Optional<Node> next = page.nodes().stream()
        .filter(n -> n.ref() != null && (n.is("link") || n.is("button")))
        .filter(n -> fold(n.name()).matches("next( page)?|more|show more|load more|»|›"))
        .findFirst();
    if (next.isPresent() && pagesTurned < MAX_PAGES) {
      pagesTurned++;
      return new Decision("\"" + name + "\" is not here; I go to the next page.",
          new Action.Click(Grounding.target(next.get())));
    }
    return giveUp("I cannot find \"" + name + "\" on this site.");
  }

  /** Phases: 0 to 8 opening the item, 10 clicked the add button (done). */
  private Decision add(Goal.Add goal, AriaSnapshot page) {
    if (phase == 10) {
      return null;
    }
    Optional<Node> button = Grounding.findAll(page, Set.of("button"),
        List.of("add", goal.destination()));
    if (button.isPresent() && Grounding.onPageOf(page, goal.item())) {
      phase = 10;
      return new Decision("This is the page of \"" + goal.item() + "\"; I press "
          + button.get().describe() + ".", new Action.Click(Grounding.target(button.get())));
    }
    if (phase == 9) {
      return giveUp("The page of \"" + goal.item() + "\" has no button to add it to the "
          + goal.destination() + ".");
    }
    return open(goal.item(), page);
  }

  private Decision fill(Goal.Fill goal, AriaSnapshot page) {
    if (phase == 1) {
      return null;
    }
    Optional<Node> field = Grounding.find(page, Grounding.TYPEABLE, goal.field());
    if (field.isEmpty()) {
      return waitOr(page, "\"" + goal.field() + "\"",
          "There is no field \"" + goal.field() + "\" on this page.");
    }
    phase = 1;
    return new Decision("I fill " + field.get().describe() + " with \"" + goal.value() + "\".",
        new Action.Fill(Grounding.target(field.get()), goal.value()));
  }

  private Decision choose(Goal.Choose goal, AriaSnapshot page) {
    if (phase == 2) {
      return null;
    }
    Optional<Node> box = Grounding.find(page, Set.of("combobox", "listbox"), goal.field());
    if (box.isEmpty()) {
      return waitOr(page, "\"" + goal.field() + "\"",
          "There is no choice \"" + goal.field() + "\" on this page.");
    }
    if (phase == 0) {
      phase = 1;
      return new Decision("I choose \"" + goal.option() + "\" in " + box.get().describe() + ".",
          new Action.Select(Grounding.target(box.get()), goal.option()));
    }
    phase = 2;
    boolean formGoesOn = current + 1 < goals.size() && goals.get(current + 1).fillsForm();
    String chosen = SignalCheck.valueOf(box.get(), page);
    if (formGoesOn || !fold(chosen).equals(fold(goal.option()))) {
      return null;
    }
    Optional<Node> submit = Grounding.submitFor(page, box.get());
    return submit.map(b -> new Decision("The choice is made; I apply it with "
        + b.describe() + ".", (Action) new Action.Click(Grounding.target(b)))).orElse(null);
  }

  private Decision check(Goal.Check goal, AriaSnapshot page) {
    if (phase == 1) {
      return null;
    }
    Optional<Node> box = Grounding.find(page, Set.of("checkbox", "switch", "radio"),
        goal.label());
    if (box.isEmpty()) {
      return waitOr(page, "\"" + goal.label() + "\"",
          "There is no checkbox \"" + goal.label() + "\" on this page.");
    }
    phase = 1;
    if (box.get().has("checked")) {
      return null;
    }
    return new Decision("I check " + box.get().describe() + ".",
        new Action.Check(Grounding.target(box.get()), true));
  }

  private Decision press(Goal.Press goal, AriaSnapshot page) {
    if (phase == 1) {
      return null;
    }
    Optional<Node> hit = Grounding.find(page, Set.of("button", "link", "menuitem", "tab"),
        goal.name());
    if (hit.isEmpty()) {
      return waitOr(page, "\"" + goal.name() + "\"",
          "There is no button \"" + goal.name() + "\" on this page.");
    }
    phase = 1;
    return new Decision("I press " + hit.get().describe() + ".",
        new Action.Click(Grounding.target(hit.get())));
  }

  private Decision ask(Goal.Ask goal, AriaSnapshot page) {
    if (Grounding.onPageOf(page, goal.item())) {
      String attr = fold(goal.attribute());
      for (Node n : page.nodes()) {
        for (String text : new String[] {n.value(), n.name()}) {
          Matcher m = text == null ? null : LABELLED.matcher(text);
          if (m != null && m.matches() && fold(m.group(1)).equals(attr)) {
            String value = m.group(2).strip();
            return new Decision("The page of \"" + goal.item() + "\" says " + goal.attribute()
                + ": " + value + ".", new Action.Answer(value));
          }
        }
      }
      return waitOr(page, "its " + goal.attribute(), "The page of \"" + goal.item()
          + "\" does not show its " + goal.attribute() + ".");
    }
    Decision d = open(goal.item(), page);
    return d != null ? d : giveUp("I opened \"" + goal.item() + "\" but did not reach its page.");
  }

  /**
   * While the page says it is loading something, waits half a second for {@code what}; else gives
   * up with {@code reason}, or returns null when there is none.
   */
  private Decision waitOr(AriaSnapshot page, String what, String reason) {
    if (waits < MAX_WAITS && loading(page)) {
      waits++;
      return new Decision("The page is still loading; I wait for " + what + " to show.",
          new Action.Wait(500));
    }
    return reason == null ? null : giveUp(reason);
  }

  /** True when a node says the page is loading ("Loading comments…"). */
  static boolean loading(AriaSnapshot page) {
    return page.nodes().stream().anyMatch(n -> fold(n.name()).startsWith("loading")
        || n.value() != null && fold(n.value()).startsWith("loading"));
  }

  private static Decision giveUp(String reason) {
    return new Decision(reason, new Action.GiveUp(reason));
  }
}
