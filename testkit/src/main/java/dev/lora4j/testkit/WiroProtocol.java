package dev.lora4j.testkit;

import dev.lora4j.testkit.internal.ApiExchange;
import dev.lora4j.testkit.internal.ApiExchange.Incoming;
import dev.lora4j.testkit.internal.ApiExchange.Reply;
import dev.lora4j.testkit.internal.Bodies;
import dev.lora4j.testkit.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Wiro side of every simulated call: JSON or multipart bodies, {@code result}/{@code errors}
 * answers, a stale {@code Task/Detail} one status behind, and which credentials an echo shows.
 */
final class WiroProtocol implements ApiExchange.Protocol {

  /** What an echo of credentials leaves alone, so that an answer or frame still means what it meant. */
  static final Set<String> ECHO_KEPT = Set.of(
      "result", "taskid", "id", "socketaccesstoken", "tasktoken", "status", "pexit", "type", "total", "code");

  private final WiroAuth auth;

  WiroProtocol(WiroAuth auth) {
    this.auth = auth;
  }

  WiroAuth auth() {
    return auth;
  }

  @Override
  public JsonNode parse(@Nullable String contentType, byte[] body) {
    if (Bodies.isMultipart(contentType)) {
      JsonNode form = Bodies.multipart(Objects.requireNonNull(contentType), body);
      return form.isMissingNode() && !contentType.toLowerCase(Locale.ROOT).contains("boundary=")
          ? Bodies.jsonObject(body)
          : form;
    }
    return Bodies.isJson(contentType) ? Bodies.jsonObject(body) : MissingNode.getInstance();
  }

  @Override
  public Reply error(int status, String message) {
    return Reply.json(status, failure(0, message));
  }

  @Override
  public Reply stale(Incoming in, Reply reply) {
    return in.endpoint().equals(WiroSimulator.TASK_DETAIL) ? earlierState(reply) : reply;
  }

  @Override
  public List<String> credentials(Incoming in) {
    String apiKey = in.header("x-api-key");
    String nonce = in.header("x-nonce");
    String signature = in.header("x-signature");
    boolean signed = apiKey != null && nonce != null && signature != null
        && auth.secretOf(apiKey).map(secret -> WiroAuth.signature(apiKey, secret, nonce).equals(signature)).orElse(false);
    return echoed(apiKey, signed, signature);
  }

  @Override
  public Set<String> kept() {
    return ECHO_KEPT;
  }

  /**
   * The credentials to echo: the API key and signature a request carried, and the secret of the
   * key's project (for an HTTP request only when its signature shows the caller knows it: a server
   * echoing a secret to a caller who never had it would be a leak no client can mask).
   */
  List<String> echoed(@Nullable String apiKey, boolean withSecret, @Nullable String signature) {
    List<String> values = new ArrayList<>();
    if (apiKey != null && !apiKey.isEmpty()) {
      values.add(apiKey);
      if (withSecret) {
        auth.secretOf(apiKey).ifPresent(values::add);
      }
    }
    if (signature != null && !signature.isEmpty()) {
      values.add(signature);
    }
    return values;
  }

  /** A {@code Task/Detail} answer as a replica one step behind would give it. */
  private static Reply earlierState(Reply reply) {
    JsonNode answer = Json.parse(new String(reply.body(), StandardCharsets.UTF_8));
    JsonNode listed = answer == null ? null : answer.path("tasklist").path(0);
    if (reply.status() != 200 || !(listed instanceof ObjectNode current)) {
      return reply;
    }
    ObjectNode earlier = current.deepCopy();
    String status = current.path("status").asString("");
    if (status.isEmpty() || status.equals(WiroStatus.TASK_QUEUE.wire())) {
      return reply;
    }
    if (status.equals(WiroStatus.TASK_POSTPROCESS_END.wire()) || status.equals(WiroStatus.TASK_CANCEL.wire())) {
      earlier.put("status", WiroStatus.TASK_START.wire()).put("pexit", "").put("debugerror", "")
          .put("endtime", "0").put("totalcost", "0").putArray("outputs");
    } else {
      earlier.put("status", WiroStatus.TASK_QUEUE.wire()).put("starttime", "0");
    }
    ObjectNode stale = (ObjectNode) answer.deepCopy();
    stale.putArray("tasklist").add(earlier);
    return Reply.json(200, stale);
  }

  static ObjectNode failure(int code, String message) {
    ObjectNode body = Json.object();
    body.put("result", false);
    ObjectNode error = body.putArray("errors").addObject();
    error.put("code", code);
    error.put("message", message);
    return body;
  }

  static ObjectNode success() {
    ObjectNode body = Json.object();
    body.put("result", true);
    body.putArray("errors");
    return body;
  }
}
