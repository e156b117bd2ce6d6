package dev.lora4j.testkit;

import dev.lora4j.testkit.internal.Json;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One simulated Wiro task. Every status change goes through {@link #transition} under the task's
 * lock, which also emits the WebSocket frame for it, so frames and state never disagree. A stderr
 * line is a {@code task_error} frame that changes no status: as the status of {@code Task/Detail},
 * {@code task_error} means the task failed before the model ran.
 */
final class WiroTask extends SimulatedTask {

  /** Cost per second, as in the seed's example. */
  private static final double CPS = 0.000585;

  final String uuid;
  final String token;
  final String toolSlug;
  final String projectId;
  final String modelId;
  final String modelDescription;
  final String categories;
  final JsonNode parameters;
  final String callbackUrl;
  final long createdMillis;
  final long createdNanos;

  private WiroStatus status = WiroStatus.TASK_QUEUE;
  private final Map<WiroStatus, Long> reached = new EnumMap<>(WiroStatus.class);
  private long endNanos = -1;
  private String pexit = "";
  private final StringBuilder debugOutput = new StringBuilder();
  private final StringBuilder debugError = new StringBuilder();
  private ArrayNode outputs = Json.array();
  private long outputBytes;
  private int frameCount;
  private final Sinks.Many<Frame> frames = Sinks.many().replay().all();

  /** One WebSocket text frame, its type, and whether it is the task's last. */
  record Frame(WiroStatus type, String text, boolean last) {
  }

  WiroTask(String id, long ordinal, String uuid, String token, WiroTools.Tool tool, String projectId,
      JsonNode parameters) {
    super(id, ordinal);
    this.uuid = uuid;
    this.token = token;
    this.toolSlug = tool.slug();
    this.modelId = tool.modelId();
    this.modelDescription = tool.description();
    this.categories = tool.categoriesText();
    this.projectId = projectId;
    this.parameters = parameters.deepCopy();
    JsonNode callback = parameters.get("callbackUrl");
    this.callbackUrl = callback != null && callback.isString() ? callback.stringValue() : "";
    this.createdMillis = System.currentTimeMillis();
    this.createdNanos = System.nanoTime();
    reached.put(WiroStatus.TASK_QUEUE, createdMillis / 1000);
    emit(WiroStatus.TASK_QUEUE, NullNode.getInstance(), false);
  }

  synchronized WiroStatus status() {
    return status;
  }

  @Override
  String wireStatus() {
    return status().wire();
  }

  /**
   * The one place the status changes, emitting the frame that announces it. Returns
   * {@code false}, changing nothing, if the task already ended (a timer lost a race with a
   * cancel); any other illegal move is a simulator bug.
   */
  synchronized boolean transition(WiroStatus target, JsonNode message) {
    if (status.terminal()) {
      return false;
    }
    if (!status.canMoveTo(target)) {
      throw new IllegalStateException("task " + id + " cannot move from " + status + " to " + target);
    }
    status = target;
    reached(target.running(), target.terminal());
    reached.putIfAbsent(target, System.currentTimeMillis() / 1000);
    if (target == WiroStatus.TASK_END || target == WiroStatus.TASK_CANCEL || target == WiroStatus.TASK_ERROR) {
      endNanos = System.nanoTime();
    }
    emit(target, message, target.terminal());
    if (target.terminal()) {
      frames.tryEmitComplete();
      timers.dispose();
    }
    return true;
  }

  synchronized boolean stdout(String line) {
    if (debugOutput.length() > 0) {
      debugOutput.append('\n');
    }
    debugOutput.append(line);
    return transition(WiroStatus.TASK_OUTPUT, Json.string(line));
  }

  synchronized boolean progress(JsonNode message) {
    return transition(WiroStatus.TASK_OUTPUT, message);
  }

  /** A stderr line: a {@code task_error} frame and a line of {@code debugerror}; the status stays. */
  synchronized boolean stderr(String line) {
    if (status.terminal()) {
      return false;
    }
    if (debugError.length() > 0) {
      debugError.append('\n');
    }
    debugError.append(line);
    emit(WiroStatus.TASK_ERROR, Json.string(line), false);
    return true;
  }

  /**
   * Fails the task before the model runs: status task_error with the error as {@code debugerror},
   * {@code pexit} "", no outputs; its frame's message is the error line.
   */
  synchronized boolean failBeforeStart(String error) {
    if (status.terminal()) {
      return false;
    }
    debugError.setLength(0);
    debugError.append(error);
    return transition(WiroStatus.TASK_ERROR, Json.string(error));
  }

  synchronized boolean outputFull() {
    return transition(WiroStatus.TASK_OUTPUT_FULL, rawLog(debugOutput));
  }

  synchronized boolean errorFull() {
    return transition(WiroStatus.TASK_ERROR_FULL, rawLog(debugError));
  }

  /** The message of a {@code *_full} frame: {@code {"raw": "<the accumulated log>"}}. */
  private static ObjectNode rawLog(StringBuilder log) {
    ObjectNode message = Json.object();
    message.put("raw", log.toString());
    return message;
  }

  /** Ends the task: {@code pexit} "0" with outputs, or non-zero with none. */
  synchronized boolean end(String exitCode, ArrayNode files, long bytes) {
    if (status.terminal()) {
      return false;
    }
    this.pexit = exitCode;
    this.outputs = files;
    this.outputBytes = bytes;
    return transition(WiroStatus.TASK_POSTPROCESS_END, files.deepCopy());
  }

  /** Cancel or kill; {@code pexit} "0" as the seed's canceled examples show. */
  synchronized boolean cancel() {
    if (status.terminal()) {
      return false;
    }
    this.pexit = "0";
    return transition(WiroStatus.TASK_CANCEL, NullNode.getInstance());
  }

  private void emit(WiroStatus type, JsonNode message, boolean last) {
    ObjectNode frame = Json.object();
    frame.put("type", type.wire());
    frame.put("id", id);
    frame.put("tasktoken", token);
    frame.put("result", true);
    frame.set("message", message);
    frameCount++;
    frames.tryEmitNext(new Frame(type, Json.write(frame), last));
  }

  /**
   * The socket's view from now: the latest frame (the current status) at once, then every later
   * frame, completing after the terminal one.
   */
  synchronized Flux<Frame> framesFromNow() {
    return frames.asFlux().skip(frameCount - 1L);
  }

  /** The task object of {@code Task/Detail}, with numbers as strings as on the wire. */
  synchronized ObjectNode toJson() {
    long now = System.nanoTime();
    double elapsed = ((endNanos >= 0 ? endNanos : now) - createdNanos) / 1e9;
    boolean succeeded = status == WiroStatus.TASK_POSTPROCESS_END && pexit.equals("0");
    ObjectNode json = Json.object();
    json.put("id", id);
    json.put("uuid", uuid);
    json.put("name", "");
    json.put("socketaccesstoken", token);
    json.set("parameters", parameters.deepCopy());
    json.put("debugoutput", debugOutput.toString());
    json.put("debugerror", debugError.toString());
    json.put("starttime", time(WiroStatus.TASK_START));
    json.put("endtime", time(WiroStatus.TASK_END));
    json.put("elapsedseconds", String.format(Locale.ROOT, "%.4f", elapsed));
    json.put("status", status.wire());
    json.put("cps", String.format(Locale.ROOT, "%.12f", CPS));
    json.put("totalcost", succeeded ? String.format(Locale.ROOT, "%.12f", CPS * elapsed) : "0");
    json.putNull("guestid");
    json.put("projectid", projectId);
    json.put("modelid", modelId);
    json.put("modeldescription", modelDescription);
    json.put("modelslugowner", toolSlug.substring(0, toolSlug.indexOf('/')));
    json.put("modelslugproject", toolSlug.substring(toolSlug.indexOf('/') + 1));
    json.put("description", "");
    json.put("basemodelid", "0");
    json.put("runtype", "model");
    json.put("modelfolderid", "");
    json.put("modelfileid", "");
    json.put("callbackurl", callbackUrl);
    json.putNull("marketplaceid");
    json.put("createtime", Long.toString(createdMillis / 1000));
    json.put("canceltime", time(WiroStatus.TASK_CANCEL));
    json.put("assigntime", time(WiroStatus.TASK_ASSIGN));
    json.put("accepttime", time(WiroStatus.TASK_ACCEPT));
    json.put("preprocessstarttime", time(WiroStatus.TASK_PREPROCESS_START));
    json.put("preprocessendtime", time(WiroStatus.TASK_PREPROCESS_END));
    json.put("postprocessstarttime", time(WiroStatus.TASK_POSTPROCESS_START));
    json.put("postprocessendtime", time(WiroStatus.TASK_POSTPROCESS_END));
    json.put("pexit", pexit);
    json.put("categories", categories);
    json.set("outputs", outputs.deepCopy());
    json.put("size", Long.toString(outputBytes));
    return json;
  }

  private String time(WiroStatus at) {
    Long seconds = reached.get(at);
    return seconds == null ? "0" : Long.toString(seconds);
  }

  @Override
  public String toString() {
    return "WiroTask[" + id + " " + toolSlug + " " + status() + "]";
  }

  static @Nullable String text(@Nullable JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode() || !node.isValueNode()) {
      return null;
    }
    return node.asString();
  }
}
