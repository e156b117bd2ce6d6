package dev.lora4j.xalora;

import dev.lora4j.ResultDetail;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * A task's state as the seed SDK's {@code WorkflowTaskResult} describes it, read from a lora4j
 * {@link TaskUpdate} (its result's {@link XaloraDetails} for the miner and the latencies).
 */
public final class WorkflowTaskResult {

  private final TaskUpdate update;

  private WorkflowTaskResult(TaskUpdate update) {
    this.update = update;
  }

  /**
   * Wraps an update of a Xalora task.
   *
   * @param update the update
   * @return the result view
   */
  public static WorkflowTaskResult of(TaskUpdate update) {
    return new WorkflowTaskResult(Objects.requireNonNull(update, "update"));
  }

  /**
   * Returns the task id ({@code task_id}).
   *
   * @return the id
   */
  public String taskId() {
    return update.handle().id();
  }

  /**
   * Returns the sequencer's status string ({@code status}).
   *
   * @return {@code waiting}, {@code running}, {@code finished}, {@code failed} or {@code canceled}
   */
  public String status() {
    return update.providerStatus();
  }

  /**
   * Returns the neutral status.
   *
   * @return the status
   */
  public TaskStatus taskStatus() {
    return update.status();
  }

  /**
   * Returns the URL of the first output file ({@code result}, for image and video workflows).
   *
   * @return the URL, or empty until the task has finished with an output
   */
  public Optional<String> result() {
    return outputs().stream().findFirst().map(o -> o.url().toString());
  }

  /**
   * Returns every output file the result named.
   *
   * @return the outputs, empty until the task has finished
   */
  public List<TaskOutput> outputs() {
    return update.result().map(TaskResult::outputs).orElse(List.of());
  }

  /**
   * Returns the sequencer's message ({@code msg}), the failure reason of a failed task.
   *
   * @return the message, or empty
   */
  public Optional<String> msg() {
    return update.message();
  }

  /**
   * Returns the position in the queue ({@code queue_position}) while the task waits.
   *
   * @return the position, or empty
   */
  public OptionalInt queuePosition() {
    return update.queuePosition();
  }

  /**
   * Returns the id of the miner that ran the task ({@code miner_id}).
   *
   * @return the id, or empty until the task has ended
   */
  public Optional<String> minerId() {
    return detail(XaloraDetails.MINER_ID);
  }

  /**
   * Returns the inference latency ({@code inference_latency}).
   *
   * @return the latency, or empty until the task has ended
   */
  public Optional<Duration> inferenceLatency() {
    return detail(XaloraDetails.INFERENCE_LATENCY);
  }

  /**
   * Returns the upload latency ({@code upload_latency}).
   *
   * @return the latency, or empty until the task has ended
   */
  public Optional<Duration> uploadLatency() {
    return detail(XaloraDetails.UPLOAD_LATENCY);
  }

  /**
   * Returns the sequencer's answer as JSON text, on a terminal task.
   *
   * @return the JSON, or empty
   */
  public Optional<String> raw() {
    return update.result().flatMap(TaskResult::raw);
  }

  /**
   * Returns the lora4j update this view reads.
   *
   * @return the update
   */
  public TaskUpdate update() {
    return update;
  }

  private <T> Optional<T> detail(ResultDetail<T> key) {
    return update.result().flatMap(r -> r.detail(key));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof WorkflowTaskResult r && update.equals(r.update);
  }

  @Override
  public int hashCode() {
    return update.hashCode();
  }

  @Override
  public String toString() {
    return "WorkflowTaskResult{taskId=" + taskId() + ", status=" + status()
        + outputs().stream().findFirst().map(o -> ", result=" + o).orElse("") + msg().map(m -> ", msg=" + m).orElse("") + "}";
  }
}
