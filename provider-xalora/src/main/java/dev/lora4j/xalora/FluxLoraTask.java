package dev.lora4j.xalora;

import dev.lora4j.TextToImage;
import dev.lora4j.spi.Range;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A FluxLora text-to-image task: workflow {@value #WORKFLOW_ID}, task type {@value #TASK_TYPE}.
 *
 * <pre>{@code
 * FluxLoraTask task = FluxLoraTask.builder()
 *     .prompt("A photo of GECKO with dark green skin spots playing american football, cartoon, comic, anime")
 *     .loraName("gecko")
 *     .timeoutSeconds(300)
 *     .build();
 * }</pre>
 *
 * <table>
 *   <caption>Parameters ({@code task_details.parameters})</caption>
 *   <tr><th>parameter</th><th>builder</th><th>sequencer default when unset</th></tr>
 *   <tr><td>{@code prompt}</td><td>{@link Builder#prompt}</td><td>required</td></tr>
 *   <tr><td>{@code lora_name}</td><td>{@link Builder#loraName}</td><td>required</td></tr>
 *   <tr><td>{@code width}</td><td>{@link Builder#width}</td><td>{@value #DEFAULT_WIDTH}</td></tr>
 *   <tr><td>{@code height}</td><td>{@link Builder#height}</td><td>{@value #DEFAULT_HEIGHT}</td></tr>
 *   <tr><td>{@code steps}</td><td>{@link Builder#steps}</td><td>{@value #DEFAULT_STEPS}</td></tr>
 *   <tr><td>{@code noise_seed}</td><td>{@link Builder#noiseSeed}</td><td>{@value #DEFAULT_NOISE_SEED}</td></tr>
 *   <tr><td>{@code guidance}</td><td>{@link Builder#guidance}</td><td>the workflow's own</td></tr>
 *   <tr><td>{@code aspect_ratio}</td><td>{@link Builder#aspectRatio}</td><td>the workflow's own</td></tr>
 * </table>
 */
public final class FluxLoraTask extends WorkflowTask {

  /** The FluxLora workflow's id. */
  public static final String WORKFLOW_ID = "3";
  /** The task type sent for FluxLora (the seed's enum says {@code flux-lora}; the sequencer takes this). */
  public static final String TASK_TYPE = "txt2img";
  /** The sequencer's default width. */
  public static final int DEFAULT_WIDTH = 680;
  /** The sequencer's default height. */
  public static final int DEFAULT_HEIGHT = 1024;
  /** The sequencer's default number of steps. */
  public static final int DEFAULT_STEPS = 15;
  /** The sequencer's default noise seed. */
  public static final long DEFAULT_NOISE_SEED = 966993914913986L;

  private final String prompt;
  private final String loraName;
  private final OptionalInt width;
  private final OptionalInt height;
  private final OptionalInt steps;
  private final OptionalLong noiseSeed;
  private final OptionalDouble guidance;
  private final Optional<String> aspectRatio;
  private final Map<String, Object> parameters;

  private FluxLoraTask(Builder b) {
    super(b, WORKFLOW_ID);
    this.prompt = Objects.requireNonNull(b.prompt);
    this.loraName = Objects.requireNonNull(b.loraName);
    this.width = b.width;
    this.height = b.height;
    this.steps = b.steps;
    this.noiseSeed = b.noiseSeed;
    this.guidance = b.guidance;
    this.aspectRatio = b.aspectRatio;
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("prompt", prompt);
    p.put("lora_name", loraName);
    width.ifPresent(v -> p.put("width", v));
    height.ifPresent(v -> p.put("height", v));
    steps.ifPresent(v -> p.put("steps", v));
    noiseSeed.ifPresent(v -> p.put("noise_seed", v));
    guidance.ifPresent(v -> p.put("guidance", v));
    aspectRatio.ifPresent(v -> p.put("aspect_ratio", v));
    this.parameters = Collections.unmodifiableMap(p);
  }

  /**
   * Starts a task.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a task with a prompt and a LoRA, everything else at the sequencer's defaults.
   *
   * @param prompt what to draw
   * @param loraName the LoRA model's name, such as {@code gecko}
   * @return the task
   * @throws IllegalArgumentException if either is blank
   */
  public static FluxLoraTask of(String prompt, String loraName) {
    return builder().prompt(prompt).loraName(loraName).build();
  }

  @Override
  public String taskType() {
    return TASK_TYPE;
  }

  @Override
  public Map<String, Object> parameters() {
    return parameters;
  }

  /**
   * Returns the prompt.
   *
   * @return the prompt
   */
  public String prompt() {
    return prompt;
  }

  /**
   * Returns the LoRA model's name.
   *
   * @return the name
   */
  public String loraName() {
    return loraName;
  }

  /**
   * Returns the width.
   *
   * @return the width, or empty for the default ({@value #DEFAULT_WIDTH})
   */
  public OptionalInt width() {
    return width;
  }

  /**
   * Returns the height.
   *
   * @return the height, or empty for the default ({@value #DEFAULT_HEIGHT})
   */
  public OptionalInt height() {
    return height;
  }

  /**
   * Returns the number of steps.
   *
   * @return the steps, or empty for the default ({@value #DEFAULT_STEPS})
   */
  public OptionalInt steps() {
    return steps;
  }

  /**
   * Returns the noise seed.
   *
   * @return the seed, or empty for the default ({@value #DEFAULT_NOISE_SEED})
   */
  public OptionalLong noiseSeed() {
    return noiseSeed;
  }

  /**
   * Returns the guidance scale.
   *
   * @return the guidance, or empty for the workflow's own
   */
  public OptionalDouble guidance() {
    return guidance;
  }

  /**
   * Returns the aspect ratio.
   *
   * @return the aspect ratio, or empty for the workflow's own
   */
  public Optional<String> aspectRatio() {
    return aspectRatio;
  }

  /** Builds a {@link FluxLoraTask}. Not thread-safe. */
  public static final class Builder extends WorkflowTask.Builder<FluxLoraTask, Builder> {
    private @Nullable String prompt;
    private @Nullable String loraName;
    private OptionalInt width = OptionalInt.empty();
    private OptionalInt height = OptionalInt.empty();
    private OptionalInt steps = OptionalInt.empty();
    private OptionalLong noiseSeed = OptionalLong.empty();
    private OptionalDouble guidance = OptionalDouble.empty();
    private Optional<String> aspectRatio = Optional.empty();

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets the prompt.
     *
     * @param prompt what to draw, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder prompt(String prompt) {
      this.prompt = notBlank("prompt", prompt);
      return this;
    }

    /**
     * Sets the LoRA model's name.
     *
     * @param loraName the name, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder loraName(String loraName) {
      this.loraName = notBlank("loraName", loraName).strip();
      return this;
    }

    /**
     * Sets the width.
     *
     * @param width pixels, from {@value TextToImage#MIN_DIMENSION} to {@value
     *     TextToImage#MAX_DIMENSION} (the neutral range)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder width(int width) {
      this.width = OptionalInt.of(TextToImage.DIMENSION_RANGE.check("width", width));
      return this;
    }

    /**
     * Sets the height.
     *
     * @param height pixels, from {@value TextToImage#MIN_DIMENSION} to {@value
     *     TextToImage#MAX_DIMENSION} (the neutral range)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder height(int height) {
      this.height = OptionalInt.of(TextToImage.DIMENSION_RANGE.check("height", height));
      return this;
    }

    /**
     * Sets the number of steps.
     *
     * @param steps from 1 to {@value TextToImage#MAX_STEPS} (the neutral range)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder steps(int steps) {
      this.steps = OptionalInt.of(TextToImage.STEPS_RANGE.check("steps", steps));
      return this;
    }

    /**
     * Sets the noise seed; sent exactly, as a JSON integer.
     *
     * @param noiseSeed zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder noiseSeed(long noiseSeed) {
      this.noiseSeed = OptionalLong.of(Range.NON_NEGATIVE.check("noiseSeed", noiseSeed));
      return this;
    }

    /**
     * Sets the guidance scale.
     *
     * @param guidance from 0 to {@value TextToImage#MAX_GUIDANCE} (the neutral range)
     * @return this builder
     * @throws IllegalArgumentException if out of range or not a number
     */
    public Builder guidance(double guidance) {
      this.guidance = OptionalDouble.of(TextToImage.GUIDANCE_RANGE.check("guidance", guidance));
      return this;
    }

    /**
     * Sets the aspect ratio, as the workflow names it (for example {@code custom} or {@code 3:4}).
     *
     * @param aspectRatio the aspect ratio, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder aspectRatio(String aspectRatio) {
      this.aspectRatio = Optional.of(notBlank("aspectRatio", aspectRatio).strip());
      return this;
    }

    @Override
    public FluxLoraTask build() {
      if (prompt == null) {
        throw new IllegalStateException("prompt is required");
      }
      if (loraName == null) {
        throw new IllegalStateException("loraName is required");
      }
      return new FluxLoraTask(this);
    }
  }
}
