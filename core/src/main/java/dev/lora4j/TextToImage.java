package dev.lora4j;

import dev.lora4j.spi.PositiveDuration;
import dev.lora4j.spi.Range;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The provider-neutral text-to-image request with a LoRA model. The same instance runs unchanged on
 * every provider; each provider maps it to its FluxLora model and documents how (for example {@code
 * lora} becomes Xalora's {@code lora_name}, or a Wiro catalog model).
 *
 * <p>Only the prompt and the LoRA are required. Every other parameter left empty takes the
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
 *
 * <p>The builder is the usual way to make one; the canonical constructor checks the same ranges
 * with the same messages. Two requests are equal when every component is.
 *
 * @param prompt what to draw: not blank, at most {@value #MAX_PROMPT_LENGTH} characters
 * @param lora the LoRA model as the caller named it, in a form the provider understands, not blank
 *     (stripped of surrounding white space)
 * @param width the image width in pixels, {@link #DIMENSION_RANGE}; empty for the provider's default
 * @param height the image height in pixels, {@link #DIMENSION_RANGE}; empty for the provider's
 *     default
 * @param steps the number of inference steps, {@link #STEPS_RANGE}; empty for the provider's default
 * @param guidance the guidance scale, {@link #GUIDANCE_RANGE}; empty for the provider's default
 * @param seed the noise seed, zero or more, the same seed and parameters giving the same image;
 *     empty for the provider's default
 * @param samples how many images to generate, {@link #SAMPLES_RANGE}; empty for the provider's
 *     default (one)
 * @param timeout how long the caller is prepared to wait (see {@link TaskRequest#timeout()}),
 *     positive; empty for the default
 */
public record TextToImage(
    String prompt,
    String lora,
    OptionalInt width,
    OptionalInt height,
    OptionalInt steps,
    OptionalDouble guidance,
    OptionalLong seed,
    OptionalInt samples,
    Optional<Duration> timeout)
    implements TaskRequest {

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

  /**
   * Checks every component, with the messages of the builder's setters.
   *
   * @param prompt what to draw
   * @param lora the LoRA model, stripped
   * @param width the width, or empty
   * @param height the height, or empty
   * @param steps the steps, or empty
   * @param guidance the guidance, or empty
   * @param seed the seed, or empty
   * @param samples the number of images, or empty
   * @param timeout the timeout, or empty
   * @throws NullPointerException naming the component that is {@code null}
   * @throws IllegalArgumentException naming the component and the value that is out of range
   */
  public TextToImage {
    prompt = checkPrompt(prompt);
    lora = checkLora(lora);
    DIMENSION_RANGE.checkIfPresent("width", width);
    DIMENSION_RANGE.checkIfPresent("height", height);
    STEPS_RANGE.checkIfPresent("steps", steps);
    GUIDANCE_RANGE.checkIfPresent("guidance", guidance);
    Range.NON_NEGATIVE.checkIfPresent("seed", seed);
    SAMPLES_RANGE.checkIfPresent("samples", samples);
    PositiveDuration.checkIfPresent("timeout", timeout);
  }

  private static String checkPrompt(String prompt) {
    Objects.requireNonNull(prompt, "prompt");
    if (prompt.isBlank()) {
      throw new IllegalArgumentException("prompt must not be blank, was \"" + prompt + "\"");
    }
    if (prompt.length() > MAX_PROMPT_LENGTH) {
      throw new IllegalArgumentException(
          "prompt must be at most " + MAX_PROMPT_LENGTH + " characters, was " + prompt.length());
    }
    return prompt;
  }

  private static String checkLora(String lora) {
    Objects.requireNonNull(lora, "lora");
    if (lora.isBlank()) {
      throw new IllegalArgumentException("lora must not be blank, was \"" + lora + "\"");
    }
    return lora.strip();
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
   * Returns {@code text-to-image}, for every provider.
   *
   * @return {@code text-to-image}
   */
  @Override
  public String kind() {
    return "text-to-image";
  }

  /**
   * Describes the request with the parameters that are set: {@code TextToImage{prompt="a gecko",
   * lora=gecko, width=768}}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ", "TextToImage{", "}").add("prompt=\"" + prompt + '"').add("lora=" + lora);
    width.ifPresent(v -> j.add("width=" + v));
    height.ifPresent(v -> j.add("height=" + v));
    steps.ifPresent(v -> j.add("steps=" + v));
    guidance.ifPresent(v -> j.add("guidance=" + v));
    seed.ifPresent(v -> j.add("seed=" + v));
    samples.ifPresent(v -> j.add("samples=" + v));
    timeout.ifPresent(v -> j.add("timeout=" + v));
    return j.toString();
  }

  /**
   * Builds a {@link TextToImage}. Every setter checks its argument at once and names the field and
   * the value it got; {@link #build()} names what is missing. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String prompt;
    private @Nullable String lora;
    private OptionalInt width = OptionalInt.empty();
    private OptionalInt height = OptionalInt.empty();
    private OptionalInt steps = OptionalInt.empty();
    private OptionalDouble guidance = OptionalDouble.empty();
    private OptionalLong seed = OptionalLong.empty();
    private OptionalInt samples = OptionalInt.empty();
    private Optional<Duration> timeout = Optional.empty();

    private Builder() {}

    /**
     * Sets the prompt.
     *
     * @param prompt what to draw: not blank, at most {@value TextToImage#MAX_PROMPT_LENGTH} characters
     * @return this builder
     * @throws IllegalArgumentException if blank or too long
     */
    public Builder prompt(String prompt) {
      this.prompt = checkPrompt(prompt);
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
      this.lora = checkLora(lora);
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
      this.width = OptionalInt.of(DIMENSION_RANGE.check("width", width));
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
      this.height = OptionalInt.of(DIMENSION_RANGE.check("height", height));
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
      this.steps = OptionalInt.of(STEPS_RANGE.check("steps", steps));
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
      this.guidance = OptionalDouble.of(GUIDANCE_RANGE.check("guidance", guidance));
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
      this.seed = OptionalLong.of(Range.NON_NEGATIVE.check("seed", seed));
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
      this.samples = OptionalInt.of(SAMPLES_RANGE.check("samples", samples));
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
      this.timeout = Optional.of(PositiveDuration.check("timeout", timeout));
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
      return new TextToImage(prompt, lora, width, height, steps, guidance, seed, samples, timeout);
    }
  }
}
