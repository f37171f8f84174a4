package dev.skillwright.llm;

import dev.skillwright.trajectories.SkillwrightException;

/** The model could not answer this request; asking again the same way will not help. */
public class ModelException extends SkillwrightException {
  public ModelException(String message) {
    super(message);
  }

  public ModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
