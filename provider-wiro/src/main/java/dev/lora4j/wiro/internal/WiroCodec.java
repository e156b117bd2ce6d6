package dev.lora4j.wiro.internal;

import dev.lora4j.AuthenticationException;
import dev.lora4j.InvalidRequestException;
import dev.lora4j.Lora4jException;
import dev.lora4j.ProtocolException;
import dev.lora4j.RateLimitedException;
import dev.lora4j.ResultDetail;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskNotFoundException;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.spi.OutputUrls;
import dev.lora4j.spi.http.Redactor;
import dev.lora4j.wiro.WiroDetails;
import dev.lora4j.wiro.WiroRun;
import dev.lora4j.wiro.WiroTool;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Wiro wire format: request bodies, the business errors of {@code "result": false} answers,
 * and the lenient reading of tasks, socket frames and tool descriptions (numbers may come as JSON
 * numbers or as text).
 *
 * <table>
 *   <caption>Status mapping of {@code Task/Detail}</caption>
 *   <tr><th>Wiro status</th><th>neutral status</th></tr>
 *   <tr><td>{@code task_queue}</td><td>WAITING</td></tr>
 *   <tr><td>{@code task_accept} to {@code task_postprocess_start}, except {@code
 *       task_error}</td><td>RUNNING</td></tr>
 *   <tr><td>{@code task_postprocess_end}, {@code pexit} {@code "0"}</td><td>FINISHED</td></tr>
 *   <tr><td>{@code task_postprocess_end}, other {@code pexit}</td><td>FAILED, reason {@code debugerror}</td></tr>
 *   <tr><td>{@code task_cancel}</td><td>CANCELED (whatever {@code pexit} says)</td></tr>
 *   <tr><td>{@code task_error}</td><td>FAILED, reason {@code debugerror} (a failure before the model
 *       ran: no further progress can come)</td></tr>
 *   <tr><td>any other status</td><td>RUNNING, the raw status kept, logged once</td></tr>
 * </table>
 *
 * <p>On the socket a {@code task_error} frame is a stderr line: RUNNING, its message the line. Only
 * {@code task_postprocess_end} and {@code task_cancel} frames end a task there.
 */
public final class WiroCodec {

  /** The provider's name. */
  public static final String PROVIDER = "wiro";
  /** The run call's path prefix. */
  public static final String RUN = "Run/";
  /** The task query call. */
  public static final String TASK_DETAIL = "Task/Detail";
  /** Cancels a queued task. */
  public static final String TASK_CANCEL = "Task/Cancel";
  /** Kills a running task. */
  public static final String TASK_KILL = "Task/Kill";
  /** Describes a tool. */
  public static final String TOOL_DETAIL = "Tool/Detail";

  static final String TASK_QUEUE = "task_queue";
  static final String TASK_ERROR = "task_error";
  static final String TASK_POSTPROCESS_END = "task_postprocess_end";
  static final String TASK_CANCEL_STATUS = "task_cancel";

  private static final Set<String> RUNNING = Set.of(
      "task_accept", "task_preprocess_start", "task_preprocess_end", "task_assign", "task_start",
      "task_output", "task_output_full", "task_error_full", "task_end", "task_postprocess_start");
  private static final Set<String> LINE_FRAMES = Set.of("task_output", TASK_ERROR);
  private static final int MAX_MESSAGE = 300;
  private static final int MAX_UNKNOWN_LOGGED = 64;

  private static final Logger log = LoggerFactory.getLogger(WiroCodec.class);
  private static final Set<String> UNKNOWN_STATUSES_LOGGED = ConcurrentHashMap.newKeySet();

  private final JsonMapper json;
  private final Redactor redactor;
  private final String credentials;

  /**
   * Creates a codec.
   *
   * @param json the mapper
   * @param redactor masks credentials in messages and raw payloads
   * @param credentials where the credentials came from (never their values), such as {@code the API
   *     key from environment variable WIRO_API_KEY}, for the messages of sign-in errors
   */
  public WiroCodec(JsonMapper json, Redactor redactor, String credentials) {
    this.json = json;
    this.redactor = redactor;
    this.credentials = credentials;
  }

  /** What a call is, for the meaning of its business error codes. */
  enum Call {
    /** {@code Run/owner/tool}: code 1 is an unknown tool. */
    RUN,
    /** {@code Task/*}: code 1 is an unknown or not cancellable task. */
    TASK,
    /** {@code Tool/Detail}: code 1 is an unknown tool. */
    TOOL
  }

