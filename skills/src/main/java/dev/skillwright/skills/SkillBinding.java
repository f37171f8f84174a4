package dev.skillwright.skills;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.BadInputException;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A skill with its arguments bound: the instruction, the steps and the success signal with every
 * {@code {param}} filled in. In URL globs a parameter binds to {@code *}, since a value shows in
 * a URL in forms (a slug, URL-encoding) the skill does not record.
 *
 * @param startPath the path to start from, from the skill's start URL pattern
 * @param reads where the value it answers with is read, its values filled in; null when it
 *     only acts
 */
public record SkillBinding(Skill skill, Map<String, String> args, String instruction,
    List<Action> steps, SuccessSignal success, String startPath, Reading reads) {

  /**
   * Binds {@code args} to {@code skill}.
   *
   * @throws BadInputException naming an argument that is missing or that the skill does not take
   */
  public static SkillBinding bind(Skill skill, Map<String, String> args) {
    TreeSet<String> takes = skill.parameters().stream().map(Skill.Parameter::name)
        .collect(Collectors.toCollection(TreeSet::new));
    for (String given : new TreeSet<>(args.keySet())) {
      if (!takes.contains(given)) {
        throw new BadInputException("skill " + skill.name() + " has no parameter '" + given
            + "'; it takes: " + (takes.isEmpty() ? "none" : String.join(", ", takes)));
      }
    }
    for (Skill.Parameter p : skill.parameters()) {
      String v = args.get(p.name());
      if (v == null || v.isBlank()) {
        throw new BadInputException("skill " + skill.name() + " needs --arg " + p.name() + "=…"
            + (p.examples().isEmpty() ? "" : " (for example " + p.name() + "="
                + p.examples().get(0) + ")"));
      }
    }
    UnaryOperator<String> fill = text -> {
      if (text == null) {
        return null;
      }
      String out = text;
      for (Map.Entry<String, String> a : args.entrySet()) {
        out = out.replace("{" + a.getKey() + "}", a.getValue());
      }
      return out;
    };
    List<Action> steps = new ArrayList<>();
    for (Action a : skill.steps()) {
      steps.add(bind(a, fill));
    }
    SuccessSignal success = new SuccessSignal(skill.success().all().stream()
        .map(c -> c instanceof Condition.UrlMatches u
            ? new Condition.UrlMatches(u.glob().replaceAll("\\{[a-z][a-z0-9_]*}", "*"))
            : c.map(fill))
        .toList());
    String start = skill.startUrlPattern().startsWith("*") ? skill.startUrlPattern().substring(1)
        : skill.startUrlPattern();
    return new SkillBinding(skill, Map.copyOf(args), fill.apply(skill.description()) + ".",
        steps, success, start.isEmpty() ? "/" : start,
        skill.reads() == null ? null : skill.reads().bind(fill));
  }

  /**
   * What the skill promises the page will show once its steps ran: its bound success signal
   * without answer conditions (a skill brings the page; its caller answers). When no condition
   * names one of its values, the page must show the values themselves, so a run that went to
   * another item's page does not count.
   */
  public SuccessSignal promise() {
    List<Condition> kept = new ArrayList<>(success.all().stream()
        .filter(c -> !(c instanceof Condition.AnswerContains)).toList());
    boolean namesValue = skill.success().all().stream()
        .anyMatch(c -> !(c instanceof Condition.AnswerContains) && c.describe().contains("{"));
    if (!namesValue) {
      args.values().forEach(v -> kept.add(new Condition.TextPresent(v)));
    }
    return new SuccessSignal(kept);
  }

  /** How deep skills may call skills. */
  static final int MAX_DEPTH = 4;

  /**
   * The steps with every call of another skill replaced by that skill's bound steps, found with
   * {@code lookup} (by id or name).
   *
   * @throws BadInputException for an unknown skill, a call with bad arguments, a cycle or calls
   *     nested deeper than {@value #MAX_DEPTH}
   */
  public List<Action> flatSteps(java.util.function.Function<String, java.util.Optional<Skill>>
      lookup) {
    List<Action> out = new ArrayList<>();
    flatten(this, lookup, new java.util.ArrayDeque<>(List.of(skill.id())), out);
    return out;
  }

  private static void flatten(SkillBinding b,
      java.util.function.Function<String, java.util.Optional<Skill>> lookup,
      java.util.Deque<String> stack, List<Action> out) {
    for (Action a : b.steps()) {
      if (!(a instanceof Action.UseSkill call)) {
        out.add(a);
        continue;
      }
      Skill callee = lookup.apply(call.name()).orElseThrow(() -> new BadInputException(
          "skill " + b.skill().name() + " calls " + call.name() + ", which is not known"));
      if (stack.contains(callee.id()) || stack.size() >= MAX_DEPTH) {
        throw new BadInputException("skill " + b.skill().name() + " calls " + callee.name()
            + (stack.contains(callee.id()) ? " in a cycle" : " too deep"));
      }
      stack.push(callee.id());
      flatten(bind(callee, call.args()), lookup, stack, out);
      stack.pop();
    }
  }

  private static Action bind(Action a, UnaryOperator<String> fill) {
    Action bound = a.mapValues(fill);
    Target t = bound.target();
    return t == null ? bound : bound.withTarget(new Target(null, t.role(), t.name(),
        t.locators()));
  }
}
