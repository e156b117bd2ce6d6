package dev.lora4j;

import dev.lora4j.spi.PositiveDuration;
import dev.lora4j.spi.Range;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * The provider-neutral text-to-image request with a LoRA model. The same instance runs unchanged on
 * every provider; each provider maps it to its FluxLora model and documents how (for example {@code
 * lora} becomes Xalora's {@code lora_name}, or a Wiro catalog model).
 *
 * <p>Only the prompt and the LoRA are required. Every other parameter left unset takes the
 * provider's own default, so the request says exactly what the caller chose.
 *
 * <pre>{@code
 * TextToImage request = TextToImage.builder()
 *     .prompt("A photo of GECKO with dark green skin spots playing american football")
 *     .lora("gecko")
 *     .width(768).height(1024)
 *     .seed(42)
 *     .build();
 * }</pre>
 */
public final class TextToImage implements TaskRequest {

  /** The smallest width or height accepted, in pixels. */
  public static final int MIN_DIMENSION = 64;
  /** The largest width or height accepted, in pixels. */
  public static final int MAX_DIMENSION = 2048;
  /** The largest number of inference steps accepted. */
  public static final int MAX_STEPS = 150;
  /** The largest guidance scale accepted. */
  public static final double MAX_GUIDANCE = 50.0;
  /** The largest number of images one request may ask for. */
  public static final int MAX_SAMPLES = 8;
  /** The longest prompt accepted, in characters. */
  public static final int MAX_PROMPT_LENGTH = 10_000;

  /**
   * The accepted width and height, {@value #MIN_DIMENSION} to {@value #MAX_DIMENSION} pixels; a
   * provider whose model takes the same range checks its own requests with this one.
   */
  public static final Range DIMENSION_RANGE = Range.of(MIN_DIMENSION, MAX_DIMENSION);
  /** The accepted number of inference steps, 1 to {@value #MAX_STEPS}. */
  public static final Range STEPS_RANGE = Range.of(1, MAX_STEPS);
  /** The accepted guidance scale, 0 to {@value #MAX_GUIDANCE}. */
  public static final Range GUIDANCE_RANGE = Range.of(0, (long) MAX_GUIDANCE);
  /** The accepted number of images, 1 to {@value #MAX_SAMPLES}. */
  public static final Range SAMPLES_RANGE = Range.of(1, MAX_SAMPLES);

  private final String prompt;
  private final String lora;
  private final @Nullable Integer width;
  private final @Nullable Integer height;
  private final @Nullable Integer steps;
  private final @Nullable Double guidance;
  private final @Nullable Long seed;
  private final @Nullable Integer samples;
  private final @Nullable Duration timeout;

  private TextToImage(Builder b) {
    this.prompt = b.prompt;
    this.lora = b.lora;
    this.width = b.width;
    this.height = b.height;
    this.steps = b.steps;
    this.guidance = b.guidance;
    this.seed = b.seed;
    this.samples = b.samples;
    this.timeout = b.timeout;
  }

  /**
   * Creates a request with a prompt and a LoRA and every other parameter at the provider's default.
   *
   * @param prompt what to draw, not blank
   * @param lora the LoRA model, in a form the provider understands, not blank
   * @return the request
   * @throws IllegalArgumentException if either is blank or the prompt is too long
   */
  public static TextToImage of(String prompt, String lora) {
    return builder().prompt(prompt).lora(lora).build();
  }

  /**
   * Starts a request.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the prompt.
   *
   * @return the prompt, not blank
   */
  public String prompt() {
    return prompt;
  }

  /**
   * Returns the LoRA model as the caller named it.
   *
   * @return the LoRA, not blank
   */
  public String lora() {
    return lora;
  }

  /**
   * Returns the image width in pixels.
   *
   * @return the width, or empty for the provider's default
   */
  public OptionalInt width() {
    return width == null ? OptionalInt.empty() : OptionalInt.of(width);
  }

  /**
   * Returns the image height in pixels.
   *
   * @return the height, or empty for the provider's default
   */
  public OptionalInt height() {
    return height == null ? OptionalInt.empty() : OptionalInt.of(height);
  }

  /**
   * Returns the number of inference steps.
   *
   * @return the steps, or empty for the provider's default
   */
  public OptionalInt steps() {
    return steps == null ? OptionalInt.empty() : OptionalInt.of(steps);
  }

  /**
   * Returns the guidance scale.
   *
   * @return the guidance, or empty for the provider's default
   */
  public OptionalDouble guidance() {
    return guidance == null ? OptionalDouble.empty() : OptionalDouble.of(guidance);
  }

  /**
   * Returns the noise seed; the same seed and parameters give the same image.
   *
   * @return the seed, or empty for the provider's default
   */
  public OptionalLong seed() {
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  /**
   * Returns how many images to generate.
   *
   * @return the number, or empty for the provider's default (one)
   */
  public OptionalInt samples() {
    return samples == null ? OptionalInt.empty() : OptionalInt.of(samples);
  }

  @Override
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof TextToImage t
        && prompt.equals(t.prompt)
        && lora.equals(t.lora)
        && Objects.equals(width, t.width)
        && Objects.equals(height, t.height)
        && Objects.equals(steps, t.steps)
        && Objects.equals(guidance, t.guidance)
        && Objects.equals(seed, t.seed)
        && Objects.equals(samples, t.samples)
        && Objects.equals(timeout, t.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(prompt, lora, width, height, steps, guidance, seed, samples, timeout);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("TextToImage{prompt=\"").append(prompt).append("\", lora=").append(lora);
    append(b, "width", width);
    append(b, "height", height);
    append(b, "steps", steps);
    append(b, "guidance", guidance);
    append(b, "seed", seed);
    append(b, "samples", samples);
    append(b, "timeout", timeout);
    return b.append('}').toString();
  }

  private static void append(StringBuilder b, String name, @Nullable Object value) {
    if (value != null) {
      b.append(", ").append(name).append('=').append(value);
    }
  }

  /**
   * Builds a {@link TextToImage}. Every setter checks its argument at once and names the field and
   * the value it got; {@link #build()} names what is missing. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String prompt;
    private @Nullable String lora;
    private @Nullable Integer width;
    private @Nullable Integer height;
    private @Nullable Integer steps;
    private @Nullable Double guidance;
    private @Nullable Long seed;
    private @Nullable Integer samples;
    private @Nullable Duration timeout;

    private Builder() {}

    /**
     * Sets the prompt.
     *
     * @param prompt what to draw: not blank, at most {@value TextToImage#MAX_PROMPT_LENGTH} characters
     * @return this builder
     * @throws IllegalArgumentException if blank or too long
     */
    public Builder prompt(String prompt) {
      Objects.requireNonNull(prompt, "prompt");
      if (prompt.isBlank()) {
        throw new IllegalArgumentException("prompt must not be blank, was \"" + prompt + "\"");
      }
      if (prompt.length() > MAX_PROMPT_LENGTH) {
        throw new IllegalArgumentException(
            "prompt must be at most " + MAX_PROMPT_LENGTH + " characters, was " + prompt.length());
      }
      this.prompt = prompt;
      return this;
    }

    /**
     * Sets the LoRA model, in a form the provider understands (a Xalora LoRA name, a Wiro catalog id
     * or label, or a URL of a {@code .safetensors} file).
     *
     * @param lora the LoRA, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder lora(String lora) {
      Objects.requireNonNull(lora, "lora");
      if (lora.isBlank()) {
        throw new IllegalArgumentException("lora must not be blank, was \"" + lora + "\"");
      }
      this.lora = lora.strip();
      return this;
    }

    /**
     * Sets the image width.
     *
     * @param width pixels, from {@value TextToImage#MIN_DIMENSION} to {@value TextToImage#MAX_DIMENSION}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder width(int width) {
      this.width = DIMENSION_RANGE.check("width", width);
      return this;
    }

    /**
     * Sets the image height.
     *
     * @param height pixels, from {@value TextToImage#MIN_DIMENSION} to {@value TextToImage#MAX_DIMENSION}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder height(int height) {
      this.height = DIMENSION_RANGE.check("height", height);
      return this;
    }

    /**
     * Sets the number of inference steps.
     *
     * @param steps from 1 to {@value TextToImage#MAX_STEPS}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder steps(int steps) {
      this.steps = STEPS_RANGE.check("steps", steps);
      return this;
    }

    /**
     * Sets the guidance scale.
     *
     * @param guidance from 0 to {@value TextToImage#MAX_GUIDANCE}
     * @return this builder
     * @throws IllegalArgumentException if out of range or not a number
     */
    public Builder guidance(double guidance) {
      this.guidance = GUIDANCE_RANGE.check("guidance", guidance);
      return this;
    }

    /**
     * Sets the noise seed.
     *
     * @param seed zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder seed(long seed) {
      this.seed = Range.NON_NEGATIVE.check("seed", seed);
      return this;
    }

    /**
     * Sets how many images to generate.
     *
     * @param samples from 1 to {@value TextToImage#MAX_SAMPLES}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder samples(int samples) {
      this.samples = SAMPLES_RANGE.check("samples", samples);
      return this;
    }

    /**
     * Sets how long the caller is prepared to wait (see {@link TaskRequest#timeout()}).
     *
     * @param timeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if zero or negative
     */
    public Builder timeout(Duration timeout) {
      this.timeout = PositiveDuration.check("timeout", timeout);
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the immutable request
     * @throws IllegalStateException if the prompt or the LoRA was not set
     */
    public TextToImage build() {
      if (prompt == null) {
        throw new IllegalStateException("prompt is required");
      }
      if (lora == null) {
        throw new IllegalStateException("lora is required");
      }
      return new TextToImage(this);
    }
  }
}
