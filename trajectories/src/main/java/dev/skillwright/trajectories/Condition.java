package dev.skillwright.trajectories;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One observable fact that shows a task succeeded. A {@link SuccessSignal} holds several. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Condition.UrlMatches.class, name = "url_matches"),
  @JsonSubTypes.Type(value = Condition.TextPresent.class, name = "text_present"),
  @JsonSubTypes.Type(value = Condition.ElementState.class, name = "element_state"),
  @JsonSubTypes.Type(value = Condition.AnswerContains.class, name = "answer_contains"),
})
public sealed interface Condition {

  /** A short human description, used in prompts, reasons and the dashboard. */
  String describe();

  /** Returns this condition with every {@code {name}} placeholder-able value passed through. */
  Condition map(java.util.function.UnaryOperator<String> values);

  /**
   * The final URL matches a glob: {@code *} matches any run of characters, everything else is
   * literal. The glob is matched against the whole URL.
   */
  record UrlMatches(String glob) implements Condition {
    public UrlMatches {
      requireNonNull(glob, "glob");
    }

    @Override
    public String describe() {
      return "the URL matches " + glob;
    }

    @Override
    public Condition map(java.util.function.UnaryOperator<String> values) {
      return new UrlMatches(values.apply(glob));
    }
  }

  /** The final page shows this text (case and white space are folded). */
  record TextPresent(String text) implements Condition {
    public TextPresent {
      requireNonNull(text, "text");
    }

    @Override
    public String describe() {
      return "the page shows \"" + text + "\"";
    }

    @Override
    public Condition map(java.util.function.UnaryOperator<String> values) {
      return new TextPresent(values.apply(text));
    }
  }

  /** An element, found by role and accessible name on the final page, is in a state. */
  record ElementState(String role, String name, State state, String value) implements Condition {
    public enum State {
      PRESENT,
      ABSENT,
      CHECKED,
      UNCHECKED,
      /** A toggle button that is pressed ({@code aria-pressed="true"}). */
      PRESSED,
      /** Its value (a text box's text, a select box's chosen option) equals {@code value}. */
      HAS_VALUE
    }

    public ElementState {
      requireNonNull(role, "role");
      requireNonNull(name, "name");
      requireNonNull(state, "state");
      if (state == State.HAS_VALUE) {
        requireNonNull(value, "value");
      }
    }

    @Override
    public String describe() {
      String what = role + " \"" + name + "\"";
      return switch (state) {
        case PRESENT -> what + " is present";
        case ABSENT -> what + " is gone";
        case CHECKED -> what + " is checked";
        case UNCHECKED -> what + " is not checked";
        case PRESSED -> what + " is pressed";
        case HAS_VALUE -> what + " has the value \"" + value + "\"";
      };
    }

    @Override
    public Condition map(java.util.function.UnaryOperator<String> values) {
      return new ElementState(
          role, values.apply(name), state, value == null ? null : values.apply(value));
    }
  }

  /** The agent's answer contains this text (case and white space are folded). */
  record AnswerContains(String text) implements Condition {
    public AnswerContains {
      requireNonNull(text, "text");
    }

    @Override
    public String describe() {
      return "the answer contains \"" + text + "\"";
    }

    @Override
    public Condition map(java.util.function.UnaryOperator<String> values) {
      return new AnswerContains(values.apply(text));
    }
  }
}
