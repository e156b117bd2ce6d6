package dev.lora4j.testkit;

import dev.lora4j.testkit.internal.ImageRenderer;
import dev.lora4j.testkit.internal.ImageRenderer.Caption;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Validation of Xalora request bodies. Each failure names the field by its path in the body.
 */
final class XaloraRequests {

  static final String TXT2IMG = "txt2img";
  static final String UPSCALER = "upscaler";
  static final String TXT2VID = "txt2vid";
  static final Set<String> TASK_TYPES = Set.of(TXT2IMG, UPSCALER, TXT2VID);

  static final int DEFAULT_WIDTH = 680;
  static final int DEFAULT_HEIGHT = 1024;
  static final long DEFAULT_NOISE_SEED = 966993914913986L;
  /** The FluxLora workflow, which the reference client's callers may leave out. */
  static final String DEFAULT_TXT2IMG_WORKFLOW = "3";

  /** A request the simulator refuses, with the HTTP status and the message of the error body. */
  static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    Rejected(int status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  /** What the output of a task is made from, and says. */
  record Render(String kind, int width, int height, Caption caption, int frames, int delayCentis) {
  }

  /** A valid {@code task_create} body. */
  record Create(
      String consumerId,
      String apiKey,
      String taskType,
      String workflowId,
      String jobId,
      JsonNode taskDetails,
      @Nullable JsonNode timeoutSeconds,
      Render render) {

    /** The timeout in milliseconds, or -1 for none. */
    long timeoutMillis() {
      return timeoutSeconds == null ? -1 : Math.round(timeoutSeconds.doubleValue() * 1000);
    }
  }

  private XaloraRequests() {
  }

  static Rejected badRequest(String message) {
    return new Rejected(400, message);
  }

  /** The credentials fields, checked before authentication. */
  static String credential(JsonNode body, String field) {
    return requiredString(body, field, field);
  }

  /**
   * Validates everything but the credentials of a {@code task_create} body. {@code workflow_id} is
   * required but for txt2img, whose documented workflow {@value #DEFAULT_TXT2IMG_WORKFLOW} applies
   * when it is absent, as the reference client sends no {@code workflow_id} unless its caller set
   * one.
   */
  static Create create(JsonNode body, String consumerId, String apiKey) {
    String taskType = requiredString(body, "task_type", "task_type");
    if (!TASK_TYPES.contains(taskType)) {
      throw badRequest("task_type must be one of txt2img, upscaler, txt2vid, was '" + taskType + "'");
    }
    String workflowId = taskType.equals(TXT2IMG) && isAbsent(body.get("workflow_id"))
        ? DEFAULT_TXT2IMG_WORKFLOW
        : requiredString(body, "workflow_id", "workflow_id");
    String jobId = requiredString(body, "job_id", "job_id");
    JsonNode details = requiredObject(body, "task_details", "task_details");
    JsonNode parameters = requiredObject(details, "parameters", "task_details.parameters");
    JsonNode timeout = body.get("timeout_seconds");
    if (timeout != null && timeout.isNull()) {
      timeout = null;
    }
    if (timeout != null && (!timeout.isNumber() || !(timeout.doubleValue() > 0))) {
      throw badRequest("timeout_seconds must be a positive number, was " + timeout);
    }
    Render render;
    String p = "task_details.parameters.";
    switch (taskType) {
      case TXT2IMG: {
        String prompt = requiredString(parameters, "prompt", p + "prompt");
        String lora = requiredString(parameters, "lora_name", p + "lora_name");
        int width = dimension(parameters, "width", p, DEFAULT_WIDTH);
        int height = dimension(parameters, "height", p, DEFAULT_HEIGHT);
        integer(parameters, "steps", p, 1, 1000);
        Long seed = integer(parameters, "noise_seed", p, Long.MIN_VALUE, Long.MAX_VALUE);
        number(parameters, "guidance", p);
        optionalString(parameters, "aspect_ratio", p + "aspect_ratio");
        render = new Render("png", width, height,
            new Caption(prompt, lora, Long.toString(seed == null ? DEFAULT_NOISE_SEED : seed)), 1, 0);
        break;
      }
      case UPSCALER: {
        String image = requiredString(parameters, "image", p + "image");
        render = new Render("png", 512, 512, new Caption("upscale of " + image, ImageRenderer.NO_LORA, null), 1, 0);
        break;
      }
      default: {
        String prompt = requiredString(parameters, "prompt", p + "prompt");
        int width = dimension(parameters, "width", p, 256);
        int height = dimension(parameters, "height", p, 256);
        Long frames = integer(parameters, "length", p, 1, 10_000);
        integer(parameters, "steps", p, 1, 1000);
        Long seed = integer(parameters, "seed", p, Long.MIN_VALUE, Long.MAX_VALUE);
        Long fps = integer(parameters, "fps", p, 1, 240);
        JsonNode quality = parameters.get("quality");
        if (quality != null && !quality.isValueNode()) {
          throw badRequest(p + "quality must be a number or a string");
        }
        int frameCount = frames == null ? 4 : (int) Math.min(frames, 16);
        int delay = fps == null ? 12 : Math.max(2, (int) Math.round(100.0 / fps));
        render = new Render("gif", Math.min(width, 512), Math.min(height, 512),
            new Caption(prompt, ImageRenderer.NO_LORA, seed == null ? null : Long.toString(seed)), frameCount, delay);
        break;
      }
    }
    return new Create(consumerId, apiKey, taskType, workflowId, jobId, details, timeout, render);
  }

  private static boolean isAbsent(@Nullable JsonNode value) {
    return value == null || value.isNull();
  }

  static String requiredString(JsonNode object, String field, String path) {
    JsonNode value = object.get(field);
    if (isAbsent(value)) {
      throw badRequest(path + " is required");
    }
    if (!value.isString()) {
      throw badRequest(path + " must be a string");
    }
    if (value.stringValue().isBlank()) {
      throw badRequest(path + " must not be empty");
    }
    return value.stringValue();
  }

  private static void optionalString(JsonNode object, String field, String path) {
    JsonNode value = object.get(field);
    if (value != null && !value.isNull() && !value.isString()) {
      throw badRequest(path + " must be a string");
    }
  }

  private static JsonNode requiredObject(JsonNode object, String field, String path) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      throw badRequest(path + " is required");
    }
    if (!value.isObject()) {
      throw badRequest(path + " must be an object");
    }
    return value;
  }

  private static @Nullable Double number(JsonNode object, String field, String prefix) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw badRequest(prefix + field + " must be a number");
    }
    return value.doubleValue();
  }

  private static @Nullable Long integer(JsonNode object, String field, String prefix, long min, long max) {
    JsonNode value = object.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw badRequest(prefix + field + " must be a number");
    }
    if (!value.canConvertToExactIntegral()) {
      throw badRequest(prefix + field + " must be an integer, was " + value);
    }
    if (!value.canConvertToLong() || value.longValue() < min || value.longValue() > max) {
      throw badRequest(prefix + field + " must be between " + min + " and " + max + ", was " + value);
    }
    return value.longValue();
  }

  private static int dimension(JsonNode object, String field, String prefix, int defaultValue) {
    Long value = integer(object, field, prefix, 1, ImageRenderer.MAX_DIMENSION);
    return value == null ? defaultValue : value.intValue();
  }
}
