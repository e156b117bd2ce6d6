package dev.lora4j;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The provider asked the caller to slow down (HTTP 429, or a provider's concurrency limit code).
 * Transient: retries wait at least {@link #retryAfter()} when the provider said how long.
 */
public class RateLimitedException extends Lora4jTransientException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   * @param statusCode the HTTP status code, or {@code 0} for a limit reported in a success body
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
