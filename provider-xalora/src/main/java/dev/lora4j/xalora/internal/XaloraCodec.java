package dev.lora4j.xalora.internal;

import dev.lora4j.ProtocolException;
import dev.lora4j.ResultDetail;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.spi.OutputUrls;
import dev.lora4j.spi.http.Redactor;
import dev.lora4j.xalora.WorkflowTask;
import dev.lora4j.xalora.XaloraDetails;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Xalora wire format: request bodies of {@code task_create}, {@code task_result_query} and
 * {@code task_cancel}, and the lenient reading of their answers (only {@code task_id} and {@code
 * status} are required).
 */
public final class XaloraCodec {

  /** The provider's name. */
  public static final String PROVIDER = "xalora";

  private static final Logger log = LoggerFactory.getLogger(XaloraCodec.class);
  private static final Set<String> UNKNOWN_STATUSES_LOGGED = ConcurrentHashMap.newKeySet();
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  /** A scheme followed by a colon: text that claims to be a URL. */
  private static final Pattern URL_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

  private final JsonMapper json;
  private final RandomGenerator random;

  /**
   * Creates a codec.
   *
   * @param json the mapper
   * @param random the source of job id suffixes
   */
  public XaloraCodec(JsonMapper json, RandomGenerator random) {
    this.json = json;
    this.random = random;
  }

  /**
   * Makes a job id: the prefix, a dash and 10 random lower-case hex characters.
   *
   * @param prefix the prefix
   * @return the job id
   */
  public String jobId(String prefix) {
    char[] suffix = new char[10];
    for (int i = 0; i < suffix.length; i++) {
      suffix[i] = HEX[random.nextInt(16)];
    }
    return prefix + "-" + new String(suffix);
  }

  /**
   * Builds the {@code task_create} body.
   *
   * @param task the task
   * @param credentials the credentials to send (the task's own where it has them)
   * @param jobId the job id
   * @return the body, with the fields in the spec's order
   */
  public ObjectNode createBody(WorkflowTask task, XaloraCredentials credentials, String jobId) {
    ObjectNode body = json.createObjectNode();
    body.put("consumer_id", credentials.consumerId());
    body.put("api_key", credentials.apiKey());
    body.put("task_type", task.taskType());
    ObjectNode parameters = body.putObject("task_details").putObject("parameters");
    for (Map.Entry<String, Object> p : task.parameters().entrySet()) {
      parameters.set(p.getKey(), json.valueToTree(p.getValue()));
    }
    body.put("job_id", jobId);
    body.put("workflow_id", task.workflowId());
    task.timeoutSeconds().ifPresent(t -> body.put("timeout_seconds", t));
    return body;
  }

  /**
   * Builds the body of {@code task_result_query} and {@code task_cancel}.
   *
   * @param taskId the task id
   * @param apiKey the API key
   * @return the body
   */
  public ObjectNode taskBody(String taskId, String apiKey) {
    ObjectNode body = json.createObjectNode();
    body.put("task_id", taskId);
    body.put("api_key", apiKey);
    return body;
  }

  /**
   * Reads the task id from a {@code task_create} answer.
   *
   * @param answer the answer
   * @param redactor masks the credentials sent, in an error's excerpt
   * @return the task id
   * @throws ProtocolException if it has no non-empty {@code task_id}
   */
  public String taskId(JsonNode answer, Redactor redactor) {
    String id = text(answer, "task_id");
    if (id == null || id.isBlank()) {
      throw new ProtocolException("xalora task_create answered without a task_id: " + redactor.excerpt(answer.toString(), 200), null);
    }
    return id;
  }

  /**
   * Reads a {@code task_result_query} answer.
   *
   * @param handle the task asked about
   * @param answer the answer
   * @param redactor masks the task's credentials wherever the sequencer might echo them: the
   *     message, the reason, the raw payload, an error's excerpt
   * @return the update; a terminal one carries the result, with the answer (redacted) as raw payload
   * @throws ProtocolException if {@code status} is missing
   */
  public TaskUpdate update(TaskHandle handle, JsonNode answer, Redactor redactor) {
    String providerStatus = text(answer, "status");
    if (providerStatus == null || providerStatus.isBlank()) {
      throw new ProtocolException("xalora task_result_query answered without a status: " + redactor.excerpt(answer.toString(), 200), null);
    }
    TaskStatus status = status(providerStatus);
    TaskUpdate.Builder update = TaskUpdate.builder(handle, status)
        .providerStatus(providerStatus)
        .observedAt(Instant.now())
        .message(msg(answer, redactor));
    JsonNode queue = answer.get("queue_position");
    if (queue != null && queue.isNumber() && queue.asInt() >= 0 && status == TaskStatus.WAITING) {
      update.queuePosition(queue.asInt());
    }
    if (status.isTerminal()) {
      update.result(result(handle, status, answer, redactor));
    }
    return update.build();
  }

