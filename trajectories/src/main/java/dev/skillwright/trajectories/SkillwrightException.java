package dev.skillwright.trajectories;

/**
 * The root of every exception Skillwright throws on purpose. Its message is written for a user:
 * it names the value and the place, and fits on one line.
 */
public class SkillwrightException extends RuntimeException {
  public SkillwrightException(String message) {
    super(message);
  }

  public SkillwrightException(String message, Throwable cause) {
    super(message, cause);
  }
}
