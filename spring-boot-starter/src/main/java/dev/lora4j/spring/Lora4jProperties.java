package dev.lora4j.spring;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code lora4j.*} properties of the auto-configured {@link dev.lora4j.TaskClient}. Every
 * property left unset falls back, as in {@link dev.lora4j.ClientOptions}, to its system property
 * ({@code lora4j.apiKey}, ...) and then to the provider's environment variables ({@code
 * XALORA_API_KEY}, {@code WIRO_API_KEY}, {@code LORA4J_POLL_INTERVAL}, ...). Durations take Spring's
 * forms ({@code 500ms}, {@code 3s}, {@code PT3S}).
 */
@ConfigurationProperties(prefix = "lora4j")
public class Lora4jProperties {

  /** Whether to create the TaskClient bean at all. */
  private boolean enabled = true;

  /**
   * The provider's name, such as "xalora" or "wiro". Unset: the only provider on the class path,
   * else the only one whose credentials are configured.
   */
  private @Nullable String provider;

  /** The account's API key (Xalora: "consumerId#apiKey"). Never shown by Actuator. */
  private @Nullable String apiKey;

  /** The account's API secret, for providers that sign requests. Never shown by Actuator. */
  private @Nullable String apiSecret;

  /** The provider's API base URL, instead of the provider's own. */
  private @Nullable URI baseUrl;

  /** The default interval between status polls (default 3s). */
  private @Nullable Duration pollInterval;

  /** How long opening a connection may take (default 10s). */
  private @Nullable Duration connectTimeout;

  /** How long an answer may take once its request is written (default 60s). */
  private @Nullable Duration responseTimeout;

  /** The most connections open to the provider (default 200). */
  private @Nullable Integer maxConnections;

  /** How many calls may wait for a connection (default 20000). */
  private @Nullable Integer pendingAcquireMaxCount;

  /** How long a call may wait for a connection (default 45s). */
  private @Nullable Duration pendingAcquireTimeout;

  /** The most HTTP requests per second sent to the provider, over all calls; unset: no limit. */
  private @Nullable Double requestBudget;

  /** Whether 429 answers lower the client's request rate (default: on with a request budget). */
  private @Nullable Boolean adaptiveRate;

  /**
   * The hosts reached without the proxy, separated by "," or "|", such as
   * "localhost,*.internal".
   */
  private @Nullable String nonProxyHosts;

  /** The HTTP proxy. */
  private final Proxy proxy = new Proxy();

  /** Wiro's own settings. */
  private final Wiro wiro = new Wiro();

  /** Micrometer: what the client records in the application's registries. */
  private final Observability observability = new Observability();

  /** The lora4j health indicator of Actuator. */
  private final Health health = new Health();

  /**
   * Other options by name, for a provider's own settings that have no property here, such as
   * "wiro.tracking"; sensitive ones are never shown by Actuator.
   */
  private final Map<String, String> options = new LinkedHashMap<>();

  /** The HTTP proxy's settings. */
  public static class Proxy {

    /** The proxy's host; setting it turns the proxy on. */
    private @Nullable String host;

    /** The proxy's port (default 80). */
    private @Nullable Integer port;

    /** The user name the proxy asks for (Basic authentication). */
    private @Nullable String username;

    /** The proxy user's password. Never shown by Actuator. */
    private @Nullable String password;

    /**
     * The proxy's host.
     *
     * @return the host, or {@code null}
     */
    public @Nullable String getHost() {
      return host;
    }

    /**
     * Sets the proxy's host.
     *
     * @param host the host
     */
    public void setHost(@Nullable String host) {
      this.host = host;
    }

    /**
     * The proxy's port.
     *
     * @return the port, or {@code null}
     */
    public @Nullable Integer getPort() {
      return port;
    }

    /**
     * Sets the proxy's port.
     *
     * @param port the port
     */
    public void setPort(@Nullable Integer port) {
      this.port = port;
    }

    /**
     * The proxy user's name.
     *
     * @return the name, or {@code null}
     */
    public @Nullable String getUsername() {
      return username;
    }

    /**
     * Sets the proxy user's name.
     *
     * @param username the name
     */
    public void setUsername(@Nullable String username) {
      this.username = username;
    }

    /**
     * The proxy user's password.
     *
     * @return the password, or {@code null}
     */
    public @Nullable String getPassword() {
      return password;
    }

    /**
     * Sets the proxy user's password.
     *
     * @param password the password
     */
    public void setPassword(@Nullable String password) {
      this.password = password;
    }
  }

  /** Wiro's settings. */
  public static class Wiro {

