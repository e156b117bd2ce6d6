package dev.lora4j.spi.http;

import dev.lora4j.ClientOptions;
import dev.lora4j.ProtocolException;
import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.internal.WebUrls;
import dev.lora4j.internal.http.NetworkOptions;
import dev.lora4j.internal.http.ProxySettings;
import dev.lora4j.internal.http.SettingChecks;
import dev.lora4j.spi.PositiveDuration;
import dev.lora4j.spi.Range;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The settings a {@link ProviderHttpClient} is built from, each checked as it is set: the setters
 * of {@link ProviderHttpClient.Builder}, kept here so that the client's own file holds only its
 * calls. Not thread-safe.
 */
abstract sealed class HttpClientSettings permits ProviderHttpClient.Builder {

  private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  final String provider;
  final URI baseUrl;
  int maxConnections = ProviderHttpClient.DEFAULT_MAX_CONNECTIONS;
  int pendingAcquireMaxCount = ProviderHttpClient.DEFAULT_PENDING_ACQUIRE_MAX_COUNT;
  Duration pendingAcquireTimeout = ProviderHttpClient.DEFAULT_PENDING_ACQUIRE_TIMEOUT;
  Duration connectTimeout = ProviderHttpClient.DEFAULT_CONNECT_TIMEOUT;
  Duration responseTimeout = ProviderHttpClient.DEFAULT_RESPONSE_TIMEOUT;
  Duration maxIdleTime = ProviderHttpClient.DEFAULT_MAX_IDLE_TIME;
  /** {@code null}: the JVM's {@code http(s).proxyHost} properties decide, as without options. */
  @Nullable ProxySettings proxy;
  int maxResponseSize = ProviderHttpClient.DEFAULT_MAX_RESPONSE_SIZE;
  long maxDownloadSize = ProviderHttpClient.DEFAULT_MAX_DOWNLOAD_SIZE;
  Supplier<? extends Map<String, String>> headers = Map::of;
  Redactor redactor = Redactor.none();
  HttpErrorMapper errorMapper = HttpErrorMapper.standard();
  /** The {@code MeterRegistry} of Reactor Netty's client metrics; {@code null}: none (the default). */
  @Nullable Object metricsRegistry;
  /** The options' call listeners, told of every attempt. */
  java.util.List<dev.lora4j.CallListener> callListeners = java.util.List.of();

