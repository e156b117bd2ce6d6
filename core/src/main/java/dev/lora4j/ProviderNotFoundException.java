package dev.lora4j;

import org.jspecify.annotations.Nullable;

/**
 * No provider could be chosen: none is on the class path, the requested name is not among them, or
 * several are and nothing says which. The message lists every provider found and how to choose one.
 * No HTTP response is involved, so {@link #statusCode()} is always empty.
 */
public class ProviderNotFoundException extends Lora4jNonTransientException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the offending value where there is one
   */
  public ProviderNotFoundException(String message) {
    super(message, null);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the offending value where there is one
   * @param cause the underlying failure, if any
   */
  public ProviderNotFoundException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
