package dev.skillwright.app;

import dev.skillwright.skills.Distiller;
import dev.skillwright.skills.Skill;
import dev.skillwright.skills.SkillBinding;
import dev.skillwright.skills.SkillLibrary;
import dev.skillwright.trajectories.Action;
import dev.skillwright.trajectories.Step;
import dev.skillwright.trajectories.Trajectory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A skill replay that had to heal, written back to the library as {@code replay skill} and the
 * MCP server do it: the healed steps count only once they work again from scratch, so they are
 * replayed in a fresh context and must succeed with no repair before the library takes them.
 */
final class HealedWriteBack {
  private HealedWriteBack() {}

  /** What became of the healed steps. */
  enum Result {
    /** They worked again with no repair, and the skill now has them. */
    WRITTEN,
    /** They worked again, but the skill left the library meanwhile; nothing was written. */
    GONE,
    /** Their re-verification failed or healed again; the skill is unchanged. */
    FAILED
  }

  /**
   * Re-verifies and writes back the steps {@code replay} (a successful, healed replay of
   * {@code skill} with {@code args}) took.
   *
   * @param rerun replays the healed skill, bound, once in a fresh context, healing nothing
   */
  static Result writeBack(Skill skill, Map<String, String> args, Trajectory replay,
      Function<SkillBinding, Trajectory> rerun, SkillLibrary library) {
    List<Action> healedSteps = replay.steps().stream().filter(Step::ok).map(Step::action)
        .filter(a -> !a.isFinal()).toList();
    Skill healed = Distiller.heal(skill, healedSteps, args, new Skill.Provenance(
        replay.sessionId(), replay.episodeId(), Instant.now()));
    Trajectory check = rerun.apply(SkillBinding.bind(healed, args));
    if (!check.succeeded() || !check.repairs().isEmpty()) {
      return Result.FAILED;
    }
    // healed on the skill as it is now: what others wrote meanwhile (merges, uses) stays
    Skill.Provenance by = healed.provenance().get(healed.provenance().size() - 1);
    if (library.heal(skill.id(), healedSteps, args, by).isEmpty()) {
      return Result.GONE;
    }
    library.commit();
    return Result.WRITTEN;
  }
}
