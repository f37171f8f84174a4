package dev.skillwright.agent;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rule-based policy of the offline model. The {@link Reader} reads the instruction into
 * goals; for each goal a fresh {@link GoalRunner} grounds the goal's words in the aria snapshot
 * and acts, one action at a time. Where a skill it is offered does the next clauses of the
 * instruction, it calls the skill instead; if the skill fails, it does those clauses itself.
 * It never reads the task's parameters or success signal.
 */
final class OfflinePolicy implements Policy, TakesOver, Looks {
  private static final int MAX_FAILURES = 2;

  private final List<dev.skillwright.skills.Skill> skills;
  private List<Goal> goals;
  private List<String> clauses;
  /** For each goal, the clause it was read from (one clause may hold two goals). */
  private List<Integer> clauseOf;
  private Episode episode;
  private GoalRunner runner;
  private int current;
  /** Where the last skill call began, to go back to if it fails. */
  private int skillFrom;
  private boolean skillsOff;
  /** Goals before this one were covered by a skill call: no skill is sought for them again. */
  private int coveredTo;
  private int failures;

  OfflinePolicy(List<dev.skillwright.skills.Skill> skills) {
    this.skills = List.copyOf(skills);
  }

  @Override
  public void skillFailed(dev.skillwright.skills.Skill skill, String reason) {
    current = skillFrom;
    runner = null;
    skillsOff = true;
  }

  /** It reads the aria snapshot: a screenshot would tell it nothing. */
  @Override
  public Look look(List<Step> history) {
    return Look.TEXT;
  }

  @Override
  public Decision decide(Task task, Observation obs, List<Step> history) {
    if (goals == null && !read(task.instruction())) {
      return Episode.giveUp("I cannot read the clause \""
          + Reader.firstUnreadable(task.instruction()) + "\" of the task.");
    }
    episode.history(history);
    if (!history.isEmpty() && !history.get(history.size() - 1).ok()) {
      if (++failures > MAX_FAILURES) {
        return Episode.giveUp("My actions keep failing: "
            + history.get(history.size() - 1).error());
      }
      episode.failed(history.get(history.size() - 1));
      runner = null; // start the goal again, fresh, from the page as it is now
    }
    AriaSnapshot page = obs.snapshot();
    while (current < goals.size()) {
      if (runner == null) {
        Optional<Decision> skill = skillCall();
        if (skill.isPresent()) {
          return skill.get();
        }
        episode.at(current);
        runner = GoalRunner.of(goals.get(current), episode);
      }
      Decision d = runner.next(page);
      if (d != null) {
        return d;
      }
      current++;
      runner = null;
    }
    // let the page finish loading, so the final page shows what the task did
    Decision wait = episode.waitOr(page, "the page", null);
    return wait != null ? wait
        : Decision.of("Every part of the task is done.", new Action.Answer("Done."));
  }

  private boolean read(String instruction) {
    clauses = Reader.clauses(instruction);
    goals = new ArrayList<>();
    clauseOf = new ArrayList<>();
    for (int i = 0; i < clauses.size(); i++) {
      List<Goal> g = Reader.clause(clauses.get(i));
      if (g.isEmpty()) {
        goals = null;
        return false;
      }
      for (Goal x : g) {
        goals.add(x);
        clauseOf.add(i);
      }
    }
    episode = new Episode(goals);
    return !goals.isEmpty();
  }

  /** A call of the offered skill that does the most clauses from the current goal's, if any. */
  private Optional<Decision> skillCall() {
    boolean startsClause = current == 0 || !clauseOf.get(current).equals(clauseOf.get(current - 1));
    if (skillsOff || current < coveredTo || !startsClause || skills.isEmpty()) {
      return Optional.empty();
    }
    Optional<SkillMatcher.Match> m = SkillMatcher.longest(skills, clauses, clauseOf.get(current));
    if (m.isEmpty()) {
      return Optional.empty();
    }
    int to = goals.size();
    for (int i = current; i < goals.size(); i++) {
      if (clauseOf.get(i) >= m.get().to()) {
        to = i;
        break;
      }
    }
    skillFrom = current;
    coveredTo = to;
    // a question among the clauses is answered once the skill has brought its page
    int resume = to;
    for (int i = current; i < to; i++) {
      if (goals.get(i) instanceof Goal.Ask) {
        resume = i;
        break;
      }
    }
    boolean whole = m.get().from() == 0 && m.get().to() == clauses.size();
    current = resume;
    return Optional.of(Decision.of("The skill \"" + m.get().skill().description() + "\" does "
        + (whole ? "this task" : "part of it") + "; I use it.",
        new Action.UseSkill(m.get().skill().id(), m.get().args())));
  }
}
