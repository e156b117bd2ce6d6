package dev.lora4j;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The task did not reach a terminal status within the watch timeout. Unless the watch was told
 * otherwise ({@link WatchOptions#cancelOnTimeout(boolean)}), lora4j has asked the provider to
 * cancel the task before signalling this.
 */
public class TaskTimeoutException extends Lora4jNonTransientException {

  private static final long serialVersionUID = 1L;

  private final transient @Nullable TaskUpdate lastUpdate;
  /** The timeout that expired. */
  private final Duration timeout;

  /**
   * Creates the exception.
   *
   * @param handle the task that timed out
   * @param timeout the timeout that expired
   * @param lastUpdate the last update seen before the timeout, if any
   */
  public TaskTimeoutException(
      TaskHandle handle, Duration timeout, @Nullable TaskUpdate lastUpdate) {
    super(
        "task " + handle.id() + " on " + handle.provider() + " did not finish within " + timeout
            + (lastUpdate == null ? " (no status received)" : " (last status " + lastUpdate.status() + ")"),
        null,
        0,
        null);
    this.timeout = timeout;
    this.lastUpdate = lastUpdate;
  }

  /**
   * Returns the last update seen before the timeout expired.
   *
   * @return the update, or empty when no status was received at all
   */
  public Optional<TaskUpdate> lastUpdate() {
    return Optional.ofNullable(lastUpdate);
  }

  /**
   * Returns the timeout that expired.
   *
   * @return the timeout
   */
  public Duration timeout() {
    return timeout;
  }
}
