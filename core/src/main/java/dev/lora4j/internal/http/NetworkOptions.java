package dev.lora4j.internal.http;

import dev.lora4j.ClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The network settings of {@link ClientOptions}, each looked up as the options look up any value
 * (builder, {@code lora4j.<name>} system property, {@code LORA4J_*} environment variable) and
 * checked; {@code null} where none is set, so the HTTP client keeps its default.
 *
 * @param connectTimeout {@link ClientOptions#CONNECT_TIMEOUT}
 * @param responseTimeout {@link ClientOptions#RESPONSE_TIMEOUT}
 * @param maxConnections {@link ClientOptions#MAX_CONNECTIONS}
 * @param pendingAcquireMaxCount {@link ClientOptions#PENDING_ACQUIRE_MAX_COUNT}
 * @param pendingAcquireTimeout {@link ClientOptions#PENDING_ACQUIRE_TIMEOUT}
 * @param proxy the proxy found by {@link ProxySettings#resolve}
 */
public record NetworkOptions(
    @Nullable Duration connectTimeout,
    @Nullable Duration responseTimeout,
    @Nullable Integer maxConnections,
    @Nullable Integer pendingAcquireMaxCount,
    @Nullable Duration pendingAcquireTimeout,
    @Nullable ProxySettings proxy) {

  /** The environment variable of {@link ClientOptions#CONNECT_TIMEOUT}. */
  public static final String CONNECT_TIMEOUT_ENV = "LORA4J_CONNECT_TIMEOUT";
  /** The environment variable of {@link ClientOptions#RESPONSE_TIMEOUT}. */
  public static final String RESPONSE_TIMEOUT_ENV = "LORA4J_RESPONSE_TIMEOUT";
  /** The environment variable of {@link ClientOptions#MAX_CONNECTIONS}. */
  public static final String MAX_CONNECTIONS_ENV = "LORA4J_MAX_CONNECTIONS";
  /** The environment variable of {@link ClientOptions#PENDING_ACQUIRE_MAX_COUNT}. */
  public static final String PENDING_ACQUIRE_MAX_COUNT_ENV = "LORA4J_PENDING_ACQUIRE_MAX_COUNT";
  /** The environment variable of {@link ClientOptions#PENDING_ACQUIRE_TIMEOUT}. */
  public static final String PENDING_ACQUIRE_TIMEOUT_ENV = "LORA4J_PENDING_ACQUIRE_TIMEOUT";
  /** The environment variable of {@link ClientOptions#PROXY_HOST}. */
  public static final String PROXY_HOST_ENV = "LORA4J_PROXY_HOST";
  /** The environment variable of {@link ClientOptions#PROXY_PORT}. */
  public static final String PROXY_PORT_ENV = "LORA4J_PROXY_PORT";
  /** The environment variable of {@link ClientOptions#PROXY_USERNAME}. */
  public static final String PROXY_USERNAME_ENV = "LORA4J_PROXY_USERNAME";
  /** The environment variable of {@link ClientOptions#PROXY_PASSWORD}. */
  public static final String PROXY_PASSWORD_ENV = "LORA4J_PROXY_PASSWORD";
  /** The environment variable of {@link ClientOptions#NON_PROXY_HOSTS}. */
  public static final String NON_PROXY_HOSTS_ENV = "LORA4J_NON_PROXY_HOSTS";

  /**
   * Reads the settings.
   *
   * @param options the client options
   * @param baseUrl the provider's base URL, which decides between {@code HTTPS_PROXY} and {@code
   *     HTTP_PROXY}
   * @return the settings
   * @throws IllegalArgumentException if one is malformed; the message names its source, and its
   *     value unless it is the proxy password or a proxy URL
   */
  public static NetworkOptions read(ClientOptions options, URI baseUrl) {
    Objects.requireNonNull(options, "options");
    return new NetworkOptions(
        options.value(ClientOptions.CONNECT_TIMEOUT, CONNECT_TIMEOUT_ENV).orElse(null),
        options.value(ClientOptions.RESPONSE_TIMEOUT, RESPONSE_TIMEOUT_ENV).orElse(null),
        options.value(ClientOptions.MAX_CONNECTIONS, MAX_CONNECTIONS_ENV).orElse(null),
        options.value(ClientOptions.PENDING_ACQUIRE_MAX_COUNT, PENDING_ACQUIRE_MAX_COUNT_ENV).orElse(null),
        options.value(ClientOptions.PENDING_ACQUIRE_TIMEOUT, PENDING_ACQUIRE_TIMEOUT_ENV).orElse(null),
        ProxySettings.resolve(options, baseUrl).orElse(null));
  }

  /**
   * Returns the proxy, if one is configured.
   *
   * @return the proxy
   */
  public Optional<ProxySettings> proxySettings() {
    return Optional.ofNullable(proxy);
  }
}
