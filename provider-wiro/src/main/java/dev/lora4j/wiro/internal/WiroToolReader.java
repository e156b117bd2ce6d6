package dev.lora4j.wiro.internal;

import dev.lora4j.wiro.WiroTool;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads a tool object of a {@code Tool/Detail} answer: its title, description and inputs. */
final class WiroToolReader {

  private WiroToolReader() {}

  /**
   * Reads the tool.
   *
   * @param slug the tool asked about
   * @param tool the answer's tool object
   * @return the tool, with every input that has an id
   */
  static WiroTool read(String slug, JsonNode tool) {
    List<WiroTool.Input> inputs = new ArrayList<>();
    JsonNode parameters = tool.get("parameters");
    if (parameters != null && parameters.isArray()) {
      for (JsonNode entry : parameters) {
        JsonNode items = entry.get("items");
        if (items != null && items.isArray()) {
          items.forEach(item -> addInput(inputs, item));
        } else {
          addInput(inputs, entry);
        }
      }
    }
    String title = WiroValues.text(tool, "title");
    String description = WiroValues.text(tool, "description");
    return new WiroTool(slug, title == null ? "" : title, description == null ? "" : description, inputs, tool);
  }

  private static void addInput(List<WiroTool.Input> inputs, JsonNode item) {
    String id = WiroValues.text(item, "id");
    if (id == null || id.isBlank()) {
      return;
    }
    String type = WiroValues.text(item, "type");
    JsonNode required = item.get("required");
    List<String> options = new ArrayList<>();
    JsonNode choices = item.get("options");
    if (choices != null && choices.isArray()) {
      for (JsonNode choice : choices) {
        String value = choice.isObject() ? WiroValues.text(choice, "value") : choice.isValueNode() ? choice.asString() : null;
        if (value != null) {
          options.add(value);
        }
      }
    }
    inputs.add(new WiroTool.Input(
        id,
        type == null ? "" : type,
        required != null && (required.asBoolean(false) || "true".equalsIgnoreCase(required.asString(""))),
        nonBlank(WiroValues.text(item, "default")),
        range(item, "min", "minvalue"),
        range(item, "max", "maxvalue"),
        nonBlank(WiroValues.text(item, "step")),
        options));
  }

  /** A bound of an input's range: {@code min} or {@code max}, else its {@code generatesettings} name. */
  private static @Nullable String range(JsonNode item, String field, String fallback) {
    String value = nonBlank(WiroValues.text(item, field));
    return value != null ? value : nonBlank(WiroValues.text(item, fallback));
  }

  private static @Nullable String nonBlank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
