package dev.lora4j;

import org.jspecify.annotations.Nullable;

/**
 * The provider rejected the credentials (HTTP 401 or 403, or a provider's own sign-in error code),
 * or they are missing or malformed before anything is sent. The message names which credential
 * setting was used, never its value.
 */
public class AuthenticationException extends Lora4jNonTransientException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a failure found without asking the provider.
   *
   * @param message what went wrong, naming the offending value where there is one
   */
  public AuthenticationException(String message) {
    super(message, null);
  }

  /**
   * Creates the exception for a failure found without asking the provider, with its cause.
   *
   * @param message what went wrong, naming the offending value where there is one
   * @param cause the underlying failure, if any
   */
  public AuthenticationException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception for a provider's HTTP response.
   *
   * @param message what went wrong
   * @param statusCode the status code of the response ({@code 200} for an error reported in a
   *     success body)
   * @param providerMessage the provider's own error message, if it sent one
   */
  public AuthenticationException(String message, int statusCode, @Nullable String providerMessage) {
    super(message, null, statusCode, providerMessage);
  }
}
