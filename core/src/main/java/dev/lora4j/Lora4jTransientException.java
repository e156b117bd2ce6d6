package dev.lora4j;

import org.jspecify.annotations.Nullable;

/**
 * An error that may go away by itself: the provider was unreachable, answered with a server
 * error, or asked the caller to slow down. Status polling retries these; submissions are retried
 * only when the request certainly never reached the provider.
 */
public abstract class Lora4jTransientException extends Lora4jException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates a transient exception.
   *
   * @param message what went wrong
   * @param cause the underlying failure, if any
   * @param statusCode the HTTP status code, or {@code 0} when there was no response
   * @param providerMessage the provider's own error message, if it sent one
   */
  protected Lora4jTransientException(
      String message, @Nullable Throwable cause, int statusCode, @Nullable String providerMessage) {
    super(message, cause, statusCode, providerMessage);
  }

  /**
   * Always {@code true}.
   *
   * @return {@code true}
   */
  @Override
  public final boolean isTransient() {
    return true;
  }
}
