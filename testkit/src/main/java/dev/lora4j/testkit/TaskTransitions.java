package dev.lora4j.testkit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a simulated task really changed state, by the simulator's wall clock ({@link Instant#now()}
 * at the change), so that a benchmark can tell how late a client saw each change.
 *
 * @param taskId the task
 * @param created when the simulator accepted the submission
 * @param running when the task left the queue (Xalora {@code running}; Wiro: the first status
 *     after {@code task_queue}); empty while it waits, or when it ended without running
 * @param ended when it reached its terminal status; empty while it has not
 */
public record TaskTransitions(String taskId, Instant created, Optional<Instant> running, Optional<Instant> ended) {

  /**
   * Checks the values.
   *
   * @param taskId the task
   * @param created when it was accepted
   * @param running when it left the queue, if it did
   * @param ended when it ended, if it did
   * @throws NullPointerException if any is {@code null}
   */
  public TaskTransitions {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(running, "running");
    Objects.requireNonNull(ended, "ended");
  }
}
