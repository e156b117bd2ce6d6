package dev.lora4j.wiro;

import dev.lora4j.TaskRequest;
import dev.lora4j.spi.PositiveDuration;
import dev.lora4j.spi.Range;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A run of Wiro's {@value #TOOL} (FLUX.1 with a LoRA, seed 004), with every input of its tool page.
 *
 * <pre>{@code
 * FluxLoraFast request = FluxLoraFast.builder()
 *     .lora(WiroLora.MOVIE_POSTER)
 *     .promptWithTriggerWords("a lighthouse keeper and his cat")
 *     .width(768).height(1024)
 *     .seed(42)
 *     .build();
 * }</pre>
 *
 * <p>Inputs left unset are left out of the run, so Wiro applies its own defaults (listed below from
 * the tool page); the request says exactly what the caller chose. The tool page documents no
 * ranges, so the builder checks only what holds for any value (a count is at least 1, a seed or a
 * scale is not negative) and Wiro checks the rest: a run outside the tool's ranges is refused with
 * an {@link dev.lora4j.InvalidRequestException} before a task is created. The ranges Wiro enforces
 * today are in the tool's {@code Tool/Detail} ({@link WiroClient#tool}).
 *
 * <table>
 *   <caption>Inputs, in the order they are sent</caption>
 *   <tr><th>input</th><th>builder</th><th>sent as</th><th>Wiro's default</th><th>range</th></tr>
 *   <tr><td>{@code selectedLoraModel}</td><td>{@link Builder#lora}, {@link Builder#loraModel}</td>
 *       <td>string id; {@code []} with a private LoRA</td><td>{@value #DEFAULT_LORA_MODEL}</td><td>catalog id</td></tr>
 *   <tr><td>{@code selectedLoraModelPrivate}</td><td>{@link Builder#privateLoraModel}</td><td>string</td>
 *       <td>none</td><td></td></tr>
 *   <tr><td>{@code selectedLoraModelPrivateUrl}</td><td>{@link Builder#privateLoraUrl}</td><td>string</td>
 *       <td>none</td><td>https URL of a {@code .safetensors} file</td></tr>
 *   <tr><td>{@code prompt}</td><td>{@link Builder#prompt}, {@link Builder#promptWithTriggerWords}</td>
 *       <td>string</td><td>required here</td><td>not blank</td></tr>
 *   <tr><td>{@code steps}</td><td>{@link Builder#steps}</td><td>number</td><td>{@value #DEFAULT_STEPS}</td>
 *       <td>1 or more</td></tr>
 *   <tr><td>{@code scale}</td><td>{@link Builder#scale}</td><td>string, as in the seed</td>
 *       <td>{@value #DEFAULT_SCALE}</td><td>0 or more</td></tr>
 *   <tr><td>{@code samples}</td><td>{@link Builder#samples}</td><td>number</td><td>{@value #DEFAULT_SAMPLES}</td>
 *       <td>1 or more</td></tr>
 *   <tr><td>{@code seed}</td><td>{@link Builder#seed}</td><td>string, as in the seed</td>
 *       <td>{@value #DEFAULT_SEED}</td><td>0 or more</td></tr>
 *   <tr><td>{@code width}, {@code height}</td><td>{@link Builder#width}, {@link Builder#height}</td>
 *       <td>number</td><td>{@value #DEFAULT_WIDTH}</td><td>1 or more</td></tr>
 *   <tr><td>{@code callbackUrl}</td><td>{@link Builder#callbackUrl}</td><td>string</td><td>none</td><td></td></tr>
 * </table>
 *
 * <p>Only one LoRA is chosen: each of {@link Builder#lora}, {@link Builder#loraModel}, {@link
 * Builder#privateLoraModel} and {@link Builder#privateLoraUrl} replaces the previous choice. With a
 * private LoRA, {@code selectedLoraModel} is sent as {@code []} (the seed's "none"), so that Wiro's
 * default catalog model is not applied as well.
 *
 * <p>A provider-neutral {@link dev.lora4j.TextToImage} sent to the Wiro provider runs as this tool:
 * its {@code lora} is a catalog id or label (any case), else an {@code https} URL of a {@code
 * .safetensors} file, and anything else is an {@link dev.lora4j.InvalidRequestException} listing
 * the catalog; {@code guidance} becomes {@code scale}; the other values keep their names and, like
 * here, are left to Wiro to check.
 */
public final class FluxLoraFast implements TaskRequest {

  /** The tool's slug. */
  public static final String TOOL = "wiro/text-to-image-flux-lora-fast";
  /** Wiro's default {@code selectedLoraModel} (not in the published catalog). */
  public static final String DEFAULT_LORA_MODEL = "655";
  /** Wiro's default number of inference steps. */
  public static final int DEFAULT_STEPS = 20;
  /** Wiro's default guidance scale. */
  public static final double DEFAULT_SCALE = 3.5;
  /** Wiro's default number of images. */
  public static final int DEFAULT_SAMPLES = 1;
  /** Wiro's default seed. */
  public static final long DEFAULT_SEED = 3572004920L;
  /** Wiro's default width in pixels. */
  public static final int DEFAULT_WIDTH = 1024;
  /** Wiro's default height in pixels. */
  public static final int DEFAULT_HEIGHT = 1024;

  private final String prompt;
  private final @Nullable String loraModel;
  private final @Nullable String privateLoraModel;
  private final @Nullable URI privateLoraUrl;
  private final @Nullable Integer steps;
  private final @Nullable Double scale;
  private final @Nullable Integer samples;
  private final @Nullable Long seed;
  private final @Nullable Integer width;
  private final @Nullable Integer height;
  private final @Nullable URI callbackUrl;
  private final @Nullable Duration timeout;
  private final Map<String, Object> inputs;

  private FluxLoraFast(Builder b) {
    this.prompt = Objects.requireNonNull(b.prompt);
    this.loraModel = b.loraModel;
    this.privateLoraModel = b.privateLoraModel;
    this.privateLoraUrl = b.privateLoraUrl;
    this.steps = b.steps;
    this.scale = b.scale;
    this.samples = b.samples;
    this.seed = b.seed;
    this.width = b.width;
    this.height = b.height;
    this.callbackUrl = b.callbackUrl;
    this.timeout = b.timeout;
    Map<String, Object> in = new LinkedHashMap<>();
    if (loraModel != null) {
      in.put("selectedLoraModel", loraModel);
    } else if (privateLoraModel != null || privateLoraUrl != null) {
      in.put("selectedLoraModel", List.of());
    }
    putIfSet(in, "selectedLoraModelPrivate", privateLoraModel);
    putIfSet(in, "selectedLoraModelPrivateUrl", privateLoraUrl == null ? null : privateLoraUrl.toString());
    in.put("prompt", prompt);
    putIfSet(in, "steps", steps);
    putIfSet(in, "scale", scale == null ? null : decimal(scale));
    putIfSet(in, "samples", samples);
    putIfSet(in, "seed", seed == null ? null : seed.toString());
    putIfSet(in, "width", width);
    putIfSet(in, "height", height);
    this.inputs = Collections.unmodifiableMap(in);
  }

  private static void putIfSet(Map<String, Object> inputs, String name, @Nullable Object value) {
    if (value != null) {
      inputs.put(name, value);
    }
  }

  /** A scale as the seed writes it: {@code 3.5}, {@code 4}, never in exponent form. */
  private static String decimal(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
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
   * Creates a request with a catalog LoRA, its trigger words put in front of the prompt, and every
   * other input at Wiro's default.
   *
   * @param prompt what to draw, not blank
   * @param lora the catalog LoRA
   * @return the request
   * @throws IllegalArgumentException if the prompt is blank
   */
  public static FluxLoraFast of(String prompt, WiroLora lora) {
    return builder().lora(lora).promptWithTriggerWords(prompt).build();
  }

  /** An absolute https URL whose path ends in {@code .safetensors}. */
  static boolean isLoraFileUrl(String text) {
    try {
      URI uri = new URI(text.strip());
      String path = uri.getPath();
      return "https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null && path != null
          && path.toLowerCase(Locale.ROOT).endsWith(".safetensors");
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  /**
   * Returns this request as the generic run that is sent.
   *
   * @return the run of {@value #TOOL} with {@link #inputs()}, the callback URL and the timeout
   */
  public WiroRun toRun() {
    WiroRun.Builder run = WiroRun.builder(TOOL).inputs(inputs);
    if (callbackUrl != null) {
      run.callbackUrl(callbackUrl);
    }
    if (timeout != null) {
      run.timeout(timeout);
    }
    return run.build();
  }

  /**
   * Returns the inputs exactly as they are sent, in the tool page's order, unset ones left out.
   *
   * @return an immutable map
   */
  public Map<String, Object> inputs() {
    return inputs;
  }

  /**
   * Returns the prompt.
   *
   * @return the prompt, trigger words included when they were added
   */
  public String prompt() {
    return prompt;
  }

  /**
   * Returns the catalog LoRA, when the chosen model id is in the published catalog.
   *
   * @return the catalog entry, or empty
   */
  public Optional<WiroLora> lora() {
    return loraModel == null ? Optional.empty() : WiroLora.find(loraModel);
  }

  /**
   * Returns the model id sent as {@code selectedLoraModel}.
   *
   * @return the id, or empty (Wiro's default {@value #DEFAULT_LORA_MODEL}, or none with a private
   *     LoRA)
   */
  public Optional<String> loraModel() {
    return Optional.ofNullable(loraModel);
  }

  /**
   * Returns the private model id sent as {@code selectedLoraModelPrivate}.
   *
   * @return the id, or empty
   */
  public Optional<String> privateLoraModel() {
    return Optional.ofNullable(privateLoraModel);
  }

  /**
   * Returns the LoRA file URL sent as {@code selectedLoraModelPrivateUrl}.
   *
   * @return the URL, or empty
   */
  public Optional<URI> privateLoraUrl() {
    return Optional.ofNullable(privateLoraUrl);
  }

  /**
   * Returns the number of inference steps.
   *
   * @return the steps, or empty for Wiro's default ({@value #DEFAULT_STEPS})
   */
  public OptionalInt steps() {
    return steps == null ? OptionalInt.empty() : OptionalInt.of(steps);
  }

  /**
   * Returns the guidance scale.
   *
   * @return the scale, or empty for Wiro's default ({@value #DEFAULT_SCALE})
   */
  public OptionalDouble scale() {
    return scale == null ? OptionalDouble.empty() : OptionalDouble.of(scale);
  }

  /**
   * Returns the number of images.
   *
   * @return the number, or empty for Wiro's default ({@value #DEFAULT_SAMPLES})
   */
  public OptionalInt samples() {
    return samples == null ? OptionalInt.empty() : OptionalInt.of(samples);
  }

  /**
   * Returns the seed.
   *
   * @return the seed, or empty for Wiro's default ({@value #DEFAULT_SEED})
   */
  public OptionalLong seed() {
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  /**
   * Returns the width.
   *
   * @return pixels, or empty for Wiro's default ({@value #DEFAULT_WIDTH})
   */
  public OptionalInt width() {
    return width == null ? OptionalInt.empty() : OptionalInt.of(width);
  }

  /**
   * Returns the height.
   *
   * @return pixels, or empty for Wiro's default ({@value #DEFAULT_HEIGHT})
   */
  public OptionalInt height() {
    return height == null ? OptionalInt.empty() : OptionalInt.of(height);
  }

  /**
   * Returns the URL Wiro POSTs the finished task to.
   *
   * @return the URL, or empty
   */
  public Optional<URI> callbackUrl() {
    return Optional.ofNullable(callbackUrl);
  }

  @Override
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FluxLoraFast f
        && inputs.equals(f.inputs)
        && Objects.equals(callbackUrl, f.callbackUrl)
        && Objects.equals(timeout, f.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inputs, callbackUrl, timeout);
  }

  @Override
  public String toString() {
    return "FluxLoraFast{inputs=" + inputs + (callbackUrl == null ? "" : ", callbackUrl=" + callbackUrl)
        + (timeout == null ? "" : ", timeout=" + timeout) + "}";
  }

  /**
   * Builds a {@link FluxLoraFast}. Every setter checks its argument at once and names the value it
   * got; {@link #build()} names what is missing. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String prompt;
    private @Nullable String loraModel;
    private @Nullable String privateLoraModel;
    private @Nullable URI privateLoraUrl;
    private @Nullable Integer steps;
    private @Nullable Double scale;
    private @Nullable Integer samples;
    private @Nullable Long seed;
    private @Nullable Integer width;
    private @Nullable Integer height;
    private @Nullable URI callbackUrl;
    private @Nullable Duration timeout;

    private Builder() {}

    /**
     * Sets the prompt as given.
     *
     * @param prompt what to draw, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder prompt(String prompt) {
      Objects.requireNonNull(prompt, "prompt");
      if (prompt.isBlank()) {
        throw new IllegalArgumentException("prompt must not be blank, was \"" + prompt + "\"");
      }
      this.prompt = prompt;
      return this;
    }

    /**
     * Sets the prompt with the chosen catalog LoRA's trigger words in front ({@link
     * WiroLora#withTriggerWords}).
     *
     * @param prompt what to draw, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException if no catalog LoRA was chosen before
     */
    public Builder promptWithTriggerWords(String prompt) {
      Objects.requireNonNull(prompt, "prompt");
      WiroLora lora = loraModel == null ? null : WiroLora.find(loraModel).orElse(null);
      if (lora == null) {
        String chosen = "none";
        if (loraModel != null) {
          chosen = "model " + loraModel + ", which is not in the catalog";
        } else if (privateLoraModel != null || privateLoraUrl != null) {
          chosen = "a private LoRA, whose trigger words lora4j does not know";
        }
        throw new IllegalStateException(
            "promptWithTriggerWords needs a catalog LoRA chosen first with lora(WiroLora), was " + chosen);
      }
      return prompt(lora.withTriggerWords(prompt));
    }

    /**
     * Chooses a catalog LoRA.
     *
     * @param lora the catalog entry
     * @return this builder
     */
    public Builder lora(WiroLora lora) {
      return loraModel(Objects.requireNonNull(lora, "lora").id());
    }

    /**
     * Chooses a LoRA by its Wiro model id, also one missing from the published catalog (such as
     * Wiro's default {@value FluxLoraFast#DEFAULT_LORA_MODEL}).
     *
     * @param modelId the numeric id
     * @return this builder
     * @throws IllegalArgumentException if not a number
     */
    public Builder loraModel(String modelId) {
      Objects.requireNonNull(modelId, "modelId");
      String id = modelId.strip();
      if (!id.matches("[0-9]{1,18}")) {
        throw new IllegalArgumentException(
            "loraModel must be a numeric Wiro model id (catalog: " + WiroLora.catalog() + "), was '" + modelId + "'");
      }
      chooseNone();
      this.loraModel = id;
      return this;
    }

    /**
     * Chooses one of the account's private LoRA models ({@code selectedLoraModelPrivate}).
     *
     * @param modelId the private model's id, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder privateLoraModel(String modelId) {
      Objects.requireNonNull(modelId, "modelId");
      if (modelId.isBlank()) {
        throw new IllegalArgumentException("privateLoraModel must not be blank");
      }
      chooseNone();
      this.privateLoraModel = modelId.strip();
      return this;
    }

    /**
     * Chooses a LoRA file by URL ({@code selectedLoraModelPrivateUrl}); Wiro downloads and applies
     * it.
     *
     * @param url a public {@code https} URL whose path ends in {@code .safetensors}
     * @return this builder
     * @throws IllegalArgumentException otherwise
     */
    public Builder privateLoraUrl(URI url) {
      Objects.requireNonNull(url, "url");
      if (!isLoraFileUrl(url.toString())) {
        throw new IllegalArgumentException(
            "privateLoraUrl must be an https URL of a .safetensors file, was " + url);
      }
      chooseNone();
      this.privateLoraUrl = url;
      return this;
    }

    private void chooseNone() {
      loraModel = null;
      privateLoraModel = null;
      privateLoraUrl = null;
    }

    /**
     * Sets the number of inference steps.
     *
     * @param steps 1 or more; Wiro refuses a run above the tool's maximum
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder steps(int steps) {
      this.steps = Range.POSITIVE.check("steps", steps);
      return this;
    }

    /**
     * Sets the guidance scale.
     *
     * @param scale 0 or more, finite; Wiro refuses a run above the tool's maximum
     * @return this builder
     * @throws IllegalArgumentException if negative, infinite or not a number
     */
    public Builder scale(double scale) {
      this.scale = Range.NON_NEGATIVE.check("scale", scale);
      return this;
    }

    /**
     * Sets the number of images.
     *
     * @param samples 1 or more; Wiro refuses a run above the tool's maximum
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder samples(int samples) {
      this.samples = Range.POSITIVE.check("samples", samples);
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
      this.seed = Range.NON_NEGATIVE.check("seed", seed);
      return this;
    }

    /**
     * Sets the width.
     *
     * @param width pixels, 1 or more; Wiro refuses a run outside the tool's range
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder width(int width) {
      this.width = Range.POSITIVE.check("width", width);
      return this;
    }

    /**
     * Sets the height.
     *
     * @param height pixels, 1 or more; Wiro refuses a run outside the tool's range
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder height(int height) {
      this.height = Range.POSITIVE.check("height", height);
      return this;
    }

    /**
     * Sets the URL Wiro POSTs the finished task to.
     *
     * @param callbackUrl an absolute http or https URL
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http(s) URL
     */
    public Builder callbackUrl(URI callbackUrl) {
      WiroRun.builder(TOOL).callbackUrl(callbackUrl);
      this.callbackUrl = callbackUrl;
      return this;
    }

    /**
     * Sets how long the caller is prepared to wait (see {@link TaskRequest#timeout()}); not sent.
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
     * @throws IllegalStateException if the prompt was not set
     */
    public FluxLoraFast build() {
      if (prompt == null) {
        throw new IllegalStateException("prompt is required");
      }
      return new FluxLoraFast(this);
    }
  }
}
