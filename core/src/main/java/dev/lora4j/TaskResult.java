package dev.lora4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a task ended with: its terminal status, the files it produced, the provider's failure reason,
 * the timings and provider-specific facts the provider reported, and the provider's raw payload.
 *
 * <p>Instances are immutable; build them with {@link #builder(TaskHandle, TaskStatus)}.
 */
public final class TaskResult {

  private final TaskHandle handle;
  private final TaskStatus status;
  private final List<TaskOutput> outputs;
  private final @Nullable String error;
  private final Map<String, Duration> timings;
  private final Map<String, String> attributes;
  private final @Nullable String raw;

  private TaskResult(Builder b) {
    this.handle = b.handle;
    this.status = b.status;
    this.outputs = List.copyOf(b.outputs);
    this.error = b.error;
    this.timings = Collections.unmodifiableMap(new LinkedHashMap<>(b.timings));
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(b.attributes));
    this.raw = b.raw;
  }

  /**
   * Starts a result for a task in a terminal status.
   *
   * @param handle the task
   * @param status its terminal status
   * @return a builder
   * @throws IllegalArgumentException if {@code status} is not terminal
   */
  public static Builder builder(TaskHandle handle, TaskStatus status) {
    return new Builder(handle, status);
  }

  /**
   * Returns the task this is the result of.
   *
   * @return the handle
   */
  public TaskHandle handle() {
    return handle;
  }

  /**
   * Returns the terminal status.
   *
   * @return {@link TaskStatus#FINISHED}, {@link TaskStatus#FAILED} or {@link TaskStatus#CANCELED}
   */
  public TaskStatus status() {
    return status;
  }

  /**
   * Returns the files the task produced, in the provider's order.
   *
   * @return an immutable list, empty when the task produced nothing
   */
  public List<TaskOutput> outputs() {
    return outputs;
  }

  /**
   * Returns the provider's reason for a failure or cancellation.
   *
   * @return the reason, or empty when the provider gave none
   */
  public Optional<String> error() {
    return Optional.ofNullable(error);
  }

  /**
   * Returns the durations the provider reported, by name in the provider's order. Each provider
   * documents its names (for example {@code inference} and {@code upload} on Xalora, {@code
   * elapsed} on Wiro).
   *
   * @return an immutable map, empty when the provider reported none
   */
  public Map<String, Duration> timings() {
    return timings;
  }

  /**
   * Returns provider-specific facts about the task, by name (for example the worker's id or the
   * task's cost). Each provider documents its names.
   *
   * @return an immutable map, empty when there are none
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  /**
   * Returns the provider's payload that described the terminal status, as JSON text. Credentials
   * sent in a request never appear here.
   *
   * @return the JSON text, or empty when the provider sent none
   */
  public Optional<String> raw() {
    return Optional.ofNullable(raw);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TaskResult other
        && handle.equals(other.handle)
        && status == other.status
        && outputs.equals(other.outputs)
        && Objects.equals(error, other.error)
        && timings.equals(other.timings)
        && attributes.equals(other.attributes)
        && Objects.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Objects.hash(handle, status, outputs, error, timings, attributes, raw);
  }

  @Override
  public String toString() {
    return "TaskResult{" + handle.provider() + ":" + handle.id() + ", status=" + status
        + ", outputs=" + outputs + (error == null ? "" : ", error=" + error)
        + (timings.isEmpty() ? "" : ", timings=" + timings)
        + (attributes.isEmpty() ? "" : ", attributes=" + attributes) + "}";
  }

  /** Builds a {@link TaskResult}. Not thread-safe. */
  public static final class Builder {
    private final TaskHandle handle;
    private final TaskStatus status;
    private final List<TaskOutput> outputs = new ArrayList<>();
    private @Nullable String error;
    private final Map<String, Duration> timings = new LinkedHashMap<>();
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private @Nullable String raw;

    private Builder(TaskHandle handle, TaskStatus status) {
      this.handle = Objects.requireNonNull(handle, "handle");
      this.status = Objects.requireNonNull(status, "status");
      if (!status.isTerminal()) {
        throw new IllegalArgumentException("a result needs a terminal status, was " + status);
      }
    }

    /**
     * Adds an output file.
     *
     * @param output the file
     * @return this builder
     */
    public Builder output(TaskOutput output) {
      outputs.add(Objects.requireNonNull(output, "output"));
      return this;
    }

    /**
     * Adds output files.
     *
     * @param outputs the files, in order
     * @return this builder
     */
    public Builder outputs(List<TaskOutput> outputs) {
      outputs.forEach(this::output);
      return this;
    }

    /**
     * Sets the provider's failure or cancellation reason; blank means none.
     *
     * @param error the reason, or {@code null}
     * @return this builder
     */
    public Builder error(@Nullable String error) {
      this.error = error == null || error.isBlank() ? null : error;
      return this;
    }

    /**
     * Records a duration the provider reported.
     *
     * @param name the timing's name, as the provider documents it
     * @param duration the duration, not negative
     * @return this builder
     * @throws IllegalArgumentException if the duration is negative
     */
    public Builder timing(String name, Duration duration) {
      Objects.requireNonNull(name, "name");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("timing " + name + " must not be negative, was " + duration);
      }
      timings.put(name, duration);
      return this;
    }

    /**
     * Records a provider-specific fact.
     *
     * @param name the fact's name, as the provider documents it
     * @param value its value
     * @return this builder
     */
    public Builder attribute(String name, String value) {
      attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the provider's payload as JSON text (already free of credentials).
     *
     * @param raw the JSON text, or {@code null}
     * @return this builder
     */
    public Builder raw(@Nullable String raw) {
      this.raw = raw;
      return this;
    }

    /**
     * Builds the result.
     *
     * @return the immutable result
     */
    public TaskResult build() {
      return new TaskResult(this);
    }
  }
}
