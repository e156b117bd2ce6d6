package dev.lora4j.internal;

import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a task's status stream applies a transition. It remembers the last update it
 * let through and decides for each new one: emit it, or drop it because it reports nothing new, goes
 * backwards (a stale replica), or comes after the end. Not thread-safe: one tracker serves one
 * serialized stream.
 */
final class StatusTracker {

  private static final Logger log = LoggerFactory.getLogger(StatusTracker.class);

  private @Nullable TaskUpdate last;

  /**
   * Applies an observed update.
   *
   * @param next the observation
   * @return the update to emit (with a result added to a terminal update that lacks one), or
   *     {@code null} to drop it
   */
  @Nullable TaskUpdate apply(TaskUpdate next) {
    TaskUpdate previous = last;
    if (previous != null) {
      TaskStatus from = previous.status();
      if (from.isTerminal()) {
        log.debug("Dropping {} for task {}: it already ended {}", next.status(), next.handle().id(), from);
        return null;
      }
      if (next.status() != from && !from.canMoveTo(next.status())) {
        log.debug("Dropping stale {} for task {} after {}", next.status(), next.handle().id(), from);
        return null;
      }
      if (previous.sameStateAs(next)) {
        return null;
      }
    }
    TaskUpdate accepted = withResult(next);
    last = accepted;
    return accepted;
  }

  /**
   * Returns the last update let through.
   *
   * @return the update, or {@code null} before the first
   */
  @Nullable TaskUpdate last() {
    return last;
  }

  /**
   * Tells whether a terminal update has been let through.
   *
   * @return {@code true} once the task has ended
   */
  boolean ended() {
    TaskUpdate l = last;
    return l != null && l.status().isTerminal();
  }

  static TaskUpdate withResult(TaskUpdate update) {
    if (!update.status().isTerminal() || update.result().isPresent()) {
      return update;
    }
    return update.toBuilder()
        .result(TaskResult.builder(update.handle(), update.status()).error(update.message().orElse(null)).build())
        .build();
  }
}
