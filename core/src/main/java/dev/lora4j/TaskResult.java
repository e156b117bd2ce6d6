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
 * the typed details the provider reported ({@link #detail(ResultDetail)}), and the provider's raw
 * payload.
 *
 * <p>Instances are immutable. Applications receive them from a {@link TaskClient}; {@link
 * #builder(TaskHandle, TaskStatus)} is for providers and tests.
 */
public final class TaskResult {

  private final TaskHandle handle;
  private final TaskStatus status;
  private final List<TaskOutput> outputs;
  private final @Nullable String error;
  private final Map<ResultDetail<?>, Object> details;
  private final @Nullable String raw;

  private TaskResult(Builder b) {
    this.handle = b.handle;
    this.status = b.status;
    this.outputs = List.copyOf(b.outputs);
    this.error = b.error;
    this.details = Collections.unmodifiableMap(new LinkedHashMap<>(b.details));
    this.raw = b.raw;
  }

  /**
   * Starts a result for a task in a terminal status. For providers, which make results from their
   * answers, and for tests; applications receive results from a {@link TaskClient}.
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
   * Returns a detail the provider reported, such as {@code XaloraDetails.MINER_ID} or {@code
   * WiroDetails.COST}. Each provider module declares its keys and says when it reports them.
   *
   * @param key the detail's key
   * @param <T> the type of its value
   * @return the value, or empty when the provider did not report it (or the key is another
   *     provider's)
   */
  public <T> Optional<T> detail(ResultDetail<T> key) {
    Objects.requireNonNull(key, "key");
    return Optional.ofNullable(details.get(key)).map(key.type()::cast);
  }

  /**
   * Returns every detail the provider reported, in the provider's order, for code that shows them
   * without knowing the provider (a key's {@link ResultDetail#name()} is its label). Each value is
   * of its key's {@link ResultDetail#type()}.
   *
   * @return an immutable map, empty when the provider reported none
   */
  public Map<ResultDetail<?>, Object> details() {
    return details;
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
        && details.equals(other.details)
        && Objects.equals(raw, other.raw);
  }

  @Override
  public int hashCode() {
    return Objects.hash(handle, status, outputs, error, details, raw);
  }

  @Override
  public String toString() {
    return "TaskResult{" + handle.provider() + ":" + handle.id() + ", status=" + status
        + ", outputs=" + outputs + (error == null ? "" : ", error=" + error)
        + (details.isEmpty() ? "" : ", details=" + details) + "}";
  }

  /** Builds a {@link TaskResult}, for providers and tests. Not thread-safe. */
  public static final class Builder {
    private final TaskHandle handle;
    private final TaskStatus status;
    private final List<TaskOutput> outputs = new ArrayList<>();
    private @Nullable String error;
    private final Map<ResultDetail<?>, Object> details = new LinkedHashMap<>();
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
     * Records a detail the provider reported; recording a key again replaces its value but keeps
     * its place. Text from the provider must be redacted already, as every text a result holds.
     *
     * @param key the detail's key, declared by the provider module
     * @param value its value; a {@link Duration} must not be negative
     * @param <T> the type of the value
     * @return this builder
     * @throws IllegalArgumentException if the value is not of the key's type (an unchecked call) or
     *     is a negative duration
     */
    public <T> Builder detail(ResultDetail<T> key, T value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, key.name());
      if (!key.type().isInstance(value)) {
        throw new IllegalArgumentException("detail " + key.name() + " takes a " + key.type().getName()
            + ", was a " + value.getClass().getName());
      }
      if (value instanceof Duration d && d.isNegative()) {
        throw new IllegalArgumentException("detail " + key.name() + " must not be negative, was " + d);
      }
      details.put(key, value);
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
