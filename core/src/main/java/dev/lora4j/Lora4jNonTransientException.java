package dev.lora4j;

import org.jspecify.annotations.Nullable;

/**
 * An error that trying again will not fix: bad credentials, an invalid request, an unknown task, an
 * unintelligible response, or a task that ended without a result.
 */
public abstract class Lora4jNonTransientException extends Lora4jException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates a non-transient exception.
   *
   * @param message what went wrong
   * @param cause the underlying failure, if any
   * @param statusCode the HTTP status code, or {@code 0} when there was no response
   * @param providerMessage the provider's own error message, if it sent one
   */
  protected Lora4jNonTransientException(
      String message, @Nullable Throwable cause, int statusCode, @Nullable String providerMessage) {
    super(message, cause, statusCode, providerMessage);
  }
}
