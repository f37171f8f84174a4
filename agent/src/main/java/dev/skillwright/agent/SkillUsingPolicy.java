package dev.skillwright.agent;

import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillBinding;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.SignalCheck;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.util.List;
import java.util.Optional;

/**
 * Carries out the {@code use_skill} decisions of the policy it wraps: the skill's steps are bound
 * to the arguments (calls of other skills expanded) and played one by one, each found by its
 * durable locators, with no decision of the wrapped policy in between. When they are done and
 * the skill's success signal holds, the wrapped policy goes on. When a step fails, or the signal
 * does not hold, the wrapped policy takes over from the page as it is; either way the outcome is
 * reported on the skill.
 */
final class SkillUsingPolicy implements Policy, Annotating, Looks {
  private final Policy inner;
  private final SkillCalls calls;
  private Skill current;
  private Action.UseSkill call;
  private SuccessSignal promise;
  private List<Action> plan;
  private int next;

  SkillUsingPolicy(Policy inner, SkillCalls calls) {
    this.inner = inner;
    this.calls = calls;
  }

  /**
   * A skill's next step needs no look (it is found by its locators); its end needs the page's
   * text, to check what the skill promises, and whatever the wrapped policy looks at, which
   * decides next; a failed step hands the page to the wrapped policy.
   */
  @Override
  public Look look(List<Step> history) {
    Look inner = Looks.of(this.inner, history);
    if (plan == null) {
      return inner;
    }
    Step last = history.isEmpty() ? null : history.get(history.size() - 1);
    if (last != null && !last.ok() && call.equals(last.skill())) {
      return inner;
    }
    return next < plan.size() ? Look.NOTHING : inner.and(Look.TEXT);
  }

  @Override
  public Decision decide(Task task, Observation obs, List<Step> history) {
    if (plan != null) {
      Step last = history.isEmpty() ? null : history.get(history.size() - 1);
      if (last != null && !last.ok() && call.equals(last.skill())) {
        return takeOver(task, obs, history, "step " + next + " failed: " + last.error());
      }
      if (next < plan.size()) {
        return step();
      }
      List<String> unmet = SignalCheck.unmet(promise, obs.url(), obs.snapshot(), null);
      if (!unmet.isEmpty()) {
        return takeOver(task, obs, history, "its success signal did not hold: "
            + String.join("; ", unmet));
      }
      calls.report(current, true, null);
      plan = null;
    }
    Decision d = inner.decide(task, obs, history);
    if (!(d instanceof Decision.Act act && act.action() instanceof Action.UseSkill use)) {
      return d;
    }
    Optional<Skill> skill = calls.skill(use.name());
    if (skill.isEmpty()) {
      return Decision.invalid(d.thought(), "there is no verified skill " + use.name());
    }
    try {
      SkillBinding b = SkillBinding.bind(skill.get(), use.args());
      plan = b.flatSteps(calls::skill);
      promise = b.promise();
    } catch (BadInputException e) {
      plan = null;
      return Decision.invalid(d.thought(), "cannot use skill " + use.name() + ": "
          + e.getMessage());
    }
    current = skill.get();
    call = new Action.UseSkill(current.id(), use.args());
    next = 0;
    return step();
  }

  private Decision step() {
    Action a = plan.get(next++);
    Action played = a.target() == null ? a : a.withTarget(new Target(null, a.target().role(),
        a.target().name(), a.target().locators()));
    String why = "Skill " + current.name() + ", step " + next + " of " + plan.size() + ": "
        + played.describe() + ".";
    // a skill's last step may end the episode (an imported one's answer, say)
    return played.isFinal() ? new Decision.Finish(why, played)
        : new Decision.Act(why, played, call);
  }

  private Decision takeOver(Task task, Observation obs, List<Step> history, String reason) {
    calls.report(current, false, reason);
    plan = null;
    if (inner instanceof TakesOver t) {
      t.skillFailed(current, reason);
    }
    return inner.decide(task, obs, history);
  }

  @Override
  public Trajectory annotate(Trajectory trajectory) {
    return inner instanceof Annotating a ? a.annotate(trajectory) : trajectory;
  }
}
