package dev.lora4j.spi.http;

import dev.lora4j.Lora4jException;
import dev.lora4j.ProtocolException;
import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.internal.WebUrls;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP client of one provider instance: JSON calls to the provider's API over a connection
 * pool of its own, every failure mapped to the {@link Lora4jException} hierarchy, nothing secret
 * in messages or logs. Thread-safe; create one per provider instance with {@link #builder} and
 * {@link #close()} it with the provider.
 *
 * <p>Built to watch many tasks at once without a thread per request: calls share a bounded pool
 * ({@value #DEFAULT_MAX_CONNECTIONS} connections by default) and wait in a bounded queue for a free
 * connection ({@value #DEFAULT_PENDING_ACQUIRE_MAX_COUNT} by default), all on Reactor Netty's event
 * loops. Nothing blocks.
 *
 * <p>Each call is lazy and makes exactly one attempt per subscription: nothing is sent before
 * subscription, and this class never retries (Reactor Netty's own retry on a reused connection is
 * switched off too, since a provider's submission is billed). Resubscribing is how the caller
 * retries, and each attempt evaluates the {@linkplain Builder#headers headers supplier} afresh.
 *
 * <p>A call signals:
 *
 * <ul>
 *   <li>the parsed JSON body for a 2xx answer, with every known secret masked ({@link
 *       Redactor#maskSecrets}): the {@linkplain Builder#secrets client's secrets}, the values of the
 *       request body's credential fields and of the attempt's credential headers (a signature the
 *       provider echoes back included), so nothing derived from the answer can reveal one;
 *   <li>a {@link ProviderUnavailableException} (transient, {@code requestSent() == true}) for a
 *       2xx answer whose body is empty or not JSON: from a JSON API that is a cut-off or mangled
 *       transfer, so an idempotent call may be tried again (a submission never is, since the
 *       request was sent); its message holds a redacted excerpt of at most 200 characters;
 *   <li>a {@link ProtocolException} for a 2xx answer larger than the {@linkplain
 *       Builder#maxResponseSize limit};
 *   <li>the exception of the call's {@link HttpErrorMapper} for any other status, fed an {@link
 *       HttpFailure} whose provider message comes from the JSON body's {@code message}, {@code
 *       error}, {@code error.message}, {@code errors[0].message}, {@code detail} or {@code msg}, or
 *       is a redacted excerpt of a non-JSON body;
 *   <li>a {@link ProviderUnavailableException} for a network failure: with {@link
 *       ProviderUnavailableException#requestSent() requestSent()} {@code false} when no connection
 *       could be had (refused, connect timeout, unknown host, no pooled connection free in time, too
 *       many calls waiting) or the pooled connection was found closed before anything was written,
 *       so the provider certainly never saw the request; {@code true} otherwise, once a connection
 *       was obtained for the request (closed or reset before the answer was complete, no complete
 *       answer within the {@linkplain Builder#responseTimeout response timeout}), since the provider
 *       may have acted on it;
 *   <li>whatever the {@linkplain Builder#headers headers supplier} throws, as is, with nothing sent.
 * </ul>
 *
 * <p>Every request carries {@code Content-Type} and {@code Accept: application/json}, {@code
 * User-Agent: lora4j/<version>} and the headers of the {@linkplain Builder#headers headers
 * supplier}.
 *
 * <p>Logging (SLF4J logger {@code dev.lora4j.spi.http.ProviderHttpClient.<provider>}): one DEBUG line
 * per call with the method, the path, the status or failure, and the elapsed milliseconds; at TRACE
 * also the request and response bodies, redacted. Headers are never logged.
 *
 * <p>Network settings (timeouts, pool, proxy) come from the builder's setters or, all at once, from
 * {@link Builder#options ClientOptions}; the proxy password is never shown.
 */
public final class ProviderHttpClient implements AutoCloseable {

  /** The default number of connections in the pool. */
  public static final int DEFAULT_MAX_CONNECTIONS = 200;
  /** The default number of calls that may wait for a free connection. */
  public static final int DEFAULT_PENDING_ACQUIRE_MAX_COUNT = 20_000;
  /** The default longest wait for a free connection. */
  public static final Duration DEFAULT_PENDING_ACQUIRE_TIMEOUT = Duration.ofSeconds(45);
  /** The default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** The default response timeout, as the Xalora reference client's. */
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);
  /** The default time an idle pooled connection is kept. */
  public static final Duration DEFAULT_MAX_IDLE_TIME = Duration.ofSeconds(30);
  /** The default largest response body, in bytes (1 MiB). */
  public static final int DEFAULT_MAX_RESPONSE_SIZE = 1024 * 1024;
  /** The default largest download, in bytes (512 MiB). */
  public static final long DEFAULT_MAX_DOWNLOAD_SIZE = 512L * 1024 * 1024;

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final String provider;
  private final URI baseUrl;
  private final String baseUrlText;
  private final Redactor redactor;
  private final HttpErrorMapper errorMapper;
  private final ConnectionProvider connections;
  private final HttpClient webSocket;
  private final Exchange exchange;
  private final JsonCall json;
  private final FileDownload download;

  private ProviderHttpClient(Builder b) {
    this.provider = b.provider;
    this.baseUrl = b.baseUrl;
    String base = b.baseUrl.toString();
    this.baseUrlText = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.redactor = b.redactor;
    this.errorMapper = b.errorMapper;
    Transport transport = new Transport(b);
    this.connections = transport.pool();
    this.webSocket = transport.webSocket();
    HttpClient http = transport.client(connections);
    CallLog log = new CallLog(provider, redactor);
    this.exchange = new Exchange(provider, baseUrl, b.responseTimeout, b.maxResponseSize, log,
        new StatusErrors(provider, JSON, redactor));
    this.json = new JsonCall(exchange, http, JSON, redactor, b.headers);
    this.download = new FileDownload(
        exchange, http.followRedirect(true).headers(h -> h.set(HttpHeaderNames.ACCEPT, "*/*")), b.maxDownloadSize);
  }

  /**
   * Starts a client.
   *
   * @param provider the provider's name: lower case letters, digits, {@code .}, {@code _} or
   *     {@code -}; it names the pool ({@code lora4j-<provider>}), the logger and every message
   * @param baseUrl the API's base URL, an absolute {@code http} or {@code https} URL without query,
   *     fragment or user info; it may end in a path prefix such as {@code /v1}
   * @return a builder
   * @throws IllegalArgumentException if either is malformed
   */
  public static Builder builder(String provider, URI baseUrl) {
    return new Builder(provider, baseUrl);
  }

  /**
   * Returns the JSON mapper shared by lora4j: Jackson 3 defaults (longs and big integers exact,
   * trailing tokens rejected), unknown properties ignored. Immutable and thread-safe; providers use
   * it to build request bodies and read answers.
   *
   * @return the mapper
   */
  public static JsonMapper json() {
    return JSON;
  }

  /**
   * Returns the provider's name.
   *
   * @return the name given to the builder
   */
  public String provider() {
    return provider;
  }

  /**
   * Returns the base URL paths are appended to.
   *
   * @return the base URL given to the builder
   */
  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * Returns this client's error mapping, to derive a per-call one with {@link
   * HttpErrorMapper#onStatus}.
   *
   * @return the mapper set on the builder, by default {@link HttpErrorMapper#standard()}
   */
  public HttpErrorMapper errorMapper() {
    return errorMapper;
  }

  /**
   * Returns the redactor masking this client's secrets, for providers that keep raw payloads.
   *
   * @return the redactor
   */
  public Redactor redactor() {
    return redactor;
  }

  /**
   * Returns a Reactor Netty client for a connection this client does not make itself, such as a
   * provider's status WebSocket: the same connect timeout and proxy as this client's calls, no
   * retry, {@code User-Agent: lora4j/<version>}; each connection its own (no pool), so nothing of
   * it needs closing with this client. Configure it further as Reactor Netty allows.
   *
   * @return the client
   */
  public HttpClient webSocketClient() {
    return webSocket;
  }

  /**
   * POSTs JSON to a path below the base URL, mapping error statuses with this client's {@link
   * #errorMapper()}. See the class description for what the returned {@code Mono} signals.
   *
   * @param path the path relative to the base URL, such as {@code task_create}; a leading {@code /}
   *     is ignored, so {@code /task_create} below {@code https://host/v1} is {@code
   *     https://host/v1/task_create}; segments are sent as given, so the caller encodes them
   * @param body the request body; serialized at each subscription
   * @return a {@code Mono} emitting the answer's JSON; each subscription makes one attempt
   * @throws IllegalArgumentException if the path is blank or does not form a valid URI
   */
  public Mono<JsonNode> postJson(String path, JsonNode body) {
    return postJson(path, body, errorMapper);
  }

  /**
   * POSTs JSON to a path below the base URL, mapping error statuses with {@code errorMapper}. See
   * the class description for what the returned {@code Mono} signals.
   *
   * @param path the path relative to the base URL, as for {@link #postJson(String, JsonNode)}
   * @param body the request body; serialized at each subscription
   * @param errorMapper the mapping of non-2xx answers for this call
   * @return a {@code Mono} emitting the answer's JSON; each subscription makes one attempt
   * @throws IllegalArgumentException if the path is blank or does not form a valid URI
   */
  public Mono<JsonNode> postJson(String path, JsonNode body, HttpErrorMapper errorMapper) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(errorMapper, "errorMapper");
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (relative.isBlank()) {
      throw new IllegalArgumentException("path must not be blank, was '" + path + "'");
    }
    URI uri;
    try {
      uri = new URI(baseUrlText + "/" + relative);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("path must form a valid URI below " + baseUrlText + ", was '" + path + "'", e);
    }
    int query = relative.indexOf('?');
    return json.post(new Call("POST", query < 0 ? relative : relative.substring(0, query), uri, body, errorMapper));
  }

  /**
   * Downloads a file, such as a task's output, to {@code target} with a GET. The request carries
   * only {@code User-Agent} and {@code Accept: *}{@code /*}, never the provider's headers, since
   * output URLs usually point to a CDN; redirects are followed. The body is written to a temporary
   * file next to {@code target} and moved over it once complete, so a failed or canceled download
   * leaves no partial file under the target's name. File I/O runs on {@link
   * Schedulers#boundedElastic()}.
   *
   * <p>Signals {@code target} when done; the {@link #errorMapper()}'s exception for a non-2xx
   * answer, whose path is the URL's host and path (the query, which may hold a signed token, is
   * never shown); {@link ProtocolException} for a body over the {@linkplain
   * Builder#maxDownloadSize download limit}; {@link ProviderUnavailableException} for a network
   * failure or when no data arrives for the {@linkplain Builder#responseTimeout response timeout};
   * {@link java.io.UncheckedIOException} when the file cannot be written.
   *
   * @param url the file's absolute {@code http} or {@code https} URL
   * @param target the file to write; its directory must exist; an existing file is replaced
   * @param progress called after each chunk written with the number of bytes written so far, on
   *     the file I/O thread; {@code null} for none
   * @return a {@code Mono} emitting {@code target} (made absolute); each subscription downloads
   *     once
   * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL
   */
  public Mono<Path> download(URI url, Path target, @Nullable LongConsumer progress) {
    return download(url, target, -1, progress);
  }

  /**
   * Downloads a file as {@link #download(URI, Path, LongConsumer)} does, and checks before moving it
   * into place that it has the size the provider reported: a file of another size is discarded and
   * an existing {@code target} is left as it was.
   *
   * @param url the file's absolute {@code http} or {@code https} URL
   * @param target the file to write; its directory must exist; an existing file is replaced
   * @param expectedSize the size the provider reported, or {@code -1} when unknown
   * @param progress called after each chunk written with the number of bytes written so far, on
   *     the file I/O thread; {@code null} for none
   * @return a {@code Mono} emitting {@code target} (made absolute), or signalling {@link
   *     ProtocolException} for a size other than {@code expectedSize}, and the errors of {@link
   *     #download(URI, Path, LongConsumer)}
   * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL
   */
  public Mono<Path> download(URI url, Path target, long expectedSize, @Nullable LongConsumer progress) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(target, "target");
    if (!WebUrls.isWeb(url)) {
      throw new IllegalArgumentException(
          "url must be an absolute http or https URL with a host, was " + WebUrls.kind(url));
    }
    String rawPath = url.getRawPath() == null ? "" : url.getRawPath();
    return download.get(new Call("GET", url.getHost() + rawPath, url, null, errorMapper), target, expectedSize, progress);
  }

  /**
   * Releases the connection pool without waiting for it. Idempotent. Calls subscribed afterwards
   * fail with {@link IllegalStateException}; calls in flight fail as the connections close.
   */
  @Override
  public void close() {
    if (exchange.close()) {
      connections.dispose();
    }
  }

  /**
   * Describes this client.
   *
   * @return the provider's name and base URL
   */
  @Override
  public String toString() {
    return "ProviderHttpClient{" + provider + ", " + baseUrlText + "}";
  }

  /**
   * Builds a {@link ProviderHttpClient}. Every setter checks its argument at once and names a bad
   * value in its exception. Not thread-safe.
   */
  public static final class Builder extends HttpClientSettings {

    private Builder(String provider, URI baseUrl) {
      super(provider, baseUrl);
    }

    /**
     * Creates the client and its connection pool (no connection is opened yet).
     *
     * @return the client, to be closed with its provider
     */
    public ProviderHttpClient build() {
      return new ProviderHttpClient(this);
    }
  }
}