  /**
   * Builds a run's body: the inputs as a flat object, then {@code callbackUrl}.
   *
   * @param run the run
   * @return the body
   */
  public ObjectNode runBody(WiroRun run) {
    ObjectNode body = json.createObjectNode();
    for (Map.Entry<String, Object> input : run.inputs().entrySet()) {
      body.set(input.getKey(), json.valueToTree(input.getValue()));
    }
    run.callbackUrl().ifPresent(url -> body.put("callbackUrl", url.toString()));
    return body;
  }

  /**
   * Builds the body of {@code Task/Detail}, {@code Task/Cancel} and {@code Task/Kill}: the task is
   * always named by {@code taskid}.
   *
   * @param taskId the task id
   * @return the body
   */
  public ObjectNode taskBody(String taskId) {
    ObjectNode body = json.createObjectNode();
    body.put("taskid", taskId);
    return body;
  }

  /**
   * Builds the body of {@code Tool/Detail}.
   *
   * @param slug the tool's slug, {@code owner/tool}
   * @return the body
   */
  public ObjectNode toolBody(String slug) {
    int slash = slug.indexOf('/');
    ObjectNode body = json.createObjectNode();
    body.put("slugowner", slug.substring(0, slash));
    body.put("slugproject", slug.substring(slash + 1));
    return body;
  }

  /**
   * Builds the socket's registration message.
   *
   * @param token the task's socket access token
   * @return {@code {"type":"task_info","tasktoken":"..."}}
   */
  public String registration(String token) {
    ObjectNode message = json.createObjectNode();
    message.put("type", "task_info");
    message.put("tasktoken", token);
    return message.toString();
  }

  /**
   * Reads a run's answer into the task's handle.
   *
   * @param path the called path, for messages
   * @param answer the answer
   * @return the handle, with the socket access token when Wiro sent one
   * @throws Lora4jException for a business error
   * @throws ProtocolException if there is no task id
   */
  public TaskHandle handle(String path, JsonNode answer) {
    checked(path, answer, Call.RUN);
    String id = WiroValues.text(answer, "taskid");
    if (id == null || id.isBlank()) {
      throw new ProtocolException("wiro " + path + " answered without a taskid: " + excerpt(answer), null);
    }
    String token = WiroValues.text(answer, "socketaccesstoken");
    return new TaskHandle(PROVIDER, id.strip(), token == null || token.isBlank() ? null : token.strip());
  }

  /**
   * Reads the task out of a {@code Task/Detail} answer.
   *
   * @param taskId the task asked about
   * @param answer the answer
   * @return the task object
   * @throws TaskNotFoundException for code 1 or an empty or missing {@code tasklist}
   * @throws Lora4jException for another business error
   */
  public JsonNode task(String taskId, JsonNode answer) {
    checked(TASK_DETAIL, answer, Call.TASK);
    JsonNode list = answer.get("tasklist");
    JsonNode task = list != null && list.isArray() && !list.isEmpty() ? list.get(0) : null;
    if (task == null || !task.isObject()) {
      throw new TaskNotFoundException("wiro has no task " + taskId + " (Task/Detail listed no task)", 200, null);
    }
    return task;
  }

  /**
   * Tells whether a {@code Task/Cancel} or {@code Task/Kill} was accepted.
   *
   * @param path the called path
   * @param answer the answer
   * @return {@code null} when accepted, else the refusal's message (code 1: not found or not in a
   *     state this call can end)
   * @throws Lora4jException for any other business error
   */
  public @Nullable String refusal(String path, JsonNode answer) {
    Error error = error(answer);
    if (error != null && error.code == 1) {
      return error.message == null ? "code 1" : error.message;
    }
    checked(path, answer, Call.TASK);
    return null;
  }

