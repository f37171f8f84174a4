package dev.skillwright.agent;

import dev.skillwright.skills.Skill;

/**
 * A policy that takes over when a skill it called fails part-way (or does not do what it
 * promises): it goes on from the page as it is.
 */
public interface TakesOver {
  void skillFailed(Skill skill, String reason);
}
