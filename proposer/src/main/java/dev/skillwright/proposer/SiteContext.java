package dev.skillwright.proposer;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a proposer knows of a site: its name, where to start, summaries of a few crawled pages,
 * example tasks from users, and what is known already (instructions of earlier tasks and descriptions of known skills), so it
 * can propose something new, and what exploring it found ({@link Exploration}).
 */
public record SiteContext(
    String site,
    String startUrl,
    List<PageSummary> pages,
    List<String> demos,
    List<String> knownInstructions,
    List<String> knownSkills,
    Exploration explored) {

  /** A context with nothing explored yet. */
  public SiteContext(String site, String startUrl, List<PageSummary> pages, List<String> demos,
      List<String> knownInstructions, List<String> knownSkills) {
    this(site, startUrl, pages, demos, knownInstructions, knownSkills, Exploration.none());
  }

  public SiteContext {
    requireNonNull(site, "site");
    requireNonNull(startUrl, "startUrl");
    pages = List.copyOf(pages);
    demos = demos == null ? List.of() : List.copyOf(demos);
    knownInstructions = knownInstructions == null ? List.of() : List.copyOf(knownInstructions);
    knownSkills = knownSkills == null ? List.of() : List.copyOf(knownSkills);
    explored = explored == null ? Exploration.none() : explored;
  }

  public SiteContext withKnown(List<String> instructions, List<String> skills) {
    return new SiteContext(site, startUrl, pages, demos, instructions, skills, explored);
  }

  /** With example tasks from users, which an LLM proposer imitates. */
  public SiteContext withDemos(List<String> examples) {
    return new SiteContext(site, startUrl, pages, examples, knownInstructions, knownSkills,
        explored);
  }

  /** With what exploring the site found: labelled walks, affordances, choice lists. */
  public SiteContext withExplored(Exploration exploration) {
    return new SiteContext(site, startUrl, pages, demos, knownInstructions, knownSkills,
        exploration);
  }

  /** One crawled page's affordances. */
  public record PageSummary(
      String url,
      String title,
      List<String> headings,
      List<Link> links,
      List<Item> items,
      List<Form> forms) {
    public PageSummary {
      headings = List.copyOf(headings);
      links = List.copyOf(links);
      items = List.copyOf(items);
      forms = List.copyOf(forms);
    }
  }

  /** A link by its accessible name and absolute URL. */
  public record Link(String name, String url) {}

  /** A listed thing with its own page and, where shown, a price. */
  public record Item(String name, String url, String price) {}

  /** A form: where it goes, its visible fields and its buttons. */
  public record Form(String method, String action, boolean search, List<Field> fields,
      List<String> buttons) {
    public Form {
      fields = List.copyOf(fields);
      buttons = List.copyOf(buttons);
    }
  }

  /** A form field: its name, its label as the agent sees it, its type, and its options. */
  public record Field(String name, String label, String type, List<Option> options) {
    public Field {
      options = options == null ? List.of() : List.copyOf(options);
    }
  }

  public record Option(String value, String label, boolean selected) {}
}
