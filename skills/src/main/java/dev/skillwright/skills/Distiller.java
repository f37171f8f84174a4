package dev.skillwright.skills;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Target;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Turns a successful trajectory into a {@link Skill}. The task's values (typed text, chosen
 * options, the item clicked) are lifted out of the steps, the instruction and the success signal
 * into {@code {param}} placeholders; failed steps and waits are dropped. Stateless and
 * thread-safe.
 */
public final class Distiller {
  private Distiller() {}

  /**
   * Distills one trajectory.
   *
   * @return the skill, or empty when the trajectory did not succeed or did nothing reusable
   */
  public static Optional<Skill> distill(Trajectory t) {
    if (!t.succeeded()) {
      return Optional.empty();
    }
    Task task = t.task();
    // longest values first, so "Blue Ceramic Mug" is lifted before a query "mug" inside it
    List<Map.Entry<String, String>> params = new ArrayList<>(task.params().entrySet());
    params.removeIf(e -> e.getValue() == null || e.getValue().isBlank());
    params.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> -e.getValue().length()));
    UnaryOperator<String> lift = text -> lift(text, params);

    // a skill call whose steps all went well becomes one step that calls it (composition)
    java.util.Set<Action.UseSkill> broken = new java.util.HashSet<>();
    t.steps().stream().filter(s -> s.skill() != null && !s.ok())
        .forEach(s -> broken.add(s.skill()));
    List<Action> steps = new ArrayList<>();
    Action.UseSkill call = null;
    for (Step s : t.steps()) {
      Action a = s.action();
      if (s.skill() != null && !broken.contains(s.skill())) {
        if (!s.skill().equals(call)) {
          steps.add(s.skill().mapValues(lift));
          call = s.skill();
        }
        continue;
      }
      call = null;
      if (!s.ok() || a.isFinal() || a instanceof Action.Wait) {
        continue;
      }
      steps.add(parameterize(a, lift));
    }
    // nothing, or one known skill called as it is: no new skill (its use is in its health)
    if (steps.isEmpty() || steps.size() == 1 && steps.get(0) instanceof Action.UseSkill) {
      return Optional.empty();
    }
    String description = lift.apply(task.instruction()).replaceAll("[.?!]+$", "");
    String name = slug(description);
    // parameters in the order the description names them, whatever the task's map order
    List<Skill.Parameter> parameters = task.params().entrySet().stream()
        .filter(e -> description.contains("{" + e.getKey() + "}"))
        .sorted(Comparator.comparingInt(e -> description.indexOf("{" + e.getKey() + "}")))
        .map(e -> new Skill.Parameter(e.getKey(), typeOf(e.getValue()), List.of(e.getValue())))
        .toList();
    return Optional.of(new Skill(Skill.SCHEMA_VERSION, task.site() + ":" + name, name,
        task.site(), description, parameters, steps, urlPattern(task.startUrl()),
        liftSignal(task.success(), lift, params), List.of(task.instruction()),
        List.of(new Skill.Provenance(t.sessionId(), t.episodeId(), t.startedAt()))));
  }

  /** Replaces every occurrence of a parameter's value by its placeholder. */
  static String lift(String text, List<Map.Entry<String, String>> params) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (Map.Entry<String, String> p : params) {
      if (fold(out).equals(fold(p.getValue()))) {
        return "{" + p.getKey() + "}";
      }
      out = replaceIgnoreCase(out, p.getValue(), "{" + p.getKey() + "}");
    }
    return out;
  }

  /** Lifts values out of a signal; URL globs take values as whole segments (see liftUrl). */
  private static SuccessSignal liftSignal(SuccessSignal signal, UnaryOperator<String> lift,
      List<Map.Entry<String, String>> params) {
    return new SuccessSignal(signal.all().stream()
        .map(c -> c instanceof Condition.UrlMatches u
            ? new Condition.UrlMatches(liftUrl(u.glob(), params)) : c.map(lift))
        .toList());
  }

  /**
   * In a URL a value shows as a whole path or query segment, either as a slug ("Blue Ceramic
   * Mug" as {@code blue-ceramic-mug}) or URL-encoded; only whole segments are lifted, so a query
   * "mug" is not found inside {@code blue-ceramic-mug}.
   */
  static String liftUrl(String glob, List<Map.Entry<String, String>> params) {
    String out = glob;
    for (Map.Entry<String, String> p : params) {
      for (String form : List.of(urlSlug(p.getValue()),
          java.net.URLEncoder.encode(p.getValue(), java.nio.charset.StandardCharsets.UTF_8))) {
        if (form.isEmpty()) {
          continue;
        }
        out = out.replaceAll("(?i)(?<=[/=*]|^)" + java.util.regex.Pattern.quote(form)
            + "(?=[/?&*#]|$)", java.util.regex.Matcher.quoteReplacement("{" + p.getKey() + "}"));
      }
    }
    return out;
  }

  static String urlSlug(String value) {
    return value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        .replaceAll("(^-|-$)", "");
  }

  private static String replaceIgnoreCase(String text, String value, String with) {
    return text.replaceAll("(?i)" + java.util.regex.Pattern.quote(value),
        java.util.regex.Matcher.quoteReplacement(with));
  }

  /** The action with task values lifted out; its ref died with its page, so it goes too. */
  private static Action parameterize(Action a, UnaryOperator<String> lift) {
    Action lifted = a.mapValues(lift);
    Target t = lifted.target();
    return t == null ? lifted : lifted.withTarget(new Target(null, t.role(), t.name(),
        t.locators()));
  }

  private static String typeOf(String value) {
    if (value.matches("-?\\d+")) {
      return "integer";
    }
    return value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") ? "email" : "string";
  }

  /** A glob that matches the start URL's path on any origin: {@code *\/category/kitchen}. */
  static String urlPattern(String url) {
    try {
      URI u = URI.create(url);
      String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
      return "*" + path;
    } catch (IllegalArgumentException e) {
      return "*";
    }
  }

  /**
   * A readable name: the description's words as a slug. Past 48 characters it is cut at a word
   * and a short hash of the whole description keeps it unique, since the id derives from it.
   */
  static String slug(String description) {
    String s = description.toLowerCase(Locale.ROOT).replaceAll("[{}\"]", "")
        .replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    if (s.length() <= 48) {
      return s;
    }
    String cut = s.substring(0, 48).replaceAll("-[^-]*$", "");
    return cut + "-" + String.format("%08x", description.hashCode());
  }

  /**
   * {@code skill} with its steps replaced by {@code healed} (concrete actions from a replay with
   * {@code args}), lifted back into placeholders, and the replay added to its provenance.
   */
  public static Skill heal(Skill skill, List<Action> healed, Map<String, String> args,
      Skill.Provenance replay) {
    List<Map.Entry<String, String>> params = new ArrayList<>(args.entrySet());
    params.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> -e.getValue().length()));
    UnaryOperator<String> lift = text -> lift(text, params);
    List<Action> steps = healed.stream().filter(a -> !a.isFinal() && !(a instanceof Action.Wait))
        .map(a -> parameterize(a, lift)).toList();
    List<Skill.Provenance> prov = new ArrayList<>(skill.provenance());
    prov.add(replay);
    return new Skill(Skill.SCHEMA_VERSION, skill.id(), skill.name(), skill.site(),
        skill.description(), skill.parameters(), steps, skill.startUrlPattern(), skill.success(),
        skill.examples(), prov, skill.status(), skill.health(), skill.verifications());
  }

  /**
   * Merges a newly distilled skill into a known one that does the same thing: examples,
   * parameter examples and provenance of both; the known skill's status, health and
   * verifications. Its steps stay, unless it is not verified and the new skill went another way:
   * then the new steps replace them, as a candidate to verify.
   */
  static Skill merge(Skill known, Skill found) {
    List<String> examples = new ArrayList<>(known.examples());
    found.examples().stream().filter(e -> !examples.contains(e)).forEach(examples::add);
    Map<String, Skill.Parameter> params = new LinkedHashMap<>();
    known.parameters().forEach(p -> params.put(p.name(), p));
    for (Skill.Parameter p : found.parameters()) {
      Skill.Parameter old = params.get(p.name());
      if (old == null) {
        params.put(p.name(), p);
      } else {
        List<String> ex = new ArrayList<>(old.examples());
        p.examples().stream().filter(e -> !ex.contains(e)).forEach(ex::add);
        params.put(p.name(), new Skill.Parameter(p.name(), old.type(), ex));
      }
    }
    List<Skill.Provenance> prov = new ArrayList<>(known.provenance());
    prov.addAll(found.provenance());
    boolean otherWay = !known.offered() && !known.signature().equals(found.signature())
        && found.steps().stream().noneMatch(a -> a instanceof Action.UseSkill u
            && (u.name().equals(known.id()) || u.name().equals(known.name())));
    return new Skill(Skill.SCHEMA_VERSION, known.id(), known.name(), known.site(),
        known.description(), List.copyOf(params.values()),
        otherWay ? found.steps() : known.steps(), known.startUrlPattern(), known.success(),
        examples, prov, otherWay ? Skill.Status.CANDIDATE : known.status(), known.health(),
        known.verifications());
  }
}