    /** The status socket's URL, ws or wss (default wss://socket.wiro.ai/v1). */
    private @Nullable URI socketUrl;

    /**
     * How tasks are followed: "auto" (the socket when the handle has its token), "websocket" or
     * "polling" (default auto).
     */
    private @Nullable String tracking;

    /**
     * The status socket's URL.
     *
     * @return the URL, or {@code null}
     */
    public @Nullable URI getSocketUrl() {
      return socketUrl;
    }

    /**
     * Sets the status socket's URL.
     *
     * @param socketUrl the URL
     */
    public void setSocketUrl(@Nullable URI socketUrl) {
      this.socketUrl = socketUrl;
    }

    /**
     * How tasks are followed.
     *
     * @return the mode, or {@code null}
     */
    public @Nullable String getTracking() {
      return tracking;
    }

    /**
     * Sets how tasks are followed.
     *
     * @param tracking {@code auto}, {@code websocket} or {@code polling}
     */
    public void setTracking(@Nullable String tracking) {
      this.tracking = tracking;
    }
  }

  /** The health indicator's settings. */
  public static class Health {

    /** How many requests to the provider in a row must fail for the health to be DOWN. */
    private int failureThreshold = 3;

    /**
     * How many failed requests in a row make the health {@code DOWN}.
     *
     * @return 3 by default
     */
    public int getFailureThreshold() {
      return failureThreshold;
    }

    /**
     * Sets how many failed requests in a row make the health {@code DOWN}.
     *
     * @param failureThreshold at least 1 (checked when the health indicator is created)
     */
    public void setFailureThreshold(int failureThreshold) {
      this.failureThreshold = failureThreshold;
    }
  }

  /** What the client records in the application's Micrometer registries. */
  public static class Observability {

    /** Whether observations (lora4j.task, lora4j.submit, lora4j.poll, ...) go to the ObservationRegistry bean. */
    private boolean observations = true;

    /** Whether the client's meters (lora4j.tasks.active, lora4j.polls, ...) go to the MeterRegistry bean. */
    private boolean metrics = true;

    /** Whether Reactor Netty's HTTP client metrics (lora4j.http.client.*) are recorded too. */
    private boolean httpClientMetrics;

    /**
     * Whether observations are recorded.
     *
     * @return {@code true} by default
     */
    public boolean isObservations() {
      return observations;
    }

    /**
     * Sets whether observations are recorded.
     *
     * @param observations whether to record them
     */
    public void setObservations(boolean observations) {
      this.observations = observations;
    }

    /**
     * Whether meters are recorded.
     *
     * @return {@code true} by default
     */
    public boolean isMetrics() {
      return metrics;
    }

    /**
     * Sets whether meters are recorded.
     *
     * @param metrics whether to record them
     */
    public void setMetrics(boolean metrics) {
      this.metrics = metrics;
    }

    /**
     * Whether HTTP client metrics are recorded.
     *
     * @return {@code false} by default
     */
    public boolean isHttpClientMetrics() {
      return httpClientMetrics;
    }

    /**
     * Sets whether HTTP client metrics are recorded.
     *
     * @param httpClientMetrics whether to record them
     */
    public void setHttpClientMetrics(boolean httpClientMetrics) {
      this.httpClientMetrics = httpClientMetrics;
    }
  }

  /**
   * Whether the TaskClient bean is created.
   *
   * @return {@code true} by default
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Sets: whether the TaskClient bean is created.
   *
   * @param enabled the value
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * The provider's name.
   *
   * @return the name, or {@code null}
   */
  public @Nullable String getProvider() {
    return provider;
  }

  /**
   * Sets: the provider's name.
   *
   * @param provider the value
   */
  public void setProvider(@Nullable String provider) {
    this.provider = provider;
  }

  /**
   * The API key.
   *
   * @return the key, or {@code null}
   */
  public @Nullable String getApiKey() {
    return apiKey;
  }

  /**
   * Sets: the API key.
   *
   * @param apiKey the value
   */
  public void setApiKey(@Nullable String apiKey) {
    this.apiKey = apiKey;
  }

  /**
   * The API secret.
   *
   * @return the secret, or {@code null}
   */
  public @Nullable String getApiSecret() {
    return apiSecret;
  }

  /**
   * Sets: the API secret.
   *
   * @param apiSecret the value
   */
  public void setApiSecret(@Nullable String apiSecret) {
    this.apiSecret = apiSecret;
  }

  /**
   * The API base URL.
   *
   * @return the URL, or {@code null}
   */
  public @Nullable URI getBaseUrl() {
    return baseUrl;
  }