  HttpClientSettings(String provider, URI baseUrl) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (!PROVIDER_NAME.matcher(provider).matches()) {
      throw new IllegalArgumentException(
          "provider must be 1 to 64 lower case letters, digits, '.', '_' or '-', was '" + provider + "'");
    }
    // The user info of a rejected URL may hold a password: it is left out.
    String shown = baseUrl.getRawUserInfo() == null ? "'" + baseUrl + "'" : "a URL with user info for host " + baseUrl.getHost();
    if (!WebUrls.isWeb(baseUrl)) {
      throw new IllegalArgumentException("baseUrl must be an absolute http or https URL with a host, was " + shown);
    }
    if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
      throw new IllegalArgumentException("baseUrl must not have a query or fragment, was " + shown);
    }
    if (baseUrl.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "baseUrl must not carry user info (credentials go into headers or bodies), was " + shown);
    }
    this.provider = provider;
    this.baseUrl = baseUrl;
  }

  /**
   * Takes the network settings of {@code options}, each where it is set (on its builder, as a
   * system property or an environment variable): {@link ClientOptions#CONNECT_TIMEOUT}, {@link
   * ClientOptions#RESPONSE_TIMEOUT}, {@link ClientOptions#MAX_CONNECTIONS}, {@link
   * ClientOptions#PENDING_ACQUIRE_MAX_COUNT}, {@link ClientOptions#PENDING_ACQUIRE_TIMEOUT} and the
   * proxy ({@link ClientOptions#PROXY_HOST} and the options after it, else {@code HTTPS_PROXY} /
   * {@code HTTP_PROXY} with {@code NO_PROXY}, as {@link ClientOptions} describes), and the meter
   * registry of Reactor Netty's client metrics when {@code httpClientMetrics(true)} is set. Settings it
   * does not find keep their value; a later setter overrides one it took.
   *
   * @param options the client options
   * @return this builder
   * @throws IllegalArgumentException if a setting is malformed or out of range; the message names
   *     where it was set, and never the proxy password
   */
  public ProviderHttpClient.Builder options(ClientOptions options) {
    NetworkOptions n = NetworkOptions.read(options, baseUrl);
    Optional.ofNullable(n.connectTimeout()).ifPresent(this::connectTimeout);
    Optional.ofNullable(n.responseTimeout()).ifPresent(this::responseTimeout);
    Optional.ofNullable(n.maxConnections()).ifPresent(this::maxConnections);
    Optional.ofNullable(n.pendingAcquireMaxCount()).ifPresent(this::pendingAcquireMaxCount);
    Optional.ofNullable(n.pendingAcquireTimeout()).ifPresent(this::pendingAcquireTimeout);
    n.proxySettings().ifPresent(p -> proxy = p);
    Object registry = dev.lora4j.internal.OptionsAccess.httpClientMetricsRegistry(options);
    if (registry != null) {
      metricsRegistry = registry;
    }
    callListeners = dev.lora4j.internal.OptionsAccess.callListeners(options);
    return self();
  }

  /**
   * Sets the number of connections in the pool.
   *
   * @param maxConnections at least 1; default {@value ProviderHttpClient#DEFAULT_MAX_CONNECTIONS}
   * @return this builder
   * @throws IllegalArgumentException if less than 1
   */
  public ProviderHttpClient.Builder maxConnections(int maxConnections) {
    this.maxConnections = Range.POSITIVE.check("maxConnections", maxConnections);
    return self();
  }

  /**
   * Sets how many calls may wait for a free connection; beyond it a call fails at once with
   * {@link ProviderUnavailableException} ({@code requestSent() == false}).
   *
   * @param pendingAcquireMaxCount at least 1; default {@value ProviderHttpClient#DEFAULT_PENDING_ACQUIRE_MAX_COUNT}
   * @return this builder
   * @throws IllegalArgumentException if less than 1
   */
  public ProviderHttpClient.Builder pendingAcquireMaxCount(int pendingAcquireMaxCount) {
    this.pendingAcquireMaxCount = Range.POSITIVE.check("pendingAcquireMaxCount", pendingAcquireMaxCount);
    return self();
  }

  /**
   * Sets how long a call waits for a free connection before it fails with {@link
   * ProviderUnavailableException} ({@code requestSent() == false}).
   *
   * @param pendingAcquireTimeout positive; default 45 s
   * @return this builder
   * @throws IllegalArgumentException if zero or negative
   */
  public ProviderHttpClient.Builder pendingAcquireTimeout(Duration pendingAcquireTimeout) {
    this.pendingAcquireTimeout = PositiveDuration.check("pendingAcquireTimeout", pendingAcquireTimeout);
    return self();
  }

  /**
   * Sets how long establishing a connection (and a proxy's tunnel) may take.
   *
   * @param connectTimeout positive, at most {@link Integer#MAX_VALUE} ms; default 10 s
   * @return this builder
   * @throws IllegalArgumentException if out of range
   */
  public ProviderHttpClient.Builder connectTimeout(Duration connectTimeout) {
    this.connectTimeout = SettingChecks.millis("connectTimeout", connectTimeout);
    return self();
  }

  /**
   * Sets how long a call may take from the moment its request is written until its answer is
   * complete; after that it fails with {@link ProviderUnavailableException} ({@code
   * requestSent() == true}). Waiting for a connection is not counted.
   *
   * @param responseTimeout positive; default 60 s
   * @return this builder
   * @throws IllegalArgumentException if zero or negative
   */
  public ProviderHttpClient.Builder responseTimeout(Duration responseTimeout) {
    this.responseTimeout = PositiveDuration.check("responseTimeout", responseTimeout);
    return self();
  }

  /**
   * Sets how long an idle connection stays in the pool. Keep it below the provider's keep-alive
   * timeout: a request written to a connection the server is closing fails with {@code
   * requestSent() == true}.
   *
   * @param maxIdleTime positive; default 30 s
   * @return this builder
   * @throws IllegalArgumentException if zero or negative
   */
  public ProviderHttpClient.Builder maxIdleTime(Duration maxIdleTime) {
    this.maxIdleTime = PositiveDuration.check("maxIdleTime", maxIdleTime);
    return self();
  }

  /**
   * Sets the largest response body accepted, in bytes. A 2xx answer declaring or sending more
   * fails with {@link ProtocolException}; of an error answer only the first bytes are read.
   *
   * @param maxResponseSize at least 1; default {@value ProviderHttpClient#DEFAULT_MAX_RESPONSE_SIZE} (1 MiB)
   * @return this builder
   * @throws IllegalArgumentException if less than 1
   */
  public ProviderHttpClient.Builder maxResponseSize(int maxResponseSize) {
    this.maxResponseSize = Range.POSITIVE.check("maxResponseSize", maxResponseSize);
    return self();
  }

  /**
   * Sets the largest file {@link ProviderHttpClient#download} accepts, in bytes; a larger one fails with {@link
   * ProtocolException} and leaves no file behind.
   *
   * @param maxDownloadSize at least 1; default {@value ProviderHttpClient#DEFAULT_MAX_DOWNLOAD_SIZE} (512 MiB)
   * @return this builder
   * @throws IllegalArgumentException if less than 1
   */
  public ProviderHttpClient.Builder maxDownloadSize(long maxDownloadSize) {
    if (maxDownloadSize < 1) {
      throw new IllegalArgumentException("maxDownloadSize must be at least 1, was " + maxDownloadSize);
    }
    this.maxDownloadSize = maxDownloadSize;
    return self();
  }

  /**
   * Sets the supplier of per-request headers (API key, nonce, signature). It is called once per
   * attempt, on an event loop right before the request is written, so it must be quick and must
   * not block. Its headers are added after {@code Content-Type}, {@code Accept} and {@code
   * User-Agent} and replace them on a clash. The values of headers named like credentials
   * ({@link Redactor#isCredentialName}) are masked in messages and logs of that attempt. An
   * exception it throws fails the call as is, with nothing sent.
   *
   * @param headers the supplier; default none
   * @return this builder
   */
  public ProviderHttpClient.Builder headers(Supplier<? extends Map<String, String>> headers) {
    this.headers = Objects.requireNonNull(headers, "headers");
    return self();
  }

  /**
   * Sets the secrets to mask in every message and log line (API key, API secret). The values of
   * credential fields in a request body (such as a per-task {@code api_key}) are masked in that
   * call's messages without being listed here.
   *
   * @param secrets the secret values; blank ones are ignored
   * @return this builder
   */
  public ProviderHttpClient.Builder secrets(Collection<String> secrets) {
    this.redactor = Redactor.of(List.copyOf(Objects.requireNonNull(secrets, "secrets")));
    return self();
  }

  /**
   * Sets how error statuses are mapped, unless a call passes its own mapper.
   *
   * @param errorMapper the mapper; default {@link HttpErrorMapper#standard()}
   * @return this builder
   */
  public ProviderHttpClient.Builder errorMapper(HttpErrorMapper errorMapper) {
    this.errorMapper = Objects.requireNonNull(errorMapper, "errorMapper");
    return self();
  }

  private ProviderHttpClient.Builder self() {
    return (ProviderHttpClient.Builder) this;
  }
}
