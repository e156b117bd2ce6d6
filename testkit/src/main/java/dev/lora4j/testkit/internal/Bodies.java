package dev.lora4j.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request body parsing: JSON objects, and {@code multipart/form-data} folded into a JSON object.
 */
public final class Bodies {

  private Bodies() {
  }

  /**
   * Whether a content type is JSON ({@code application/json} or {@code application/*+json}).
   *
   * @param contentType the header value, or {@code null}
   * @return {@code true} for JSON
   */
  public static boolean isJson(@Nullable String contentType) {
    String type = mediaType(contentType);
    return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
  }

  /**
   * Whether a content type is {@code multipart/form-data}.
   *
   * @param contentType the header value, or {@code null}
   * @return {@code true} for multipart form data
   */
  public static boolean isMultipart(@Nullable String contentType) {
    return mediaType(contentType).equals("multipart/form-data");
  }

  private static String mediaType(@Nullable String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a JSON object body.
   *
   * @param body the raw body
   * @return the object, or a missing node when the body is not one JSON object
   */
  public static JsonNode jsonObject(byte[] body) {
    JsonNode node = Json.parse(new String(body, StandardCharsets.UTF_8));
    return node != null && node.isObject() ? node : MissingNode.getInstance();
  }

  /**
   * Parses a {@code multipart/form-data} body into an object: a field sent once becomes a string,
   * a repeated field an array of strings, a file part its file name.
   *
   * @param contentType the header value, which must carry the boundary
   * @param body the raw body
   * @return the object, or a missing node when there is no boundary or the body is malformed
   */
  public static JsonNode multipart(String contentType, byte[] body) {
    String boundary = parameter(contentType, "boundary");
    if (boundary == null || boundary.isEmpty()) {
      return MissingNode.getInstance();
    }
    // ISO-8859-1 maps bytes one to one, so binary parts survive and offsets stay byte offsets.
    String raw = new String(body, StandardCharsets.ISO_8859_1);
    String delimiter = "--" + boundary;
    int at = raw.indexOf(delimiter);
    if (at < 0) {
      return MissingNode.getInstance();
    }
    Map<String, List<String>> fields = new LinkedHashMap<>();
    boolean closed = false;
    while (true) {
      int partStart = at + delimiter.length();
      if (raw.startsWith("--", partStart)) {
        closed = true;
        break;
      }
      int next = raw.indexOf("\r\n" + delimiter, partStart);
      if (next < 0) {
        break;
      }
      String part = raw.substring(partStart, next);
      if (part.startsWith("\r\n")) {
        part = part.substring(2);
      }
      int headerEnd = part.indexOf("\r\n\r\n");
      if (headerEnd < 0) {
        return MissingNode.getInstance();
      }
      String disposition = null;
      for (String line : part.substring(0, headerEnd).split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-disposition")) {
          disposition = line.substring(colon + 1);
        }
      }
      String name = disposition == null ? null : parameter(disposition, "name");
      if (name == null) {
        return MissingNode.getInstance();
      }
      String fileName = parameter(disposition, "filename");
      String value = fileName != null ? fileName : part.substring(headerEnd + 4);
      fields.computeIfAbsent(utf8(name), k -> new ArrayList<>()).add(utf8(value));
      at = next + 2;
    }
    if (!closed) {
      return MissingNode.getInstance();
    }
    ObjectNode object = Json.object();
    fields.forEach((name, values) -> {
      if (values.size() == 1) {
        object.put(name, values.get(0));
      } else {
        ArrayNode array = object.putArray(name);
        values.forEach(array::add);
      }
    });
    return object;
  }

  private static String utf8(String latin1) {
    return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
  }

  private static @Nullable String parameter(String header, String name) {
    for (String piece : header.split(";")) {
      int eq = piece.indexOf('=');
      if (eq > 0 && piece.substring(0, eq).trim().equalsIgnoreCase(name)) {
        String value = piece.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        return value;
      }
    }
    return null;
  }
}
