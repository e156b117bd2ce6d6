package dev.lora4j.testkit.internal;

import dev.lora4j.testkit.FaultKind;
import dev.lora4j.testkit.RecordedRequest;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * The path every simulated HTTP call takes: read the whole body, parse it, draw faults, record the
 * request, count the call against its task, then either inject the fault or run the handler, and
 * send the reply after any added latency.
 */
public final class ApiExchange {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExchange.class);

  /**
   * A received request, with its body parsed by the protocol.
   *
   * @param endpoint the endpoint path below the base URL
   * @param method the HTTP method
   * @param path the request path
   * @param headers the headers, names in lower case
   * @param body the raw body
   * @param params the parsed parameters, or a missing node
   */
  public record Incoming(
      String endpoint, String method, String path, Map<String, List<String>> headers, byte[] body,
      JsonNode params) {

    /**
     * The first value of a header.
     *
     * @param name the name, lower case
     * @return the value, or {@code null} if absent
     */
    public @Nullable String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /**
   * A response to send.
   *
   * @param status the HTTP status
   * @param contentType the content type
   * @param body the body
   * @param headers extra headers
   */
  public record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

    /**
     * A JSON reply.
     *
     * @param status the HTTP status
     * @param body the JSON body
     * @return the reply
     */
    public static Reply json(int status, JsonNode body) {
      return new Reply(status, "application/json; charset=utf-8", Json.bytes(body), Map.of());
    }

    /**
     * A binary reply.
     *
     * @param status the HTTP status
     * @param contentType the content type
     * @param body the body
     * @return the reply
     */
    public static Reply bytes(int status, String contentType, byte[] body) {
      return new Reply(status, contentType, body, Map.of());
    }

    /**
     * This reply with one more header.
     *
     * @param name the header name
     * @param value the header value
     * @return a new reply
     */
    public Reply withHeader(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Reply(status, contentType, body, Map.copyOf(more));
    }
  }

  /** What differs between providers on this path. */
  public interface Protocol {
    /**
     * Parses a request body into parameters.
     *
     * @param contentType the {@code Content-Type} header, or {@code null}
     * @param body the raw body
     * @return a JSON object of parameters, or a missing node when the body is not understood
     */
    JsonNode parse(@Nullable String contentType, byte[] body);

    /**
     * The provider's error reply for a simulated server error or rate limit.
     *
     * @param status 500 or 429
     * @param message the message
     * @return the reply
     */
    Reply error(int status, String message);

    /**
     * The reply a lagging replica would give: the task the request names in an earlier state.
     *
     * @param incoming the request
     * @param reply the up-to-date reply
     * @return the stale reply, or {@code reply} when there is no earlier state to show
     */
    default Reply stale(Incoming incoming, Reply reply) {
      return reply;
    }

    /**
     * The credentials a request carried (and those a server knows for them), for a simulator that
     * echoes them.
     *
     * @param incoming the request
     * @return the values to echo; empty for none
     */
    default List<String> credentials(Incoming incoming) {
      return List.of();
    }

    /**
     * The fields an echo leaves alone because the protocol cannot do without them.
     *
     * @return field names, at any depth
     */
    default Set<String> kept() {
      return Set.of();
    }
  }

  private final FaultInjector faults;
  private final RequestJournal journal;
  private final Protocol protocol;
  private volatile boolean echoCredentials;

  /**
   * Creates the pipeline.
   *
   * @param faults the fault injector
   * @param journal where requests are recorded
   * @param protocol the provider's body format and error replies
   */
  public ApiExchange(FaultInjector faults, RequestJournal journal, Protocol protocol) {
    this.faults = Objects.requireNonNull(faults, "faults");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.protocol = Objects.requireNonNull(protocol, "protocol");
  }

  /**
   * Sets whether every JSON answer echoes the credentials of its request ({@link Echo}).
   *
   * @param echo {@code true} to echo
   */
  public void echoCredentials(boolean echo) {
    this.echoCredentials = echo;
  }

  /**
   * Whether answers echo credentials now.
   *
   * @return the value last set with {@link #echoCredentials(boolean)}
   */
  public boolean echoesCredentials() {
    return echoCredentials;
  }

  /**
   * Serves one request.
   *
   * @param request the request
   * @param response the response
   * @param endpoint the endpoint path below the base URL
   * @param taskIdOf which task the request names, for call counting; {@code null} for none
   * @param handler computes the reply; runs on the event loop and must not block
   * @return completes when the reply is sent or the connection dropped
   */
  public Publisher<Void> serve(
      HttpServerRequest request,
      HttpServerResponse response,
      String endpoint,
      Function<JsonNode, @Nullable String> taskIdOf,
      Function<Incoming, Reply> handler) {
    Instant received = Instant.now();
    return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]).flatMap(body -> {
      Map<String, List<String>> headers = headers(request);
      String contentType = first(headers, "content-type");
      JsonNode params = protocol.parse(contentType, body);
      FaultDecision decision = faults.decide(endpoint);
      journal.record(new RecordedRequest(endpoint, request.method().name(), request.fullPath(),
          headers, new String(body, StandardCharsets.UTF_8), params, decision.failure(), received));
      String taskId = taskIdOf.apply(params);
      if (taskId != null) {
        journal.countCall(endpoint, taskId);
      }
      Incoming incoming = new Incoming(endpoint, request.method().name(), request.fullPath(), headers,
          body, params);
      return respond(response, endpoint, decision, incoming, handler);
    });
  }

  private Mono<Void> respond(
      HttpServerResponse response,
      String endpoint,
      FaultDecision decision,
      Incoming incoming,
      Function<Incoming, Reply> handler) {
    FaultKind failure = decision.failure();
    if (failure == FaultKind.DROPPED_CONNECTION) {
      LOG.debug("dropping connection for {}", endpoint);
      return delay(decision)
          .then(Mono.fromRunnable(() -> response.withConnection(c -> c.channel().close())))
          .then(Mono.never());
    }
    Reply reply;
    if (failure == FaultKind.SERVER_ERROR) {
      reply = protocol.error(500, "simulated server error");
    } else if (failure == FaultKind.RATE_LIMIT) {
      reply = protocol.error(429, "simulated rate limit")
          .withHeader("Retry-After", Long.toString(decision.retryAfter().toSeconds()));
    } else {
      reply = handler.apply(incoming);
      if (failure == FaultKind.STALE_ANSWER) {
        reply = protocol.stale(incoming, reply);
      }
    }
    if (echoCredentials && reply.contentType().startsWith("application/json")) {
      JsonNode answer = Json.parse(new String(reply.body(), StandardCharsets.UTF_8));
      if (answer != null) {
        reply = new Reply(reply.status(), reply.contentType(),
            Json.bytes(Echo.into(answer, protocol.credentials(incoming), protocol.kept())), reply.headers());
      }
    }
    if (failure == FaultKind.MALFORMED_BODY) {
      reply = new Reply(reply.status(), reply.contentType(),
          Arrays.copyOf(reply.body(), reply.body().length / 2), reply.headers());
    }
    Reply toSend = reply;
    if (failure == FaultKind.CUT_ANSWER) {
      LOG.debug("cutting the answer to {} halfway", endpoint);
      return delay(decision).then(Mono.defer(() -> sendHalfAndClose(response, toSend)));
    }
    return delay(decision).then(Mono.defer(() -> send(response, toSend)));
  }

  /** Sends the status, the headers with the full length, half the body, then closes the connection. */
  private static Mono<Void> sendHalfAndClose(HttpServerResponse response, Reply reply) {
    response.status(reply.status())
        .header(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
        .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(reply.body().length));
    reply.headers().forEach(response::header);
    // A Flux, not a Mono, so that the body is streamed after the headers instead of being sent as
    // one complete response; once the half is written, it is flushed and the connection closed.
    Flux<byte[]> half = Flux.just(Arrays.copyOf(reply.body(), reply.body().length / 2))
        .concatWith(Mono.defer(() -> {
          response.withConnection(c -> c.channel().writeAndFlush(Unpooled.EMPTY_BUFFER)
              .addListener(ChannelFutureListener.CLOSE));
          return Mono.never();
        }));
    return response.sendByteArray(half).then();
  }

  private static Mono<Void> delay(FaultDecision decision) {
    return decision.delay().isZero()
        ? Mono.empty()
        : Mono.delay(decision.delay(), Schedulers.parallel()).then();
  }

  /**
   * Sends a reply with its {@code Content-Type} and {@code Content-Length}.
   *
   * @param response the response
   * @param reply the reply
   * @return completes when sent
   */
  public static Mono<Void> send(HttpServerResponse response, Reply reply) {
    response.status(reply.status())
        .header(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
        .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(reply.body().length));
    reply.headers().forEach(response::header);
    return response.sendByteArray(Mono.just(reply.body())).then();
  }

  private static Map<String, List<String>> headers(HttpServerRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> header : request.requestHeaders()) {
      headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(header.getValue());
    }
    return headers;
  }

  private static @Nullable String first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
