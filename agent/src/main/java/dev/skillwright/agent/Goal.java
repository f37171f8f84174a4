package dev.skillwright.agent;

/** One clause of an instruction, as the offline policy understands it. */
sealed interface Goal {
  record Search(String query) implements Goal {}

  record Open(String name) implements Goal {}

  record Add(String item, String destination) implements Goal {}

  record Fill(String field, String value) implements Goal {}

  record Choose(String option, String field) implements Goal {}

  record Check(String label) implements Goal {}

  record Press(String name) implements Goal {}

  record Ask(String attribute, String item) implements Goal {}

  /** True for the goals that fill in a form, which the next one may go on filling. */
  default boolean fillsForm() {
    return this instanceof Fill || this instanceof Choose || this instanceof Check
        || this instanceof Press;
  }
}
