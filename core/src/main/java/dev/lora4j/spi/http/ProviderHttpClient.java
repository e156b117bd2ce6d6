package dev.lora4j.spi.http;

import dev.lora4j.internal.http.EventLoopScheduler;
import dev.lora4j.Lora4jException;
import dev.lora4j.ProtocolException;
import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.internal.http.RequestBudget;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
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
 * <p>A JSON call ({@link #postJson postJson}, {@link #getJson getJson}, {@link #deleteJson
 * deleteJson}) signals:
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
 * <p>Every JSON call carries {@code Accept: application/json}, {@code User-Agent:
 * lora4j/<version>} and the headers of the {@linkplain Builder#headers headers supplier}; one with
 * a body also {@code Content-Type: application/json}.
 *
 * <p>Logging (SLF4J logger {@code dev.lora4j.spi.http.ProviderHttpClient.<provider>}): one DEBUG line
 * per call with the method, the path, the status or failure, and the elapsed milliseconds; at TRACE
 * also the request and response bodies, redacted. Headers are never logged.
 *
 * <p>Request budget: when the subscriber's Reactor context holds the request budget of a {@code
 * TaskClient} (the core puts it there for every call it makes; see {@code
 * ClientOptions.REQUEST_BUDGET}), each attempt, a JSON call or a download, waits for a permit of
 * it before its request is sent, and a {@link dev.lora4j.RateLimitedException} it signals may
 * lower the client's rate. Without one, nothing waits.
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

  private final String provider;
  private final URI baseUrl;
  private final String baseUrlText;
  private final Redactor redactor;
  private final HttpErrorMapper errorMapper;
  private final Transport transport;
  private final Exchange exchange;
  private final JsonCall json;
  private final Call.Targets targets;
  private final FileDownload download;

  private ProviderHttpClient(Builder b) {
    this.provider = b.provider;
    this.baseUrl = b.baseUrl;
    String base = b.baseUrl.toString();
    this.baseUrlText = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.redactor = b.redactor;
    this.errorMapper = b.errorMapper;
    this.transport = new Transport(b);
    this.exchange = new Exchange(provider, baseUrl, b.responseTimeout, b.maxResponseSize,
        new CallLog(provider, redactor), new StatusErrors(provider, JsonCall.MAPPER, redactor), b.callListeners);
    this.json = new JsonCall(exchange, transport.client, redactor, b.headers);
    this.targets = new Call.Targets(baseUrlText);
    this.download = new FileDownload(exchange, transport.downloads, b.maxDownloadSize);
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
    return JsonCall.MAPPER;
  }

  /** {@return the provider's name, as given to the builder} */
  public String provider() {
    return provider;
  }

  /** {@return the base URL paths are appended to, as given to the builder} */
  public URI baseUrl() {
    return baseUrl;
  }

  /**
   * {@return this client's error mapping, the one set on the builder, by default {@link
   * HttpErrorMapper#standard()}} A per-call one is derived from it with {@link HttpErrorMapper#onStatus}.
   */
  public HttpErrorMapper errorMapper() {
    return errorMapper;
  }

  /** {@return the redactor masking this client's secrets, for providers that keep raw payloads} */
  public Redactor redactor() {
    return redactor;
  }

  /**
   * Returns the scheduler of the event loops this client's requests run on. A timer scheduled on it
   * from one of those loops (the loop that just received an answer) fires on that same loop, so
   * the request it starts needs no other thread: waiting between polls on it costs no lock and no
   * thread wake-up. Tasks run on it must not block. Shared by every client; nothing to dispose.
   *
   * @return the scheduler
   */
  public Scheduler scheduler() {
    return EventLoopScheduler.shared();
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
    return transport.webSocket;
  }

  /**
   * Puts a request this client does not send itself, such as a WebSocket connection opened with
   * {@link #webSocketClient()}, under the request budget of the {@code TaskClient} it runs for (as
   * every call of this client is): the returned {@code Flux} subscribes to {@code request} once the
   * budget grants it a permit, and until then waits without a thread; canceling it while it waits
   * gives up its place. With no budget in the subscriber's Reactor context it is {@code request}
   * itself.
   *
   * @param request the request; each subscription to it sends one
   * @param <T> what it emits
   * @return {@code request}, behind the budget
   */
  public static <T> Flux<T> withinRequestBudget(Flux<T> request) {
    return RequestBudget.gate(Objects.requireNonNull(request, "request"));
  }

  /**
   * POSTs JSON to a path below the base URL, mapping error statuses with this client's {@link
   * #errorMapper()}. See the class description for what the returned {@code Mono} signals.
   *
   * @param path the path relative to the base URL, such as {@code task_create}; a leading {@code /}
   *     is ignored, so {@code /task_create} below {@code https://host/v1} is {@code
   *     https://host/v1/task_create}; it is sent as given, query included, so a value put into it
   *     is encoded first: {@code "jobs/" + encodePathSegment(id)}
   * @param body the request body; serialized at the first subscription and sent as such by every
   *     later one, so it must not change after this call
   * @return a {@code Mono} emitting the answer's JSON; each subscription makes one attempt
   * @throws IllegalArgumentException if the path is blank or does not form a valid URI
   */
  public Mono<JsonNode> postJson(String path, JsonNode body) {
    return postJson(path, body, errorMapper);
  }

  /**
   * POSTs JSON as {@link #postJson(String, JsonNode)} does, mapping error statuses with {@code errorMapper}.
   *
   * @param path the path relative to the base URL, as for {@link #postJson(String, JsonNode)}
   * @param body the request body; serialized at the first subscription and sent as such by every
   *     later one, so it must not change after this call
   * @param errorMapper the mapping of non-2xx answers for this call
   * @return a {@code Mono} emitting the answer's JSON; each subscription makes one attempt
   * @throws IllegalArgumentException if the path is blank or does not form a valid URI
   */
  public Mono<JsonNode> postJson(String path, JsonNode body, HttpErrorMapper errorMapper) {
    return call("POST", path, Objects.requireNonNull(body, "body"), errorMapper);
  }

  /**
   * POSTs JSON as {@link #postJson(String, JsonNode, HttpErrorMapper)} does and emits the answer's
   * JSON together with the wait its {@code Retry-After} header asks for, if any (a status query
   * whose answer suggests when to ask again).
   *
   * @param path the path relative to the base URL, as for {@link #postJson(String, JsonNode)}
   * @param body the request body; serialized at the first subscription and sent as such by every
   *     later one, so it must not change after this call
   * @param errorMapper the mapping of non-2xx answers for this call
   * @return a {@code Mono} emitting the answer; each subscription makes one attempt
   * @throws IllegalArgumentException if the path is blank or does not form a valid URI
   */
  public Mono<JsonAnswer> postJsonAnswer(String path, JsonNode body, HttpErrorMapper errorMapper) {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(errorMapper, "errorMapper");
    return json.answer(targets.json("POST", path, body, errorMapper));
  }

  /**
   * GETs JSON from a path below the base URL, such as {@code "jobs/" + encodePathSegment(id)}, with
   * no body and no {@code Content-Type}, mapping error statuses with this client's {@link
   * #errorMapper()}. Otherwise a call like {@link #postJson(String, JsonNode)}.
   *
   * @param path the path relative to the base URL, as for {@link #postJson(String, JsonNode)}
   * @return a {@code Mono} emitting the answer's JSON; each subscription makes one attempt
   * @throws IllegalArgumentException if the path is blank or does not form a valid URI
   */
  public Mono<JsonNode> getJson(String path) {
    return getJson(path, errorMapper);
  }

  /**
   * GETs JSON as {@link #getJson(String)} does, mapping error statuses with {@code errorMapper}.
   *
   * @param path the path relative to the base URL, as for {@link #postJson(String, JsonNode)}
   * @param errorMapper the mapping of non-2xx answers for this call
   * @return a {@code Mono} emitting the answer's JSON; each subscription makes one attempt
   * @throws IllegalArgumentException if the path is blank or does not form a valid URI
   */
  public Mono<JsonNode> getJson(String path, HttpErrorMapper errorMapper) {
    return call("GET", path, null, errorMapper);
  }

  /**
   * DELETEs the resource at a path, with no body, as {@link #getJson(String, HttpErrorMapper)} GETs.
   *
   * @param path the path relative to the base URL, as for {@link #postJson(String, JsonNode)}
   * @param errorMapper the mapping of non-2xx answers for this call
   * @return a {@code Mono} emitting the answer's JSON; each subscription makes one attempt
   * @throws IllegalArgumentException if the path is blank or does not form a valid URI
   */
  public Mono<JsonNode> deleteJson(String path, HttpErrorMapper errorMapper) {
    return call("DELETE", path, null, errorMapper);
  }

  private Mono<JsonNode> call(String method, String path, @Nullable JsonNode body, HttpErrorMapper mapper) {
    return json.call(targets.json(method, Objects.requireNonNull(path, "path"), body,
        Objects.requireNonNull(mapper, "errorMapper")));
  }

  /**
   * Encodes a value, such as a task id, as one path segment: every character but {@code A-Z a-z
   * 0-9 - . _ ~} is percent-encoded from its UTF-8 bytes ({@code a/b?c} becomes {@code a%2Fb%3Fc}),
   * and {@code .} and {@code ..} become {@code %2E} and {@code %2E%2E}, so the value names exactly
   * one resource whatever it holds.
   *
   * @param segment the value; not empty
   * @return the segment to put between two {@code /} of a path
   * @throws IllegalArgumentException if {@code segment} is empty
   */
  public static String encodePathSegment(String segment) {
    return PathSegments.encode(Objects.requireNonNull(segment, "segment"));
  }

  /**
   * Downloads a file without a size check, as {@link #download(URI, Path, long, LongConsumer)
   * download(url, target, -1, progress)} does.
   *
   * @param url the file's absolute {@code http} or {@code https} URL
   * @param target the file to write; its directory must exist; an existing file is replaced
   * @param progress as for {@link #download(URI, Path, long, LongConsumer)}; {@code null} for none
   * @return a {@code Mono} emitting {@code target} (made absolute); each subscription downloads
   *     once
   * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL
   */
  public Mono<Path> download(URI url, Path target, @Nullable LongConsumer progress) {
    return download(url, target, -1, progress);
  }

  /**
   * Downloads a file, such as a task's output, to {@code target} with a GET. The request carries
   * only {@code User-Agent} and {@code Accept: *}{@code /*}, never the provider's headers, since
   * output URLs usually point to a CDN; redirects are followed. The body is written to a temporary
   * file next to {@code target} and moved over it once complete and of the size the provider
   * reported, so a failed, canceled or wrong-sized download leaves no partial file under the
   * target's name and an existing {@code target} as it was. File I/O runs on {@link
   * Schedulers#boundedElastic()}.
   *
   * <p>Signals {@code target} when done; the {@link #errorMapper()}'s exception for a non-2xx
   * answer, whose path is the URL's host and path (the query, which may hold a signed token, is
   * never shown); {@link ProtocolException} for a body over the {@linkplain
   * Builder#maxDownloadSize download limit} or of a size other than {@code expectedSize}; {@link
   * ProviderUnavailableException} for a network failure or when no data arrives for the {@linkplain
   * Builder#responseTimeout response timeout}; {@link java.io.UncheckedIOException} when the file
   * cannot be written.
   *
   * @param url the file's absolute {@code http} or {@code https} URL
   * @param target the file to write; its directory must exist; an existing file is replaced
   * @param expectedSize the size the provider reported, or {@code -1} when unknown
   * @param progress called after each chunk written with the number of bytes written so far, on
   *     the file I/O thread; {@code null} for none
   * @return a {@code Mono} emitting {@code target} (made absolute); each subscription downloads
   *     once
   * @throws IllegalArgumentException if {@code url} is not an absolute http(s) URL
   */
  public Mono<Path> download(URI url, Path target, long expectedSize, @Nullable LongConsumer progress) {
    Objects.requireNonNull(url, "url");
    return download.get(url, Objects.requireNonNull(target, "target"), expectedSize, progress, errorMapper);
  }

  /**
   * Releases the connection pool without waiting for it. Idempotent. Calls subscribed afterwards
   * fail with {@link IllegalStateException}; calls in flight fail as the connections close.
   */
  @Override
  public void close() {
    if (exchange.close()) {
      transport.pool.dispose();
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
