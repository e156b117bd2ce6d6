package dev.lora4j.spi.http;

import dev.lora4j.Lora4jException;
import dev.lora4j.ProtocolException;
import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.internal.http.BoundedBody;
import dev.lora4j.internal.http.ErrorBody;
import dev.lora4j.internal.http.Lora4jVersion;
import dev.lora4j.internal.http.PartFile;
import dev.lora4j.internal.WebUrls;
import dev.lora4j.internal.http.TransportFailures;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.NettyOutbound;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
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

  private static final String USER_AGENT = "lora4j/" + Lora4jVersion.VALUE;

  /** Error bodies are only read for a message; more than this is not worth keeping. */
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final int MAX_TRACE_CHARS = 4096;
  private static final String JSON_TYPE = "application/json";
  private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final String provider;
  private final URI baseUrl;
  private final String baseUrlText;
  private final Duration responseTimeout;
  private final int maxResponseSize;
  private final long maxDownloadSize;
  private final Supplier<? extends Map<String, String>> headers;
  private final Redactor redactor;
  private final HttpErrorMapper errorMapper;
  private final ConnectionProvider connections;
  private final HttpClient http;
  private final HttpClient downloads;
  private final Logger log;
  private final Clock clock = Clock.systemUTC();
  private final AtomicBoolean closed = new AtomicBoolean();

  private ProviderHttpClient(Builder b) {
    this.provider = b.provider;
    this.baseUrl = b.baseUrl;
    String base = b.baseUrl.toString();
    this.baseUrlText = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.responseTimeout = b.responseTimeout;
    this.maxResponseSize = b.maxResponseSize;
    this.maxDownloadSize = b.maxDownloadSize;
    this.headers = b.headers;
    this.redactor = b.redactor;
    this.errorMapper = b.errorMapper;
    this.log = LoggerFactory.getLogger(ProviderHttpClient.class.getName() + "." + provider);
    // MRU (lifo) leasing keeps the busy connections hot and lets the rest expire, so a request
    // rarely goes out on a connection the server has just closed for idleness.
    this.connections =
        ConnectionProvider.builder("lora4j-" + provider)
            .maxConnections(b.maxConnections)
            .pendingAcquireMaxCount(b.pendingAcquireMaxCount)
            .pendingAcquireTimeout(b.pendingAcquireTimeout)
            .maxIdleTime(b.maxIdleTime)
            .evictInBackground(b.maxIdleTime)
            .lifo()
            .build();
    this.http =
        HttpClient.create(connections)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) b.connectTimeout.toMillis())
            .disableRetry(true)
            .followRedirect(false)
            .proxyWithSystemProperties()
            .headers(
                h ->
                    h.set(HttpHeaderNames.USER_AGENT, USER_AGENT)
                        .set(HttpHeaderNames.ACCEPT, JSON_TYPE));
    this.downloads =
        http.followRedirect(true).headers(h -> h.set(HttpHeaderNames.ACCEPT, "*/*"));
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
    Call call = new Call("POST", callName(path), resolve(path), body, errorMapper);
    return Mono.defer(() -> attempt(call));
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
    Call call = new Call("GET", url.getHost() + rawPath, url, null, errorMapper);
    return Mono.defer(() -> downloadAttempt(call, target, expectedSize, progress))
        .subscribeOn(Schedulers.boundedElastic());
  }

  /**
   * Releases the connection pool without waiting for it. Idempotent. Calls subscribed afterwards
   * fail with {@link IllegalStateException}; calls in flight fail as the connections close.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
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

  private Mono<JsonNode> attempt(Call call) {
    if (closed.get()) {
      return Mono.error(new IllegalStateException(provider + " HTTP client is closed"));
    }
    JsonNode body = Objects.requireNonNull(call.body, "body");
    Attempt attempt = new Attempt(call, System.nanoTime());
    byte[] payload = JSON.writeValueAsBytes(body);
    if (log.isTraceEnabled()) {
      log.trace(
          "{} {} {} request body: {}",
          provider,
          call.method,
          call.name,
          shorten(redactor.redact(body).toString()));
    }
    Mono<?> deadline = attempt.sent.asMono().then(Mono.delay(responseTimeout));
    return http.post()
        .uri(call.uri)
        .send((request, outbound) -> send(attempt, payload, request, outbound))
        .responseConnection((response, connection) -> receive(attempt, response, connection))
        .next()
        .timeout(deadline)
        .onErrorMap(e -> !(e instanceof Lora4jException), e -> transportFailure(attempt, e))
        .doOnSuccess(json -> logOutcome(attempt, null))
        .doOnError(e -> logOutcome(attempt, e))
        .doOnCancel(() -> logCanceled(attempt));
  }

  private Mono<Path> downloadAttempt(
      Call call, Path target, long expectedSize, @Nullable LongConsumer progress) {
    if (closed.get()) {
      return Mono.error(new IllegalStateException(provider + " HTTP client is closed"));
    }
    Attempt attempt = new Attempt(call, System.nanoTime());
    return Mono.using(
            () -> PartFile.create(target),
            part ->
                downloads
                    .doOnRequest(
                        (request, connection) -> {
                          attempt.requestSent = true;
                          request.responseTimeout(responseTimeout);
                        })
                    .get()
                    .uri(call.uri)
                    .responseConnection(
                        (response, connection) ->
                            receiveFile(attempt, response, connection, part, expectedSize, progress))
                    .next()
                    .onErrorMap(
                        e -> !(e instanceof Lora4jException), e -> transportFailure(attempt, e)),
            PartFile::discard)
        .doOnSuccess(path -> logOutcome(attempt, null))
        .doOnError(e -> logOutcome(attempt, e))
        .doOnCancel(() -> logCanceled(attempt));
  }

  private Mono<Path> receiveFile(
      Attempt attempt,
      HttpClientResponse response,
      Connection connection,
      PartFile part,
      long expectedSize,
      @Nullable LongConsumer progress) {
    int status = response.status().code();
    attempt.status = status;
    long declared = contentLength(response.responseHeaders());
    if (status < 200 || status > 299) {
      return readBody(connection, Math.min(maxResponseSize, MAX_ERROR_BODY), declared, null)
          .map(bytes -> failWith(attempt, response, bytes));
    }
    if (declared > maxDownloadSize) {
      connection.dispose();
      return Mono.error(
          declaredTooLarge(attempt, status, declared, maxDownloadSize, "download limit"));
    }
    AtomicLong received = new AtomicLong();
    AtomicLong written = new AtomicLong();
    AtomicBoolean complete = new AtomicBoolean();
    return connection
        .inbound()
        .receive()
        .<byte[]>handle(
            (chunk, sink) -> {
              if (received.addAndGet(chunk.readableBytes()) > maxDownloadSize) {
                sink.error(sentTooMuch(attempt, status, maxDownloadSize, "download limit"));
              } else {
                byte[] bytes = new byte[chunk.readableBytes()];
                chunk.getBytes(chunk.readerIndex(), bytes);
                sink.next(bytes);
              }
            })
        .doOnComplete(() -> complete.set(true))
        .publishOn(Schedulers.boundedElastic(), 16)
        .doOnNext(
            bytes -> {
              part.write(bytes);
              long total = written.addAndGet(bytes.length);
              if (progress != null) {
                progress.accept(total);
              }
            })
        .then(Mono.fromCallable(() -> {
          if (expectedSize >= 0 && written.get() != expectedSize) {
            throw new ProtocolException(prefix(attempt.call) + " sent " + written.get()
                + " bytes where the provider reported " + expectedSize + "; nothing was saved", null, status);
          }
          return part.commit();
        }))
        .doFinally(
            signal -> {
              if (!complete.get()) {
                connection.dispose();
              }
            });
  }

  private Publisher<Void> send(
      Attempt attempt, byte[] payload, HttpClientRequest request, NettyOutbound outbound) {
    Map<String, String> extra;
    try {
      // Evaluated here, right before the request is written, so that a signature's nonce is as
      // fresh as it can be and a resubscription signs anew.
      extra = Objects.requireNonNull(headers.get(), "the headers supplier returned null");
    } catch (RuntimeException e) {
      return Mono.error(e);
    }
    HttpHeaders h = request.requestHeaders();
    h.set(HttpHeaderNames.CONTENT_TYPE, JSON_TYPE);
    h.setInt(HttpHeaderNames.CONTENT_LENGTH, payload.length);
    List<String> headerSecrets = new ArrayList<>(2);
    extra.forEach(
        (name, value) -> {
          h.set(name, value);
          if (Redactor.isCredentialName(name)) {
            headerSecrets.add(value);
          }
        });
    attempt.headerSecrets = headerSecrets;
    // From here on the provider may see the request.
    attempt.requestSent = true;
    attempt.sent.tryEmitEmpty();
    return outbound.sendByteArray(Mono.just(payload));
  }

  private Mono<JsonNode> receive(
      Attempt attempt, HttpClientResponse response, Connection connection) {
    int status = response.status().code();
    attempt.status = status;
    long declared = contentLength(response.responseHeaders());
    if (status < 200 || status > 299) {
      return readBody(connection, Math.min(maxResponseSize, MAX_ERROR_BODY), declared, null)
          .map(bytes -> failWith(attempt, response, bytes));
    }
    if (declared > maxResponseSize) {
      connection.dispose();
      return Mono.error(declaredTooLarge(attempt, status, declared, maxResponseSize, "limit"));
    }
    return readBody(
            connection,
            maxResponseSize,
            declared,
            () -> sentTooMuch(attempt, status, maxResponseSize, "limit"))
        .map(bytes -> parse(attempt, status, bytes));
  }

  /**
   * Reads a body up to {@code limit} bytes. Beyond it, fails with {@code overflow}'s exception, or
   * when that is {@code null} emits the first {@code limit} bytes.
   */
  private static Mono<byte[]> readBody(
      Connection connection,
      int limit,
      long declared,
      @Nullable Supplier<ProtocolException> overflow) {
    BoundedBody body = new BoundedBody(limit, declared);
    AtomicBoolean complete = new AtomicBoolean();
    return connection
        .inbound()
        .receive()
        .handle(
            (chunk, sink) -> {
              if (!body.append(chunk)) {
                if (overflow != null) {
                  sink.error(overflow.get());
                } else {
                  sink.complete();
                }
              }
            })
        .doOnComplete(() -> complete.set(!body.overflowed()))
        .then(Mono.fromCallable(body::bytes))
        .doFinally(
            signal -> {
              // A connection with a body left unread (too large, canceled, failed) cannot be
              // reused; one read to the end goes back to the pool by itself.
              if (!complete.get()) {
                connection.dispose();
              }
            });
  }

  private JsonNode parse(Attempt attempt, int status, byte[] bytes) {
    traceResponse(attempt, bytes);
    String prefix = prefix(attempt.call) + " answered " + status;
    if (isBlank(bytes)) {
      throw new ProviderUnavailableException(
          prefix + " with an empty body where JSON was expected (a cut-off transfer?)", status, null);
    }
    try {
      // Nothing a provider answers reaches a value, a message or a log line with a secret in it.
      return attempt.redactor(redactor).maskSecrets(JSON.readTree(bytes));
    } catch (JacksonException e) {
      // The parser's own message may quote the offending text, so it is not kept as the cause.
      TokenStreamLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      String excerpt =
          attempt.redactor(redactor).excerpt(new String(bytes, StandardCharsets.UTF_8), 200);
      throw new ProviderUnavailableException(
          prefix + " with a body that is not valid JSON" + where + " (a cut-off transfer?): " + excerpt,
          status,
          null);
    }
  }

  private <T> T failWith(Attempt attempt, HttpClientResponse response, byte[] bytes) {
    traceResponse(attempt, bytes);
    Call call = attempt.call;
    HttpResponseStatus status = response.status();
    ErrorBody errorBody = ErrorBody.read(bytes, JSON, attempt.redactor(redactor));
    HttpFailure failure =
        new HttpFailure(
            provider,
            call.method,
            call.name,
            status.code(),
            reasonPhrase(status.code()),
            RetryAfter.parse(
                    response.responseHeaders().get(HttpHeaderNames.RETRY_AFTER), clock.instant())
                .orElse(null),
            errorBody.message(),
            errorBody.json());
    Lora4jException mapped = call.errorMapper.map(failure);
    if (mapped == null) {
      throw new NullPointerException("the HttpErrorMapper returned null for " + failure.message());
    }
    throw mapped;
  }

  private Throwable transportFailure(Attempt attempt, Throwable e) {
    if (!TransportFailures.isTransport(e)) {
      return e;
    }
    String prefix = prefix(attempt.call);
    if (!attempt.requestSent || TransportFailures.provesNothingWasSent(e)) {
      return new ProviderUnavailableException(
          prefix
              + " could not reach "
              + hostAndPort()
              + ", the request was not sent: "
              + TransportFailures.describe(e),
          e,
          false);
    }
    String reason;
    if (e instanceof TimeoutException) {
      reason = "no complete answer within " + format(responseTimeout);
    } else if (e instanceof io.netty.handler.timeout.TimeoutException) {
      reason = "no data received for " + format(responseTimeout);
    } else {
      reason = TransportFailures.describe(e);
    }
    return new ProviderUnavailableException(
        prefix + " failed after the request was sent, so the provider may have received it: " + reason,
        e,
        true);
  }

  private void logOutcome(Attempt attempt, @Nullable Throwable error) {
    if (!log.isDebugEnabled()) {
      return;
    }
    long ms = (System.nanoTime() - attempt.startNanos) / 1_000_000;
    Call call = attempt.call;
    if (error == null) {
      log.debug("{} {} {} -> {} ({} ms)", provider, call.method, call.name, attempt.status, ms);
    } else if (attempt.status != 0) {
      log.debug(
          "{} {} {} -> {} ({} ms): {}",
          provider,
          call.method,
          call.name,
          attempt.status,
          ms,
          error.getClass().getSimpleName());
    } else {
      log.debug(
          "{} {} {} -> failed ({} ms, request {}): {}",
          provider,
          call.method,
          call.name,
          ms,
          attempt.requestSent ? "sent" : "not sent",
          error instanceof Lora4jException ? error.getMessage() : error.getClass().getName());
    }
  }

  private void logCanceled(Attempt attempt) {
    if (log.isDebugEnabled()) {
      long ms = (System.nanoTime() - attempt.startNanos) / 1_000_000;
      log.debug(
          "{} {} {} -> canceled ({} ms, request {})",
          provider,
          attempt.call.method,
          attempt.call.name,
          ms,
          attempt.requestSent ? "sent" : "not sent");
    }
  }

  private void traceResponse(Attempt attempt, byte[] bytes) {
    if (log.isTraceEnabled()) {
      log.trace(
          "{} {} {} response body: {}",
          provider,
          attempt.call.method,
          attempt.call.name,
          attempt
              .redactor(redactor)
              .excerpt(new String(bytes, StandardCharsets.UTF_8), MAX_TRACE_CHARS));
    }
  }

  private ProtocolException declaredTooLarge(
      Attempt attempt, int status, long declared, long limit, String limitName) {
    return new ProtocolException(
        prefix(attempt.call)
            + " answered "
            + status
            + " with Content-Length "
            + declared
            + ", more than the "
            + limitName
            + " of "
            + limit
            + " bytes",
        null,
        status);
  }

  private ProtocolException sentTooMuch(Attempt attempt, int status, long limit, String limitName) {
    return new ProtocolException(
        prefix(attempt.call)
            + " answered "
            + status
            + " with a body larger than the "
            + limitName
            + " of "
            + limit
            + " bytes",
        null,
        status);
  }

  private String prefix(Call call) {
    return provider + " " + call.name;
  }

  private String hostAndPort() {
    int port = baseUrl.getPort();
    return port == -1 ? baseUrl.getHost() : baseUrl.getHost() + ":" + port;
  }

  private URI resolve(String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (relative.isBlank()) {
      throw new IllegalArgumentException("path must not be blank, was '" + path + "'");
    }
    try {
      return new URI(baseUrlText + "/" + relative);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "path must form a valid URI below " + baseUrlText + ", was '" + path + "'", e);
    }
  }

  private static String callName(String path) {
    String name = path.startsWith("/") ? path.substring(1) : path;
    int query = name.indexOf('?');
    return query < 0 ? name : name.substring(0, query);
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  private static long contentLength(HttpHeaders headers) {
    String value = headers.get(HttpHeaderNames.CONTENT_LENGTH);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String reasonPhrase(int code) {
    String phrase = HttpResponseStatus.valueOf(code).reasonPhrase();
    String suffix = " (" + code + ")";
    return phrase.endsWith(suffix) ? phrase.substring(0, phrase.length() - suffix.length()) : phrase;
  }

  private static String shorten(String text) {
    return text.length() <= MAX_TRACE_CHARS ? text : text.substring(0, MAX_TRACE_CHARS) + "…";
  }

  private static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** What one call sends; shared by its attempts. */
  private static final class Call {
    final String method;
    final String name;
    final URI uri;
    final @Nullable JsonNode body;
    final HttpErrorMapper errorMapper;
    private volatile @Nullable Redactor bodyRedactor;

    Call(
        String method,
        String name,
        URI uri,
        @Nullable JsonNode body,
        HttpErrorMapper errorMapper) {
      this.method = method;
      this.name = name;
      this.uri = uri;
      this.body = body;
      this.errorMapper = errorMapper;
    }

    /** The client's redactor plus the credentials of the body, worked out once for all attempts. */
    Redactor redactor(Redactor base) {
      Redactor known = bodyRedactor;
      if (known == null) {
        known = body == null ? base : base.withSecretsFrom(body);
        bodyRedactor = known;
      }
      return known;
    }
  }

  /** The state of one attempt, written on an event loop and read wherever the result lands. */
  private static final class Attempt {
    final Call call;
    final long startNanos;
    /** Empty-completes once the request is about to be written; starts the response deadline. */
    final Sinks.Empty<Void> sent = Sinks.empty();

    volatile boolean requestSent;
    volatile int status;
    volatile List<String> headerSecrets = List.of();

    Attempt(Call call, long startNanos) {
      this.call = call;
      this.startNanos = startNanos;
    }

    /** The client's redactor plus the credentials of this attempt's body and headers. */
    Redactor redactor(Redactor base) {
      return call.redactor(base).withSecrets(headerSecrets);
    }
  }

  /**
   * Builds a {@link ProviderHttpClient}. Every setter checks its argument at once. Not thread-safe.
   */
  public static final class Builder {
    private final String provider;
    private final URI baseUrl;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int pendingAcquireMaxCount = DEFAULT_PENDING_ACQUIRE_MAX_COUNT;
    private Duration pendingAcquireTimeout = DEFAULT_PENDING_ACQUIRE_TIMEOUT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
    private Duration maxIdleTime = DEFAULT_MAX_IDLE_TIME;
    private int maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;
    private long maxDownloadSize = DEFAULT_MAX_DOWNLOAD_SIZE;
    private Supplier<? extends Map<String, String>> headers = Map::of;
    private Redactor redactor = Redactor.none();
    private HttpErrorMapper errorMapper = HttpErrorMapper.standard();

    private Builder(String provider, URI baseUrl) {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(baseUrl, "baseUrl");
      if (!PROVIDER_NAME.matcher(provider).matches()) {
        throw new IllegalArgumentException(
            "provider must be 1 to 64 lower case letters, digits, '.', '_' or '-', was '"
                + provider
                + "'");
      }
      if (!WebUrls.isWeb(baseUrl)) {
        throw new IllegalArgumentException(
            "baseUrl must be an absolute http or https URL with a host, was " + describe(baseUrl));
      }
      if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "baseUrl must not have a query or fragment, was " + describe(baseUrl));
      }
      if (baseUrl.getRawUserInfo() != null) {
        throw new IllegalArgumentException(
            "baseUrl must not carry user info (credentials go into headers or bodies), was "
                + describe(baseUrl));
      }
      this.provider = provider;
      this.baseUrl = baseUrl;
    }

    /**
     * Sets the number of connections in the pool.
     *
     * @param maxConnections at least 1; default {@value #DEFAULT_MAX_CONNECTIONS}
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = positive("maxConnections", maxConnections);
      return this;
    }

    /**
     * Sets how many calls may wait for a free connection; beyond it a call fails at once with
     * {@link ProviderUnavailableException} ({@code requestSent() == false}).
     *
     * @param pendingAcquireMaxCount at least 1; default {@value #DEFAULT_PENDING_ACQUIRE_MAX_COUNT}
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder pendingAcquireMaxCount(int pendingAcquireMaxCount) {
      this.pendingAcquireMaxCount = positive("pendingAcquireMaxCount", pendingAcquireMaxCount);
      return this;
    }

    /**
     * Sets how long a call waits for a free connection before it fails with {@link
     * ProviderUnavailableException} ({@code requestSent() == false}).
     *
     * @param pendingAcquireTimeout positive; default 45 s
     * @return this builder
     * @throws IllegalArgumentException if zero or negative
     */
    public Builder pendingAcquireTimeout(Duration pendingAcquireTimeout) {
      this.pendingAcquireTimeout = positive("pendingAcquireTimeout", pendingAcquireTimeout);
      return this;
    }

    /**
     * Sets how long establishing a connection may take.
     *
     * @param connectTimeout positive, at most {@link Integer#MAX_VALUE} ms; default 10 s
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder connectTimeout(Duration connectTimeout) {
      positive("connectTimeout", connectTimeout);
      if (connectTimeout.toMillis() > Integer.MAX_VALUE || connectTimeout.toMillis() == 0) {
        throw new IllegalArgumentException(
            "connectTimeout must be between 1 ms and " + Integer.MAX_VALUE + " ms, was " + connectTimeout);
      }
      this.connectTimeout = connectTimeout;
      return this;
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
    public Builder responseTimeout(Duration responseTimeout) {
      this.responseTimeout = positive("responseTimeout", responseTimeout);
      return this;
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
    public Builder maxIdleTime(Duration maxIdleTime) {
      this.maxIdleTime = positive("maxIdleTime", maxIdleTime);
      return this;
    }

    /**
     * Sets the largest response body accepted, in bytes. A 2xx answer declaring or sending more
     * fails with {@link ProtocolException}; of an error answer only the first bytes are read.
     *
     * @param maxResponseSize at least 1; default {@value #DEFAULT_MAX_RESPONSE_SIZE} (1 MiB)
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxResponseSize(int maxResponseSize) {
      this.maxResponseSize = positive("maxResponseSize", maxResponseSize);
      return this;
    }

    /**
     * Sets the largest file {@link #download} accepts, in bytes; a larger one fails with {@link
     * ProtocolException} and leaves no file behind.
     *
     * @param maxDownloadSize at least 1; default {@value #DEFAULT_MAX_DOWNLOAD_SIZE} (512 MiB)
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxDownloadSize(long maxDownloadSize) {
      if (maxDownloadSize < 1) {
        throw new IllegalArgumentException("maxDownloadSize must be at least 1, was " + maxDownloadSize);
      }
      this.maxDownloadSize = maxDownloadSize;
      return this;
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
    public Builder headers(Supplier<? extends Map<String, String>> headers) {
      this.headers = Objects.requireNonNull(headers, "headers");
      return this;
    }

    /**
     * Sets the secrets to mask in every message and log line (API key, API secret). The values of
     * credential fields in a request body (such as a per-task {@code api_key}) are masked in that
     * call's messages without being listed here.
     *
     * @param secrets the secret values; blank ones are ignored
     * @return this builder
     */
    public Builder secrets(Collection<String> secrets) {
      this.redactor = Redactor.of(List.copyOf(Objects.requireNonNull(secrets, "secrets")));
      return this;
    }

    /**
     * Sets how error statuses are mapped, unless a call passes its own mapper.
     *
     * @param errorMapper the mapper; default {@link HttpErrorMapper#standard()}
     * @return this builder
     */
    public Builder errorMapper(HttpErrorMapper errorMapper) {
      this.errorMapper = Objects.requireNonNull(errorMapper, "errorMapper");
      return this;
    }

    /**
     * Creates the client and its connection pool (no connection is opened yet).
     *
     * @return the client, to be closed with its provider
     */
    public ProviderHttpClient build() {
      return new ProviderHttpClient(this);
    }

    private static int positive(String name, int value) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, was " + value);
      }
      return value;
    }

    private static Duration positive(String name, Duration value) {
      Objects.requireNonNull(value, name);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }

    private static String describe(URI uri) {
      // The user info of a rejected URL may hold a password: leave it out.
      return uri.getRawUserInfo() == null
          ? "'" + uri + "'"
          : "a URL with user info for host " + uri.getHost();
    }
  }
}
