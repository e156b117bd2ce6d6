package dev.lora4j.wiro;

import dev.lora4j.TaskRequest;
import dev.lora4j.spi.PositiveDuration;
import dev.lora4j.spi.Range;
import dev.lora4j.spi.http.Redactor;
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
import java.util.stream.Stream;
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
 *
 * <p>The builder is the usual way to make one; the canonical constructor checks every component as
 * the builder's setters do, and that at most one LoRA is chosen. Two requests are equal when every
 * component is (URLs compare as {@link URI#equals} does).
 *
 * @param prompt the prompt, not blank, trigger words included when they were added
 * @param loraModel the model id sent as {@code selectedLoraModel}, numeric; empty for Wiro's default
 *     {@value #DEFAULT_LORA_MODEL}, or for none with a private LoRA
 * @param privateLoraModel the private model id sent as {@code selectedLoraModelPrivate}, not blank;
 *     or empty
 * @param privateLoraUrl the LoRA file URL sent as {@code selectedLoraModelPrivateUrl}, an {@code
 *     https} URL of a {@code .safetensors} file; or empty
 * @param steps the number of inference steps, 1 or more; empty for Wiro's default ({@value
 *     #DEFAULT_STEPS})
 * @param scale the guidance scale, 0 or more; empty for Wiro's default ({@value #DEFAULT_SCALE})
 * @param samples the number of images, 1 or more; empty for Wiro's default ({@value
 *     #DEFAULT_SAMPLES})
 * @param seed the seed, 0 or more; empty for Wiro's default ({@value #DEFAULT_SEED})
 * @param width the width in pixels, 1 or more; empty for Wiro's default ({@value #DEFAULT_WIDTH})
 * @param height the height in pixels, 1 or more; empty for Wiro's default ({@value
 *     #DEFAULT_HEIGHT})
 * @param callbackUrl the URL Wiro POSTs the finished task to, an absolute http(s) URL; or empty
 * @param timeout how long the caller is prepared to wait (see {@link TaskRequest#timeout()}),
 *     positive; not sent
 */
public record FluxLoraFast(
    String prompt,
    Optional<String> loraModel,
    Optional<String> privateLoraModel,
    Optional<URI> privateLoraUrl,
    OptionalInt steps,
    OptionalDouble scale,
    OptionalInt samples,
    OptionalLong seed,
    OptionalInt width,
    OptionalInt height,
    Optional<URI> callbackUrl,
    Optional<Duration> timeout)
    implements TaskRequest {

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

  /**
   * Checks every component with the messages of the builder's setters.
   *
   * @param prompt the prompt
   * @param loraModel the catalog model id, stripped, or empty
   * @param privateLoraModel the private model id, stripped, or empty
   * @param privateLoraUrl the LoRA file URL, or empty
   * @param steps the steps, or empty
   * @param scale the scale, or empty
   * @param samples the number of images, or empty
   * @param seed the seed, or empty
   * @param width the width, or empty
   * @param height the height, or empty
   * @param callbackUrl the callback URL, or empty
   * @param timeout the timeout, or empty
   * @throws NullPointerException naming the component that is {@code null}
   * @throws IllegalArgumentException naming the component and the value that is not accepted, or if
   *     more than one of {@code loraModel}, {@code privateLoraModel} and {@code privateLoraUrl} is set
   */
  public FluxLoraFast {
    prompt = checkPrompt(prompt);
    loraModel = Objects.requireNonNull(loraModel, "loraModel").map(FluxLoraFast::checkLoraModel);
    privateLoraModel = Objects.requireNonNull(privateLoraModel, "privateLoraModel").map(FluxLoraFast::checkPrivateLoraModel);
    Objects.requireNonNull(privateLoraUrl, "privateLoraUrl").ifPresent(FluxLoraFast::checkPrivateLoraUrl);
    if (Stream.of(loraModel, privateLoraModel, privateLoraUrl).filter(Optional::isPresent).count() > 1) {
      throw new IllegalArgumentException("choose one LoRA: loraModel, privateLoraModel or privateLoraUrl, was more than one");
    }
    Range.POSITIVE.checkIfPresent("steps", steps);
    Range.NON_NEGATIVE.checkIfPresent("scale", scale);
    Range.POSITIVE.checkIfPresent("samples", samples);
    Range.NON_NEGATIVE.checkIfPresent("seed", seed);
    Range.POSITIVE.checkIfPresent("width", width);
    Range.POSITIVE.checkIfPresent("height", height);
    Objects.requireNonNull(callbackUrl, "callbackUrl").ifPresent(WiroRun::checkCallbackUrl);
    PositiveDuration.checkIfPresent("timeout", timeout);
  }

  private static String checkPrompt(String prompt) {
    Objects.requireNonNull(prompt, "prompt");
    if (prompt.isBlank()) {
      throw new IllegalArgumentException("prompt must not be blank, was \"" + prompt + "\"");
    }
    return prompt;
  }

  private static String checkLoraModel(String modelId) {
    Objects.requireNonNull(modelId, "modelId");
    String id = modelId.strip();
    if (!id.matches("[0-9]{1,18}")) {
      throw new IllegalArgumentException(
          "loraModel must be a numeric Wiro model id (catalog: " + WiroLora.catalog() + "), was '" + modelId + "'");
    }
    return id;
  }

  private static String checkPrivateLoraModel(String modelId) {
    Objects.requireNonNull(modelId, "modelId");
    if (modelId.isBlank()) {
      throw new IllegalArgumentException("privateLoraModel must not be blank");
    }
    return modelId.strip();
  }

  private static URI checkPrivateLoraUrl(URI url) {
    Objects.requireNonNull(url, "url");
    if (!isLoraFileUrl(url.toString())) {
      throw new IllegalArgumentException(
          "privateLoraUrl must be an https URL of a .safetensors file, was " + Redactor.describeUrl(url));
    }
    return url;
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
    return new WiroRun(TOOL, inputs(), callbackUrl, timeout);
  }

  /**
   * Returns the inputs exactly as they are sent, in the tool page's order, unset ones left out.
   *
   * @return an immutable map
   */
  public Map<String, Object> inputs() {
    Map<String, Object> in = new LinkedHashMap<>();
    if (loraModel.isPresent()) {
      in.put("selectedLoraModel", loraModel.get());
    } else if (privateLoraModel.isPresent() || privateLoraUrl.isPresent()) {
      in.put("selectedLoraModel", List.of());
    }
    privateLoraModel.ifPresent(v -> in.put("selectedLoraModelPrivate", v));
    privateLoraUrl.ifPresent(v -> in.put("selectedLoraModelPrivateUrl", v.toString()));
    in.put("prompt", prompt);
    steps.ifPresent(v -> in.put("steps", v));
    scale.ifPresent(v -> in.put("scale", decimal(v)));
    samples.ifPresent(v -> in.put("samples", v));
    seed.ifPresent(v -> in.put("seed", Long.toString(v)));
    width.ifPresent(v -> in.put("width", v));
    height.ifPresent(v -> in.put("height", v));
    return Collections.unmodifiableMap(in);
  }

  /**
   * Returns the catalog LoRA, when the chosen model id is in the published catalog.
   *
   * @return the catalog entry, or empty
   */
  public Optional<WiroLora> lora() {
    return loraModel.flatMap(WiroLora::find);
  }

  /**
   * Returns {@value #TOOL}, the kind of the run it becomes ({@link WiroRun#kind()}).
   *
   * @return {@value #TOOL}
   */
  @Override
  public String kind() {
    return TOOL;
  }

  /**
   * Describes the request by its inputs, the callback URL and the timeout; the query and user
   * info of the private LoRA URL and of the callback URL (where a signed URL keeps its signature)
   * print as {@code ***} ({@link Redactor#describeUrl}).
   *
   * @return the description
   */
  @Override
  public String toString() {
    Map<String, Object> shown = new LinkedHashMap<>(inputs());
    privateLoraUrl.ifPresent(u -> shown.put("selectedLoraModelPrivateUrl", Redactor.describeUrl(u)));
    return "FluxLoraFast{inputs=" + shown + callbackUrl.map(u -> ", callbackUrl=" + Redactor.describeUrl(u)).orElse("")
        + timeout.map(t -> ", timeout=" + t).orElse("") + "}";
  }

  /**
   * Builds a {@link FluxLoraFast}. Every setter checks its argument at once and names the value it
   * got; {@link #build()} names what is missing. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String prompt;
    private Optional<String> loraModel = Optional.empty();
    private Optional<String> privateLoraModel = Optional.empty();
    private Optional<URI> privateLoraUrl = Optional.empty();
    private OptionalInt steps = OptionalInt.empty();
    private OptionalDouble scale = OptionalDouble.empty();
    private OptionalInt samples = OptionalInt.empty();
    private OptionalLong seed = OptionalLong.empty();
    private OptionalInt width = OptionalInt.empty();
    private OptionalInt height = OptionalInt.empty();
    private Optional<URI> callbackUrl = Optional.empty();
    private Optional<Duration> timeout = Optional.empty();

    private Builder() {}

    /**
     * Sets the prompt as given.
     *
     * @param prompt what to draw, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder prompt(String prompt) {
      this.prompt = checkPrompt(prompt);
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
      WiroLora lora = loraModel.flatMap(WiroLora::find).orElse(null);
      if (lora == null) {
        String chosen = "none";
        if (loraModel.isPresent()) {
          chosen = "model " + loraModel.get() + ", which is not in the catalog";
        } else if (privateLoraModel.isPresent() || privateLoraUrl.isPresent()) {
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
      String id = checkLoraModel(modelId);
      chooseNone();
      this.loraModel = Optional.of(id);
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
      String id = checkPrivateLoraModel(modelId);
      chooseNone();
      this.privateLoraModel = Optional.of(id);
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
      checkPrivateLoraUrl(url);
      chooseNone();
      this.privateLoraUrl = Optional.of(url);
      return this;
    }

    private void chooseNone() {
      loraModel = Optional.empty();
      privateLoraModel = Optional.empty();
      privateLoraUrl = Optional.empty();
    }

    /**
     * Sets the number of inference steps.
     *
     * @param steps 1 or more; Wiro refuses a run above the tool's maximum
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder steps(int steps) {
      this.steps = OptionalInt.of(Range.POSITIVE.check("steps", steps));
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
      this.scale = OptionalDouble.of(Range.NON_NEGATIVE.check("scale", scale));
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
      this.samples = OptionalInt.of(Range.POSITIVE.check("samples", samples));
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
     * Sets the width.
     *
     * @param width pixels, 1 or more; Wiro refuses a run outside the tool's range
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder width(int width) {
      this.width = OptionalInt.of(Range.POSITIVE.check("width", width));
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
      this.height = OptionalInt.of(Range.POSITIVE.check("height", height));
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
      this.callbackUrl = Optional.of(WiroRun.checkCallbackUrl(callbackUrl));
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
      this.timeout = Optional.of(PositiveDuration.check("timeout", timeout));
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
      return new FluxLoraFast(prompt, loraModel, privateLoraModel, privateLoraUrl, steps, scale, samples, seed,
          width, height, callbackUrl, timeout);
    }
  }
}
