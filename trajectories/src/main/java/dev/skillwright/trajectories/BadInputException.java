package dev.skillwright.trajectories;

/**
 * Input from a user (a flag, a file, a URL) that cannot be used. The command line reports it in
 * one line and exits with status 2; nothing already written is touched.
 */
public final class BadInputException extends SkillwrightException {
  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
