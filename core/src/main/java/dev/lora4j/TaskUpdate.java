package dev.lora4j;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * One observation of a task's status, as {@link TaskClient#watch} and {@link TaskClient#status}
 * emit it.
 *
 * <p>Besides the neutral {@link #status()} it keeps the provider's own status string, the queue
 * position and progress when the provider reports them, and, on the terminal update only, the
 * {@link #result()}. Two updates are the same observation ({@link #sameStateAs(TaskUpdate)}) when
 * they differ at most in {@link #observedAt()} and the result's raw payload; a status stream never
 * emits two such updates in a row.
 */
public final class TaskUpdate {

  private final TaskHandle handle;
  private final TaskStatus status;
  private final String providerStatus;
  private final Instant observedAt;
  private final int queuePosition;
  private final double progress;
  private final @Nullable String message;
  private final @Nullable TaskResult result;
  private final @Nullable Duration pollAfter;

  private TaskUpdate(Builder b) {
    this.handle = b.handle;
    this.status = b.status;
    this.providerStatus = b.providerStatus == null ? b.status.name().toLowerCase(java.util.Locale.ROOT) : b.providerStatus;
    this.observedAt = b.observedAt == null ? Instant.now() : b.observedAt;
    this.queuePosition = b.queuePosition;
    this.progress = b.progress;
    this.message = b.message;
    if (b.result != null && !b.status.isTerminal()) {
      throw new IllegalArgumentException("only a terminal update carries a result, status was " + b.status);
    }
    if (b.result != null && (b.result.status() != b.status || !b.result.handle().equals(b.handle))) {
      throw new IllegalArgumentException(
          "the result (" + b.result.status() + ") must be of the same task and status as the update (" + b.status + ")");
    }
    this.result = b.result;
    this.pollAfter = b.pollAfter;
  }

  /**
   * Starts an update. For providers, which make updates from their answers, and for tests;
   * applications receive updates from a {@link TaskClient}.
   *
   * @param handle the task observed
   * @param status its neutral status
   * @return a builder
   */
  public static Builder builder(TaskHandle handle, TaskStatus status) {
    return new Builder(handle, status);
  }

  /**
   * Returns a builder holding this update's values, to derive a changed copy.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(handle, status);
    b.providerStatus = providerStatus;
    b.observedAt = observedAt;
    b.queuePosition = queuePosition;
    b.progress = progress;
    b.message = message;
    b.result = result;
    b.pollAfter = pollAfter;
    return b;
  }

  /**
   * Returns the task observed.
   *
   * @return the handle
   */
  public TaskHandle handle() {
    return handle;
  }

  /**
   * Returns the neutral status.
   *
   * @return the status
   */
  public TaskStatus status() {
    return status;
  }

  /**
   * Returns the provider's own status string, such as {@code waiting} (Xalora) or {@code
   * task_preprocess_start} (Wiro).
   *
   * @return the raw status
   */
  public String providerStatus() {
    return providerStatus;
  }

  /**
   * Returns when this observation was made (when the provider's answer arrived).
   *
   * @return the instant
   */
  public Instant observedAt() {
    return observedAt;
  }

  /**
   * Returns the task's position in the provider's queue.
   *
   * @return the position, or empty when the provider did not report one
   */
  public OptionalInt queuePosition() {
    return queuePosition < 0 ? OptionalInt.empty() : OptionalInt.of(queuePosition);
  }

  /**
   * Returns how far the task has come, from {@code 0.0} to {@code 1.0}.
   *
   * @return the progress, or empty when the provider did not report any
   */
  public OptionalDouble progress() {
    return Double.isNaN(progress) ? OptionalDouble.empty() : OptionalDouble.of(progress);
  }

  /**
   * Returns a short human-readable message the provider attached (a log line, a reason).
   *
   * @return the message, or empty
   */
  public Optional<String> message() {
    return Optional.ofNullable(message);
  }

  /**
   * Returns the task's result; present exactly on a terminal update.
   *
   * @return the result, or empty while the task is not terminal
   */
  public Optional<TaskResult> result() {
    return Optional.ofNullable(result);
  }

  /**
   * Returns how long the provider asked a poller to wait before asking again, as a {@code
   * Retry-After} header on this status answer. An adaptive {@link PollSchedule} waits at least that
   * long before the next poll. A hint about polling, not part of the task's state: {@link
   * #sameStateAs}, {@link #equals} and {@link #hashCode} ignore it.
   *
   * @return the suggested delay, or empty when the provider suggested none
   */
  public Optional<Duration> pollAfter() {
    return Optional.ofNullable(pollAfter);
  }

  /**
   * Tells whether {@code other} reports the same thing as this update: the same task, status,
   * provider status, queue position, progress and message, and equal outputs and error in the
   * result. The observation time and the raw payload are ignored.
   *
   * @param other another update
   * @return {@code true} when emitting {@code other} after this one would tell a subscriber nothing
   *     new
   */
  public boolean sameStateAs(TaskUpdate other) {
    return handle.equals(other.handle)
        && status == other.status
        && providerStatus.equals(other.providerStatus)
        && queuePosition == other.queuePosition
        && Double.compare(progress, other.progress) == 0
        && Objects.equals(message, other.message)
        && sameResult(result, other.result);
  }

  private static boolean sameResult(@Nullable TaskResult a, @Nullable TaskResult b) {
    if (a == null || b == null) {
      return a == b;
    }
    return a.outputs().equals(b.outputs()) && a.error().equals(b.error());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TaskUpdate other
        && sameStateAs(other)
        && observedAt.equals(other.observedAt)
        && Objects.equals(result, other.result);
  }

  @Override
  public int hashCode() {
    return Objects.hash(handle, status, providerStatus, observedAt, queuePosition, progress, message, result);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("TaskUpdate{").append(handle.provider()).append(':')
        .append(handle.id()).append(", ").append(status).append(" (").append(providerStatus).append(')');
    if (queuePosition >= 0) {
      b.append(", queuePosition=").append(queuePosition);
    }
    if (!Double.isNaN(progress)) {
      b.append(", progress=").append(progress);
    }
    if (message != null) {
      b.append(", message=").append(message);
    }
    if (result != null) {
      b.append(", result=").append(result);
    }
    if (pollAfter != null) {
      b.append(", pollAfter=").append(pollAfter);
    }
    return b.append(", at ").append(observedAt).append('}').toString();
  }

  /** Builds a {@link TaskUpdate}, for providers and tests. Not thread-safe. */
  public static final class Builder {
    private final TaskHandle handle;
    private final TaskStatus status;
    private @Nullable String providerStatus;
    private @Nullable Instant observedAt;
    private int queuePosition = -1;
    private double progress = Double.NaN;
    private @Nullable String message;
    private @Nullable TaskResult result;
    private @Nullable Duration pollAfter;

    private Builder(TaskHandle handle, TaskStatus status) {
      this.handle = Objects.requireNonNull(handle, "handle");
      this.status = Objects.requireNonNull(status, "status");
    }

    /**
     * Sets the provider's own status string; defaults to the neutral status in lower case.
     *
     * @param providerStatus the raw status
     * @return this builder
     */
    public Builder providerStatus(String providerStatus) {
      this.providerStatus = Objects.requireNonNull(providerStatus, "providerStatus");
      return this;
    }

    /**
     * Sets when the observation was made; defaults to the time {@link #build()} runs.
     *
     * @param observedAt the instant
     * @return this builder
     */
    public Builder observedAt(Instant observedAt) {
      this.observedAt = Objects.requireNonNull(observedAt, "observedAt");
      return this;
    }

    /**
     * Sets the queue position.
     *
     * @param queuePosition the position, zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder queuePosition(int queuePosition) {
      if (queuePosition < 0) {
        throw new IllegalArgumentException("queuePosition must not be negative, was " + queuePosition);
      }
      this.queuePosition = queuePosition;
      return this;
    }

    /**
     * Sets the progress.
     *
     * @param progress a fraction from {@code 0.0} to {@code 1.0}
     * @return this builder
     * @throws IllegalArgumentException if outside that range
     */
    public Builder progress(double progress) {
      if (!(progress >= 0.0 && progress <= 1.0)) {
        throw new IllegalArgumentException("progress must be between 0.0 and 1.0, was " + progress);
      }
      this.progress = progress;
      return this;
    }

    /**
     * Sets a short human-readable message; blank means none.
     *
     * @param message the message, or {@code null}
     * @return this builder
     */
    public Builder message(@Nullable String message) {
      this.message = message == null || message.isBlank() ? null : message;
      return this;
    }

    /**
     * Sets the result of a terminal update.
     *
     * @param result the result, of the same task and status, or {@code null}
     * @return this builder
     */
    public Builder result(@Nullable TaskResult result) {
      this.result = result;
      return this;
    }

    /**
     * Sets the delay the provider suggested before the next poll (its {@code Retry-After} on the
     * status answer).
     *
     * @param pollAfter zero or more, or {@code null} for none
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder pollAfter(@Nullable Duration pollAfter) {
      if (pollAfter != null && pollAfter.isNegative()) {
        throw new IllegalArgumentException("pollAfter must not be negative, was " + pollAfter);
      }
      this.pollAfter = pollAfter;
      return this;
    }

    /**
     * Builds the update.
     *
     * @return the immutable update
     * @throws IllegalArgumentException if a result is set on a non-terminal update, or the result's
     *     task or status differs from the update's
     */
    public TaskUpdate build() {
      return new TaskUpdate(this);
    }
  }
}
