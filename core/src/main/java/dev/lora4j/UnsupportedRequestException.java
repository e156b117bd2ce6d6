package dev.lora4j;

import org.jspecify.annotations.Nullable;

/**
 * The chosen provider cannot honour this request at all: another provider's typed task, or a field
 * or value the provider has no way to carry out (several images from a one-image workflow, a
 * parameter its model does not have). It is signalled before anything is sent, so {@link
 * #statusCode()} is always empty. A value the provider supports in principle but outside its
 * documented range is an {@link InvalidRequestException} instead (the rule is stated on {@link
 * dev.lora4j.spi.TaskProvider#submit}).
 */
public class UnsupportedRequestException extends Lora4jNonTransientException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the offending value where there is one
   */
  public UnsupportedRequestException(String message) {
    super(message, null);
  }

  /**
   * Creates the exception with its cause.
   *
   * @param message what went wrong, naming the offending value where there is one
   * @param cause the underlying failure, if any
   */
  public UnsupportedRequestException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
