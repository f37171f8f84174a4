package dev.skillwright.skills;

import static dev.skillwright.trajectories.AriaSnapshot.fold;

import dev.skillwright.trajectories.Action;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

  /**
   * The values a site shows, by kind, the names on the skill's start page, and where a named
   * link or item goes (by folded name), so a new value can be one that goes to the same kind of
   * page.
   */
  public record SiteValues(List<String> items, List<String> links, List<List<String>> choices,
      Set<String> onStartPage, Map<String, String> urls) {
    public SiteValues(List<String> items, List<String> links, List<List<String>> choices,
        Set<String> onStartPage) {
      this(items, links, choices, onStartPage, Map.of());
    }
  }

  /**
   * New arguments for every parameter of {@code skill}; a parameter its first step clicks on the
   * start page is left out when the start page shows no other value of its kind.
   */
  public static Map<String, String> pick(Skill skill, SiteValues site) {
    return pick(skill, site, Map.of());
  }

  /**
   * Up to {@code tries} sets of new arguments, each parameter's value differing from every
   * earlier set's where the site offers enough values (so a majority of tries says more than
   * one lucky value). A set that lacks a parameter (see {@link #pick}) ends the list.
   */
  public static List<Map<String, String>> several(Skill skill, SiteValues site, int tries) {
    List<Map<String, String>> out = new ArrayList<>();
    Map<String, Set<String>> used = new LinkedHashMap<>();
    skill.parameters().forEach(p -> used.put(p.name(), new HashSet<>(p.examples())));
    for (int i = 0; i < tries; i++) {
      Map<String, String> args = pick(skill, site, used);
      boolean repeats = out.contains(args) || !out.isEmpty() && args.size() < out.get(0).size()
          || args.entrySet().stream().anyMatch(e -> used.get(e.getKey()).contains(e.getValue()));
      if (i > 0 && repeats) {
        break; // the site offers no other values: a further try would repeat one
      }
      out.add(args);
      args.forEach((k, v) -> used.get(k).add(v));
    }
    return out;
  }

  /** New arguments, avoiding the examples and, per parameter, the values in {@code used}. */
  private static Map<String, String> pick(Skill skill, SiteValues site,
      Map<String, Set<String>> used) {
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
      List<String> avoid = new ArrayList<>(p.examples());
      avoid.addAll(used.getOrDefault(p.name(), Set.of()));
      String value = derived.orElseGet(() -> another(skill, p, avoid, site));
      if (value != null) {
        out.put(p.name(), value);
      }
    }
    Map<String, String> ordered = new LinkedHashMap<>();
    skill.parameters().forEach(p -> {
      if (out.containsKey(p.name())) {
        ordered.put(p.name(), out.get(p.name()));
      }
    });
    return ordered;
  }

  private static String another(Skill skill, Skill.Parameter p, List<String> avoid,
      SiteValues site) {
    List<List<String>> pools = new ArrayList<>(List.of(site.items(), site.links()));
    pools.addAll(site.choices());
    for (List<String> pool : pools) {
      if (p.examples().stream().noneMatch(e -> pool.stream().anyMatch(v -> fold(v).equals(
          fold(e))))) {
        continue;
      }
      List<String> fresh = pool.stream()
          .filter(v -> avoid.stream().noneMatch(e -> fold(e).equals(fold(v))))
          .distinct().toList();
      // a link to a page of the same shape: /category/office gives /category/garden
      String shape = shape(site.urls().get(fold(p.examples().get(0))));
      List<String> alike = fresh.stream()
          .filter(v -> shape != null && shape.equals(shape(site.urls().get(fold(v))))).toList();
      boolean clickedFirst = usedFirst(skill, p);
      if (!alike.isEmpty() || shape != null && clickedFirst) {
        fresh = alike;
      }
      // what the first step clicks must be on the start page; elsewhere, prefer what is not
      Optional<String> best = fresh.stream()
          .filter(v -> site.onStartPage().contains(fold(v)) == clickedFirst).findFirst();
      if (clickedFirst) {
        return best.orElse(null); // nothing else its first click could reach
      }
      if (!fresh.isEmpty()) {
        return best.orElse(fresh.get(0));
      }
    }
    return typed(skill, p, avoid, site).orElse(p.examples().get(0));
  }

  /** For a value typed into a field: another of the field's kind. */
  private static Optional<String> typed(Skill skill, Skill.Parameter p, List<String> avoid,
      SiteValues site) {
    String placeholder = "{" + p.name() + "}";
    Optional<String> field = skill.steps().stream()
        .filter(a -> a instanceof Action.Fill f
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
          if (word.length() >= 4 && avoid.stream().noneMatch(e -> fold(e).equals(word))) {
            return Optional.of(word);
          }
        }
      }
    }
    return Optional.of(PlausibleValues.another(kind, avoid));
  }

  /** Whether the skill's first step, on its start page, acts on the parameter's value. */
  private static boolean usedFirst(Skill skill, Skill.Parameter p) {
    if (skill.steps().isEmpty()) {
      return false;
    }
    String placeholder = "{" + p.name() + "}";
    Action first = skill.steps().get(0);
    if (first instanceof Action.UseSkill call) {
      // a called skill starts on the same page; what it gets may be what it clicks first
      return call.args().values().stream().anyMatch(v -> v.contains(placeholder));
    }
    return first.target() != null && first.target().name() != null
        && first.target().name().contains(placeholder);
  }

  /**
   * The kind of page a URL goes to: its path with the last segment as {@code *}, and the names
   * of its query's keys ({@code /category/*}, {@code /new?community}).
   */
  private static String shape(String url) {
    if (url == null) {
      return null;
    }
    java.net.URI u;
    try {
      u = java.net.URI.create(url);
    } catch (IllegalArgumentException e) {
      return null;
    }
    String path = u.getRawPath();
    if (path == null || path.isEmpty() || path.equals("/")) {
      return null;
    }
    String keys = u.getRawQuery() == null ? "" : "?" + java.util.Arrays.stream(
        u.getRawQuery().split("&")).map(kv -> kv.replaceFirst("=.*", "")).sorted().distinct()
        .collect(java.util.stream.Collectors.joining("&"));
    return path.replaceAll("/+$", "").replaceAll("[^/]+$", "*") + keys;
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
