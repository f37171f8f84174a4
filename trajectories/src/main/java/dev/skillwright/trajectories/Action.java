package dev.skillwright.trajectories;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Map;
import java.util.TreeMap;

/**
 * One step's action, in the vocabulary every policy speaks. Serialized as one JSON object with a
 * {@code type} field. {@link Answer} and {@link GiveUp} end an episode.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Action.Click.class, name = "click"),
  @JsonSubTypes.Type(value = Action.Fill.class, name = "fill"),
  @JsonSubTypes.Type(value = Action.Press.class, name = "press"),
  @JsonSubTypes.Type(value = Action.Select.class, name = "select"),
  @JsonSubTypes.Type(value = Action.Check.class, name = "check"),
  @JsonSubTypes.Type(value = Action.Hover.class, name = "hover"),
  @JsonSubTypes.Type(value = Action.Scroll.class, name = "scroll"),
  @JsonSubTypes.Type(value = Action.Goto.class, name = "goto"),
  @JsonSubTypes.Type(value = Action.Back.class, name = "back"),
  @JsonSubTypes.Type(value = Action.Wait.class, name = "wait"),
  @JsonSubTypes.Type(value = Action.UseSkill.class, name = "use_skill"),
  @JsonSubTypes.Type(value = Action.Answer.class, name = "answer"),
  @JsonSubTypes.Type(value = Action.GiveUp.class, name = "give_up"),
})
public sealed interface Action {

  /** The element this action acts on, or null for page-level actions. */
  default Target target() {
    return null;
  }

  /**
   * One line for people and prompts: {@code fill searchbox "Search" with "mug"},
   * {@code click button "Add to cart"}, {@code answer "$12.99"}.
   */
  @JsonIgnore
  default String describe() {
    String on = target() == null ? "" : " " + target().describe();
    if (this instanceof Fill f) {
      return "fill" + on + " with \"" + f.text() + "\"";
    } else if (this instanceof Press p) {
      return "press " + p.key() + (on.isEmpty() ? "" : " on" + on);
    } else if (this instanceof Select s) {
      return "select \"" + s.option() + "\" in" + on;
    } else if (this instanceof Check c) {
      return (c.checked() ? "check" : "uncheck") + on;
    } else if (this instanceof Scroll s) {
      return "scroll by " + s.deltaY();
    } else if (this instanceof Goto g) {
      return "go to " + g.url();
    } else if (this instanceof Wait w) {
      return "wait " + w.millis() + " ms";
    } else if (this instanceof UseSkill u) {
      return "use skill " + u.name() + " " + u.args();
    } else if (this instanceof Answer a) {
      return "answer \"" + a.text() + "\"";
    } else if (this instanceof GiveUp g) {
      return "give up: " + g.reason();
    }
    return getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + on;
  }

  /**
   * This action with {@code f} applied to every value a task can put in it: the target's name and
   * locator values (a role locator's name, not its role), typed text, a chosen option, a URL.
   * Distillation lifts values into placeholders with it; binding a skill fills them back in.
   *
   * <p>When {@code f} changes the target's name, the element depends on the value, so only the
   * locators {@code f} changed too are kept: one that does not carry the value (a positional CSS
   * path, a fixed test id) would find the element of the recorded run, whatever the new value.
   */
  default Action mapValues(java.util.function.UnaryOperator<String> f) {
    Action out = this;
    Target t = target();
    if (t != null) {
      String name = f.apply(t.name());
      boolean dependsOnValue = !name.equals(t.name());
      java.util.List<LocatorCandidate> locs = new java.util.ArrayList<>();
      for (LocatorCandidate c : t.locators()) {
        LocatorCandidate m = c.strategy() == LocatorCandidate.Strategy.ROLE
            ? new LocatorCandidate(c.strategy(), c.value(), f.apply(c.name()))
            : new LocatorCandidate(c.strategy(), f.apply(c.value()), null);
        if (!dependsOnValue || !m.equals(c)) {
          locs.add(m);
        }
      }
      out = withTarget(new Target(t.ref(), t.role(), name, locs));
    }
    if (out instanceof Fill x) {
      return new Fill(x.target(), f.apply(x.text()));
    } else if (out instanceof Select x) {
      return new Select(x.target(), f.apply(x.option()));
    } else if (out instanceof Goto x) {
      return new Goto(f.apply(x.url()));
    } else if (out instanceof UseSkill x) {
      java.util.Map<String, String> args = new java.util.TreeMap<>();
      x.args().forEach((k, v) -> args.put(k, f.apply(v)));
      return new UseSkill(x.name(), args);
    }
    return out;
  }

  /** True for the actions that end an episode. */
  @JsonIgnore
  default boolean isFinal() {
    return this instanceof Answer || this instanceof GiveUp;
  }

  /** Returns this action acting on {@code newTarget}; page-level actions return themselves. */
  default Action withTarget(Target newTarget) {
    return this;
  }

  record Click(Target target) implements Action {
    public Click {
      requireNonNull(target, "target");
    }

    @Override
    public Action withTarget(Target t) {
      return new Click(t);
    }
  }

  record Fill(Target target, String text) implements Action {
    public Fill {
      requireNonNull(target, "target");
      requireNonNull(text, "text");
    }

    @Override
    public Action withTarget(Target t) {
      return new Fill(t, text);
    }
  }

  /** Presses a key, on the target when there is one, else on the focused element. */
  record Press(Target target, String key) implements Action {
    public Press {
      requireNonNull(key, "key");
    }

    @Override
    public Action withTarget(Target t) {
      return new Press(t, key);
    }
  }

  /** Chooses an option of a select box by its label or value. */
  record Select(Target target, String option) implements Action {
    public Select {
      requireNonNull(target, "target");
      requireNonNull(option, "option");
    }

    @Override
    public Action withTarget(Target t) {
      return new Select(t, option);
    }
  }

  record Check(Target target, boolean checked) implements Action {
    public Check {
      requireNonNull(target, "target");
    }

    @Override
    public Action withTarget(Target t) {
      return new Check(t, checked);
    }
  }

  record Hover(Target target) implements Action {
    public Hover {
      requireNonNull(target, "target");
    }

    @Override
    public Action withTarget(Target t) {
      return new Hover(t);
    }
  }

  /** Scrolls the page by {@code deltaY} pixels (negative scrolls up). */
  record Scroll(int deltaY) implements Action {}

  record Goto(String url) implements Action {
    public Goto {
      requireNonNull(url, "url");
    }
  }

  record Back() implements Action {}

  record Wait(long millis) implements Action {
    public Wait {
      if (millis < 0 || millis > 60_000) {
        throw new IllegalArgumentException("wait millis must be within 0..60000: " + millis);
      }
    }
  }

  /** Runs a known skill with its arguments bound. */
  record UseSkill(String name, Map<String, String> args) implements Action {
    public UseSkill {
      requireNonNull(name, "name");
      args = args == null ? Map.of() : Map.copyOf(new TreeMap<>(args));
    }
  }

  record Answer(String text) implements Action {
    public Answer {
      text = text == null ? "" : text;
    }
  }

  record GiveUp(String reason) implements Action {
    public GiveUp {
      reason = reason == null ? "" : reason;
    }
  }
}
