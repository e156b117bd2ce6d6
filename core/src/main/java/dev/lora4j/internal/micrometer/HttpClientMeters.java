package dev.lora4j.internal.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.regex.Pattern;
import reactor.netty.http.client.HttpClientMetricsRecorder;

/**
 * Reactor Netty's HTTP client metrics of one client, recorded in the registry the application gave
 * rather than in Micrometer's global one (where Reactor Netty's own recorder writes). Tagged with
 * the provider and a bounded {@code uri}: {@link #endpoint} of the request's path, which Reactor
 * Netty passes without its query. The remote address is left out: the provider names it.
 */
public final class HttpClientMeters implements HttpClientMetricsRecorder {

  /** A path segment that names an endpoint: letters, '_', '-' and '.', no digit; or a version, {@code v1}. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z_.-]{1,64}|v[0-9]{1,2}");
  /** At most this many segments are kept, so that no path makes the tag unbounded. */
  private static final int MAX_SEGMENTS = 6;

  private final MeterRegistry registry;
  private final String provider;

  private HttpClientMeters(MeterRegistry registry, String provider) {
    this.registry = registry;
    this.provider = provider;
  }

  /**
   * The recorder of one client.
   *
   * @param registry the application's {@code MeterRegistry}
   * @param provider the client's provider
   * @return the recorder
   */
  public static HttpClientMetricsRecorder create(Object registry, String provider) {
    return new HttpClientMeters((MeterRegistry) registry, provider);
  }

  /**
   * The {@code uri} tag of a request path: each segment that is not a plain name or a version
   * ({@code v1}), such as a task id (any segment with a digit), becomes {@code {id}}, and only the
   * first six segments are kept; {@code /Task/Detail} stays,
   * {@code /files/8d1f03/out.png} becomes {@code /files/{id}/out.png}.
   *
   * @param path the path, without a query
   * @return the tag value
   */
  public static String endpoint(String path) {
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    StringBuilder tag = new StringBuilder();
    int kept = 0;
    for (String segment : bare.split("/")) {
      if (segment.isEmpty()) {
        continue;
      }
      if (++kept > MAX_SEGMENTS) {
        tag.append("/...");
        break;
      }
      tag.append('/').append(NAME.matcher(segment).matches() ? segment : "{id}");
    }
    return tag.length() == 0 ? "/" : tag.toString();
  }

  @Override
  public void recordResponseTime(SocketAddress remote, String uri, String method, String status, Duration time) {
    Timer.builder("lora4j.http.client.response.time").description("Time from the request sent to the response's end")
        .tag("lora4j.provider", provider).tag("uri", uri).tag("method", method).tag("status", status)
        .register(registry).record(time);
  }

  @Override
  public void recordDataReceivedTime(SocketAddress remote, String uri, String method, String status, Duration time) {
    Timer.builder("lora4j.http.client.data.received.time").description("Time to receive the response")
        .tag("lora4j.provider", provider).tag("uri", uri).tag("method", method).tag("status", status)
        .register(registry).record(time);
  }

  @Override
  public void recordDataSentTime(SocketAddress remote, String uri, String method, Duration time) {
    Timer.builder("lora4j.http.client.data.sent.time").description("Time to send the request")
        .tag("lora4j.provider", provider).tag("uri", uri).tag("method", method)
        .register(registry).record(time);
  }

  @Override
  public void recordDataReceived(SocketAddress remote, String uri, long bytes) {
    DistributionSummary.builder("lora4j.http.client.data.received").baseUnit("bytes").description("Bytes received")
        .tag("lora4j.provider", provider).tag("uri", uri).register(registry).record(bytes);
  }

  @Override
  public void recordDataSent(SocketAddress remote, String uri, long bytes) {
    DistributionSummary.builder("lora4j.http.client.data.sent").baseUnit("bytes").description("Bytes sent")
        .tag("lora4j.provider", provider).tag("uri", uri).register(registry).record(bytes);
  }

  @Override
  public void incrementErrorsCount(SocketAddress remote, String uri) {
    Counter.builder("lora4j.http.client.errors").description("Requests that failed without a response")
        .tag("lora4j.provider", provider).tag("uri", uri).register(registry).increment();
  }

  @Override
  public void recordDataReceived(SocketAddress remote, long bytes) {
    // the per-uri summary above counts them
  }

  @Override
  public void recordDataSent(SocketAddress remote, long bytes) {
    // the per-uri summary above counts them
  }

  @Override
  public void incrementErrorsCount(SocketAddress remote) {
    Counter.builder("lora4j.http.client.errors").description("Requests that failed without a response")
        .tag("lora4j.provider", provider).tag("uri", "none").register(registry).increment();
  }

  @Override
  public void recordTlsHandshakeTime(SocketAddress remote, Duration time, String status) {
    Timer.builder("lora4j.http.client.tls.handshake.time").description("Time of TLS handshakes")
        .tag("lora4j.provider", provider).tag("status", status).register(registry).record(time);
  }

  @Override
  public void recordConnectTime(SocketAddress remote, Duration time, String status) {
    Timer.builder("lora4j.http.client.connect.time").description("Time to open a connection")
        .tag("lora4j.provider", provider).tag("status", status).register(registry).record(time);
  }

  @Override
  public void recordResolveAddressTime(SocketAddress remote, Duration time, String status) {
    Timer.builder("lora4j.http.client.address.resolver").description("Time to resolve the provider's address")
        .tag("lora4j.provider", provider).tag("status", status).register(registry).record(time);
  }
}
