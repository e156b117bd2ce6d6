package dev.lora4j.spi.http;

import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.internal.http.EventLoopScheduler;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.NettyOutbound;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON call, whatever its method: writes the attempt's headers and the body if there is one
 * (a call without a body sends neither {@code Content-Type} nor content), starts the response
 * deadline once the request is written, reads the answer within the size limit and parses it,
 * every known secret masked.
 */
final class JsonCall {

  private static final String JSON_TYPE = "application/json";
  private static final String ATTEMPT_NAME = "lora4j-json-call";

  /** The mapper of {@link ProviderHttpClient#json()}. */
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final Exchange exchange;
  private final HttpClient http;
  private final Redactor redactor;
  private final Supplier<? extends Map<String, String>> headers;

  JsonCall(Exchange exchange, HttpClient http, Redactor redactor, Supplier<? extends Map<String, String>> headers) {
    this.exchange = exchange;
    this.http = http;
    this.redactor = redactor;
    this.headers = headers;
  }

  /** One attempt: lazy, made at each subscription. */
  Mono<JsonNode> call(Call call) {
    return answer(call).map(JsonAnswer::body);
  }

  /** One attempt, with what the answer's headers told: lazy, made at each subscription. */
  Mono<JsonAnswer> answer(Call call) {
    return Mono.defer(() -> exchange.attempt(call, attempt -> {
      JsonNode body = call.body;
      byte[] payload = call.payload();
      if (body != null) {
        exchange.log.requestBody(call, body);
      }
      Mono<?> deadline = attempt.sent.asMono().then(Mono.delay(exchange.responseTimeout, EventLoopScheduler.shared()));
      return call.sender(http)
          .send((request, outbound) -> send(attempt, payload, request, outbound))
          .responseConnection((response, connection) -> receive(attempt, response, connection))
          .next()
          // named, so that the timeout's description is this name rather than one Reactor works
          // out at every subscription by walking the operators and matching their class names
          .name(ATTEMPT_NAME)
          .timeout(deadline);
    }));
  }

  private Publisher<Void> send(
      Attempt attempt, byte @Nullable [] payload, HttpClientRequest request, NettyOutbound outbound) {
    Map<String, String> extra;
    try {
      // Evaluated here, right before the request is written, so that a signature's nonce is as
      // fresh as it can be and a resubscription signs anew.
      extra = Objects.requireNonNull(headers.get(), "the headers supplier returned null");
    } catch (RuntimeException e) {
      return Mono.error(e);
    }
    HttpHeaders h = request.requestHeaders();
    if (payload != null) {
      h.set(HttpHeaderNames.CONTENT_TYPE, JSON_TYPE);
      h.setInt(HttpHeaderNames.CONTENT_LENGTH, payload.length);
    }
    List<String> headerSecrets = new ArrayList<>(2);
    extra.forEach(
        (name, value) -> {
          h.set(name, value);
          if (Redactor.isCredentialName(name)) {
            headerSecrets.add(value);
          }
        });
    attempt.headerSecrets = headerSecrets;
    AttemptObservation.propagate(attempt, h);
    attempt.markSent();
    return payload == null ? outbound.then() : outbound.sendByteArray(Mono.just(payload));
  }

  private Mono<JsonAnswer> receive(Attempt attempt, HttpClientResponse response, Connection connection) {
    long declared = Exchange.contentLength(response);
    int limit = exchange.maxResponseSize;
    Mono<JsonAnswer> rejected = exchange.rejection(attempt, response, connection, declared, limit, "limit");
    if (rejected != null) {
      return rejected;
    }
    // read per attempt: the same call is resubscribed for every poll, some of them concurrently
    String retryAfter = response.responseHeaders().get(HttpHeaderNames.RETRY_AFTER);
    return Exchange.readBody(connection, limit, declared, () -> exchange.sentTooMuch(attempt, limit, "limit"))
        .map(bytes -> new JsonAnswer(parse(attempt, bytes),
            retryAfter == null ? null : RetryAfter.parse(retryAfter, Instant.now()).orElse(null)));
  }

  private JsonNode parse(Attempt attempt, byte[] bytes) {
    exchange.log.responseBody(attempt, bytes);
    if (isBlank(bytes)) {
      throw new ProviderUnavailableException(
          answered(attempt) + " with an empty body where JSON was expected (a cut-off transfer?)", attempt.status, null);
    }
    try {
      // Nothing a provider answers reaches a value, a message or a log line with a secret in it.
      return attempt.redactor(redactor).maskSecrets(MAPPER.readTree(bytes));
    } catch (JacksonException e) {
      // The parser's own message may quote the offending text, so it is not kept as the cause.
      TokenStreamLocation at = e.getLocation();
      String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      String excerpt = attempt.redactor(redactor).excerpt(new String(bytes, StandardCharsets.UTF_8), 200);
      throw new ProviderUnavailableException(
          answered(attempt) + " with a body that is not valid JSON" + where + " (a cut-off transfer?): " + excerpt,
          attempt.status,
          null);
    }
  }

  /** The start of a message about the answer; built only when there is something to say. */
  private String answered(Attempt attempt) {
    return exchange.prefix(attempt.call) + " answered " + attempt.status;
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}