  /**
   * Signals the exception of a {@code "result": false} answer, if it is one.
   *
   * @param path the called path, for the message
   * @param answer the answer
   * @param call what kind of call it was
   * @throws Lora4jException mapped from the first error's code: 0 {@link InvalidRequestException},
   *     1 {@link TaskNotFoundException} for task calls and {@link InvalidRequestException} (no such
   *     tool) otherwise, 96 {@link RateLimitedException}, 97 {@link InvalidRequestException}
   *     (insufficient balance), 98 and 99 {@link AuthenticationException}, others {@link
   *     InvalidRequestException}
   */
  void checked(String path, JsonNode answer, Call call) {
    Error error = error(answer);
    if (error == null) {
      return;
    }
    String head = "wiro " + path + " refused" + (error.code == Integer.MIN_VALUE ? "" : " with code " + error.code);
    String says = error.message == null ? "" : ": " + error.message;
    switch (error.code) {
      case 0:
        throw new InvalidRequestException(head + says, 200, error.message);
      case 1:
        if (call == Call.TASK) {
          throw new TaskNotFoundException(head + says + " (no such task, or not in a state for this call)", 200, error.message);
        }
        throw new InvalidRequestException(head + says + " (no such tool?)", 200, error.message);
      case 96:
        throw new RateLimitedException(
            head + says + " (the account's concurrent task limit is reached; try again when a task has ended)",
            200, error.message, null);
      case 97:
        throw new InvalidRequestException(head + says + " (insufficient balance on the Wiro account)", 200, error.message);
      case 98:
      case 99:
        throw new AuthenticationException(head + says + " (check " + credentials + ")", 200, error.message);
      default:
        throw new InvalidRequestException(head + says, 200, error.message);
    }
  }

  /**
   * A business error: the code ({@link Integer#MIN_VALUE} when unreadable) and message ({@code
   * errors[0].message}, else the answer's top-level {@code message}; redacted).
   */
  private record Error(int code, @Nullable String message) {}

  private @Nullable Error error(JsonNode answer) {
    JsonNode result = answer.get("result");
    boolean failed = result != null
        && ((result.isBoolean() && !result.booleanValue())
            || (result.isString() && result.stringValue().strip().equalsIgnoreCase("false")));
    if (!failed) {
      return null;
    }
    JsonNode errors = answer.get("errors");
    JsonNode first = errors != null && errors.isArray() && !errors.isEmpty() ? errors.get(0) : errors;
    int code = Integer.MIN_VALUE;
    String message = null;
    if (first != null && first.isObject()) {
      code = WiroValues.integer(first.get("code"));
      message = WiroValues.text(first, "message");
    } else if (first != null && first.isString()) {
      message = first.stringValue();
    }
    if (message == null || message.isBlank()) {
      message = WiroValues.text(answer, "message");
    }
    return new Error(code, message == null || message.isBlank() ? null : redactor.redact(message.strip()));
  }

  /**
   * Maps a {@code Task/Detail} task to an update; a terminal one carries the result.
   *
   * @param handle the task
   * @param task the task object
   * @return the update
   * @throws ProtocolException if the task has no status
   */
  public TaskUpdate update(TaskHandle handle, JsonNode task) {
    String wire = WiroValues.text(task, "status");
    if (wire == null || wire.isBlank()) {
      throw new ProtocolException("wiro Task/Detail listed task " + handle.id() + " without a status: " + excerpt(task), null);
    }
    wire = wire.strip();
    TaskStatus status = status(wire, WiroValues.text(task, "pexit"));
    TaskUpdate.Builder update = TaskUpdate.builder(handle, status).providerStatus(wire).observedAt(Instant.now());
    if (status.isTerminal()) {
      update.result(result(handle, status, wire, task));
    }
    return update.build();
  }

  /**
   * Maps the status of a {@code Task/Detail} task, as the table above says; an unknown one counts
   * as running and is logged once.
   *
   * @param wire the status string
   * @param pexit the process exit code, needed for {@code task_postprocess_end}, or {@code null}
   * @return the neutral status; {@code task_error} is FAILED
   */
  public static TaskStatus status(String wire, @Nullable String pexit) {
    if (wire.equals(TASK_QUEUE)) {
      return TaskStatus.WAITING;
    }
    if (wire.equals(TASK_ERROR)) {
      return TaskStatus.FAILED;
    }
    if (RUNNING.contains(wire)) {
      return TaskStatus.RUNNING;
    }
    if (wire.equals(TASK_POSTPROCESS_END)) {
      return pexit != null && pexit.strip().equals("0") ? TaskStatus.FINISHED : TaskStatus.FAILED;
    }
    if (wire.equals(TASK_CANCEL_STATUS)) {
      return TaskStatus.CANCELED;
    }
    if (UNKNOWN_STATUSES_LOGGED.size() < MAX_UNKNOWN_LOGGED && UNKNOWN_STATUSES_LOGGED.add(wire)) {
      log.warn("Wiro reported an unknown task status '{}'; treating it as running", wire);
    }
    return TaskStatus.RUNNING;
  }

