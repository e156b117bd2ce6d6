package dev.lora4j.testkit;

import java.util.Locale;

/**
 * Wiro task statuses in their documented order, with the one table of legal transitions: forward
 * along the order (the same status again only for repeated output lines), or to
 * {@link #TASK_CANCEL} from any status that has not ended. {@link #TASK_ERROR} as a status is a
 * failure before the model ran, as {@code Task/Detail} reports it: reachable only from a status
 * before {@link #TASK_START}, and final. A stderr line is a {@code task_error} frame, not a move to
 * {@link #TASK_ERROR}.
 */
enum WiroStatus {
  TASK_QUEUE,
  TASK_ACCEPT,
  TASK_PREPROCESS_START,
  TASK_PREPROCESS_END,
  TASK_ASSIGN,
  TASK_START,
  TASK_OUTPUT,
  TASK_ERROR,
  TASK_OUTPUT_FULL,
  TASK_ERROR_FULL,
  TASK_END,
  TASK_POSTPROCESS_START,
  TASK_POSTPROCESS_END,
  TASK_CANCEL;

  String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  boolean terminal() {
    return this == TASK_POSTPROCESS_END || this == TASK_CANCEL || this == TASK_ERROR;
  }

  /** Cancellable with {@code Task/Cancel}. */
  boolean queued() {
    return this == TASK_QUEUE;
  }

  /** Killable with {@code Task/Kill}: accepted by a worker and not yet ended. */
  boolean running() {
    return !queued() && !terminal();
  }

  boolean canMoveTo(WiroStatus target) {
    if (terminal()) {
      return false;
    }
    if (target == TASK_CANCEL) {
      return true;
    }
    if (target == TASK_ERROR) {
      return ordinal() < TASK_START.ordinal();
    }
    if (target == this) {
      return this == TASK_OUTPUT;
    }
    return target.ordinal() > ordinal();
  }
}
