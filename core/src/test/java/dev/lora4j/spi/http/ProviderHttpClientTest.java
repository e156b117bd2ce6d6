package dev.lora4j.spi.http;

import static dev.lora4j.spi.http.TestServer.json;
import static dev.lora4j.spi.http.TestServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.lora4j.AuthenticationException;
import dev.lora4j.InvalidRequestException;
import dev.lora4j.Lora4jException;
import dev.lora4j.ProtocolException;
import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.RateLimitedException;
import dev.lora4j.TaskNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ProviderHttpClientTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private TestServer server;
  private ProviderHttpClient client;

  @BeforeEach
  void startServer() {
    server = new TestServer();
    client = ProviderHttpClient.builder("xalora", server.baseUrl()).build();
  }

  @AfterEach
  void stopServer() {
    client.close();
    server.close();
  }

  private static ObjectNode body() {
    return ProviderHttpClient.json().createObjectNode().put("task_id", "9034a6ca80");
  }


  @Test
  void postsJsonAndEmitsTheParsedAnswer() {
    server.answer(json(200, "{\"task_id\":\"9034a6ca80\",\"status\":\"finished\"}"));
    ObjectNode body = body().put("noise_seed", Long.MAX_VALUE);

    StepVerifier.create(client.postJson("task_result_query", body))
        .assertNext(
            answer -> {
              assertThat(answer.path("task_id").stringValue()).isEqualTo("9034a6ca80");
              assertThat(answer.path("status").stringValue()).isEqualTo("finished");
            })
        .verifyComplete();

    TestServer.Recorded request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri()).isEqualTo("/task_result_query");
    assertThat(request.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.headers().get("Accept")).isEqualTo("application/json");
    assertThat(request.headers().get("User-Agent")).startsWith("lora4j/");
    assertThat(request.body())
        .isEqualTo("{\"task_id\":\"9034a6ca80\",\"noise_seed\":9223372036854775807}");
  }

  @Test
  void jsonMapperKeepsLongsAndBigIntegersExact() {
    String text = "{\"seed\":9223372036854775807,\"big\":18446744073709551616}";
    JsonNode node = ProviderHttpClient.json().readTree(text);

    assertThat(node.path("seed").longValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(node.path("big").bigIntegerValue()).isEqualTo(BigInteger.TWO.pow(64));
    assertThat(ProviderHttpClient.json().writeValueAsString(node)).isEqualTo(text);
  }

  @Test
  void appendsPathsToABaseUrlWithAPathPrefix() {
    URI withSlash = URI.create(server.baseUrl() + "/v1/");
    URI withoutSlash = URI.create(server.baseUrl() + "/v1");
    try (ProviderHttpClient a = ProviderHttpClient.builder("wiro", withSlash).build();
        ProviderHttpClient b = ProviderHttpClient.builder("wiro", withoutSlash).build()) {
      StepVerifier.create(a.postJson("Task/Detail", body())).expectNextCount(1).verifyComplete();
      StepVerifier.create(b.postJson("/Run/wiro/text-to-image-flux-lora-fast", body()))
          .expectNextCount(1)
          .verifyComplete();
    }

    assertThat(server.uris())
        .containsExactly("/v1/Task/Detail", "/v1/Run/wiro/text-to-image-flux-lora-fast");
  }

  static Stream<Arguments> errorAnswers() {
    return Stream.of(
        Arguments.of(401, "application/json", "{\"message\":\"invalid credentials\"}",
            AuthenticationException.class, "invalid credentials"),
        Arguments.of(403, "application/json", "{\"error\":\"forbidden for this consumer\"}",
            AuthenticationException.class, "forbidden for this consumer"),
        Arguments.of(404, "text/plain", "Cannot POST /task_create",
            InvalidRequestException.class, "Cannot POST /task_create"),
        Arguments.of(400, "application/json",
            "{\"result\":false,\"errors\":[{\"code\":0,\"message\":\"prompt is required\"}]}",
            InvalidRequestException.class, "prompt is required"),
        Arguments.of(422, "application/json", "{\"detail\":[{\"loc\":[\"body\"],\"msg\":\"field required\"}]}",
            InvalidRequestException.class, "field required"),
        Arguments.of(500, "application/json", "{\"error\":{\"message\":\"miner crashed\"}}",
            ProviderUnavailableException.class, "miner crashed"),
        Arguments.of(503, "text/html",
            "<html>\r\n<head><title>503 Service Unavailable</title></head>\r\n</html>",
            ProviderUnavailableException.class,
            "<html> <head><title>503 Service Unavailable</title></head> </html>"),
        Arguments.of(408, "application/json", "{\"msg\":\"too slow\"}",
            ProviderUnavailableException.class, "too slow"));
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @MethodSource("errorAnswers")
  void mapsErrorStatusesWithTheProviderMessage(
      int status,
      String contentType,
      String answer,
      Class<? extends Lora4jException> expected,
      String providerMessage) {
    server.answer(respond(status, contentType, answer));

    Lora4jException e = CallFailure.of(client.postJson("task_create", body()));

    assertThat(e).isExactlyInstanceOf(expected);
    assertThat(e.statusCode()).hasValue(status);
    assertThat(e.providerMessage()).hasValue(providerMessage);
    assertThat(e.getMessage()).startsWith("xalora task_create answered " + status + " ");
    assertThat(e.getMessage()).endsWith(": " + providerMessage);
    if (e instanceof ProviderUnavailableException) {
      assertThat(((ProviderUnavailableException) e).requestSent()).isTrue();
    }
  }

  @Test
  void namesProviderPathStatusAndMessage() {
    server.answer(json(401, "{\"message\":\"invalid credentials\"}"));

    assertThat(CallFailure.of(client.postJson("task_create", body())))
        .hasMessage("xalora task_create answered 401 Unauthorized: invalid credentials");
  }

  @Test
  void leavesOutTheProviderMessageWhenThereIsNone() {
    server.answer(json(502, "{\"result\":false}"));

    Lora4jException e = CallFailure.of(client.postJson("task_create", body()));

    assertThat(e).hasMessage("xalora task_create answered 502 Bad Gateway");
    assertThat(e.providerMessage()).isEmpty();
  }

  @Test
  void aRedirectIsAProtocolErrorAndIsNotFollowed() {
    server.answer(
        (req, res, body) ->
            res.status(301).header("Location", "http://127.0.0.1:1/elsewhere").send().then());

    Lora4jException e = CallFailure.of(client.postJson("task_create", body()));

    assertThat(e)
        .isInstanceOf(ProtocolException.class)
        .hasMessage(
            "xalora task_create answered 301 Moved Permanently (lora4j does not follow redirects:"
                + " check the base URL)");
    assertThat(server.uris()).containsExactly("/task_create");
  }

  @Test
  void rateLimitCarriesRetryAfterSeconds() {
    server.answer(
        (req, res, body) ->
            res.status(429).header("Retry-After", "7").sendString(Mono.just("slow down")).then());

    Lora4jException e = CallFailure.of(client.postJson("task_result_query", body()));

    assertThat(e).isInstanceOf(RateLimitedException.class);
    assertThat(((RateLimitedException) e).retryAfter()).hasValue(Duration.ofSeconds(7));
    assertThat(e.providerMessage()).hasValue("slow down");
    assertThat(e.isTransient()).isTrue();
  }

  @Test
  void aServerErrorCarriesRetryAfterToo() {
    server.answer(
        (req, res, body) ->
            res.status(503).header("Retry-After", "12").sendString(Mono.just("maintenance")).then());

    Lora4jException e = CallFailure.of(client.postJson("task_result_query", body()));

    assertThat(e).isInstanceOf(ProviderUnavailableException.class);
    assertThat(((ProviderUnavailableException) e).retryAfter()).hasValue(Duration.ofSeconds(12));
    assertThat(e.statusCode()).hasValue(503);
  }

  @Test
  void rateLimitCarriesRetryAfterDate() {
    String inTwoMinutes =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
    server.answer(
        (req, res, body) ->
            res.status(429).header("Retry-After", inTwoMinutes).sendString(Mono.just("{}")).then());

    Lora4jException e = CallFailure.of(client.postJson("task_result_query", body()));

    assertThat(((RateLimitedException) e).retryAfter())
        .hasValueSatisfying(
            wait -> assertThat(wait).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(120)));
  }

  @Test
  void aPerCallMapperOverridesOneStatusAndKeepsTheOthers() {
    HttpErrorMapper query =
        client
            .errorMapper()
            .onStatus(
                404, f -> new TaskNotFoundException(f.message(), f.statusCode(), f.providerMessage()));

    server.answer(json(404, "{\"message\":\"task not found\"}"));
    Lora4jException notFound = CallFailure.of(client.postJson("task_result_query", body(), query));
    server.answer(json(500, "{\"message\":\"down\"}"));
    Lora4jException down = CallFailure.of(client.postJson("task_result_query", body(), query));

    assertThat(notFound)
        .isInstanceOf(TaskNotFoundException.class)
        .hasMessage("xalora task_result_query answered 404 Not Found: task not found");
    assertThat(down).isInstanceOf(ProviderUnavailableException.class);
  }

  @Test
  void aMapperSeesTheRedactedJsonBody() {
    server.answer(
        json(401, "{\"result\":false,\"errors\":[{\"code\":98,\"message\":\"sign in\"}],\"token\":\"t0k\"}"));
    HttpErrorMapper byCode =
        f ->
            new InvalidRequestException(
                "code " + f.body().path("errors").path(0).path("code").asInt()
                    + " token " + f.body().path("token").stringValue());

    assertThat(CallFailure.of(client.postJson("Task/Detail", body(), byCode)))
        .hasMessage("code 98 token ***");
  }

  @Test
  void malformedJsonIsATransientErrorWithARedactedExcerpt() {
    String secret = "topsecret-value-42";
    String answer =
        "{\"api_key\": \"sk-live-123456\", \"note\": \"" + secret + "\", oops " + "x".repeat(400);
    server.answer(json(200, answer));
    try (ProviderHttpClient withSecret =
        ProviderHttpClient.builder("xalora", server.baseUrl()).secrets(List.of(secret)).build()) {

      Lora4jException e = CallFailure.of(withSecret.postJson("task_create", body()));

      assertThat(e).isInstanceOf(ProviderUnavailableException.class);
      assertThat(((ProviderUnavailableException) e).requestSent()).isTrue();
      assertThat(e.statusCode()).hasValue(200);
      assertThat(e.getMessage())
          .startsWith("xalora task_create answered 200 with a body that is not valid JSON (line 1,")
          .contains("(a cut-off transfer?): ")
          .contains("{\"api_key\": \"***\", \"note\": \"***\", oops xxx")
          .doesNotContain("sk-live-123456")
          .doesNotContain(secret);
      String excerpt = e.getMessage().substring(e.getMessage().indexOf(": {") + 2);
      assertThat(excerpt).hasSizeLessThanOrEqualTo(200).endsWith("…");
      assertThat(stackTrace(e)).doesNotContain("sk-live-123456").doesNotContain(secret);
    }
  }

  @Test
  void anEmptyBodyIsATransientError() {
    server.answer(json(200, ""));

    assertThat(CallFailure.of(client.postJson("task_create", body())))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessage(
            "xalora task_create answered 200 with an empty body where JSON was expected (a cut-off"
                + " transfer?)");
  }

  @Test
  void trailingGarbageAfterJsonIsATransientError() {
    server.answer(json(200, "{\"task_id\":\"1\"} trailing"));

    assertThat(CallFailure.of(client.postJson("task_create", body())))
        .isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void refusesAnAnswerDeclaringMoreThanTheLimit() {
    server.answer(
        (req, res, body) ->
            res.header("Content-Length", "2048")
                .header("Content-Type", "application/json")
                .sendString(Mono.just("\"" + "x".repeat(2046) + "\""))
                .then());
    try (ProviderHttpClient small = smallLimitClient()) {

      assertThat(CallFailure.of(small.postJson("task_result_query", body())))
          .isInstanceOf(ProtocolException.class)
          .hasMessage(
              "xalora task_result_query answered 200 with Content-Length 2048, more than the limit"
                  + " of 1024 bytes");

      server.answer(json(200, "{\"ok\":true}"));
      StepVerifier.create(small.postJson("task_result_query", body()))
          .expectNextCount(1)
          .verifyComplete();
    }
  }

  @Test
  void stopsReadingAChunkedAnswerOverTheLimit() {
    server.answer(
        (req, res, body) ->
            res.header("Content-Type", "application/json")
                .sendString(Flux.range(0, 100).map(i -> i == 0 ? "[\"" : "y".repeat(500)))
                .then());
    try (ProviderHttpClient small = smallLimitClient()) {

      assertThat(CallFailure.of(small.postJson("task_result_query", body())))
          .isInstanceOf(ProtocolException.class)
          .hasMessage(
              "xalora task_result_query answered 200 with a body larger than the limit of 1024"
                  + " bytes");

      server.answer(json(200, "{\"ok\":true}"));
      StepVerifier.create(small.postJson("task_result_query", body()))
          .expectNextCount(1)
          .verifyComplete();
    }
  }

  @Test
  void readsOnlyTheStartOfALargeErrorAnswer() {
    server.answer(
        respond(500, "text/plain", "database on fire " + "z".repeat(10_000)));
    try (ProviderHttpClient small = smallLimitClient()) {

      Lora4jException e = CallFailure.of(small.postJson("task_create", body()));

      assertThat(e).isInstanceOf(ProviderUnavailableException.class);
      assertThat(e.providerMessage()).hasValueSatisfying(m -> assertThat(m).startsWith("database on fire zzz").hasSize(200));
    }
  }

  private ProviderHttpClient smallLimitClient() {
    return ProviderHttpClient.builder("xalora", server.baseUrl()).maxResponseSize(1024).build();
  }

  @Test
  void aRefusedConnectionMeansTheRequestWasNotSent() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (ProviderHttpClient refused =
        ProviderHttpClient.builder("xalora", URI.create("http://127.0.0.1:" + closedPort)).build()) {

      Lora4jException e = CallFailure.of(refused.postJson("task_create", body()));

      assertThat(e).isInstanceOf(ProviderUnavailableException.class);
      assertThat(((ProviderUnavailableException) e).requestSent()).isFalse();
      assertThat(e.getMessage())
          .startsWith("xalora task_create could not reach 127.0.0.1:" + closedPort
              + ", the request was not sent: connection refused");
      assertThat(e.statusCode()).isEmpty();
    }
  }

  @Test
  void aConnectTimeoutMeansTheRequestWasNotSent() throws IOException {
    // A listening socket that never accepts: once its accept queue is full, the kernel drops
    // further connection attempts, so connecting times out, all on the loopback interface.
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    List<Socket> fillers = new ArrayList<>();
    try (ServerSocket full = new ServerSocket(0, 1, loopback)) {
      boolean queueFull = false;
      for (int i = 0; i < 8 && !queueFull; i++) {
        Socket filler = new Socket();
        fillers.add(filler);
        try {
          filler.connect(new InetSocketAddress(loopback, full.getLocalPort()), 100);
        } catch (SocketTimeoutException e) {
          queueFull = true;
        }
      }
      assumeTrue(queueFull, "this system does not drop connections beyond the accept queue");
      try (ProviderHttpClient blackHole =
          ProviderHttpClient.builder("xalora", URI.create("http://127.0.0.1:" + full.getLocalPort()))
              .connectTimeout(Duration.ofMillis(200))
              .build()) {

        Lora4jException e = CallFailure.of(blackHole.postJson("task_create", body()));

        assertThat(e).isInstanceOf(ProviderUnavailableException.class);
        assertThat(((ProviderUnavailableException) e).requestSent()).isFalse();
        assertThat(e.getMessage()).contains("the request was not sent: connect timed out");
      }
    } finally {
      for (Socket filler : fillers) {
        filler.close();
      }
    }
  }

  @Test
  void aConnectionClosedAfterTheRequestMeansItWasSentAndIsNotRetried() {
    server.answer(json(200, "{}"));
    StepVerifier.create(client.postJson("warm_up", body())).expectNextCount(1).verifyComplete();
    // The next call reuses the pooled connection; the server reads it and hangs up.
    server.answer(
        (req, res, body) -> {
          req.withConnection(c -> c.channel().close());
          return Mono.never();
        });

    Lora4jException e = CallFailure.of(client.postJson("task_create", body()));

    assertThat(e).isInstanceOf(ProviderUnavailableException.class);
    assertThat(((ProviderUnavailableException) e).requestSent()).isTrue();
    assertThat(e.getMessage())
        .startsWith(
            "xalora task_create failed after the request was sent, so the provider may have"
                + " received it");
    assertThat(server.uris()).containsExactly("/warm_up", "/task_create");
  }

  @Test
  void noAnswerWithinTheResponseTimeoutMeansTheRequestWasSent() {
    server.answer((req, res, body) -> Mono.never());
    try (ProviderHttpClient impatient =
        ProviderHttpClient.builder("xalora", server.baseUrl())
            .responseTimeout(Duration.ofMillis(300))
            .build()) {

      Lora4jException e = CallFailure.of(impatient.postJson("task_create", body()));

      assertThat(e).isInstanceOf(ProviderUnavailableException.class);
      assertThat(((ProviderUnavailableException) e).requestSent()).isTrue();
      assertThat(e.getMessage()).endsWith("no complete answer within 300 ms");
    }
  }

  @Test
  void noFreeConnectionInTimeMeansTheRequestWasNotSent() {
    server.answer((req, res, body) -> Mono.never());
    try (ProviderHttpClient single =
        ProviderHttpClient.builder("xalora", server.baseUrl())
            .maxConnections(1)
            .pendingAcquireTimeout(Duration.ofMillis(200))
            .build()) {
      Disposable hanging = single.postJson("task_create", body()).subscribe(v -> {}, e -> {});
      try {
        Lora4jException e = CallFailure.of(single.postJson("task_result_query", body()));

        assertThat(e).isInstanceOf(ProviderUnavailableException.class);
        assertThat(((ProviderUnavailableException) e).requestSent()).isFalse();
        assertThat(e.getMessage())
            .endsWith("the request was not sent: no pooled connection became free in time");
      } finally {
        hanging.dispose();
      }
    }
  }

  @Test
  void aFullWaitingQueueMeansTheRequestWasNotSent() {
    server.answer((req, res, body) -> Mono.never());
    try (ProviderHttpClient single =
        ProviderHttpClient.builder("xalora", server.baseUrl())
            .maxConnections(1)
            .pendingAcquireMaxCount(1)
            .build()) {
      Disposable first = single.postJson("a", body()).subscribe(v -> {}, e -> {});
      // the only connection is taken once the server holds the first request
      StepVerifier.create(Mono.fromSupplier(server::uris).repeat().takeUntil(u -> !u.isEmpty()).last())
          .expectNextCount(1).verifyComplete();
      // of the next two calls one waits in the queue of one and the other is refused; which one
      // depends on which acquire reaches the pool first
      Sinks.One<Throwable> refused = Sinks.one();
      Disposable second = single.postJson("b", body()).subscribe(v -> {}, refused::tryEmitValue);
      Disposable third = single.postJson("c", body()).subscribe(v -> {}, refused::tryEmitValue);
      try {
        Throwable e = refused.asMono().block(WAIT);

        assertThat(e).isInstanceOf(ProviderUnavailableException.class);
        assertThat(((ProviderUnavailableException) e).requestSent()).isFalse();
        assertThat(e.getMessage()).endsWith("too many calls are already waiting for a connection");
        assertThat(server.uris()).containsExactly("/a");
      } finally {
        first.dispose();
        second.dispose();
        third.dispose();
      }
    }
  }


  @Test
  void evaluatesTheHeadersSupplierAtEachSubscription() {
    AtomicInteger nonce = new AtomicInteger();
    try (ProviderHttpClient signing =
        ProviderHttpClient.builder("wiro", server.baseUrl())
            .headers(
                () -> Map.of("x-api-key", "key-1", "x-nonce", String.valueOf(nonce.incrementAndGet())))
            .build()) {
      Mono<JsonNode> call = signing.postJson("Task/Detail", body());

      StepVerifier.create(call).expectNextCount(1).verifyComplete();
      StepVerifier.create(call).expectNextCount(1).verifyComplete();
    }

    assertThat(server.requests())
        .extracting(r -> r.headers().get("x-nonce"))
        .containsExactly("1", "2");
    assertThat(server.requests()).allSatisfy(r -> assertThat(r.headers().get("x-api-key")).isEqualTo("key-1"));
  }

  @Test
  void sendsNothingBeforeSubscription() {
    AtomicInteger supplied = new AtomicInteger();
    try (ProviderHttpClient single =
        ProviderHttpClient.builder("xalora", server.baseUrl())
            .maxConnections(1)
            .headers(
                () -> {
                  supplied.incrementAndGet();
                  return Map.of();
                })
            .build()) {
      Mono<JsonNode> lazy = single.postJson("lazy", body());

      // With one connection, an eagerly sent "lazy" would have reached the server first.
      StepVerifier.create(single.postJson("other", body())).expectNextCount(1).verifyComplete();
      assertThat(server.uris()).containsExactly("/other");
      assertThat(supplied).hasValue(1);

      StepVerifier.create(lazy).expectNextCount(1).verifyComplete();
      assertThat(server.uris()).containsExactly("/other", "/lazy");
    }
  }

  @Test
  void aFailingHeadersSupplierFailsTheCallWithNothingSent() {
    try (ProviderHttpClient broken =
        ProviderHttpClient.builder("wiro", server.baseUrl())
            .headers(
                () -> {
                  throw new IllegalStateException("no secret configured");
                })
            .build()) {

      StepVerifier.create(broken.postJson("Task/Detail", body()))
          .expectErrorSatisfies(
              e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessage("no secret configured"))
          .verify(WAIT);
    }
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void masksSecretsAndEchoedCredentialsInProviderMessages() {
    server.answer(
        json(401, "{\"message\":\"key master-key-1 or per-task key task-key-9 is not valid\"}"));
    try (ProviderHttpClient withSecret =
        ProviderHttpClient.builder("xalora", server.baseUrl())
            .secrets(List.of("master-key-1"))
            .build()) {
      ObjectNode body = body().put("api_key", "task-key-9");

      Lora4jException e = CallFailure.of(withSecret.postJson("task_create", body));

      assertThat(e.providerMessage()).hasValue("key *** or per-task key *** is not valid");
      assertThat(e.getMessage()).doesNotContain("master-key-1").doesNotContain("task-key-9");
    }
  }

  @Test
  void masksCredentialHeaderValuesEchoedByTheProvider() {
    server.answer(
        (req, res, body) ->
            res.status(401)
                .sendString(Mono.just("bad signature " + req.requestHeaders().get("x-signature")))
                .then());
    try (ProviderHttpClient signing =
        ProviderHttpClient.builder("wiro", server.baseUrl())
            .headers(() -> Map.of("x-signature", "2d99fa1b6934f66a", "x-nonce", "1700000000000"))
            .build()) {

      assertThat(CallFailure.of(signing.postJson("Task/Detail", body())).providerMessage())
          .hasValue("bad signature ***");
    }
  }

  @Test
  void masksEverySecretAProviderEchoesInA2xxAnswerBeforeAnythingReadsIt() {
    server.answer(
        (req, res, body) ->
            res.status(200)
                .header("Content-Type", "application/json")
                .sendString(Mono.just("{\"result\":false,\"errors\":[{\"code\":97,\"message\":\"signed "
                    + req.requestHeaders().get("x-signature") + " by " + req.requestHeaders().get("x-api-key")
                    + " for task-key-9\"}],\"socketaccesstoken\":\"tok-3\"}"))
                .then());
    try (ProviderHttpClient signing =
        ProviderHttpClient.builder("wiro", server.baseUrl())
            .secrets(List.of("master-key-1"))
            .headers(() -> Map.of("x-api-key", "master-key-1", "x-signature", "2d99fa1b6934f66a", "x-nonce", "1"))
            .build()) {

      JsonNode answer = signing.postJson("Run/wiro/tool", body().put("api_key", "task-key-9")).block(WAIT);

      assertThat(answer.path("errors").path(0).path("message").stringValue()).isEqualTo("signed *** by *** for ***");
      assertThat(answer.path("socketaccesstoken").stringValue()).as("a token the provider hands out is kept").isEqualTo("tok-3");
    }
  }

  @Test
  void rejectsCallsAfterClose() {
    client.close();

    StepVerifier.create(client.postJson("task_create", body()))
        .expectErrorSatisfies(
            e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed"))
        .verify(WAIT);
  }

  @Test
  void servesManyConcurrentCallsOverFewConnections() {
    server.answer(json(200, "{\"status\":\"running\"}"));
    try (ProviderHttpClient pooled =
        ProviderHttpClient.builder("xalora", server.baseUrl()).maxConnections(16).build()) {

      StepVerifier.create(
              Flux.range(0, 2000)
                  .flatMap(i -> pooled.postJson("task_result_query", body()), 2000)
                  .count())
          .expectNext(2000L)
          .verifyComplete();
    }
  }

  @Test
  void checksBuilderArgumentsEarly() {
    assertThatThrownBy(() -> ProviderHttpClient.builder("Xalora", server.baseUrl()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was 'Xalora'");
    assertThatThrownBy(() -> ProviderHttpClient.builder("xalora", URI.create("/v1")))
        .hasMessageContaining("absolute http or https URL");
    assertThatThrownBy(
            () -> ProviderHttpClient.builder("xalora", URI.create("https://u:hunter2@host/v1")))
        .hasMessageContaining("user info")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> client.postJson("  ", body())).hasMessageContaining("blank");
    ProviderHttpClient.Builder b = ProviderHttpClient.builder("xalora", server.baseUrl());
    assertThatThrownBy(() -> b.maxConnections(0)).hasMessage("maxConnections must be at least 1, was 0");
    assertThatThrownBy(() -> b.responseTimeout(Duration.ZERO))
        .hasMessage("responseTimeout must be positive, was PT0S");
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