  /**
   * Sets: the API base URL.
   *
   * @param baseUrl the value
   */
  public void setBaseUrl(@Nullable URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  /**
   * The default poll interval.
   *
   * @return the interval, or {@code null}
   */
  public @Nullable Duration getPollInterval() {
    return pollInterval;
  }

  /**
   * Sets: the default poll interval.
   *
   * @param pollInterval the value
   */
  public void setPollInterval(@Nullable Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  /**
   * The connect timeout.
   *
   * @return the timeout, or {@code null}
   */
  public @Nullable Duration getConnectTimeout() {
    return connectTimeout;
  }

  /**
   * Sets: the connect timeout.
   *
   * @param connectTimeout the value
   */
  public void setConnectTimeout(@Nullable Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /**
   * The response timeout.
   *
   * @return the timeout, or {@code null}
   */
  public @Nullable Duration getResponseTimeout() {
    return responseTimeout;
  }

  /**
   * Sets: the response timeout.
   *
   * @param responseTimeout the value
   */
  public void setResponseTimeout(@Nullable Duration responseTimeout) {
    this.responseTimeout = responseTimeout;
  }

  /**
   * The most connections.
   *
   * @return the count, or {@code null}
   */
  public @Nullable Integer getMaxConnections() {
    return maxConnections;
  }

  /**
   * Sets: the most connections.
   *
   * @param maxConnections the value
   */
  public void setMaxConnections(@Nullable Integer maxConnections) {
    this.maxConnections = maxConnections;
  }

  /**
   * How many calls may wait for a connection.
   *
   * @return the count, or {@code null}
   */
  public @Nullable Integer getPendingAcquireMaxCount() {
    return pendingAcquireMaxCount;
  }

  /**
   * Sets: how many calls may wait for a connection.
   *
   * @param pendingAcquireMaxCount the value
   */
  public void setPendingAcquireMaxCount(@Nullable Integer pendingAcquireMaxCount) {
    this.pendingAcquireMaxCount = pendingAcquireMaxCount;
  }

  /**
   * How long a call may wait for a connection.
   *
   * @return the timeout, or {@code null}
   */
  public @Nullable Duration getPendingAcquireTimeout() {
    return pendingAcquireTimeout;
  }

  /**
   * Sets: how long a call may wait for a connection.
   *
   * @param pendingAcquireTimeout the value
   */
  public void setPendingAcquireTimeout(@Nullable Duration pendingAcquireTimeout) {
    this.pendingAcquireTimeout = pendingAcquireTimeout;
  }

  /**
   * The request budget.
   *
   * @return requests per second, or {@code null}
   */
  public @Nullable Double getRequestBudget() {
    return requestBudget;
  }

  /**
   * Sets: the request budget.
   *
   * @param requestBudget the value
   */
  public void setRequestBudget(@Nullable Double requestBudget) {
    this.requestBudget = requestBudget;
  }

  /**
   * Whether 429 answers lower the rate.
   *
   * @return the setting, or {@code null}
   */
  public @Nullable Boolean getAdaptiveRate() {
    return adaptiveRate;
  }

  /**
   * Sets: whether 429 answers lower the rate.
   *
   * @param adaptiveRate the value
   */
  public void setAdaptiveRate(@Nullable Boolean adaptiveRate) {
    this.adaptiveRate = adaptiveRate;
  }

  /**
   * The hosts reached without the proxy.
   *
   * @return the list, or {@code null}
   */
  public @Nullable String getNonProxyHosts() {
    return nonProxyHosts;
  }

  /**
   * Sets: the hosts reached without the proxy.
   *
   * @param nonProxyHosts the value
   */
  public void setNonProxyHosts(@Nullable String nonProxyHosts) {
    this.nonProxyHosts = nonProxyHosts;
  }

  /**
   * The proxy settings.
   *
   * @return the settings, never {@code null}
   */
  public Proxy getProxy() {
    return proxy;
  }

  /**
   * Wiro's settings.
   *
   * @return the settings, never {@code null}
   */
  public Wiro getWiro() {
    return wiro;
  }

  /**
   * The Micrometer settings.
   *
   * @return the settings, never {@code null}
   */
  public Observability getObservability() {
    return observability;
  }

  /**
   * The health indicator's settings.
   *
   * @return the settings, never {@code null}
   */
  public Health getHealth() {
    return health;
  }

  /**
   * The other options, by option name.
   *
   * @return the settings, never {@code null}
   */
  public Map<String, String> getOptions() {
    return options;
  }
}
