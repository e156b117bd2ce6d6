package dev.lora4j.spi.http;

import dev.lora4j.CallListener;
import dev.lora4j.CallOutcome;
import dev.lora4j.Lora4jException;
import dev.lora4j.ProtocolException;
import dev.lora4j.internal.http.BoundedBody;
import dev.lora4j.internal.http.RequestBudget;
import dev.lora4j.internal.http.TransportFailures;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;
import reactor.util.context.ContextView;

/**
 * What the JSON call and the download share: the frame of an attempt (refused once the client is
 * closed, transport failures classified, the outcome logged), the check of a response's status and
 * declared length before its body is read, and reading a body within a limit.
 */
final class Exchange {

  /** Error bodies are only read for a message; more than this is not worth keeping. */
  private static final int MAX_ERROR_BODY = 64 * 1024;

  final CallLog log;
  final Duration responseTimeout;
  final int maxResponseSize;
  private final String provider;
  private final String hostAndPort;
  private final StatusErrors statuses;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CallListener @Nullable [] listeners;

  Exchange(String provider, URI baseUrl, Duration responseTimeout, int maxResponseSize, CallLog log,
      StatusErrors statuses, List<CallListener> listeners) {
    this.listeners = listeners.isEmpty() ? null : listeners.toArray(CallListener[]::new);
    this.provider = provider;
    int port = baseUrl.getPort();
    this.hostAndPort = port == -1 ? baseUrl.getHost() : baseUrl.getHost() + ":" + port;
    this.responseTimeout = responseTimeout;
    this.maxResponseSize = maxResponseSize;
    this.log = log;
    this.statuses = statuses;
  }

  /**
   * Makes one attempt of {@code call}: fails with {@link IllegalStateException} once closed, else
   * waits for a permit of the request budget in the subscriber's context, if any ({@link
   * RequestBudget#gate(Mono)}), runs {@code exchange}, turns its transport failures into {@link
   * dev.lora4j.ProviderUnavailableException} and logs the outcome.
   */
  <T> Mono<T> attempt(Call call, Function<Attempt, Mono<T>> exchange) {
    if (closed.get()) {
      return Mono.error(new IllegalStateException(provider + " HTTP client is closed"));
    }
    return RequestBudget.gate(Mono.deferContextual(context -> permitted(call, exchange, context)));
  }

  private <T> Mono<T> permitted(Call call, Function<Attempt, Mono<T>> exchange, ContextView context) {
    Attempt attempt = new Attempt(call);
    var observed = AttemptObservation.start(context, attempt);
    Mono<T> result =
        exchange
            .apply(attempt)
            .onErrorMap(
                e -> !(e instanceof Lora4jException),
                e -> TransportFailures.classify(
                    e, prefix(call), hostAndPort, attempt.requestSent, responseTimeout));
    Mono<T> logged = log.logged(attempt, listeners == null ? result : told(attempt, result));
    return AttemptObservation.stopping(observed, attempt, logged);
  }

  private <T> Mono<T> told(Attempt attempt, Mono<T> result) {
    return result.doOnSuccess(value -> tell(attempt, null)).doOnError(e -> tell(attempt, e));
  }

  private void tell(Attempt attempt, @Nullable Throwable error) {
    CallOutcome outcome = new CallOutcome(
        provider, attempt.call.name, attempt.status, Duration.ofNanos(attempt.elapsedNanos()), error);
    for (CallListener listener : listeners) {
      try {
        listener.completed(outcome);
      } catch (RuntimeException e) {
        log.listenerFailed(listener, e);
      }
    }
  }

  /** Marks the client closed; returns {@code true} the first time. */
  boolean close() {
    return closed.compareAndSet(false, true);
  }

  /**
   * Checks a response before its body is read and records its status on the attempt. Returns a
   * {@code Mono} signalling the call's exception for a status outside 2xx (from at most 64 KiB of
   * the body) or a {@link ProtocolException} for a {@code Content-Length} over {@code limit} (the
   * connection is closed); {@code null} when the body is for the caller to read.
   */
  <T> @Nullable Mono<T> rejection(
      Attempt attempt, HttpClientResponse response, Connection connection, long declared, long limit,
      String limitName) {
    int status = response.status().code();
    attempt.status = status;
    if (status < 200 || status > 299) {
      return readBody(connection, Math.min(maxResponseSize, MAX_ERROR_BODY), declared, null)
          .flatMap(
              bytes -> {
                log.responseBody(attempt, bytes);
                return Mono.error(statuses.map(attempt, response, bytes));
              });
    }
    if (declared > limit) {
      connection.dispose();
      return Mono.error(
          new ProtocolException(
              prefix(attempt.call) + " answered " + status + " with Content-Length " + declared
                  + ", more than the " + limitName + " of " + limit + " bytes",
              null,
              status));
    }
    return null;
  }

  ProtocolException sentTooMuch(Attempt attempt, long limit, String limitName) {
    return new ProtocolException(
        prefix(attempt.call) + " answered " + attempt.status + " with a body larger than the " + limitName
            + " of " + limit + " bytes",
        null,
        attempt.status);
  }

  String prefix(Call call) {
    return provider + " " + call.name;
  }

  /**
   * Reads a body up to {@code limit} bytes. Beyond it, fails with {@code overflow}'s exception, or
   * when that is {@code null} emits the first {@code limit} bytes.
   */
  static Mono<byte[]> readBody(
      Connection connection, int limit, long declared, @Nullable Supplier<ProtocolException> overflow) {
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
        .doFinally(signal -> disposeUnlessComplete(connection, complete));
  }

  /**
   * A connection with a body left unread (too large, canceled, failed) cannot be reused; one read
   * to the end goes back to the pool by itself.
   */
  static void disposeUnlessComplete(Connection connection, AtomicBoolean complete) {
    if (!complete.get()) {
      connection.dispose();
    }
  }

  static long contentLength(HttpClientResponse response) {
    String value = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
    if (value == null) {
      return -1;
    }
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
