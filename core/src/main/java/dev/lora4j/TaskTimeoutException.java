package dev.lora4j;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The task did not reach a terminal status within the watch timeout. Unless the watch was told
 * otherwise ({@link WatchOptions#cancelOnTimeout(boolean)}), lora4j has asked the provider to
 * cancel the task before signalling this; {@link #canceled()} tells whether that worked, and the
 * message says so.
 */
public class TaskTimeoutException extends Lora4jNonTransientException {

  private static final long serialVersionUID = 1L;

  private final transient @Nullable TaskUpdate lastUpdate;
  /** The timeout that expired. */
  private final Duration timeout;
  /** The task that timed out. */
  private final TaskHandle handle;
  /** Whether the task was canceled on the provider. */
  private final boolean canceled;

  /**
   * Creates the exception.
   *
   * @param handle the task that timed out
   * @param timeout the timeout that expired
   * @param lastUpdate the last update seen before the timeout, if any
   * @param canceled whether the task was canceled on the provider before this was signalled
   * @param cancelFailure why canceling it failed, or {@code null} when it was not tried or worked;
   *     kept as a suppressed exception
   */
  public TaskTimeoutException(
      TaskHandle handle,
      Duration timeout,
      @Nullable TaskUpdate lastUpdate,
      boolean canceled,
      @Nullable Throwable cancelFailure) {
    super(
        "task " + handle.id() + " on " + handle.provider() + " did not finish within " + timeout
            + (lastUpdate == null ? " (no status received)" : " (last status " + lastUpdate.status() + ")")
            + (canceled ? "; it was canceled"
                : cancelFailure != null ? "; canceling it failed: " + cancelFailure.getMessage()
                : "; it was left running"),
        null);
    this.timeout = timeout;
    this.lastUpdate = lastUpdate;
    this.handle = handle;
    this.canceled = canceled;
    if (cancelFailure != null) {
      addSuppressed(cancelFailure);
    }
  }

  /**
   * Tells whether lora4j canceled the task on the provider before signalling the timeout. It is
   * {@code false} when {@link WatchOptions#cancelOnTimeout(boolean)} was off, or when canceling
   * failed (then the failure is a {@linkplain #getSuppressed() suppressed} exception): the task may
   * still be running, and billed.
   *
   * @return {@code true} when the task was canceled
   */
  public boolean canceled() {
    return canceled;
  }

  /**
   * Returns the task that timed out, to cancel or watch it again.
   *
   * @return the handle
   */
  public TaskHandle handle() {
    return handle;
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
