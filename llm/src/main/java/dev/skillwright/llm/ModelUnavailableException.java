package dev.skillwright.llm;

/**
 * The model did not answer in time: rate limits, server errors, timeouts or dropped connections
 * outlasted the retries. The same request may succeed later.
 */
public final class ModelUnavailableException extends ModelException {
  public ModelUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
