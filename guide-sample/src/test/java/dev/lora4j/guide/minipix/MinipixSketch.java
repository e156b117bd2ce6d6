package dev.lora4j.guide.minipix;

import dev.lora4j.TaskRequest;
import dev.lora4j.spi.Range;
import java.util.Objects;

/**
 * A Minipix sketch, the provider's own request: a square image of {@code size} pixels drawn in a
 * named style.
 *
 * @param prompt what to draw, not blank
 * @param style the style, such as {@code ink}, not blank
 * @param size the side of the square image, within {@link #SIZE}
 */
public record MinipixSketch(String prompt, String style, int size) implements TaskRequest {

  /** The sides Minipix documents: 64 to 1024 pixels. */
  public static final Range SIZE = Range.of(64, 1024);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException naming the first bad value
   */
  public MinipixSketch {
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(style, "style");
    if (prompt.isBlank()) {
      throw new IllegalArgumentException("prompt must not be blank");
    }
    if (style.isBlank()) {
      throw new IllegalArgumentException("style must not be blank");
    }
    SIZE.check("size", size);
  }
}
