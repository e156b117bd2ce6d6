package dev.lora4j;

import org.jspecify.annotations.Nullable;

/**
 * The chosen provider cannot run this kind of {@link TaskRequest}, for example another provider's
 * typed task.
 */
public class UnsupportedRequestException extends Lora4jNonTransientException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message only.
   *
   * @param message what went wrong, naming the offending value where there is one
   */
  public UnsupportedRequestException(String message) {
    super(message, null, 0, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure, if any
   */
  public UnsupportedRequestException(String message, @Nullable Throwable cause) {
    super(message, cause, 0, null);
  }

  /**
   * Creates the exception for a provider's HTTP response.
   *
   * @param message what went wrong
   * @param statusCode the HTTP status code, or {@code 0} when there was no response
   * @param providerMessage the provider's own error message, if it sent one
   */
  public UnsupportedRequestException(String message, int statusCode, @Nullable String providerMessage) {
    super(message, null, statusCode, providerMessage);
  }
}
