package dev.lora4j;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The provider asked the caller to slow down (HTTP 429, or a provider's concurrency limit code).
 * Transient: retries wait at least {@link #retryAfter()} when the provider said how long.
 */
public class RateLimitedException extends Lora4jTransientException {

  private static final long serialVersionUID = 1L;

  /** How long the provider asked to wait. */
  private final @Nullable Duration retryAfter;

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
    super(message, null, statusCode, providerMessage);
    this.retryAfter = retryAfter;
  }

  /**
   * Returns how long the provider asked to wait before the next call ({@code Retry-After}).
   *
   * @return the wait, or empty when the provider did not say
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
