package dev.skillwright.agent;

import dev.skillwright.skills.Skill;
import java.util.Optional;

/**
 * What a policy that calls skills needs from the library: the skills it may call, and where each
 * call's outcome is reported (the skill's health).
 */
public interface SkillCalls {
  /** The verified skill of this id or name, or empty. */
  Optional<Skill> skill(String idOrName);

  /** Reports one call of {@code skill}: whether it did what it promises, and if not why. */
  void report(Skill skill, boolean ok, String reason);
}
