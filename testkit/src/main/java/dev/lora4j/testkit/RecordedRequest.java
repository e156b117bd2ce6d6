package dev.lora4j.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One request a simulator received, recorded before any fault or validation, in arrival order.
 *
 * @param endpoint the endpoint path below the base URL, such as {@code "task_create"},
 *     {@code "Run/wiro/text-to-image-flux-lora-fast"}, {@code "files"} or {@code "socket"}
 * @param method the HTTP method, or {@code "WS"} for a WebSocket text frame
 * @param path the request path as received, without the query
 * @param headers the request headers, names in lower case, values in order
 * @param body the raw body decoded as UTF-8; empty when there is none
 * @param params the body's parameters as a JSON object: the JSON body itself, or a
 *     {@code multipart/form-data} body folded into an object (a field sent once is a string, a
 *     repeated field an array of strings, a file part the file name); a
 *     {@link tools.jackson.databind.node.MissingNode} when the body is neither
 * @param fault the fault injected into the response, or {@code null} when none (latency excepted)
 * @param receivedAt when the simulator received the request's head (for a WebSocket frame: the
 *     frame), from the system clock; to count requests in a time window
 */
public record RecordedRequest(
    String endpoint,
    String method,
    String path,
    Map<String, List<String>> headers,
    String body,
    JsonNode params,
    @Nullable FaultKind fault,
    Instant receivedAt) {

  /**
   * A request received now.
   *
   * @param endpoint the endpoint path below the base URL
   * @param method the HTTP method, or {@code "WS"}
   * @param path the request path
   * @param headers the request headers
   * @param body the raw body as UTF-8 text
   * @param params the parsed parameters
   * @param fault the injected fault, or {@code null}
   * @throws NullPointerException if any component but {@code fault} is null
   */
  public RecordedRequest(String endpoint, String method, String path, Map<String, List<String>> headers, String body,
      JsonNode params, @Nullable FaultKind fault) {
    this(endpoint, method, path, headers, body, params, fault, Instant.now());
  }

  /**
   * Copies the headers (names lower-cased) and the parameters.
   *
   * @param endpoint the endpoint path below the base URL
   * @param method the HTTP method, or {@code "WS"}
   * @param path the request path
   * @param headers the request headers
   * @param body the raw body as UTF-8 text
   * @param params the parsed parameters
   * @param fault the injected fault, or {@code null}
   * @param receivedAt when it was received
   * @throws NullPointerException if any component but {@code fault} is null
   */
  public RecordedRequest {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Map<String, List<String>> copy = new TreeMap<>();
    headers.forEach((name, values) -> copy.merge(
        name.toLowerCase(Locale.ROOT),
        List.copyOf(values),
        (a, b) -> {
          List<String> merged = new java.util.ArrayList<>(a);
          merged.addAll(b);
          return List.copyOf(merged);
        }));
    headers = Map.copyOf(copy);
    params = params.deepCopy();
  }

  /**
   * A copy of the parameters, so that callers cannot change the record.
   *
   * @return the parsed parameters
   */
  @Override
  public JsonNode params() {
    return params.deepCopy();
  }

  /**
   * The first value of a header.
   *
   * @param name the header name, any case
   * @return the first value, or {@code null} when the header was not sent
   */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /**
   * One parameter as text, for short assertions.
   *
   * @param name a top-level parameter name
   * @return the parameter's text (a JSON string's value, a number's or boolean's literal, other
   *     JSON as JSON text), or {@code null} when absent
   */
  public @Nullable String param(String name) {
    JsonNode value = params.get(name);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    return value.isValueNode() ? value.asString() : value.toString();
  }

  @Override
  public String toString() {
    return method + " " + path + " (" + endpoint + ")" + (fault == null ? "" : " fault=" + fault);
  }
}
