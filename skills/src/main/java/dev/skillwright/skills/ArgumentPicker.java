package dev.skillwright.skills;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Picks new arguments for verifying a skill: for each parameter, another value of the same kind
 * that the site shows (another item, another link, another option), preferring one that is not on
 * the skill's start page, so a skill that only works for what its recording could see fails (an
 * option comes from the same choice box as the one it replaces). A
 * value found inside another parameter's value (a query word inside an item's name) is taken
 * from that parameter's new value. A typed value that the site does not show (a name, a to-do
 * typed into a field) gets another plausible value of the field's kind ({@link PlausibleValues}),
 * a search word another word of an item's name, so verification never re-runs the same value.
 */
public final class ArgumentPicker {
  private ArgumentPicker() {}

  /** The values a site shows, by kind, and the names on the skill's start page. */
  public record SiteValues(List<String> items, List<String> links, List<List<String>> choices,
      java.util.Set<String> onStartPage) {}

  /** New arguments for every parameter of {@code skill}. */
  public static Map<String, String> pick(Skill skill, SiteValues site) {
    List<Skill.Parameter> params = new ArrayList<>(skill.parameters());
    params.removeIf(p -> p.examples().isEmpty());
    // containing values first: an item's name before the query word inside it
    params.sort(Comparator.comparingInt((Skill.Parameter p) -> -p.examples().get(0).length()));
    Map<String, String> out = new LinkedHashMap<>();
    for (Skill.Parameter p : params) {
      String example = p.examples().get(0);
      Optional<String> derived = params.stream()
          .filter(q -> q != p && out.containsKey(q.name()) && containsWord(q.examples().get(0),
              example))
          .findFirst().flatMap(q -> wordOf(out.get(q.name()), q.examples().get(0), example));
      out.put(p.name(), derived.orElseGet(() -> another(skill, p, site)));
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    skill.parameters().forEach(p -> {
      if (out.containsKey(p.name())) {
        ordered.put(p.name(), out.get(p.name()));
      }
    });
    return ordered;
  }

  private static String another(Skill skill, Skill.Parameter p, SiteValues site) {
    List<List<String>> pools = new ArrayList<>(List.of(site.items(), site.links()));
    pools.addAll(site.choices());
    for (List<String> pool : pools) {
      if (p.examples().stream().noneMatch(e -> pool.stream().anyMatch(v -> fold(v).equals(
          fold(e))))) {
        continue;
      }
      List<String> fresh = pool.stream()
          .filter(v -> p.examples().stream().noneMatch(e -> fold(e).equals(fold(v))))
          .distinct().toList();
      Optional<String> unseen = fresh.stream()
          .filter(v -> !site.onStartPage().contains(fold(v))).findFirst();
      if (unseen.isPresent() || !fresh.isEmpty()) {
        return unseen.orElse(fresh.get(0));
      }
    }
    return typed(skill, p, site).orElse(p.examples().get(0));
  }

  /** For a value typed into a field: another of the field's kind. */
  private static Optional<String> typed(Skill skill, Skill.Parameter p, SiteValues site) {
    String placeholder = "{" + p.name() + "}";
    Optional<String> field = skill.steps().stream()
        .filter(a -> a instanceof dev.skillwright.trajectories.Action.Fill f
            && f.text().contains(placeholder))
        .map(a -> a.target().name() + " " + a.target().role()).findFirst();
    if (field.isEmpty()) {
      return Optional.empty();
    }
    String kind = PlausibleValues.kind(field.get().replace(placeholder, ""), "");
    if (kind.equals("text")) {
      kind = PlausibleValues.kindOf(p.examples().get(0));
    }
    if (kind.equals("query")) {
      // a word the site's items carry finds something; a made-up one may find nothing
      for (String item : site.items()) {
        for (String w : item.split("[^\\p{L}]+")) {
          String word = w.toLowerCase(Locale.ROOT);
          if (word.length() >= 4 && p.examples().stream().noneMatch(e -> fold(e).equals(word))) {
            return Optional.of(word);
          }
        }
      }
    }
    return Optional.of(PlausibleValues.another(kind, p.examples()));
  }

  private static boolean containsWord(String whole, String part) {
    return !fold(whole).equals(fold(part)) && List.of(fold(whole).split("[^\\p{L}\\p{N}]+"))
        .contains(fold(part));
  }

  /** The word of {@code value} at the place {@code part} had in {@code example}, cased alike. */
  private static Optional<String> wordOf(String value, String example, String part) {
    List<String> old = List.of(fold(example).split("[^\\p{L}\\p{N}]+"));
    List<String> words = new ArrayList<>(List.of(value.split("[^\\p{L}\\p{N}]+")));
    words.removeIf(w -> w.length() < 3);
    if (words.isEmpty()) {
      return Optional.empty();
    }
    int at = Math.min(Math.max(0, old.indexOf(fold(part))), words.size() - 1);
    String w = words.get(at);
    return Optional.of(part.equals(part.toLowerCase(Locale.ROOT)) ? w.toLowerCase(Locale.ROOT)
        : w);
  }
}