  /**
   * Maps a Xalora status to the neutral one; an unknown status counts as running (and is logged
   * once).
   *
   * @param providerStatus the status string
   * @return the neutral status
   */
  public static TaskStatus status(String providerStatus) {
    switch (providerStatus.strip().toLowerCase(Locale.ROOT)) {
      case "waiting":
        return TaskStatus.WAITING;
      case "running":
        return TaskStatus.RUNNING;
      case "finished":
        return TaskStatus.FINISHED;
      case "failed":
        return TaskStatus.FAILED;
      case "canceled":
      case "cancelled":
        return TaskStatus.CANCELED;
      default:
        if (UNKNOWN_STATUSES_LOGGED.add(providerStatus)) {
          log.warn("Xalora reported an unknown task status '{}'; treating it as running", providerStatus);
        }
        return TaskStatus.RUNNING;
    }
  }

  private TaskResult result(TaskHandle handle, TaskStatus status, JsonNode answer, Redactor redactor) {
    TaskResult.Builder result = TaskResult.builder(handle, status).raw(redactor.redact(answer).toString());
    if (status != TaskStatus.FINISHED) {
      result.error(msg(answer, redactor));
    }
    List<URI> urls = new ArrayList<>();
    collectUrls(handle, answer.get("result"), urls);
    for (URI url : urls) {
      result.output(TaskOutput.of(url, contentType(url), null, -1));
    }
    duration(answer, "inference_latency").ifPresent(d -> result.detail(XaloraDetails.INFERENCE_LATENCY, d));
    duration(answer, "upload_latency").ifPresent(d -> result.detail(XaloraDetails.UPLOAD_LATENCY, d));
    text(result, answer, "miner_id", XaloraDetails.MINER_ID, redactor);
    text(result, answer, "workflow_id", XaloraDetails.WORKFLOW_ID, redactor);
    text(result, answer, "task_type", XaloraDetails.TASK_TYPE, redactor);
    createdAt(answer).ifPresent(t -> result.detail(XaloraDetails.CREATED_AT, t));
    JsonNode resultNode = answer.get("result");
    if (resultNode != null && resultNode.isString() && !resultNode.asString().isBlank()
        && !URL_LIKE.matcher(resultNode.asString().strip()).lookingAt()) {
      result.detail(XaloraDetails.RESULT_TEXT, redactor.redact(resultNode.asString()));
    }
    return result.build();
  }

  /**
   * Collects the output URLs from a string, an array, or an object's values, depth first. Text
   * that is not a URL at all is not an output; a URL of any scheme but http and https is dropped
   * with a warning, as on every provider ({@link OutputUrls}).
   */
  private static void collectUrls(TaskHandle handle, @Nullable JsonNode node, List<URI> urls) {
    if (node == null || node.isNull()) {
      return;
    }
    if (node.isString()) {
      String s = node.asString().strip();
      if (URL_LIKE.matcher(s).lookingAt()) {
        OutputUrls.parse(PROVIDER, handle.id(), "result", s).ifPresent(urls::add);
      }
    } else if (node.isArray() || node.isObject()) {
      for (JsonNode child : node.values()) {
        collectUrls(handle, child, urls);
      }
    }
  }

  static @Nullable String contentType(URI url) {
    String path = url.getPath();
    String lower = path == null ? "" : path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".png")) {
      return "image/png";
    }
    if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
      return "image/jpeg";
    }
    if (lower.endsWith(".webp")) {
      return "image/webp";
    }
    if (lower.endsWith(".gif")) {
      return "image/gif";
    }
    if (lower.endsWith(".mp4")) {
      return "video/mp4";
    }
    if (lower.endsWith(".webm")) {
      return "video/webm";
    }
    return null;
  }

  private static java.util.Optional<Duration> duration(JsonNode answer, String field) {
    JsonNode n = answer.get(field);
    if (n == null || !n.isNumber() || n.asDouble() < 0 || Double.isNaN(n.asDouble())) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Duration.ofNanos(Math.round(n.asDouble() * 1_000_000_000d)));
  }

  /** {@code create_timestamp}, Unix seconds as a JSON number or numeric text. */
  private static java.util.Optional<Instant> createdAt(JsonNode answer) {
    JsonNode n = answer.get("create_timestamp");
    String digits = n == null || !(n.isNumber() || n.isString()) ? "" : n.asString().strip();
    try {
      double seconds = Double.parseDouble(digits);
      return seconds > 0 && seconds < 1e12
          ? java.util.Optional.of(Instant.ofEpochSecond((long) seconds)) : java.util.Optional.empty();
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /** Keeps a field as a text detail, redacted like any text the sequencer answers. */
  private static void text(
      TaskResult.Builder result, JsonNode answer, String field, ResultDetail<String> detail, Redactor redactor) {
    JsonNode n = answer.get(field);
    if (n != null && (n.isString() || n.isNumber()) && !n.asString().isBlank()) {
      result.detail(detail, redactor.redact(n.asString()));
    }
  }

  private static @Nullable String text(JsonNode answer, String field) {
    JsonNode n = answer.get(field);
    if (n == null || n.isNull() || n.isContainer()) {
      return null;
    }
    return n.asString();
  }

  private static @Nullable String msg(JsonNode answer, Redactor redactor) {
    String msg = text(answer, "msg");
    return msg == null ? null : redactor.redact(msg);
  }
}
