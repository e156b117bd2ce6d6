package dev.lora4j.journal;

import dev.lora4j.Lora4jNonTransientException;
import org.jspecify.annotations.Nullable;

/**
 * The journal cannot be used: its database cannot be opened, is not a journal, has a schema newer
 * than this lora4j, or a key was used for two different requests. Messages name the database
 * (never its password) and never hold a request's prompt.
 */
public class JournalException extends Lora4jNonTransientException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong
   * @param cause the driver's error, or {@code null}
   */
  public JournalException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
