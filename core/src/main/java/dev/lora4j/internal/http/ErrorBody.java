package dev.lora4j.internal.http;

import dev.lora4j.spi.http.Redactor;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * What lora4j keeps of an error response's body: the JSON, if it was JSON, and the provider's
 * message, both redacted.
 *
 * @param json the body as JSON with credentials masked, or {@code null} when it was not JSON
 * @param message the provider's message, redacted and shortened, or {@code null} when there was none
 */
public record ErrorBody(@Nullable JsonNode json, @Nullable String message) {

  /** The longest provider message kept. */
  public static final int MAX_MESSAGE_CHARS = 300;

  /** The longest plain-text excerpt kept when the body is not JSON. */
  public static final int MAX_EXCERPT_CHARS = 200;

  /**
   * Reads an error body. The message comes from the first string found among {@code message},
   * {@code error}, {@code error.message}, {@code errors[0].message}, {@code errors[0]}, {@code
   * detail}, {@code detail[0].msg} and {@code msg}, or is the JSON string the body consists of;
   * a body that is not JSON gives a short excerpt of its text.
   *
   * @param body the body's bytes (possibly only the first ones)
   * @param mapper the JSON mapper
   * @param redactor the redactor for the call
   * @return the redacted JSON and message
   */
  public static ErrorBody read(byte[] body, ObjectMapper mapper, Redactor redactor) {
    String text = new String(body, StandardCharsets.UTF_8);
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return new ErrorBody(null, null);
    }
    char first = trimmed.charAt(0);
    if (first == '{' || first == '[' || first == '"') {
      try {
        JsonNode json = mapper.readTree(body);
        String message = messageOf(json);
        return new ErrorBody(
            redactor.redact(json),
            message == null ? null : redactor.excerpt(message, MAX_MESSAGE_CHARS));
      } catch (JacksonException e) {
        // not JSON after all: fall back to the text
      }
    }
    return new ErrorBody(null, redactor.excerpt(text, MAX_EXCERPT_CHARS));
  }

  private static @Nullable String messageOf(JsonNode json) {
    if (json.isString()) {
      return nonBlank(json);
    }
    JsonNode[] candidates = {
      json.path("message"),
      json.path("error"),
      json.path("error").path("message"),
      json.path("errors").path(0).path("message"),
      json.path("errors").path(0),
      json.path("detail"),
      json.path("detail").path(0).path("msg"),
      json.path("msg")
    };
    for (JsonNode candidate : candidates) {
      String message = nonBlank(candidate);
      if (message != null) {
        return message;
      }
    }
    return null;
  }

  private static @Nullable String nonBlank(JsonNode node) {
    return node.isString() && !node.stringValue().isBlank() ? node.stringValue().strip() : null;
  }
}
