package dev.lora4j.xalora;

import dev.lora4j.TextToImage;
import dev.lora4j.spi.Range;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A Text2Video task: task type {@value #TASK_TYPE}, a prompt and optional video settings. Xalora
 * documents no default workflow id for it, so {@link Builder#workflowId} is required. Unset settings
 * are left out of the body; the reference client's defaults are width 848, height 480, length 37
 * frames, 30 steps, 24 fps, quality 80 and a random seed.
 */
public final class Text2VideoTask extends WorkflowTask {

  /** The task type sent for Text2Video. */
  public static final String TASK_TYPE = "txt2vid";

  private static final Range LENGTH = Range.of(1, 1000);
  private static final Range FPS = Range.of(1, 120);
  private static final Range QUALITY = Range.of(1, 100);

  private final String prompt;
  private final OptionalInt width;
  private final OptionalInt height;
  private final OptionalInt length;
  private final OptionalInt steps;
  private final OptionalLong seed;
  private final OptionalInt fps;
  private final OptionalInt quality;
  private final Map<String, Object> parameters;

  private Text2VideoTask(Builder b) {
    super(b, null);
    this.prompt = Objects.requireNonNull(b.prompt);
    this.width = b.width;
    this.height = b.height;
    this.length = b.length;
    this.steps = b.steps;
    this.seed = b.seed;
    this.fps = b.fps;
    this.quality = b.quality;
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("prompt", prompt);
    width.ifPresent(v -> p.put("width", v));
    height.ifPresent(v -> p.put("height", v));
    length.ifPresent(v -> p.put("length", v));
    steps.ifPresent(v -> p.put("steps", v));
    seed.ifPresent(v -> p.put("seed", v));
    fps.ifPresent(v -> p.put("fps", v));
    quality.ifPresent(v -> p.put("quality", v));
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
   * Returns the width.
   *
   * @return the width in pixels, or empty for the workflow's default
   */
  public OptionalInt width() {
    return width;
  }

  /**
   * Returns the height.
   *
   * @return the height in pixels, or empty for the workflow's default
   */
  public OptionalInt height() {
    return height;
  }

  /**
   * Returns the length.
   *
   * @return the number of frames, or empty for the workflow's default
   */
  public OptionalInt length() {
    return length;
  }

  /**
   * Returns the number of steps.
   *
   * @return the steps, or empty for the workflow's default
   */
  public OptionalInt steps() {
    return steps;
  }

  /**
   * Returns the seed.
   *
   * @return the seed, or empty for a random one
   */
  public OptionalLong seed() {
    return seed;
  }

  /**
   * Returns the frame rate.
   *
   * @return frames per second, or empty for the workflow's default
   */
  public OptionalInt fps() {
    return fps;
  }

  /**
   * Returns the encoding quality.
   *
   * @return the quality from 1 to 100, or empty for the workflow's default
   */
  public OptionalInt quality() {
    return quality;
  }

  /** Builds a {@link Text2VideoTask}. Not thread-safe. */
  public static final class Builder extends WorkflowTask.Builder<Text2VideoTask, Builder> {
    private @Nullable String prompt;
    private OptionalInt width = OptionalInt.empty();
    private OptionalInt height = OptionalInt.empty();
    private OptionalInt length = OptionalInt.empty();
    private OptionalInt steps = OptionalInt.empty();
    private OptionalLong seed = OptionalLong.empty();
    private OptionalInt fps = OptionalInt.empty();
    private OptionalInt quality = OptionalInt.empty();

    private Builder() {}

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets the prompt.
     *
     * @param prompt what to show, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder prompt(String prompt) {
      this.prompt = notBlank("prompt", prompt);
      return this;
    }

    /**
     * Sets the width.
     *
     * @param width pixels, from {@value TextToImage#MIN_DIMENSION} to {@value
     *     TextToImage#MAX_DIMENSION}
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
     *     TextToImage#MAX_DIMENSION}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder height(int height) {
      this.height = OptionalInt.of(TextToImage.DIMENSION_RANGE.check("height", height));
      return this;
    }

    /**
     * Sets the length.
     *
     * @param length frames, from 1 to 1000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder length(int length) {
      this.length = OptionalInt.of(LENGTH.check("length", length));
      return this;
    }

    /**
     * Sets the number of steps.
     *
     * @param steps from 1 to {@value TextToImage#MAX_STEPS}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder steps(int steps) {
      this.steps = OptionalInt.of(TextToImage.STEPS_RANGE.check("steps", steps));
      return this;
    }

    /**
     * Sets the seed.
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
     * Sets the frame rate.
     *
     * @param fps frames per second, from 1 to 120
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder fps(int fps) {
      this.fps = OptionalInt.of(FPS.check("fps", fps));
      return this;
    }

    /**
     * Sets the encoding quality.
     *
     * @param quality from 1 to 100
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder quality(int quality) {
      this.quality = OptionalInt.of(QUALITY.check("quality", quality));
      return this;
    }

    @Override
    public Text2VideoTask build() {
      requireWorkflowId(TASK_TYPE);
      if (prompt == null) {
        throw new IllegalStateException("prompt is required");
      }
      return new Text2VideoTask(this);
    }
  }
}
