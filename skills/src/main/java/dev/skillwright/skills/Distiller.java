package dev.skillwright.skills;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Condition;
import dev.skillwright.trajectories.SignalCheck;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.SuccessSignal;
import dev.skillwright.trajectories.Target;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

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
    return distill(t, null);
  }

  /**
   * Distills one trajectory whose last page was {@code finalPage}: when the success signal names
   * none of the task's values (a confirmation page known by its heading), the values that page
   * showed join the signal, so a verification with new values checks that the page shows them.
   *
   * @return the skill, or empty when the trajectory did not succeed or did nothing reusable
   */
  public static Optional<Skill> distill(Trajectory t, AriaSnapshot finalPage) {
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
    String lifted = lift.apply(task.instruction()).replaceAll("[.?!]+$", "");
    Map<String, String> values = new LinkedHashMap<>(task.params());
    String description = apart(steps, lifted, values);
    String name = SkillNames.of(description, steps);
    // parameters in the order the description names them, whatever the task's map order
    List<Skill.Parameter> parameters = values.entrySet().stream()
        .filter(e -> description.contains("{" + e.getKey() + "}")
            || steps.stream().anyMatch(a -> a.describe().contains("{" + e.getKey() + "}")))
        .sorted(Comparator.comparingInt(e -> description.contains("{" + e.getKey() + "}")
            ? description.indexOf("{" + e.getKey() + "}") : Integer.MAX_VALUE))
        .map(e -> new Skill.Parameter(e.getKey(), typeOf(e.getValue()), List.of(e.getValue())))
        .toList();
    SuccessSignal success = liftSignal(task.success(), lift, params, steps);
    if (finalPage != null) {
      success = shownValues(withOptions(success, steps, finalPage), parameters, finalPage);
    }
    Reading reads = finalPage == null || t.status() != Trajectory.Status.ANSWERED
        || t.answer() == null || fold(t.answer()).matches("done\\.?") ? null
        : Reading.find(finalPage, t.answer(), lift).orElse(null);
    if (reads != null) {
      // the value read changes with the arguments: the answer this run gave promises nothing
      success = new SuccessSignal(success.all().stream().filter(c -> !(c instanceof
          Condition.AnswerContains) || c.describe().contains("{")).toList());
    }
    return Optional.of(Skill.builder(task.site() + ":" + name, name, task.site(), description)
        .reads(reads)
        .parameters(parameters).steps(steps).startUrlPattern(urlPattern(task.startUrl()))
        .success(success).examples(List.of(task.instruction()))
        .provenance(List.of(new Skill.Provenance(t.sessionId(), t.episodeId(), t.startedAt())))
        .build());
  }

  /**
   * Keeps apart two fields that held the same text: a parameter typed into a second field (or
   * more) becomes a parameter of its own for each ({@code title_2}, with the same example), in
   * {@code steps}, in {@code values}, and in the description where it names the value again.
   *
   * @return the description
   */
  private static String apart(List<Action> steps, String description, Map<String, String> values) {
    String out = description;
    for (String p : List.copyOf(values.keySet())) {
      String placeholder = "{" + p + "}";
      Map<String, String> nameOf = new LinkedHashMap<>(); // field -> its parameter
      for (int i = 0; i < steps.size(); i++) {
        if (!(steps.get(i) instanceof Action.Fill f) || !f.text().equals(placeholder)) {
          continue;
        }
        String field = f.target().role() + "|" + f.target().name();
        if (!nameOf.containsKey(field)) {
          String name = p;
          if (!nameOf.isEmpty()) {
            name = p + "_" + (nameOf.size() + 1);
            while (values.containsKey(name)) {
              name += "_";
            }
            values.put(name, values.get(p));
            // the description's next mention of the value after the first, where it has one
            int first = out.indexOf(placeholder);
            int at = first < 0 ? -1 : out.indexOf(placeholder, first + 1);
            if (at >= 0) {
              out = out.substring(0, at) + "{" + name + "}"
                  + out.substring(at + placeholder.length());
            }
          }
          nameOf.put(field, name);
        }
        steps.set(i, new Action.Fill(f.target(), "{" + nameOf.get(field) + "}"));
      }
    }
    return out;
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

  /**
   * Lifts values out of a signal; URL globs take values as whole segments (see liftUrl). When an
   * option is a parameter, the query values it left in the URL are the option's own value
   * ({@code sort=price-desc} for "Price: high to low"), which no label names: they become
   * {@code *}, and the option itself is checked on its box.
   */
  private static SuccessSignal liftSignal(SuccessSignal signal, UnaryOperator<String> lift,
      List<Map.Entry<String, String>> params, List<Action> steps) {
    boolean optionIsParameter = chosen(steps);
    boolean clicksValue = steps.stream().anyMatch(a -> a.target() != null
        && a.target().name() != null && a.target().name().contains("{"));
    return new SuccessSignal(signal.all().stream()
        .map(c -> {
          if (!(c instanceof Condition.UrlMatches u)) {
            return c.map(lift);
          }
          String glob = liftUrl(u.glob(), params);
          glob = optionIsParameter ? anyQueryValue(glob) : glob;
          return new Condition.UrlMatches(clicksValue ? anyId(glob) : glob);
        })
        .collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
  }

  /**
   * When {@code signal} names none of the values (a confirmation page known by its heading),
   * the signal with the values the final page showed: a whole word or more, not a digit inside
   * a price.
   */
  private static SuccessSignal shownValues(SuccessSignal signal,
      List<Skill.Parameter> parameters, AriaSnapshot finalPage) {
    if (signal.all().stream().anyMatch(
        c -> !(c instanceof Condition.AnswerContains) && c.describe().contains("{"))) {
      return signal;
    }
    List<Condition> out = new ArrayList<>(signal.all());
    String shown = fold(finalPage.text());
    parameters.stream().filter(p -> p.examples().get(0).length() >= 3
            && Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(fold(p.examples().get(0)))
                + "(?![\\p{L}\\p{N}])").matcher(shown).find())
        .forEach(p -> out.add(new Condition.TextPresent("{" + p.name() + "}")));
    return new SuccessSignal(out);
  }

  /**
   * The signal with the box of each parameterized option checked for its value, where the
   * final page still shows the box.
   */
  private static SuccessSignal withOptions(SuccessSignal signal, List<Action> steps,
      AriaSnapshot finalPage) {
    List<Condition> out = new ArrayList<>(signal.all());
    for (Action a : steps) {
      if (a instanceof Action.Select s && s.option() != null && s.option().contains("{")
          && s.target() != null && SignalCheck.holds(new Condition.ElementState(
              s.target().role(), s.target().name(), Condition.ElementState.State.PRESENT, null),
              null, finalPage, null)) {
        Condition c = new Condition.ElementState(s.target().role(), s.target().name(),
            Condition.ElementState.State.HAS_VALUE, s.option());
        if (!out.contains(c)) {
          out.add(c);
        }
      }
    }
    return new SuccessSignal(out);
  }

  /**
   * The glob with every path segment that is an id ({@code /post/20}, a UUID, a long hex) as
   * {@code *}: a page reached by clicking a parameter's value has the id of that value, which
   * no name says.
   */
  static String anyId(String glob) {
    int q = glob.indexOf('?');
    String path = q < 0 ? glob : glob.substring(0, q);
    String rest = q < 0 ? "" : glob.substring(q);
    // digits, or a long hex id or UUID with a digit in it (not a word such as "deadbeef")
    return path.replaceAll("(?<=/)(\\d+|(?=[0-9a-fA-F-]*\\d)[0-9a-fA-F]{8,}(-[0-9a-fA-F]+)*)"
        + "(?=/|$)", "*") + rest;
  }

  /** Whether a step chooses an option that is a parameter. */
  private static boolean chosen(List<Action> steps) {
    return steps.stream().anyMatch(a -> a instanceof Action.Select s && s.option() != null
        && s.option().contains("{"));
  }

  /** The glob with every literal query value ({@code sort=price-desc}) as {@code *}. */
  static String anyQueryValue(String glob) {
    int q = glob.indexOf('?');
    if (q < 0) {
      return glob;
    }
    return glob.substring(0, q + 1) + glob.substring(q + 1)
        .replaceAll("=(?![^&*#]*\\{)[^&*#]+", "=*");
  }

  /**
   * In a URL a value shows as a whole path or query segment, as a slug ("Blue Ceramic Mug" as
   * {@code blue-ceramic-mug}), a wiki title ({@code Blue_Ceramic_Mug}) or URL-encoded; only whole
   * segments are lifted, so a query "mug" is not found inside {@code blue-ceramic-mug}.
   */
  static String liftUrl(String glob, List<Map.Entry<String, String>> params) {
    String out = glob;
    for (Map.Entry<String, String> p : params) {
      // a slug, a wiki title (Grace_Hopper), or encoded (Grace+Hopper, Grace%20Hopper)
      String encoded = java.net.URLEncoder.encode(p.getValue(),
          java.nio.charset.StandardCharsets.UTF_8);
      for (String form : List.of(urlSlug(p.getValue()), p.getValue().strip().replace(' ', '_'),
          encoded, encoded.replace("+", "%20"))) {
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
    return skill.toBuilder().steps(steps).provenance(prov).build();
  }

  /**
   * Whether two skills of different steps that read alike can be one: their success signals
   * share a condition (which then holds for all their examples), or neither has any. Skills of
   * the same steps always can (see {@link #merge}).
   */
  static boolean agree(Skill known, Skill found) {
    return known.success().all().isEmpty() && found.success().all().isEmpty()
        || known.success().all().stream().anyMatch(found.success().all()::contains);
  }

  /**
   * Whether two skills read their answer alike: neither reads one, or both read it the same way
   * (the same role and label), whatever its shape.
   */
  static boolean readAlike(Skill a, Skill b) {
    Reading x = a.reads();
    Reading y = b.reads();
    return x == null ? y == null : y != null && x.role().equals(y.role())
        && java.util.Objects.equals(x.label(), y.label()) && x.before().equals(y.before())
        && x.after().equals(y.after());
  }

  /**
   * {@code found} under an id of its own, told apart by a tag of what it does and promises: the
   * same skill is told apart alike on every machine, so merged libraries agree on its name.
   */
  static Skill apart(Skill found) {
    String tag = String.format("%04x", (found.description() + "|" + found.signature() + "|"
        + found.success().describe() + "|" + found.reads()).hashCode() & 0xffff);
    String sep = SkillNames.isApiName(found.name()) ? "_" : "-";
    return found.toBuilder().named(found.id() + sep + tag, found.name() + sep + tag).build();
  }

  /**
   * The success signal that holds for both skills' examples: what both promise; for the same
   * steps with no parameter (one procedure, run twice) all that either saw hold; for the same
   * steps whose promises share nothing (the page a link leads to is named by no value), that
   * the page shows each value.
   */
  static SuccessSignal promised(Skill known, Skill found) {
    List<Condition> both = known.success().all().stream()
        .filter(found.success().all()::contains).toList();
    if (!both.isEmpty() || !known.signature().equals(found.signature())
        || known.success().all().isEmpty() && found.success().all().isEmpty()) {
      return new SuccessSignal(both);
    }
    List<Condition> out = new ArrayList<>(known.success().all());
    if (known.parameters().isEmpty()) {
      found.success().all().stream().filter(c -> !out.contains(c)).forEach(out::add);
      return new SuccessSignal(out);
    }
    return new SuccessSignal(known.parameters().stream()
        .map(p -> (Condition) new Condition.TextPresent("{" + p.name() + "}")).toList());
  }

  /**
   * {@code found} merged into {@code known}: examples, parameters' examples, provenance (one per
   * episode) and verifications (one per moment and episode, the last ten) of both, the signal
   * {@link #promised} by both, and their health summed. Its steps stay, unless it is not verified
   * and the new skill went another way: then the new steps replace them. It is verified when
   * either side is and the steps it keeps are that side's; a skill whose promise changed is a
   * candidate again: what verified it promised something else. Merging a skill that brings
   * nothing new (its episodes, verifications and failures all known, as when the same library is
   * merged twice) leaves the health as it is, so a merge can be repeated.
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
    List<Skill.Provenance> prov = union(known.provenance(), found.provenance(),
        Skill.Provenance::episodeId);
    List<Skill.Verification> verifications = union(known.verifications(),
        found.verifications(), v -> List.of(String.valueOf(v.at()), String.valueOf(v.episode())));
    boolean nothingNew = prov.size() == known.provenance().size()
        && verifications.size() == known.verifications().size()
        && known.health().failures().containsAll(found.health().failures());
    if (verifications.size() > known.verifications().size()) {
      verifications = last(verifications.stream().sorted(Comparator.comparing(
          Skill.Verification::at, Comparator.nullsFirst(Comparator.naturalOrder()))).toList());
    }
    SuccessSignal promise = promised(known, found);
    boolean otherWay = !known.offered() && !known.signature().equals(found.signature())
        && found.steps().stream().noneMatch(a -> a instanceof Action.UseSkill u
            && (u.name().equals(known.id()) || u.name().equals(known.name())));
    Skill steps = otherWay ? found : known;
    boolean verified = otherWay ? found.offered() : known.offered() || found.offered();
    Skill.Status status = !promise.equals(steps.success()) ? Skill.Status.CANDIDATE
        : verified ? Skill.Status.VERIFIED : otherWay ? Skill.Status.CANDIDATE : known.status();
    List<String> aliases = new ArrayList<>(known.aliases());
    java.util.stream.Stream.concat(java.util.stream.Stream.of(found.id()),
            found.aliases().stream()).filter(a -> !a.equals(known.id()) && !aliases.contains(a))
        .forEach(aliases::add);
    return known.toBuilder().parameters(List.copyOf(params.values()))
        .reads(steps.reads() != null ? steps.reads() : known.reads() != null ? known.reads()
            : found.reads())
        .aliases(aliases)
        .steps(steps.steps()).success(promise).examples(examples).provenance(prov)
        .verifications(verifications)
        .health(nothingNew ? known.health() : sum(known.health(), found.health()))
        .status(status).build();
  }

  /** Both runs' counts added up, the later verification, the failures of both (the last ten). */
  static Skill.Health sum(Skill.Health a, Skill.Health b) {
    Instant verified = a.lastVerified() == null ? b.lastVerified()
        : b.lastVerified() == null || a.lastVerified().isAfter(b.lastVerified())
            ? a.lastVerified() : b.lastVerified();
    List<Skill.Failure> failures = last(union(a.failures(), b.failures(),
        f -> List.of(String.valueOf(f.at()), String.valueOf(f.episode()))));
    return new Skill.Health(a.executions() + b.executions(), a.successes() + b.successes(),
        Math.max(a.failingStreak(), b.failingStreak()), verified, failures);
  }

  /** {@code a}, then what of {@code b} has a key {@code a} lacks, in order. */
  private static <T> List<T> union(List<T> a, List<T> b,
      java.util.function.Function<T, Object> key) {
    java.util.Set<Object> seen = new java.util.HashSet<>();
    List<T> out = new ArrayList<>();
    for (T t : a) {
      seen.add(key.apply(t));
      out.add(t);
    }
    b.stream().filter(t -> seen.add(key.apply(t))).forEach(out::add);
    return out;
  }

  /** The last ten, as a skill keeps them. */
  private static <T> List<T> last(List<T> list) {
    return List.copyOf(list.subList(Math.max(0, list.size() - 10), list.size()));
  }
}
