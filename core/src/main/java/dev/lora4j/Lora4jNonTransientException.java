package dev.lora4j;

import org.jspecify.annotations.Nullable;

/**
 * An error that trying again will not fix: bad credentials, an invalid request, an unknown task, an
 * unintelligible response, or a task that ended without a result.
 */
public abstract class Lora4jNonTransientException extends Lora4jException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates a non-transient exception that no HTTP response caused.
   *
   * @param message what went wrong, naming the offending value where there is one
   * @param cause the underlying failure, if any
   */
  protected Lora4jNonTransientException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates a non-transient exception caused by a provider's HTTP response.
   *
   * @param message what went wrong
   * @param cause the underlying failure, if any
   * @param statusCode the status code of the response (see {@link Lora4jException#statusCode()})
   * @param providerMessage the provider's own error message, if it sent one
   */
  protected Lora4jNonTransientException(
      String message, @Nullable Throwable cause, int statusCode, @Nullable String providerMessage) {
    super(message, cause, statusCode, providerMessage);
  }
}
