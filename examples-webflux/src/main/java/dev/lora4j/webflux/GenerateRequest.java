package dev.lora4j.webflux;

import dev.lora4j.TextToImage;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code POST /api/tasks}: {@code {"prompt": "...", "lora": "...", "width": 768,
 * "height": 1024}}, every field but {@code prompt} optional.
 *
 * @param prompt what to draw
 * @param lora the LoRA, or {@code null} for the provider's default ({@link Loras#defaultLora()})
 * @param width the width in pixels, or {@code null} for the provider's default
 * @param height the height in pixels, or {@code null} for the provider's default
 */
public record GenerateRequest(
    @Nullable String prompt, @Nullable String lora, @Nullable Integer width, @Nullable Integer height) {

  /**
   * The request to submit, checked by {@link TextToImage}'s own rules.
   *
   * @param defaultLora the LoRA when none is given
   * @return the request
   * @throws InvalidFieldException naming the first field that is missing or out of range
   */
  public TextToImage toTextToImage(Optional<String> defaultLora) {
    TextToImage.Builder builder = TextToImage.builder();
    String p = prompt;
    if (p == null) {
      throw new InvalidFieldException("prompt", "prompt is required");
    }
    check("prompt", () -> builder.prompt(p));
    String l = lora == null || lora.isBlank() ? defaultLora.orElse(null) : lora;
    if (l == null) {
      throw new InvalidFieldException("lora", "lora is required: this provider has no default LoRA");
    }
    check("lora", () -> builder.lora(l));
    Integer w = width;
    if (w != null) {
      check("width", () -> builder.width(w));
    }
    Integer h = height;
    if (h != null) {
      check("height", () -> builder.height(h));
    }
    return builder.build();
  }

  /** Runs a setter of the builder, whose message names the field and the value it got. */
  private static void check(String field, Runnable setter) {
    try {
      setter.run();
    } catch (IllegalArgumentException e) {
      throw new InvalidFieldException(field, e.getMessage());
    }
  }
}
