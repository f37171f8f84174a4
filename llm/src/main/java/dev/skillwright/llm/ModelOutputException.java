package dev.skillwright.llm;

/** The model answered, but not in the form asked for; a corrective re-ask may fix it. */
public final class ModelOutputException extends ModelException {
  public ModelOutputException(String message) {
    super(message);
  }
}
