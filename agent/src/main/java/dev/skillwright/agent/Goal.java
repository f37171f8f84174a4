package dev.skillwright.agent;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * One clause of an instruction as the offline policy understands it: an intent, a verb with what
 * it acts on ({@link Words}: names, role words, an ordinal) and its values and modifiers. The
 * {@link Reader} makes them from text; {@link GoalRunner#of} runs each one.
 */
sealed interface Goal {
  /** Type a query into the site's search box and submit it. */
  record Search(String query) implements Goal {}

  /** Reach the page of {@code name}: click its link, found with the site's search or by paging. */
  record Open(String name) implements Goal {}

  /** Reach the page of {@code item}, then press its button that adds it to the destination. */
  record Add(String item, String destination) implements Goal {}

  /** Answer the item's attribute from the item's own page. */
  record Ask(String attribute, String item) implements Goal {}

  /** Click, press or tap the element the words name. */
  record Click(Words what) implements Goal {}

  /** Press a key (Enter, Tab, Escape) on the field typed into last, or the page. */
  record Key(String key) implements Goal {}

  /**
   * Type {@code value} into the field the words name; with {@code every}, into each field they
   * name ("both text fields").
   */
  record Fill(Words field, String value, boolean every) implements Goal {
    public Fill {
      requireNonNull(field, "field");
      requireNonNull(value, "value");
    }
  }

  /**
   * Make each of {@code items} chosen: an option of the list the words name (a native select, a
   * listbox, a custom combobox), else a checkbox or radio labelled so. No items: choose nothing.
   */
  record Choose(List<String> items, Words field) implements Goal {
    public Choose {
      items = List.copyOf(items);
      requireNonNull(field, "field");
    }
  }

  /** Check ({@code on}) or uncheck the checkbox, switch or radio the words name. */
  record Check(Words what, boolean on) implements Goal {}

  /** Expand ({@code open}) or collapse the section the words name; no name: the first one. */
  record Expand(Words what, boolean open) implements Goal {}

  /** Close the dialog the words name (or the one open), by its close control. */
  record Close(Words what) implements Goal {}

  /** Move the focus into the field the words name. */
  record Focus(Words field) implements Goal {}

  /** Click the {@code ordinal}-th result of the search just made, paging on as needed. */
  record Result(int ordinal) implements Goal {}

  /** Type the prefix into a field that suggests, and choose the suggestion with that suffix. */
  record Complete(String prefix, String suffix, Words field) implements Goal {}

  /** A clause that only says how to go about the rest ("Navigate through the file tree"). */
  record Note(String text) implements Goal {}

  /** True for the goals that fill in a form, which the next one may go on filling. */
  default boolean fillsForm() {
    return this instanceof Fill || this instanceof Choose || this instanceof Check
        || this instanceof Click || this instanceof Key;
  }

  /**
   * What a clause names: candidate names, most literal first (quoted values, then the words as
   * written, case kept, then without their role words), the roles its role words allow (empty:
   * any), an ordinal (1-based, -1 the last, 0 none), and whether it says "any" ("a checkbox").
   */
  record Words(List<String> names, Set<String> roles, int ordinal) {
    static final Words ANY = new Words(List.of(), Set.of(), 0);

    public Words {
      names = List.copyOf(names);
      roles = Set.copyOf(roles);
    }

    static Words named(String name) {
      return new Words(List.of(name), Set.of(), 0);
    }

    static Words named(String name, Set<String> roles) {
      return new Words(List.of(name), roles, 0);
    }

    boolean hasName() {
      return !names.isEmpty();
    }

    /** The first name, or the role words: for thoughts and reasons. */
    String describe() {
      if (!names.isEmpty()) {
        return "\"" + names.get(0) + "\"";
      }
      String r = roles.isEmpty() ? "element" : String.join("/", new java.util.TreeSet<>(roles));
      return ordinal == 0 ? "the " + r : (ordinal < 0 ? "the last " : "the " + ordinal + ". ") + r;
    }
  }
}
