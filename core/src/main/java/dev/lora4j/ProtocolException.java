package dev.lora4j;

import org.jspecify.annotations.Nullable;

/**
 * The provider answered with something lora4j cannot understand: malformed JSON, a missing required
 * field, a body larger than the configured limit. The message carries a short excerpt of the
 * response with anything that looks like a credential replaced by {@code ***}.
 */
public class ProtocolException extends Lora4jNonTransientException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be understood, including a redacted excerpt
   * @param cause the parser's failure, if any
   */
  public ProtocolException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * Creates the exception for an HTTP response.
   *
   * @param message what could not be understood, including a redacted excerpt
   * @param cause the parser's failure, if any
   * @param statusCode the HTTP status code of the response
   */
  public ProtocolException(String message, @Nullable Throwable cause, int statusCode) {
    super(message, cause, statusCode, null);
  }
}
