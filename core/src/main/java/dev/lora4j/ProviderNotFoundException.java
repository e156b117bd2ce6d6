package dev.lora4j;

import org.jspecify.annotations.Nullable;

/**
 * No provider could be chosen: none is on the class path, the requested name is not among them, or
 * several are and nothing says which. The message lists every provider found and how to choose one.
 */
public class ProviderNotFoundException extends Lora4jNonTransientException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message only.
   *
   * @param message what went wrong, naming the offending value where there is one
   */
  public ProviderNotFoundException(String message) {
    super(message, null, 0, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure, if any
   */
  public ProviderNotFoundException(String message, @Nullable Throwable cause) {
    super(message, cause, 0, null);
  }

  /**
   * Creates the exception for a provider's HTTP response.
   *
   * @param message what went wrong
   * @param statusCode the HTTP status code, or {@code 0} when there was no response
   * @param providerMessage the provider's own error message, if it sent one
   */
  public ProviderNotFoundException(String message, int statusCode, @Nullable String providerMessage) {
    super(message, null, statusCode, providerMessage);
  }
}
