package dev.lora4j.testkit;

import dev.lora4j.testkit.internal.Json;
import dev.lora4j.testkit.internal.WaitingLine;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One simulated Xalora task. All state changes go through {@link #transition}, under the task's
 * lock.
 */
final class XaloraTask extends SimulatedTask {

  final String consumerId;
  final String taskType;
  final String workflowId;
  final String jobId;
  final JsonNode taskDetails;
  final @Nullable JsonNode timeoutSeconds;
  final long createTimestamp;

  private XaloraStatus status = XaloraStatus.WAITING;
  private String msg = "";
  private @Nullable String result;
  private @Nullable String minerId;
  private @Nullable Double inferenceLatency;
  private @Nullable Double uploadLatency;

  private final WaitingLine line;

  XaloraTask(String id, long ordinal, XaloraRequests.Create request, long createTimestamp, WaitingLine line) {
    super(id, ordinal);
    this.line = line;
    this.consumerId = request.consumerId();
    this.taskType = request.taskType();
    this.workflowId = request.workflowId();
    this.jobId = request.jobId();
    this.taskDetails = request.taskDetails().deepCopy();
    this.timeoutSeconds = request.timeoutSeconds();
    this.createTimestamp = createTimestamp;
  }

  synchronized XaloraStatus status() {
    return status;
  }

  @Override
  String wireStatus() {
    return status().wire();
  }

  /** Moves to running on a miner; {@code false} if the task already ended (canceled). */
  synchronized boolean start(String miner) {
    if (!transition(XaloraStatus.RUNNING, "")) {
      return false;
    }
    this.minerId = miner;
    return true;
  }

  synchronized boolean finish(String resultUrl, double inference, double upload) {
    if (!transition(XaloraStatus.FINISHED, "")) {
      return false;
    }
    this.result = resultUrl;
    this.inferenceLatency = inference;
    this.uploadLatency = upload;
    return true;
  }

  synchronized boolean fail(String reason) {
    return transition(XaloraStatus.FAILED, reason);
  }

  synchronized boolean cancel(String reason) {
    return transition(XaloraStatus.CANCELED, reason);
  }

  /**
   * The one place a status changes. A task that already ended stays as it is (a timer lost a race
   * with a cancel): that returns {@code false}. Any other illegal move is a simulator bug.
   */
  private boolean transition(XaloraStatus target, String message) {
    if (status.terminal()) {
      return false;
    }
    if (!status.canMoveTo(target)) {
      throw new IllegalStateException("task " + id + " cannot move from " + status + " to " + target);
    }
    if (status == XaloraStatus.WAITING) {
      line.leave(ordinal);
    }
    status = target;
    reached(target == XaloraStatus.RUNNING, target.terminal());
    msg = Objects.requireNonNull(message);
    if (target.terminal()) {
      timers.dispose();
    }
    return true;
  }

  /** The body {@code task_result_query} returns, with the queue position while waiting. */
  synchronized ObjectNode toJson(int queuePosition) {
    ObjectNode json = Json.object();
    json.put("task_id", id);
    json.put("task_type", taskType);
    json.put("workflow_id", workflowId);
    json.put("status", status.wire());
    if (timeoutSeconds == null) {
      json.putNull("timeout_seconds");
    } else {
      json.set("timeout_seconds", timeoutSeconds.deepCopy());
    }
    json.put("create_timestamp", createTimestamp);
    if (result == null) {
      json.putNull("result");
    } else {
      json.put("result", result);
    }
    if (minerId == null) {
      json.putNull("miner_id");
    } else {
      json.put("miner_id", minerId);
    }
    if (status == XaloraStatus.WAITING) {
      json.put("queue_position", queuePosition);
    } else {
      json.putNull("queue_position");
    }
    if (inferenceLatency == null) {
      json.putNull("inference_latency");
    } else {
      json.put("inference_latency", inferenceLatency);
    }
    if (uploadLatency == null) {
      json.putNull("upload_latency");
    } else {
      json.put("upload_latency", uploadLatency);
    }
    json.set("task_details", taskDetails.deepCopy());
    json.put("msg", msg);
    return json;
  }
}
