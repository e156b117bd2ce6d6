package dev.lora4j.wiro;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A Wiro tool's description from {@code Tool/Detail}: what it is and the inputs a {@link WiroRun}
 * of it takes.
 *
 * @param slug the tool's slug, {@code owner/tool}
 * @param title the tool's title, empty when Wiro gave none
 * @param description the tool's description, empty when Wiro gave none
 * @param inputs the inputs, in Wiro's order (all parameter groups flattened)
 * @param raw the tool object as Wiro sent it, for what is not modelled here
 */
public record WiroTool(String slug, String title, String description, List<Input> inputs, JsonNode raw) {

  /**
   * Checks and copies the components.
   *
   * @param slug the slug
   * @param title the title
   * @param description the description
   * @param inputs the inputs
   * @param raw the raw tool object
   */
  public WiroTool {
    Objects.requireNonNull(slug, "slug");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    inputs = List.copyOf(inputs);
    raw = raw.deepCopy();
  }

  /**
   * Finds an input by its id.
   *
   * @param id the input's id, such as {@code prompt}
   * @return the input, or empty when the tool has none of that id
   */
  public Optional<Input> input(String id) {
    Objects.requireNonNull(id, "id");
    return inputs.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  /**
   * Returns a copy of the raw tool object (the record keeps its own).
   *
   * @return the tool object as Wiro sent it
   */
  @Override
  public JsonNode raw() {
    return raw.deepCopy();
  }

  /**
   * One input of a tool. Values are kept as text, whether Wiro sent them as text or as JSON
   * numbers ({@code 0.1} is {@code "0.1"}).
   *
   * <p>The range is read from the input's {@code min}, {@code max} and {@code step}, as Wiro's
   * {@code Tool/Detail} names them; when {@code min} or {@code max} is absent, from {@code
   * minvalue} or {@code maxvalue} (the names of a LoRA's {@code generatesettings}).
   *
   * @param id the input's name, as sent in a run
   * @param type Wiro's type, such as {@code text}, {@code textarea}, {@code number}, {@code float},
   *     {@code range} or {@code select}
   * @param required whether a run must give it
   * @param defaultValue the default Wiro applies when the input is left out, or {@code null}
   * @param minValue the smallest value Wiro accepts, or {@code null} when not stated
   * @param maxValue the largest value Wiro accepts, or {@code null} when not stated
   * @param step the increment between accepted values, or {@code null} when not stated
   * @param options the values a {@code select} input accepts, in Wiro's order; empty otherwise
   */
  public record Input(
      String id,
      String type,
      boolean required,
      @Nullable String defaultValue,
      @Nullable String minValue,
      @Nullable String maxValue,
      @Nullable String step,
      List<String> options) {

    /**
     * Checks and copies the components.
     *
     * @param id the name
     * @param type the type
     * @param required whether required
     * @param defaultValue the default, or {@code null}
     * @param minValue the minimum, or {@code null}
     * @param maxValue the maximum, or {@code null}
     * @param step the increment, or {@code null}
     * @param options the accepted values
     */
    public Input {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(type, "type");
      options = List.copyOf(options);
    }
  }
}
