package dev.lora4j;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The provider could not be reached or answered with a server error (HTTP 5xx, a dropped
 * connection, a timeout). Transient: the same call may succeed later.
 *
 * <p>{@link #requestSent()} tells whether the request may have reached the provider. A submission
 * is billed, so lora4j retries a submission only when it certainly did not.
 */
public class ProviderUnavailableException extends Lora4jTransientException {

  private static final long serialVersionUID = 1L;

  /** Whether the request may have reached the provider. */
  private final boolean requestSent;

  /**
   * Creates the exception for a failure without an HTTP response.
   *
   * @param message what went wrong
   * @param cause the underlying I/O failure, if any
   * @param requestSent {@code false} only when the connection could not even be established
   */
  public ProviderUnavailableException(
      String message, @Nullable Throwable cause, boolean requestSent) {
    super(message, cause, 0, null, null);
    this.requestSent = requestSent;
  }

  /**
   * Creates the exception for a server error response.
   *
   * @param message what went wrong
   * @param statusCode the HTTP status code
   * @param providerMessage the provider's own error message, if it sent one
   */
  public ProviderUnavailableException(
      String message, int statusCode, @Nullable String providerMessage) {
    this(message, statusCode, providerMessage, null);
  }

  /**
   * Creates the exception for a server error response that said when to try again (a 503 with
   * {@code Retry-After}, say).
   *
   * @param message what went wrong
   * @param statusCode the HTTP status code
   * @param providerMessage the provider's own error message, if it sent one
   * @param retryAfter how long the provider asked to wait, if it said
   */
  public ProviderUnavailableException(
      String message, int statusCode, @Nullable String providerMessage, @Nullable Duration retryAfter) {
    super(message, null, statusCode, providerMessage, retryAfter);
    this.requestSent = true;
  }

  /**
   * Tells whether the request may have reached the provider.
   *
   * @return {@code false} only when the connection could not be established, so the provider
   *     certainly never saw the request; {@code true} otherwise
   */
  public boolean requestSent() {
    return requestSent;
  }
}
