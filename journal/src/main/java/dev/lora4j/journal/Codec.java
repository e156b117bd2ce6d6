package dev.lora4j.journal;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskRequest;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.TextToImage;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON the journal stores: requests ({@link TextToImage} whole, other types by kind only),
 * updates and results (status, provider status, queue position, progress, message, outputs, error).
 * Provider-specific result details are not stored.
 */
final class Codec {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TEXT_TO_IMAGE = "text-to-image";

  private Codec() {}

  static String request(TaskRequest request) {
    ObjectNode n = JSON.createObjectNode();
    if (request instanceof TextToImage t) {
      n.put("type", TEXT_TO_IMAGE);
      n.put("prompt", t.prompt());
      n.put("lora", t.lora());
      t.width().ifPresent(v -> n.put("width", v));
      t.height().ifPresent(v -> n.put("height", v));
      t.steps().ifPresent(v -> n.put("steps", v));
      t.guidance().ifPresent(v -> n.put("guidance", v));
      t.seed().ifPresent(v -> n.put("seed", v));
      t.samples().ifPresent(v -> n.put("samples", v));
      t.timeout().ifPresent(v -> n.put("timeoutMs", v.toMillis()));
    } else {
      n.put("type", "other");
      n.put("class", request.getClass().getName());
    }
    return n.toString();
  }

  /** The stored request, when it was a {@link TextToImage}. */
  static Optional<TaskRequest> request(String json) {
    JsonNode n = JSON.readTree(json);
    if (!TEXT_TO_IMAGE.equals(n.path("type").asString())) {
      return Optional.empty();
    }
    TextToImage.Builder b = TextToImage.builder().prompt(n.get("prompt").asString()).lora(n.get("lora").asString());
    if (n.has("width")) {
      b.width(n.get("width").asInt());
    }
    if (n.has("height")) {
      b.height(n.get("height").asInt());
    }
    if (n.has("steps")) {
      b.steps(n.get("steps").asInt());
    }
    if (n.has("guidance")) {
      b.guidance(n.get("guidance").asDouble());
    }
    if (n.has("seed")) {
      b.seed(n.get("seed").asLong());
    }
    if (n.has("samples")) {
      b.samples(n.get("samples").asInt());
    }
    if (n.has("timeoutMs")) {
      b.timeout(Duration.ofMillis(n.get("timeoutMs").asLong()));
    }
    return Optional.of(b.build());
  }

  static String update(TaskUpdate u) {
    ObjectNode n = JSON.createObjectNode();
    n.put("status", u.status().name());
    n.put("providerStatus", u.providerStatus());
    n.put("observedAt", u.observedAt().toEpochMilli());
    u.queuePosition().ifPresent(v -> n.put("queuePosition", v));
    u.progress().ifPresent(v -> n.put("progress", v));
    u.message().ifPresent(v -> n.put("message", v));
    u.result().ifPresent(r -> n.set("result", resultNode(r)));
    return n.toString();
  }

  static TaskUpdate update(TaskHandle handle, String json) {
    JsonNode n = JSON.readTree(json);
    TaskStatus status = TaskStatus.valueOf(n.get("status").asString());
    TaskUpdate.Builder b = TaskUpdate.builder(handle, status)
        .providerStatus(n.get("providerStatus").asString())
        .observedAt(Instant.ofEpochMilli(n.get("observedAt").asLong()));
    if (n.has("queuePosition")) {
      b.queuePosition(n.get("queuePosition").asInt());
    }
    if (n.has("progress")) {
      b.progress(n.get("progress").asDouble());
    }
    if (n.has("message")) {
      b.message(n.get("message").asString());
    }
    if (n.has("result")) {
      b.result(result(handle, n.get("result")));
    }
    return b.build();
  }

  static String result(TaskResult r) {
    return resultNode(r).toString();
  }

  static TaskResult result(TaskHandle handle, String json) {
    return result(handle, JSON.readTree(json));
  }

  private static ObjectNode resultNode(TaskResult r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("status", r.status().name());
    ArrayNode outputs = n.putArray("outputs");
    for (TaskOutput o : r.outputs()) {
      ObjectNode on = outputs.addObject();
      on.put("url", o.url().toString());
      o.contentType().ifPresent(v -> on.put("contentType", v));
      on.put("name", o.name());
      o.size().ifPresent(v -> on.put("size", v));
    }
    r.error().ifPresent(e -> n.put("error", e));
    return n;
  }

  private static TaskResult result(TaskHandle handle, JsonNode n) {
    TaskResult.Builder b = TaskResult.builder(handle, TaskStatus.valueOf(n.get("status").asString()));
    List<TaskOutput> outputs = new ArrayList<>();
    for (JsonNode o : n.path("outputs")) {
      outputs.add(TaskOutput.of(URI.create(o.get("url").asString()), text(o, "contentType"), text(o, "name"),
          o.has("size") ? o.get("size").asLong() : -1));
    }
    b.outputs(outputs);
    b.error(text(n, "error"));
    return b.build();
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }
}
