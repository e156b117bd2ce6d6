package dev.lora4j.spi.http;

import dev.lora4j.internal.http.Lora4jVersion;
import dev.lora4j.internal.http.ProxySettings;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientMetricsRecorder;
import reactor.netty.resources.ConnectionProvider;

/**
 * The network settings applied with Reactor Netty's own API: the {@link ConnectionProvider} of a
 * client (pool size, pending-acquire limit and timeout, idle time), and its {@link HttpClient}s
 * (connect timeout, proxy, no retry).
 */
final class Transport {

  static final String USER_AGENT = "lora4j/" + Lora4jVersion.VALUE;

  private final HttpClientSettings settings;
  private final Duration connectTimeout;
  private final @Nullable ProxySettings proxy;
  /** The client's pool, to dispose of with it. */
  final ConnectionProvider pool;
  /** The client of the JSON calls. */
  final HttpClient client;
  /** The client of the downloads, configured further by them: the JSON calls' but for the metrics' uri. */
  final HttpClient downloads;
  /** The client of connections made outside the pool. */
  final HttpClient webSocket;

  /** Reads {@code settings} once, as they are when the client is built, and creates the pool. */
  Transport(HttpClientSettings settings) {
    this.settings = settings;
    this.connectTimeout = settings.connectTimeout;
    this.proxy = settings.proxy;
    this.pool = pool();
    HttpClient calls = client(pool);
    Object registry = settings.metricsRegistry;
    if (registry == null) {
      this.client = calls;
      this.downloads = calls;
    } else {
      HttpClientMetricsRecorder recorder = dev.lora4j.internal.micrometer.HttpClientMeters.create(registry, settings.provider);
      this.client = calls.metrics(true, () -> recorder, dev.lora4j.internal.micrometer.HttpClientMeters::endpoint);
      this.downloads = calls.metrics(true, () -> recorder, path -> "download");
    }
    this.webSocket = webSocket();
  }

  /**
   * The pool. MRU (lifo) leasing keeps the busy connections hot and lets the rest expire, so a
   * request rarely goes out on a connection the server has just closed for idleness.
   */
  private ConnectionProvider pool() {
    return ConnectionProvider.builder("lora4j-" + settings.provider)
        .maxConnections(settings.maxConnections)
        .pendingAcquireMaxCount(settings.pendingAcquireMaxCount)
        .pendingAcquireTimeout(settings.pendingAcquireTimeout)
        .maxIdleTime(settings.maxIdleTime)
        .evictInBackground(settings.maxIdleTime)
        .lifo()
        .build();
  }

  /** The client of the JSON calls: no retry, no redirects, JSON accepted. */
  private HttpClient client(ConnectionProvider pool) {
    return connecting(HttpClient.create(pool))
        .followRedirect(false)
        .headers(h -> h.set(HttpHeaderNames.USER_AGENT, USER_AGENT).set(HttpHeaderNames.ACCEPT, "application/json"));
  }

  /** A client without a pool, for a WebSocket: no retry, the same connect timeout and proxy. */
  private HttpClient webSocket() {
    return connecting(HttpClient.create(ConnectionProvider.newConnection()))
        .headers(h -> h.set(HttpHeaderNames.USER_AGENT, USER_AGENT));
  }

  private HttpClient connecting(HttpClient client) {
    HttpClient c =
        client.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis()).disableRetry(true);
    return proxy == null ? c.proxyWithSystemProperties() : proxy.applyTo(c, connectTimeout);
  }
}
