package dev.lora4j;

import dev.lora4j.internal.http.NonProxyHosts;
import dev.lora4j.internal.http.RequestBudget;
import dev.lora4j.internal.http.SettingChecks;
import dev.lora4j.spi.PositiveDuration;
import dev.lora4j.spi.Range;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How {@link TaskClients} chooses and configures a provider. Immutable; build with {@link
 * #builder()}.
 *
 * <p>Each option is looked up in this order, the first that has a value wins:
 *
 * <ol>
 *   <li>the value set on the builder;
 *   <li>the system property {@code lora4j.<name>} ({@link Option#systemProperty()});
 *   <li>the environment variables the provider names for it ({@code XALORA_API_KEY}, {@code
 *       WIRO_API_KEY}, ...), and {@code LORA4J_PROVIDER} / {@code LORA4J_POLL_INTERVAL} for the
 *       core options.
 * </ol>
 *
 * Blank system properties and environment variables count as unset. Sensitive options (keys,
 * secrets, the proxy password) print as {@code ***}.
 *
 * <p>The network options ({@link #CONNECT_TIMEOUT} to {@link #NON_PROXY_HOSTS}) apply to each
 * provider's HTTP client; each falls back to its {@code lora4j.<name>} system property, then to its
 * {@code LORA4J_*} environment variable (named by each option). Unset, they keep the {@link
 * dev.lora4j.spi.http.ProviderHttpClient} defaults; without {@link #PROXY_HOST} a proxy comes from
 * {@code HTTPS_PROXY} / {@code https_proxy} (for an {@code https} base URL) or {@code HTTP_PROXY} /
 * {@code http_proxy} (for {@code http}) with {@code NO_PROXY} / {@code no_proxy}, else from the
 * JVM's {@code https.proxyHost} / {@code http.proxyHost} properties.
 *
 * <p>The request budget ({@link #REQUEST_BUDGET}, {@link #ADAPTIVE_RATE}) limits how many HTTP
 * requests per second the client's provider sends, over all its calls together; unset, nothing
 * limits them.
 */
public final class ClientOptions {

  /** The provider's name, such as {@code xalora} or {@code wiro}; environment {@code LORA4J_PROVIDER}. */
  public static final Option<String> PROVIDER = Option.valueOf("provider");
  /** The provider's API base URL, overriding the provider's own default. */
  public static final Option<URI> BASE_URL = Option.valueOf("baseUrl", URI.class, ClientOptions::parseUri);
  /** The account's API key (Xalora: {@code consumerId#apiKey}). Sensitive. */
  public static final Option<String> API_KEY = Option.sensitiveValueOf("apiKey");
  /** The account's API secret, for providers that sign requests. Sensitive. */
  public static final Option<String> API_SECRET = Option.sensitiveValueOf("apiSecret");
  /**
   * The default interval between status polls; environment {@code LORA4J_POLL_INTERVAL}. Strings
   * are ISO-8601 ({@code PT3S}) or a number with a unit ({@code 500ms}, {@code 3s}, {@code 2m}),
   * and must be positive.
   */
  public static final Option<Duration> POLL_INTERVAL =
      Option.valueOf("pollInterval", Duration.class, ClientOptions::parsePositiveDuration);

  /** How long opening a connection may take; default 10 s; environment {@code LORA4J_CONNECT_TIMEOUT}. */
  public static final Option<Duration> CONNECT_TIMEOUT =
      Option.valueOf("connectTimeout", Duration.class, raw -> SettingChecks.millis("connectTimeout", parseDuration(raw)));
  /** How long an answer may take once its request is written; default 60 s; {@code LORA4J_RESPONSE_TIMEOUT}. */
  public static final Option<Duration> RESPONSE_TIMEOUT =
      Option.valueOf("responseTimeout", Duration.class, ClientOptions::parsePositiveDuration);
  /** The most connections open to one provider; default 200; {@code LORA4J_MAX_CONNECTIONS}. */
  public static final Option<Integer> MAX_CONNECTIONS =
      Option.valueOf("maxConnections", Integer.class, raw -> parseCount("maxConnections", raw));
  /** How many calls may wait for a connection; default 20000; {@code LORA4J_PENDING_ACQUIRE_MAX_COUNT}. */
  public static final Option<Integer> PENDING_ACQUIRE_MAX_COUNT =
      Option.valueOf("pendingAcquireMaxCount", Integer.class, raw -> parseCount("pendingAcquireMaxCount", raw));
  /** How long a call may wait for a connection; default 45 s; {@code LORA4J_PENDING_ACQUIRE_TIMEOUT}. */
  public static final Option<Duration> PENDING_ACQUIRE_TIMEOUT =
      Option.valueOf("pendingAcquireTimeout", Duration.class, ClientOptions::parsePositiveDuration);
  /** The HTTP proxy's host; setting it turns the proxy on; {@code LORA4J_PROXY_HOST}. */
  public static final Option<String> PROXY_HOST =
      Option.valueOf("proxyHost", String.class, raw -> SettingChecks.host("proxyHost", raw));
  /** The HTTP proxy's port; default 80; {@code LORA4J_PROXY_PORT}. */
  public static final Option<Integer> PROXY_PORT =
      Option.valueOf("proxyPort", Integer.class, raw -> SettingChecks.PORTS.check("proxyPort", Integer.parseInt(raw)));
  /** The user name the proxy asks for (Basic authentication); {@code LORA4J_PROXY_USERNAME}. */
  public static final Option<String> PROXY_USERNAME = Option.valueOf("proxyUsername");
  /** The proxy user's password; {@code LORA4J_PROXY_PASSWORD}. Sensitive. */
  public static final Option<String> PROXY_PASSWORD = Option.sensitiveValueOf("proxyPassword");
  /**
   * The hosts reached without the proxy, as for {@link Builder#nonProxyHosts}; {@code
   * LORA4J_NON_PROXY_HOSTS}.
   */
  public static final Option<String> NON_PROXY_HOSTS =
      Option.valueOf("nonProxyHosts", String.class, raw -> NonProxyHosts.parse(raw).text());

  /**
   * The most HTTP requests per second the client sends to its provider, over every call together:
   * submissions, status queries and polls, cancels, downloads, WebSocket connects and a provider's
   * extra calls; environment {@code LORA4J_REQUEST_BUDGET}. A positive number up to 1,000,000,
   * fractions allowed ({@code 0.5} is one request every two seconds). Unset, requests are not
   * limited.
   *
   * <p>Each attempt (a retry is one too) takes a permit before its request is sent, and waits
   * without a thread while none is free. Submissions, cancels, status queries and downloads go
   * before every waiting poll of a watch; polls are served in the order they came, so a poll waits
   * at most for the polls ahead of it at the budget's rate, and a watch's interval is then the
   * interval plus that wait. Permits are granted at 97% of the budget, in periods of about 10 ms
   * (one permit each below 100 a second), so that no one-second window holds more than 98% of the
   * budget as sent, and requests bunched on their way (connections being opened) still arrive
   * within it. A watch's own
   * timeout still counts while its poll waits.
   *
   * <p>With a budget, {@link #ADAPTIVE_RATE} is on unless turned off.
   */
  public static final Option<Double> REQUEST_BUDGET =
      Option.valueOf("requestBudget", Double.class, raw -> RequestBudget.checkRate("requestBudget", Double.parseDouble(raw)));
  /**
   * Whether a {@code 429} answer lowers the rate of the whole client; environment {@code
   * LORA4J_ADAPTIVE_RATE}, {@code true} or {@code false}. Default: on when {@link #REQUEST_BUDGET}
   * is set, else off.
   *
   * <p>When on, a {@link RateLimitedException} of an HTTP attempt halves the client's rate, at most
   * once a second (one burst of {@code 429}s counts once); its {@code Retry-After}, if any, holds
   * every request of the client back for that long (at most 60 s). From a second after a cut, the
   * rate grows back each second by 5% of the budget, up to the budget. Without a budget the first
   * {@code 429} starts the limit at half the rate measured over the last seconds, it grows by 5% of
   * that rate each second, and it is lifted once it is twice the rate actually sent. Off, a {@code
   * 429} only delays the retry of the request that got it (by its {@code Retry-After}).
   *
   * <p>Off by default without a budget because a {@code 429} that is not about the request rate
   * (a provider's limit on running tasks, say) would otherwise slow every poll of the client.
   */
  public static final Option<Boolean> ADAPTIVE_RATE =
      Option.valueOf("adaptiveRate", Boolean.class, ClientOptions::parseBoolean);

  /** The environment variable of {@link #REQUEST_BUDGET}. */
  public static final String REQUEST_BUDGET_ENV = "LORA4J_REQUEST_BUDGET";
  /** The environment variable of {@link #ADAPTIVE_RATE}. */
  public static final String ADAPTIVE_RATE_ENV = "LORA4J_ADAPTIVE_RATE";
  /** The environment variable naming the provider. */
  public static final String PROVIDER_ENV = "LORA4J_PROVIDER";
  /** The environment variable setting the default poll interval. */
  public static final String POLL_INTERVAL_ENV = "LORA4J_POLL_INTERVAL";

  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private final Map<Option<?>, Object> values;
  private final @Nullable Map<String, String> environment;
  private final @Nullable Properties systemProperties;
  /**
   * The Micrometer registries, typed {@code Object} so that these options load without Micrometer
   * on the class path; read by {@link TaskClients}.
   */
  final @Nullable Object observationRegistry;
  final @Nullable Object meterRegistry;
  /** Whether Reactor Netty's HTTP client metrics go into {@link #meterRegistry}. */
  final boolean httpClientMetrics;
  /** Told of every HTTP attempt, in the order they were added. */
  private final List<CallListener> callListeners;

  static {
    dev.lora4j.internal.OptionsAccess.install(new dev.lora4j.internal.OptionsAccess.Reader() {
      @Override
      public @Nullable Object httpClientMetricsRegistry(ClientOptions options) {
        return options.httpClientMetrics ? options.meterRegistry : null;
      }

      @Override
      public List<CallListener> callListeners(ClientOptions options) {
        return options.callListeners;
      }
    });
  }

  private ClientOptions(Builder b) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(b.values));
    this.environment = b.environment == null ? null : Map.copyOf(b.environment);
    this.systemProperties = b.systemProperties;
    this.observationRegistry = b.observationRegistry;
    this.meterRegistry = b.meterRegistry;
    this.httpClientMetrics = b.httpClientMetrics;
    this.callListeners = List.copyOf(b.callListeners);
  }

  /**
   * Returns options with nothing set explicitly: every option comes from system properties and the
   * environment.
   *
   * @return the options
   */
  public static ClientOptions defaults() {
    return builder().build();
  }

  /**
   * Starts options.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these options, to derive changed ones.
   *
   * @return a new builder
   */
  public Builder mutate() {
    Builder b = new Builder();
    b.values.putAll(values);
    b.environment = environment;
    b.systemProperties = systemProperties;
    b.observationRegistry = observationRegistry;
    b.meterRegistry = meterRegistry;
    b.httpClientMetrics = httpClientMetrics;
    b.callListeners.addAll(callListeners);
    return b;
  }

  /**
   * Returns the option's value set on the builder, else from its system property.
   *
   * @param option the option
   * @param <T> the value's type
   * @return the value, or empty
   * @throws IllegalArgumentException if the system property cannot be parsed
   */
  public <T> Optional<T> value(Option<T> option) {
    return value(option, new String[0]);
  }

  /**
   * Returns the option's value set on the builder, else from its system property, else from the
   * first of {@code environmentVariables} that is set.
   *
   * @param option the option
   * @param environmentVariables the environment variables to fall back to, in order
   * @param <T> the value's type
   * @return the value, or empty
   * @throws IllegalArgumentException if a fallback string cannot be parsed; the message names the
   *     property or variable (and its value, unless the option is sensitive)
   */
  public <T> Optional<T> value(Option<T> option, String... environmentVariables) {
    Objects.requireNonNull(option, "option");
    Object explicit = values.get(option);
    if (explicit != null) {
      @SuppressWarnings("unchecked")
      T value = (T) explicit;
      return Optional.of(value);
    }
    String property = property(option.systemProperty());
    if (property != null) {
      return Optional.of(option.parse("system property " + option.systemProperty(), property));
    }
    for (String variable : environmentVariables) {
      String env = env(variable);
      if (env != null) {
        return Optional.of(option.parse("environment variable " + variable, env));
      }
    }
    return Optional.empty();
  }

  /**
   * Tells where the option's value comes from, for messages such as "the API key from environment
   * variable XALORA_API_KEY was rejected". Never includes the value.
   *
   * @param option the option
   * @param environmentVariables the environment variables it falls back to, in order
   * @return {@code option apiKey}, {@code system property lora4j.apiKey} or {@code environment
   *     variable NAME}; empty when the option is not set anywhere
   */
  public Optional<String> sourceOf(Option<?> option, String... environmentVariables) {
    if (values.containsKey(option)) {
      return Optional.of("option " + option.name());
    }
    if (property(option.systemProperty()) != null) {
      return Optional.of("system property " + option.systemProperty());
    }
    for (String variable : environmentVariables) {
      if (env(variable) != null) {
        return Optional.of("environment variable " + variable);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the provider name: {@link #PROVIDER}, else {@code lora4j.provider}, else {@code
   * LORA4J_PROVIDER}.
   *
   * @return the name in lower case, or empty when none is set
   */
  public Optional<String> provider() {
    return value(PROVIDER, PROVIDER_ENV).map(p -> p.strip().toLowerCase(Locale.ROOT));
  }

  /**
   * Returns the default poll interval: {@link #POLL_INTERVAL}, else {@code lora4j.pollInterval},
   * else {@code LORA4J_POLL_INTERVAL}.
   *
   * @return the interval, or empty when none is set
   */
  public Optional<Duration> pollInterval() {
    return value(POLL_INTERVAL, POLL_INTERVAL_ENV);
  }

  /**
   * Returns the request budget: {@link #REQUEST_BUDGET}, else {@code lora4j.requestBudget}, else
   * {@code LORA4J_REQUEST_BUDGET}.
   *
   * @return requests per second, or empty when none is set
   * @throws IllegalArgumentException if a fallback string is not a number in range
   */
  public Optional<Double> requestBudget() {
    return value(REQUEST_BUDGET, REQUEST_BUDGET_ENV);
  }

  /**
   * Returns whether the rate adapts to {@code 429} answers as set: {@link #ADAPTIVE_RATE}, else
   * {@code lora4j.adaptiveRate}, else {@code LORA4J_ADAPTIVE_RATE}.
   *
   * @return the setting, or empty when none is set (then it is on exactly when a budget is set)
   * @throws IllegalArgumentException if a fallback string is neither {@code true} nor {@code false}
   */
  public Optional<Boolean> adaptiveRate() {
    return value(ADAPTIVE_RATE, ADAPTIVE_RATE_ENV);
  }

  /**
   * Returns an environment variable as these options see it: from the {@linkplain
   * Builder#environment map given to the builder}, else the process environment. For conventional
   * variables outside lora4j's own, such as {@code HTTPS_PROXY}.
   *
   * @param name the variable's name
   * @return its value, or empty when unset or blank
   */
  public Optional<String> environmentVariable(String name) {
    return Optional.ofNullable(env(Objects.requireNonNull(name, "name")));
  }

  private @Nullable String property(String name) {
    String v = systemProperties != null ? systemProperties.getProperty(name) : System.getProperty(name);
    return v == null || v.isBlank() ? null : v;
  }

  private @Nullable String env(String name) {
    String v = environment != null ? environment.get(name) : System.getenv(name);
    return v == null || v.isBlank() ? null : v;
  }

  /**
   * Lists the options set on the builder, sensitive values as {@code ***}.
   *
   * @return a description safe to log
   */
  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ", "ClientOptions{", "}");
    values.forEach((option, value) -> j.add(option.name() + "=" + option.format(value)));
    return j.toString();
  }

  static URI parseUri(String raw) {
    URI uri = URI.create(raw);
    if (!uri.isAbsolute() || uri.getHost() == null) {
      throw new IllegalArgumentException("an absolute http(s) URL is required");
    }
    return uri;
  }

  /**
   * Parses a duration written in ISO-8601 ({@code PT3S}) or as a whole number with a unit ({@code
   * 500ms}, {@code 3s}, {@code 2m}, {@code 1h}).
   *
   * @param raw the text
   * @return the duration
   * @throws IllegalArgumentException if the text is neither
   */
  public static Duration parseDuration(String raw) {
    String s = raw.strip().toLowerCase(Locale.ROOT);
    Matcher m = SIMPLE_DURATION.matcher(s);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          return Duration.ofMillis(n);
        case "s":
          return Duration.ofSeconds(n);
        case "m":
          return Duration.ofMinutes(n);
        default:
          return Duration.ofHours(n);
      }
    }
    try {
      return Duration.parse(raw.strip());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "expected a duration such as 500ms, 3s, 2m or PT3S, was '" + raw + "'", e);
    }
  }

  static Duration parsePositiveDuration(String raw) {
    Duration d = parseDuration(raw);
    if (!PositiveDuration.isPositive(d)) {
      throw new IllegalArgumentException("must be positive");
    }
    return d;
  }

  private static Boolean parseBoolean(String raw) {
    switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "true":
        return Boolean.TRUE;
      case "false":
        return Boolean.FALSE;
      default:
        throw new IllegalArgumentException("expected true or false");
    }
  }

  private static Integer parseCount(String name, String raw) {
    return Range.POSITIVE.check(name, Integer.parseInt(raw));
  }

  /** Builds {@link ClientOptions}. Not thread-safe. */
  public static final class Builder {
    private final Map<Option<?>, Object> values = new HashMap<>();
    private @Nullable Map<String, String> environment;
    private @Nullable Properties systemProperties;
    private @Nullable Object observationRegistry;
    private @Nullable Object meterRegistry;
    private boolean httpClientMetrics;
    private final List<CallListener> callListeners = new ArrayList<>();

    private Builder() {}

    /**
     * Sets an option.
     *
     * @param option the option
     * @param value its value
     * @param <T> the value's type
     * @return this builder
     * @throws IllegalArgumentException if the value is not of the option's type
     */
    public <T> Builder option(Option<T> option, T value) {
      Objects.requireNonNull(option, "option");
      Objects.requireNonNull(value, option.name());
      if (!option.type().isInstance(value)) {
        throw new IllegalArgumentException("option " + option.name() + " takes a " + option.type().getName()
            + ", was a " + value.getClass().getName());
      }
      values.put(option, value);
      return this;
    }

    /**
     * Sets the provider by name.
     *
     * @param provider the name, such as {@code xalora} or {@code wiro}
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder provider(String provider) {
      return option(PROVIDER, notBlank("provider", provider).toLowerCase(Locale.ROOT));
    }

    /**
     * Sets the provider's API base URL.
     *
     * @param baseUrl an absolute http or https URL
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http(s) URL
     */
    public Builder baseUrl(URI baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      String scheme = baseUrl.getScheme();
      if (!baseUrl.isAbsolute() || baseUrl.getHost() == null
          || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was " + baseUrl);
      }
      return option(BASE_URL, baseUrl);
    }

    /**
     * Sets the provider's API base URL.
     *
     * @param baseUrl an absolute http or https URL
     * @return this builder
     * @throws IllegalArgumentException if not an absolute http(s) URL
     */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      try {
        return baseUrl(URI.create(baseUrl.strip()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was " + baseUrl, e);
      }
    }

    /**
     * Sets the API key. Never printed.
     *
     * @param apiKey the key, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder apiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey");
      if (apiKey.isBlank()) {
        throw new IllegalArgumentException("apiKey must not be blank");
      }
      return option(API_KEY, apiKey.strip());
    }

    /**
     * Sets the API secret. Never printed.
     *
     * @param apiSecret the secret, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     */
    public Builder apiSecret(String apiSecret) {
      Objects.requireNonNull(apiSecret, "apiSecret");
      if (apiSecret.isBlank()) {
        throw new IllegalArgumentException("apiSecret must not be blank");
      }
      return option(API_SECRET, apiSecret.strip());
    }

    /**
     * Sets the default interval between status polls.
     *
     * @param pollInterval a positive duration
     * @return this builder
     * @throws IllegalArgumentException if zero or negative
     */
    public Builder pollInterval(Duration pollInterval) {
      return option(POLL_INTERVAL, PositiveDuration.check("pollInterval", pollInterval));
    }

    /**
     * Sets {@link #CONNECT_TIMEOUT}.
     *
     * @param connectTimeout between 1 ms and {@link Integer#MAX_VALUE} ms
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder connectTimeout(Duration connectTimeout) {
      return option(CONNECT_TIMEOUT, SettingChecks.millis("connectTimeout", connectTimeout));
    }

    /**
     * Sets {@link #RESPONSE_TIMEOUT}.
     *
     * @param responseTimeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if zero or negative
     */
    public Builder responseTimeout(Duration responseTimeout) {
      return option(RESPONSE_TIMEOUT, PositiveDuration.check("responseTimeout", responseTimeout));
    }

    /**
     * Sets {@link #MAX_CONNECTIONS}.
     *
     * @param maxConnections at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxConnections(int maxConnections) {
      return option(MAX_CONNECTIONS, Range.POSITIVE.check("maxConnections", maxConnections));
    }

    /**
     * Sets {@link #PENDING_ACQUIRE_MAX_COUNT}.
     *
     * @param pendingAcquireMaxCount at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder pendingAcquireMaxCount(int pendingAcquireMaxCount) {
      return option(
          PENDING_ACQUIRE_MAX_COUNT, Range.POSITIVE.check("pendingAcquireMaxCount", pendingAcquireMaxCount));
    }

    /**
     * Sets {@link #PENDING_ACQUIRE_TIMEOUT}.
     *
     * @param pendingAcquireTimeout a positive duration
     * @return this builder
     * @throws IllegalArgumentException if zero or negative
     */
    public Builder pendingAcquireTimeout(Duration pendingAcquireTimeout) {
      return option(
          PENDING_ACQUIRE_TIMEOUT, PositiveDuration.check("pendingAcquireTimeout", pendingAcquireTimeout));
    }

    /**
     * Sets {@link #REQUEST_BUDGET}, the most requests per second the client sends.
     *
     * @param requestsPerSecond above 0, at most 1,000,000
     * @return this builder
     * @throws IllegalArgumentException if out of range or not a number
     */
    public Builder requestBudget(double requestsPerSecond) {
      return option(REQUEST_BUDGET, RequestBudget.checkRate("requestBudget", requestsPerSecond));
    }

    /**
     * Sets {@link #ADAPTIVE_RATE}, whether {@code 429} answers lower the client's rate.
     *
     * @param adaptive {@code true} to adapt, also without a budget; {@code false} never to
     * @return this builder
     */
    public Builder adaptiveRate(boolean adaptive) {
      return option(ADAPTIVE_RATE, adaptive);
    }

    /**
     * Sends every request through an HTTP proxy ({@link #PROXY_HOST}, {@link #PROXY_PORT}); {@code
     * https} requests tunnel through it with {@code CONNECT}.
     *
     * @param host the proxy's host name or IP address
     * @param port its port, between 1 and 65535
     * @return this builder
     * @throws IllegalArgumentException if the host is blank or not a bare host, or the port is out
     *     of range
     */
    public Builder proxy(String host, int port) {
      option(PROXY_HOST, SettingChecks.host("proxyHost", host));
      return option(PROXY_PORT, SettingChecks.PORTS.check("proxyPort", port));
    }

    /**
     * Sets the credentials the proxy asks for ({@link #PROXY_USERNAME}, {@link #PROXY_PASSWORD}),
     * sent with Basic authentication. The password is never printed.
     *
     * @param username the user name, not blank
     * @param password the password, not empty
     * @return this builder
     * @throws IllegalArgumentException if the user name is blank or the password empty
     */
    public Builder proxyCredentials(String username, String password) {
      Objects.requireNonNull(password, "proxyPassword");
      if (password.isEmpty()) {
        throw new IllegalArgumentException("proxyPassword must not be empty");
      }
      option(PROXY_USERNAME, notBlank("proxyUsername", username));
      return option(PROXY_PASSWORD, password);
    }

    /**
     * Sets {@link #NON_PROXY_HOSTS}, the hosts reached without the proxy, separated by {@code ,} or
     * {@code |}: a name (its subdomains included), an IP address, a pattern with {@code *}
     * wildcards ({@code *.internal}, {@code 10.*}), or {@code *} for all.
     *
     * @param nonProxyHosts such as {@code localhost,*.internal,10.*}
     * @return this builder
     * @throws IllegalArgumentException if blank or holding an empty entry
     */
    public Builder nonProxyHosts(String nonProxyHosts) {
      Objects.requireNonNull(nonProxyHosts, "nonProxyHosts");
      return option(NON_PROXY_HOSTS, NonProxyHosts.parse(nonProxyHosts).text());
    }

    /**
     * Replaces the process environment as the last fallback, for tests and for applications that
     * keep their settings elsewhere (a {@code .env} file).
     *
     * @param environment the variables to use instead of {@link System#getenv()}
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /**
     * Replaces the JVM's system properties as the first fallback.
     *
     * @param systemProperties the properties to use instead of {@link System#getProperties()}; a
     *     copy is kept
     * @return this builder
     */
    public Builder systemProperties(Properties systemProperties) {
      Properties copy = new Properties();
      copy.putAll(systemProperties);
      this.systemProperties = copy;
      return this;
    }

    /**
     * Records observations of the client's tasks and calls ({@code lora4j.task}, {@code
     * lora4j.submit}, {@code lora4j.poll}, {@code lora4j.cancel}, {@code lora4j.download}, declared in
     * {@link dev.lora4j.observation.Lora4jObservation}) in {@code registry}; with a Micrometer
     * Tracing bridge among its handlers they become spans and each HTTP request carries the trace
     * context (W3C {@code traceparent}). Without this (the default) nothing is observed and no
     * global registry is used. Needs {@code io.micrometer:micrometer-observation} on the class path.
     *
     * @param registry the registry
     * @return this builder
     */
    @SuppressWarnings("exports") // Micrometer is an optional dependency, not required transitively
    public Builder observationRegistry(io.micrometer.observation.ObservationRegistry registry) {
      this.observationRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Records the client's meters (tasks followed by status, polls, retries, rate-limited answers,
     * updates, push-to-poll fallbacks, polls per task, queue and run times; see the README's
     * Observability section) in {@code registry}. Without this (the default) no meter is created
     * and no global registry is used. Needs {@code io.micrometer:micrometer-core} on the class path.
     *
     * @param registry the registry
     * @return this builder
     */
    @SuppressWarnings("exports") // Micrometer is an optional dependency, not required transitively
    public Builder meterRegistry(io.micrometer.core.instrument.MeterRegistry registry) {
      this.meterRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Records Reactor Netty's HTTP client metrics of the client's requests in the {@link
     * #meterRegistry} given (never in Micrometer's global registry): {@code
     * lora4j.http.client.response.time}, {@code .data.sent}, {@code .data.received}, {@code
     * .errors} and {@code .connect.time}, whose {@code uri} tag is the endpoint's path with every
     * segment holding a digit (but a version such as {@code v1}) replaced by {@code {id}} ({@code
     * download} for downloads), never a query. Off by default: the {@code lora4j.poll} and other observations already time each
     * request by operation and status class.
     *
     * @param enabled whether to record them
     * @return this builder
     */
    public Builder httpClientMetrics(boolean enabled) {
      this.httpClientMetrics = enabled;
      return this;
    }

    /**
     * Adds a listener told the outcome of every HTTP request the client sends ({@link
     * CallListener}); listeners are told in the order they were added. For a health check that
     * reports whether the provider answers without sending a request of its own.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder callListener(CallListener listener) {
      callListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the immutable options
     * @throws IllegalStateException if {@link #httpClientMetrics} is on without a {@link
     *     #meterRegistry}
     */
    public ClientOptions build() {
      if (httpClientMetrics && meterRegistry == null) {
        throw new IllegalStateException("httpClientMetrics(true) needs a meterRegistry, none was given");
      }
      return new ClientOptions(this);
    }

    private static String notBlank(String name, String value) {
      Objects.requireNonNull(value, name);
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " must not be blank");
      }
      return value.strip();
    }
  }

}
