package dev.skillwright.agent;

import dev.skillwright.skills.Reading;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.AriaSnapshot;
import dev.skillwright.trajectories.Observation;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Target;
import dev.skillwright.trajectories.Task;
import dev.skillwright.trajectories.Trajectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replays recorded actions with no model. Each target is found again by its durable locators,
 * tried in order by the browser. When none matches, the step is grounded anew by the offline
 * {@link Healer} (or by the model, when one is configured) and retried on the element it finds; the repair is kept, and {@link #annotate}
 * writes it into the new trajectory. A step that cannot be healed ends the replay with give_up.
 */
final class ReplayPolicy implements Policy, Annotating, Looks {
  private final List<Action> actions;
  private final String original;
  /** Grounds a lost step with the model when one is configured; null for the offline matcher. */
  private final ModelGrounder model;
  private final List<Trajectory.Repair> repairs = new ArrayList<>();
  /** A strict replay never heals: a lost step ends it (skill verification). */
  private final boolean strict;
  private int next;
  /** The recorded target being healed, while its healed attempt runs. */
  private Target healing;
  private double healingScore;

  /** Where the answer is read once every step ran; null when the replay only acts. */
  private final Reading reads;

  ReplayPolicy(List<Action> actions, String original, ModelGrounder model) {
    this(actions, original, model, false, null);
  }

  ReplayPolicy(List<Action> actions, String original, ModelGrounder model, boolean strict,
      Reading reads) {
    this.actions = List.copyOf(actions);
    this.original = original;
    this.model = model;
    this.strict = strict;
    this.reads = reads;
  }

  /**
   * Only a lost step needs the page, to ground it anew (its text for the offline matcher, the
   * screenshot too for a model), and the end of a replay that reads its answer off the page. A
   * step that finds its locator does not.
   */
  @Override
  public Look look(List<Step> history) {
    boolean lost = healing == null && !history.isEmpty() && !history.get(history.size() - 1).ok();
    if (lost) {
      // a strict replay gives up on a lost step: nothing to look for
      return strict ? Look.NOTHING : model == null ? Look.TEXT : Look.PICTURE;
    }
    return reads != null && next == actions.size() ? Look.TEXT : Look.NOTHING;
  }

  @Override
  public Decision decide(Task task, Observation obs, List<Step> history) {
    Step last = history.isEmpty() ? null : history.get(history.size() - 1);
    if (healing != null) {
      Target from = healing;
      healing = null;
      if (last == null || !last.ok()) {
        return giveUp("step " + (next) + " failed again after healing: "
            + (last == null ? "" : last.error()));
      }
      repairs.add(new Trajectory.Repair(last.index(), from, last.action().target(),
          model == null ? "offline-matcher" : "model", healingScore));
    } else if (last != null && !last.ok()) {
      Action lost = actions.get(next - 1);
      if (lost.target() == null || strict) {
        return giveUp("step " + next + " failed: " + last.error());
      }
      Optional<Healer.Match> m = (model == null ? Healer.find(obs.snapshot(), lost.target())
          : model.ground(lost.target(), obs))
          .filter(found -> carriesItsValues(lost.target(), found.node(), task));
      if (m.isEmpty()) {
        return giveUp("step " + next + " could not be healed: no element like "
            + lost.target().describe() + " on " + obs.url());
      }
      healing = lost.target();
      healingScore = m.get().score();
      return Decision.of(String.format(java.util.Locale.ROOT,
          "No locator of %s matches; the closest element is %s (similarity %.2f).",
          lost.target().describe(), m.get().node().describe(), m.get().score()),
          lost.withTarget(Grounding.target(m.get().node())));
    }
    if (next == actions.size()) {
      return reads == null ? Decision.of("Every recorded step is replayed.",
          new Action.Answer("Done.")) : read(obs, history);
    }
    Action a = actions.get(next++);
    if (a.isFinal()) {
      return Decision.of("The recording ends here.", a);
    }
    Action replayed = a.target() == null ? a : a.withTarget(new Target(null, a.target().role(),
        a.target().name(), a.target().locators()));
    return Decision.of("Replaying step " + next + ": " + replayed.describe() + ".", replayed);
  }

  /**
   * Whether an element found for a lost target names every value of the task that the target's
   * name carried: "Red Enamel Teapot" is healed onto "Add Red Enamel Teapot", never onto a
   * similar "Red Enamel Kettle".
   */
  static boolean carriesItsValues(Target lost, AriaSnapshot.Node found, Task task) {
    String lostName = AriaSnapshot.fold(lost.name());
    String foundName = AriaSnapshot.fold(found.name());
    return task.params().values().stream().filter(v -> v != null && v.strip().length() >= 2)
        .map(AriaSnapshot::fold).filter(lostName::contains).allMatch(foundName::contains);
  }

  @Override
  public Trajectory annotate(Trajectory t) {
    return t.asReplayOf(original, repairs);
  }

  List<Trajectory.Repair> repairs() {
    return List.copyOf(repairs);
  }

  /**
   * The value the page shows where the skill reads it, as the answer; a page still loading gets
   * a few short waits first (the waits that end {@code history}).
   */
  private Decision read(Observation obs, List<Step> history) {
    Optional<String> value = reads.read(obs.snapshot());
    if (value.isPresent()) {
      return Decision.of("Every recorded step is replayed; the page shows " + reads.describe()
          + ": " + value.get() + ".", new Action.Answer(value.get()));
    }
    long waited = 0;
    for (int i = history.size() - 1; i >= 0 && history.get(i).action() instanceof Action.Wait;
        i--) {
      waited += history.get(i).millis();
    }
    if (waited < READ_WAITS_MILLIS) {
      return Decision.of("The page does not show " + reads.describe() + " yet; I wait.",
          new Action.Wait(READ_WAIT_MILLIS));
    }
    return giveUp("every recorded step is replayed, but " + obs.url() + " does not show "
        + reads.describe());
  }

  /** How long the waits for a value to read may take in all. */
  private static final long READ_WAITS_MILLIS = 1_200;
  private static final long READ_WAIT_MILLIS = 400;

  private static Decision giveUp(String reason) {
    return Decision.of(reason, new Action.GiveUp(reason));
  }
}
