package dev.lora4j;

import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * The root of every exception lora4j signals. It is unchecked, like every error that travels
 * through a {@code Mono} or {@code Flux}.
 *
 * <p>Two branches tell a caller whether trying again can help: {@link Lora4jTransientException}
 * (the provider was unreachable, overloaded or rate limiting; the same call may succeed later) and
 * {@link Lora4jNonTransientException} (the call itself is wrong, or the task ended badly; repeating
 * it gives the same answer).
 *
 * <p>The HTTP status code and the provider's own message live here, once: an exception caused by a
 * provider's HTTP response carries that response's status code, also when the provider reported
 * the error in the body of a {@code 200} answer (a Wiro business error is a {@code 200}); an
 * exception that no response caused (a missing provider, a request checked before sending, a
 * dropped connection) has none. Each subclass that a response can cause offers a constructor
 * taking {@code (message, statusCode, providerMessage)}; the others do not.
 *
 * <p>No message of any lora4j exception contains an API key, an API secret or a request signature.
 */
public abstract class Lora4jException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The HTTP status code, {@code 0} when there was no response. */
  private final int statusCode;
  /** The provider's own error message. */
  private final @Nullable String providerMessage;

  /**
   * Creates an exception that is not tied to an HTTP response.
   *
   * @param message what went wrong, naming the offending value where there is one
   * @param cause the underlying failure, if any
   */
  protected Lora4jException(String message, @Nullable Throwable cause) {
    this(message, cause, 0, null);
  }

  /**
   * Creates an exception caused by a provider's HTTP response.
   *
   * @param message what went wrong
   * @param cause the underlying failure, if any
   * @param statusCode the status code of the response, {@code 200} included for an error reported
   *     in a success body; {@code 0} when there was no response
   * @param providerMessage the provider's own error message, if it sent one
   */
  protected Lora4jException(
      String message, @Nullable Throwable cause, int statusCode, @Nullable String providerMessage) {
    super(message, cause);
    this.statusCode = statusCode;
    this.providerMessage = providerMessage;
  }

  /**
   * Returns the HTTP status code of the response that caused this exception ({@code 200} for an
   * error a provider reported in the body of a success answer).
   *
   * @return the status code, or empty when no HTTP response was involved
   */
  public OptionalInt statusCode() {
    return statusCode == 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
  }

  /**
   * Returns the error message the provider sent, with anything that looks like a credential
   * replaced by {@code ***} and cut to at most 300 characters.
   *
   * @return the provider's message, or empty when it sent none
   */
  public Optional<String> providerMessage() {
    return Optional.ofNullable(providerMessage);
  }

  /**
   * Tells whether the failed operation may succeed if tried again later.
   *
   * @return {@code true} for the {@link Lora4jTransientException} branch
   */
  public boolean isTransient() {
    return false;
  }
}
