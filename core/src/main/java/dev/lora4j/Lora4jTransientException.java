package dev.lora4j;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An error that may go away by itself: the provider was unreachable, answered with a server
 * error, or asked the caller to slow down. Status polling retries these, never sooner than {@link
 * #retryAfter()}; submissions are retried only when the request certainly never reached the
 * provider.
 */
public abstract class Lora4jTransientException extends Lora4jException {

  private static final long serialVersionUID = 1L;

  /** How long the provider asked to wait before the next call. */
  private final @Nullable Duration retryAfter;

  /**
   * Creates a transient exception.
   *
   * @param message what went wrong
   * @param cause the underlying failure, if any
   * @param statusCode the HTTP status code, or {@code 0} when there was no response
   * @param providerMessage the provider's own error message, if it sent one
   * @param retryAfter how long the provider asked to wait ({@code Retry-After}), if it said
   */
  protected Lora4jTransientException(
      String message,
      @Nullable Throwable cause,
      int statusCode,
      @Nullable String providerMessage,
      @Nullable Duration retryAfter) {
    super(message, cause, statusCode, providerMessage);
    this.retryAfter = retryAfter;
  }

  /**
   * Returns how long the provider asked to wait before the next call ({@code Retry-After}, on a
   * 429 or a 503 for example).
   *
   * @return the wait, or empty when the provider did not say
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
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