  /**
   * Tells whether a socket frame's type ends a task (a {@code task_error} frame is a stderr line).
   *
   * @param wire the frame's type
   * @return {@code true} for {@code task_postprocess_end} and {@code task_cancel}
   */
  public static boolean isTerminal(String wire) {
    return wire.equals(TASK_POSTPROCESS_END) || wire.equals(TASK_CANCEL_STATUS);
  }

  private TaskResult result(TaskHandle handle, TaskStatus status, String wire, JsonNode task) {
    TaskResult.Builder result = TaskResult.builder(handle, status).raw(redactor.redact(task).toString());
    if (status == TaskStatus.FAILED) {
      result.error(failure(wire, task));
    }
    JsonNode outputs = task.get("outputs");
    if (outputs != null && outputs.isArray()) {
      for (JsonNode output : outputs) {
        TaskOutput out = output(handle, output);
        if (out != null) {
          result.output(out);
        }
      }
    }
    Duration elapsed = WiroValues.seconds(task.get("elapsedseconds"));
    if (elapsed != null) {
      result.detail(WiroDetails.ELAPSED, elapsed);
    }
    decimal(result, task, "totalcost", WiroDetails.COST);
    decimal(result, task, "cps", WiroDetails.COST_PER_SECOND);
    text(result, task, "uuid", WiroDetails.UUID);
    text(result, task, "pexit", WiroDetails.PEXIT);
    text(result, task, "modelid", WiroDetails.MODEL_ID);
    text(result, task, "modelslugowner", WiroDetails.MODEL_SLUG_OWNER);
    text(result, task, "modelslugproject", WiroDetails.MODEL_SLUG_PROJECT);
    text(result, task, "modeldescription", WiroDetails.MODEL_DESCRIPTION);
    time(result, task, "starttime", WiroDetails.STARTED_AT);
    time(result, task, "endtime", WiroDetails.ENDED_AT);
    return result.build();
  }

  /** The reason of a failed task: its {@code debugerror}, redacted, or what Wiro left out. */
  private String failure(String wire, JsonNode task) {
    String debugError = WiroValues.text(task, "debugerror");
    if (debugError != null && !debugError.isBlank()) {
      return redactor.redact(debugError.strip());
    }
    if (wire.equals(TASK_ERROR)) {
      return "wiro reported task_error (a failure before the model ran) without a debugerror";
    }
    String pexit = WiroValues.text(task, "pexit");
    return "the task ended with pexit '" + (pexit == null ? "" : pexit) + "' and no debugerror";
  }

  private static @Nullable TaskOutput output(TaskHandle handle, JsonNode output) {
    URI url = OutputUrls.parse(PROVIDER, handle.id(), "outputs[].url", WiroValues.text(output, "url")).orElse(null);
    if (url == null) {
      return null;
    }
    long size = WiroValues.integer(output.get("size"));
    return TaskOutput.of(url, WiroValues.text(output, "contenttype"), WiroValues.text(output, "name"), size == Integer.MIN_VALUE || size < 0 ? -1 : size);
  }

  /** One socket frame, as the socket watcher needs it. */
  record Frame(@Nullable TaskUpdate update, boolean terminal) {}

  /**
   * Reads a socket frame.
   *
   * @param handle the task watched
   * @param text the frame's text
   * @return the update it reports, or a terminal marker (the authoritative state is then read with
   *     {@code Task/Detail}), or {@code null} for a frame about something else
   * @throws ProtocolException if the frame is not JSON, or the socket refused the task
   */
  @Nullable Frame frame(TaskHandle handle, String text) {
    // The socket answers too: nothing it echoes of the credentials or the task's token gets through.
    Redactor masking = handle.token() == null ? redactor : redactor.withSecrets(List.of(handle.token()));
    JsonNode frame;
    try {
      frame = masking.maskSecrets(json.readTree(text));
    } catch (JacksonException e) {
      throw new ProtocolException("wiro socket sent a frame that is not JSON: " + masking.excerpt(text, 200), null);
    }
    if (frame == null || !frame.isObject()) {
      return null;
    }
    JsonNode result = frame.get("result");
    if (result != null && result.isBoolean() && !result.booleanValue()) {
      throw new ProtocolException("wiro socket refused task " + handle.id() + ": " + excerpt(frame), null);
    }
    String type = WiroValues.text(frame, "type");
    String id = WiroValues.text(frame, "id");
    if (type == null || type.isBlank() || type.equals("task_info") || (id != null && !id.strip().equals(handle.id()))) {
      return null;
    }
    type = type.strip();
    if (isTerminal(type)) {
      return new Frame(null, true);
    }
    TaskStatus status = type.equals(TASK_ERROR) ? TaskStatus.RUNNING : status(type, null);
    TaskUpdate.Builder update = TaskUpdate.builder(handle, status)
        .providerStatus(type)
        .observedAt(Instant.now());
    JsonNode message = frame.get("message");
    double progress = progress(message);
    if (!Double.isNaN(progress)) {
      update.progress(progress);
    } else if (LINE_FRAMES.contains(type) && message != null && message.isString()) {
      update.message(line(message.stringValue()));
    }
    return new Frame(update.build(), false);
  }

