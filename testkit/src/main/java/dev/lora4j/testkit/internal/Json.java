package dev.lora4j.testkit.internal;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the simulators, and small helpers around it.
 */
public final class Json {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {
  }

  /**
   * A new empty object node.
   *
   * @return the node
   */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /**
   * A new empty array node.
   *
   * @return the node
   */
  public static ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /**
   * A string node.
   *
   * @param text the text
   * @return the node
   */
  public static JsonNode string(String text) {
    return JsonNodeFactory.instance.stringNode(text);
  }

  /**
   * Parses JSON text.
   *
   * @param text the text
   * @return the tree, or {@code null} when the text is not one valid JSON value
   */
  public static @Nullable JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JacksonException e) {
      return null;
    }
  }

  /**
   * Serialises a tree compactly.
   *
   * @param node the tree
   * @return the JSON text
   */
  public static String write(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /**
   * Serialises a tree compactly to UTF-8.
   *
   * @param node the tree
   * @return the JSON bytes
   */
  public static byte[] bytes(JsonNode node) {
    return write(node).getBytes(StandardCharsets.UTF_8);
  }
}
