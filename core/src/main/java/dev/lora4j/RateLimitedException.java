package dev.lora4j;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The provider asked the caller to slow down (HTTP 429, or a provider's concurrency limit code in
 * the body of a {@code 200} answer, such as Wiro's code 96). Transient: retries wait at least {@link
 * #retryAfter()} when the provider said how long. {@link #statusCode()} is that of the response, so
 * {@code 200} for a limit reported in a success body.
 */
public class RateLimitedException extends Lora4jTransientException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param statusCode the status code of the response: {@code 429}, or {@code 200} for a limit
   *     reported in a success body
   * @param providerMessage the provider's own error message, if it sent one
   * @param retryAfter how long the provider asked to wait, if it said
   */
  public RateLimitedException(
      String message,
      int statusCode,
      @Nullable String providerMessage,
      @Nullable Duration retryAfter) {
    super(message, null, statusCode, providerMessage, retryAfter);
  }
}