  /**
   * Reads progress from a socket message: an object (or a JSON string of one) with {@code
   * percentage}, else {@code stepCurrent} and {@code stepTotal}; numbers as JSON numbers or text.
   *
   * @param message the frame's {@code message}
   * @return the fraction done, {@code 0.0} to {@code 1.0}, or {@code NaN} when there is none
   */
  double progress(@Nullable JsonNode message) {
    JsonNode m = message;
    if (m != null && m.isString()) {
      String s = m.stringValue().strip();
      if (!s.startsWith("{")) {
        return Double.NaN;
      }
      try {
        m = json.readTree(s);
      } catch (JacksonException e) {
        return Double.NaN;
      }
    }
    if (m == null || !m.isObject()) {
      return Double.NaN;
    }
    double percentage = WiroValues.number(m.get("percentage"));
    if (!Double.isNaN(percentage)) {
      return clamp(percentage / 100.0);
    }
    double current = WiroValues.number(m.get("stepCurrent"));
    double total = WiroValues.number(m.get("stepTotal"));
    if (!Double.isNaN(current) && total > 0) {
      return clamp(current / total);
    }
    return Double.NaN;
  }

  /**
   * Reads a {@code Tool/Detail} answer.
   *
   * @param slug the tool asked about
   * @param answer the answer
   * @return the tool
   * @throws Lora4jException for a business error (code 1: no such tool)
   * @throws ProtocolException if there is no tool object
   */
  public WiroTool tool(String slug, JsonNode answer) {
    checked(TOOL_DETAIL, answer, Call.TOOL);
    JsonNode tool = answer.get("tool");
    if (tool != null && tool.isArray()) {
      tool = tool.isEmpty() ? null : tool.get(0);
    }
    if (tool == null || !tool.isObject()) {
      throw new ProtocolException("wiro Tool/Detail answered without a tool for " + slug + ": " + excerpt(answer), null);
    }
    return WiroToolReader.read(slug, tool);
  }


  /** Keeps a task field as a text detail, redacted like any text Wiro answers; skips blanks. */
  private void text(TaskResult.Builder result, JsonNode task, String field, ResultDetail<String> detail) {
    String value = WiroValues.text(task, field);
    if (value != null && !value.isBlank()) {
      result.detail(detail, redactor.redact(value.strip()));
    }
  }

  /** Keeps an amount (a JSON number or numeric text) exactly as Wiro wrote it. */
  private static void decimal(TaskResult.Builder result, JsonNode task, String field, ResultDetail<BigDecimal> detail) {
    String value = WiroValues.text(task, field);
    if (value != null && !value.isBlank()) {
      try {
        result.detail(detail, new BigDecimal(value.strip()));
      } catch (NumberFormatException e) {
        log.debug("Wiro sent a {} that is not a number; it stays in the raw payload only", field);
      }
    }
  }

  /** Keeps a time in Unix seconds; {@code 0} (the task never got there) is left out. */
  private static void time(TaskResult.Builder result, JsonNode task, String field, ResultDetail<Instant> detail) {
    double seconds = WiroValues.number(task.get(field));
    if (seconds > 0 && seconds < 1e12) {
      result.detail(detail, Instant.ofEpochSecond((long) seconds));
    }
  }

  private static double clamp(double fraction) {
    return Math.max(0.0, Math.min(1.0, fraction));
  }

  private String line(String text) {
    String s = text.strip();
    int newline = s.lastIndexOf('\n');
    String last = newline < 0 ? s : s.substring(newline + 1).strip();
    String redacted = redactor.redact(last);
    return redacted.length() <= MAX_MESSAGE ? redacted : redacted.substring(0, MAX_MESSAGE) + "…";
  }

  private String excerpt(JsonNode node) {
    return redactor.excerpt(node.toString(), 200);
  }
}
