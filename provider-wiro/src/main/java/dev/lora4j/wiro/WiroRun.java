package dev.lora4j.wiro;

import dev.lora4j.TaskRequest;
import dev.lora4j.spi.PositiveDuration;
import dev.lora4j.spi.http.Redactor;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * A run of any Wiro tool: {@code POST Run/{owner}/{tool}} with the tool's inputs as a flat JSON
 * object. The tool's input names and types are on its Wiro page, or from {@link WiroClient#tool}.
 *
 * <pre>{@code
 * WiroRun run = WiroRun.of("wiro/text-to-image-flux-lora-fast",
 *     Map.of("prompt", "a lighthouse at dusk", "steps", 20, "scale", "3.5"));
 * TaskResult result = client.run(run).block();
 * }</pre>
 *
 * <p>Input values are sent as given: strings, numbers, booleans, or lists of those (a multi-value
 * select, such as {@code "selectedLoraModel": []}). A run is billed: lora4j sends it at most once.
 * The canonical constructor checks and copies its arguments as the builder does; two runs are equal
 * when their tool, inputs (in any order), callback URL and timeout are.
 *
 * @param tool the tool's slug, {@code owner/tool}, such as {@code wiro/text-to-image-flux-lora-fast}
 * @param inputs the inputs exactly as they are sent, in order ({@code callbackUrl} not included): an
 *     immutable map whose list values are immutable too
 * @param callbackUrl the URL Wiro POSTs the finished task to, an absolute http(s) URL; empty when
 *     none is sent
 * @param timeout how long the caller is prepared to wait (see {@link TaskRequest#timeout()}),
 *     positive; Wiro has no server-side timeout, so it is not sent
 */
public record WiroRun(String tool, Map<String, Object> inputs, Optional<URI> callbackUrl, Optional<Duration> timeout)
    implements TaskRequest {

  private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*+/[A-Za-z0-9][A-Za-z0-9._-]*+");
  private static final String CALLBACK_URL = "callbackUrl";

  /**
   * Checks every component as the builder does and copies the inputs, keeping their order.
   *
   * @param tool the tool's slug, stripped
   * @param inputs the inputs by name, values as for {@link Builder#input(String, Object)}
   * @param callbackUrl the callback URL, or empty
   * @param timeout the timeout, or empty
   * @throws NullPointerException naming the component, input name or input value that is {@code null}
   * @throws IllegalArgumentException if the slug is not {@code owner/tool}, an input is not accepted
   *     by {@link Builder#input(String, Object)}, the callback URL is not an absolute http(s) URL or
   *     the timeout is not positive
   */
  public WiroRun {
    tool = checkSlug(tool);
    Map<String, Object> copy = new LinkedHashMap<>();
    Objects.requireNonNull(inputs, "inputs").forEach((name, value) -> copy.put(name, checkInput(name, value)));
    inputs = Collections.unmodifiableMap(copy);
    Objects.requireNonNull(callbackUrl, "callbackUrl").ifPresent(WiroRun::checkCallbackUrl);
    PositiveDuration.checkIfPresent("timeout", timeout);
  }

  /**
   * Creates a run of a tool with these inputs.
   *
   * @param tool the tool's slug, {@code owner/tool}, such as {@code wiro/text-to-image-flux-lora-fast}
   * @param inputs the inputs by name, in the order to send them; values as for {@link
   *     Builder#input(String, Object)}
   * @return the run
   * @throws IllegalArgumentException if the slug is not {@code owner/tool}, an input name is blank or
   *     {@code callbackUrl}, or a value is not a string, number, boolean or list of those
   */
  public static WiroRun of(String tool, Map<String, ?> inputs) {
    Objects.requireNonNull(inputs, "inputs");
    return builder(tool).inputs(inputs).build();
  }

  /**
   * Starts a run of a tool.
   *
   * @param tool the tool's slug, {@code owner/tool}
   * @return a builder
   * @throws IllegalArgumentException if the slug is not {@code owner/tool}
   */
  public static Builder builder(String tool) {
    return new Builder(checkSlug(tool));
  }

  /**
   * Checks a tool slug.
   *
   * @param tool the slug
   * @return the slug, stripped
   * @throws IllegalArgumentException unless it is {@code owner/tool}, each part letters, digits,
   *     {@code .}, {@code _} or {@code -}
   */
  static String checkSlug(String tool) {
    Objects.requireNonNull(tool, "tool");
    String slug = tool.strip();
    if (!SLUG.matcher(slug).matches()) {
      throw new IllegalArgumentException(
          "tool must be 'owner/tool' (letters, digits, '.', '_' or '-' in each part), was '" + tool + "'");
    }
    return slug;
  }

  /**
   * Checks a callback URL.
   *
   * @param callbackUrl the URL
   * @return the URL
   * @throws IllegalArgumentException if not an absolute http(s) URL
   */
  static URI checkCallbackUrl(URI callbackUrl) {
    Objects.requireNonNull(callbackUrl, "callbackUrl");
    String scheme = callbackUrl.getScheme() == null ? "" : callbackUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!callbackUrl.isAbsolute() || callbackUrl.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
      throw new IllegalArgumentException("callbackUrl must be an absolute http(s) URL, was " + callbackUrl);
    }
    return callbackUrl;
  }

  /** Checks one input and returns its value as it is sent (see {@link Builder#input}). */
  private static Object checkInput(String name, Object value) {
    Objects.requireNonNull(name, "input name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("input names must not be blank, was \"" + name + "\"");
    }
    if (name.equals(CALLBACK_URL)) {
      throw new IllegalArgumentException("set the callback URL with callbackUrl(URI), not as an input");
    }
    Objects.requireNonNull(value, () -> "input " + name + " must not be null; leave it out for the tool's default");
    return normalize(name, value, true);
  }

  private static Object normalize(String name, Object value, boolean top) {
    if (value instanceof CharSequence s) {
      return s.toString();
    }
    if (value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number n) {
      if ((n instanceof Double d && !Double.isFinite(d)) || (n instanceof Float f && !Float.isFinite(f))) {
        throw new IllegalArgumentException("input " + name + " must be a finite number, was " + n);
      }
      return n instanceof BigDecimal || n instanceof Integer || n instanceof Long || n instanceof Double
          ? n : new BigDecimal(n.toString());
    }
    if (top && value instanceof Collection<?> c) {
      List<Object> items = new ArrayList<>(c.size());
      for (Object item : c) {
        Objects.requireNonNull(item, () -> "input " + name + " must not hold null");
        items.add(normalize(name, item, false));
      }
      return List.copyOf(items);
    }
    throw new IllegalArgumentException(
        "input " + name + " must be a string, number, boolean" + (top ? " or a list of those" : "")
            + ", was a " + value.getClass().getName());
  }

  /**
   * Returns the {@link #tool() tool}'s slug: runs of one tool are alike in duration, runs of
   * different tools are not.
   *
   * @return the slug, such as {@code wiro/text-to-image-flux-lora-fast}
   */
  @Override
  public String kind() {
    return tool;
  }

  /**
   * Describes the run; the values of inputs named like credentials print as {@code ***}, and web
   * URLs (an input, the callback URL) without their user info and query ({@link
   * Redactor#describeUrl}).
   *
   * @return the description
   */
  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ", "WiroRun{" + tool + ", inputs={", "}");
    inputs.forEach((name, value) -> j.add(name + "=" + (Redactor.isCredentialName(name) ? Redactor.MASK : shown(value))));
    String tail = callbackUrl.map(u -> ", callbackUrl=" + Redactor.describeUrl(u)).orElse("")
        + timeout.map(t -> ", timeout=" + t).orElse("");
    return j + tail + "}";
  }

  /** A value as {@link #toString()} shows it: a web URL without its user info and query. */
  private static Object shown(Object value) {
    if (value instanceof String text && (text.startsWith("https://") || text.startsWith("http://"))) {
      try {
        return Redactor.describeUrl(new URI(text));
      } catch (URISyntaxException e) {
        return text.indexOf('?') < 0 ? text : text.substring(0, text.indexOf('?') + 1) + Redactor.MASK;
      }
    }
    return value;
  }

  /** Builds a {@link WiroRun}. Every setter checks its argument at once. Not thread-safe. */
  public static final class Builder {
    private final String tool;
    private final Map<String, Object> inputs = new LinkedHashMap<>();
    private Optional<URI> callbackUrl = Optional.empty();
    private Optional<Duration> timeout = Optional.empty();

    private Builder(String tool) {
      this.tool = tool;
    }

    /**
     * Sets an input; setting a name again replaces its value but keeps its place.
     *
     * @param name the input's name as the tool defines it, not blank, not {@code callbackUrl}
     * @param value a {@link CharSequence}, a {@link Number} (finite), a {@link Boolean}, or a
     *     {@link Collection} of those (sent as a JSON array)
     * @return this builder
     * @throws IllegalArgumentException if the name is blank or {@code callbackUrl}, or the value is
     *     of another type
     */
    public Builder input(String name, Object value) {
      inputs.put(name, checkInput(name, value));
      return this;
    }

    /**
     * Sets several inputs, in the map's iteration order.
     *
     * @param inputs the inputs by name
     * @return this builder
     * @throws IllegalArgumentException as {@link #input(String, Object)}
     */
    public Builder inputs(Map<String, ?> inputs) {
      Objects.requireNonNull(inputs, "inputs");
      inputs.forEach((name, value) -> input(name, value));
      return this;
    }

    /**
     * Sets the URL Wiro POSTs the finished task to (sent as {@code callbackUrl}; Wiro documents no
     * payload, and lora4j does not need it).
     *
     * @param callbackUrl an absolute http or https URL
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http(s) URL
     */
    public Builder callbackUrl(URI callbackUrl) {
      this.callbackUrl = Optional.of(checkCallbackUrl(callbackUrl));
      return this;
    }

    /**
     * Sets how long the caller is prepared to wait (see {@link TaskRequest#timeout()}); Wiro has no
     * server-side timeout, so it is not sent.
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
     * Builds the run.
     *
     * @return the immutable run
     */
    public WiroRun build() {
      return new WiroRun(tool, inputs, callbackUrl, timeout);
    }
  }
}
