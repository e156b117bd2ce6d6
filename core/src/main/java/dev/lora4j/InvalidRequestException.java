package dev.lora4j;

import org.jspecify.annotations.Nullable;

/**
 * A request the provider refuses, or lora4j refuses before sending it, although the provider
 * supports the field in principle: a value outside the provider's documented range or format, a
 * missing parameter, an unknown model, an insufficient balance. The message names the field and
 * the value. A request the provider cannot honour at all is an {@link UnsupportedRequestException}
 * instead (the rule is stated on {@link dev.lora4j.spi.TaskProvider#submit}).
 */
public class InvalidRequestException extends Lora4jNonTransientException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for a failure found without asking the provider.
   *
   * @param message what went wrong, naming the offending value where there is one
   */
  public InvalidRequestException(String message) {
    super(message, null);
  }

  /**
   * Creates the exception for a failure found without asking the provider, with its cause.
   *
   * @param message what went wrong, naming the offending value where there is one
   * @param cause the underlying failure, if any
   */
  public InvalidRequestException(String message, @Nullable Throwable cause) {
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
  public InvalidRequestException(String message, int statusCode, @Nullable String providerMessage) {
    super(message, null, statusCode, providerMessage);
  }
}
