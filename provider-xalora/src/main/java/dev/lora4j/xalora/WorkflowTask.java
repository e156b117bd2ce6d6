package dev.lora4j.xalora;

import dev.lora4j.TaskRequest;
import dev.lora4j.spi.Range;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A task of one Xalora sequencer workflow, as the seed SDK's {@code WorkflowTask}: the parameters of
 * the workflow plus the settings every workflow shares ({@code workflow_id}, {@code job_id_prefix},
 * {@code timeout_seconds}, and per-task {@code consumer_id} / {@code api_key} that override the
 * client's credentials for this task only).
 *
 * <p>Parameters left unset are left out of the request body; the sequencer applies its defaults.
 */
public abstract sealed class WorkflowTask implements TaskRequest
    permits FluxLoraTask, UpscalerTask, Text2VideoTask {

  /** The job id prefix used when none is set. */
  public static final String DEFAULT_JOB_ID_PREFIX = "sdk-workflow";
  /** The longest sequencer-side timeout accepted, in seconds (a day). */
  public static final int MAX_TIMEOUT_SECONDS = 86_400;

  private static final Range TIMEOUT_SECONDS = Range.of(1, MAX_TIMEOUT_SECONDS);

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final @Nullable String workflowId;
  private final String jobIdPrefix;
  private final @Nullable Integer timeoutSeconds;
  private final @Nullable String consumerId;
  private final @Nullable String apiKey;

  WorkflowTask(Builder<?, ?> b, @Nullable String defaultWorkflowId) {
    this.workflowId = b.workflowId != null ? b.workflowId : defaultWorkflowId;
    this.jobIdPrefix = b.jobIdPrefix;
    this.timeoutSeconds = b.timeoutSeconds;
    this.consumerId = b.consumerId;
    this.apiKey = b.apiKey;
  }

  /**
   * Returns the {@code task_type} sent to the sequencer.
   *
   * @return {@code txt2img}, {@code upscaler} or {@code txt2vid}
   */
  public abstract String taskType();

  /**
   * Returns the workflow's {@link #taskType() task type}: tasks of one workflow are alike in
   * duration.
   *
   * @return {@code txt2img}, {@code upscaler} or {@code txt2vid}
   */
  @Override
  public String kind() {
    return taskType();
  }

  /**
   * Returns the workflow's parameters exactly as they go into {@code task_details.parameters}, in
   * order, unset ones left out.
   *
   * @return an immutable map of JSON-compatible values
   */
  public abstract Map<String, Object> parameters();

  /**
   * Returns the workflow id sent as {@code workflow_id}.
   *
   * @return the id
   */
  public String workflowId() {
    return Objects.requireNonNull(workflowId);
  }

  /**
   * Returns the prefix of the generated {@code job_id} ({@code <prefix>-<10 hex chars>}).
   *
   * @return the prefix, {@value #DEFAULT_JOB_ID_PREFIX} by default
   */
  public String jobIdPrefix() {
    return jobIdPrefix;
  }

  /**
   * Returns the sequencer-side timeout sent as {@code timeout_seconds}: the sequencer cancels the
   * task if it has not finished by then.
   *
   * @return the seconds, or empty when not set (then not sent)
   */
  public OptionalInt timeoutSeconds() {
    return timeoutSeconds == null ? OptionalInt.empty() : OptionalInt.of(timeoutSeconds);
  }

  /**
   * Returns {@link #timeoutSeconds()} as the watch timeout of {@link dev.lora4j.TaskClient#run}.
   *
   * @return the timeout, or empty
   */
  @Override
  public Optional<Duration> timeout() {
    return timeoutSeconds == null ? Optional.empty() : Optional.of(Duration.ofSeconds(timeoutSeconds));
  }

  /**
   * Returns the consumer id that overrides the client's for this task.
   *
   * @return the consumer id, or empty to use the client's
   */
  public Optional<String> consumerId() {
    return Optional.ofNullable(consumerId);
  }

  /**
   * Returns the API key that overrides the client's for this task. It never appears in {@code
   * toString()}.
   *
   * @return the key, or empty to use the client's
   */
  public Optional<String> apiKey() {
    return Optional.ofNullable(apiKey);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "{workflowId=" + workflowId + ", taskType=" + taskType()
        + ", parameters=" + parameters() + ", jobIdPrefix=" + jobIdPrefix
        + (timeoutSeconds == null ? "" : ", timeoutSeconds=" + timeoutSeconds)
        + (consumerId == null ? "" : ", consumerId=" + consumerId)
        + (apiKey == null ? "" : ", apiKey=***") + "}";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof WorkflowTask t
        && getClass() == t.getClass()
        && Objects.equals(workflowId, t.workflowId)
        && jobIdPrefix.equals(t.jobIdPrefix)
        && Objects.equals(timeoutSeconds, t.timeoutSeconds)
        && Objects.equals(consumerId, t.consumerId)
        && Objects.equals(apiKey, t.apiKey)
        && parameters().equals(t.parameters());
  }

  @Override
  public int hashCode() {
    return Objects.hash(getClass(), workflowId, jobIdPrefix, timeoutSeconds, consumerId, apiKey, parameters());
  }

  static String notBlank(String name, String value) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, was \"" + value + "\"");
    }
    return value;
  }

  /**
   * The settings every workflow's builder shares. Every setter checks its argument at once and
   * names the field and the value it got.
   *
   * @param <T> the task type built
   * @param <B> the concrete builder type
   */
  public abstract static sealed class Builder<T extends WorkflowTask, B extends Builder<T, B>>
      permits FluxLoraTask.Builder, UpscalerTask.Builder, Text2VideoTask.Builder {
    private @Nullable String workflowId;
    private String jobIdPrefix = DEFAULT_JOB_ID_PREFIX;
    private @Nullable Integer timeoutSeconds;
    private @Nullable String consumerId;
    private @Nullable String apiKey;

    Builder() {}

    abstract B self();

    /** Fails unless a workflow id was set; for workflows without a documented default. */
    void requireWorkflowId(String taskType) {
      if (workflowId == null) {
        throw new IllegalStateException(
            "workflowId is required for " + taskType + " tasks: Xalora documents no default workflow for them");
      }
    }

    /**
     * Sets the workflow id.
     *
     * @param workflowId the id, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public B workflowId(String workflowId) {
      this.workflowId = notBlank("workflowId", workflowId).strip();
      return self();
    }

    /**
     * Sets the prefix of the generated job id.
     *
     * @param jobIdPrefix 1 to 64 letters, digits, dots, dashes or underscores
     * @return this builder
     * @throws IllegalArgumentException if it has other characters or is too long
     */
    public B jobIdPrefix(String jobIdPrefix) {
      Objects.requireNonNull(jobIdPrefix, "jobIdPrefix");
      if (!PREFIX.matcher(jobIdPrefix).matches()) {
        throw new IllegalArgumentException(
            "jobIdPrefix must be 1 to 64 letters, digits, '.', '-' or '_', was \"" + jobIdPrefix + "\"");
      }
      this.jobIdPrefix = jobIdPrefix;
      return self();
    }

    /**
     * Sets the sequencer-side timeout; the sequencer cancels the task if it has not finished by
     * then. It is also the default watch timeout of {@link dev.lora4j.TaskClient#run}.
     *
     * @param timeoutSeconds from 1 to {@value WorkflowTask#MAX_TIMEOUT_SECONDS}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public B timeoutSeconds(int timeoutSeconds) {
      this.timeoutSeconds = TIMEOUT_SECONDS.check("timeoutSeconds", timeoutSeconds);
      return self();
    }

    /**
     * Overrides the client's consumer id for this task.
     *
     * @param consumerId the consumer id, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public B consumerId(String consumerId) {
      this.consumerId = notBlank("consumerId", consumerId).strip();
      return self();
    }

    /**
     * Overrides the client's API key for this task. Never printed.
     *
     * @param apiKey the key, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank (the message does not echo it)
     */
    public B apiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey");
      if (apiKey.isBlank()) {
        throw new IllegalArgumentException("apiKey must not be blank");
      }
      this.apiKey = apiKey.strip();
      return self();
    }

    /**
     * Builds the task.
     *
     * @return the immutable task
     * @throws IllegalStateException naming a required parameter that is missing
     */
    public abstract T build();
  }
}
