package dev.lora4j.spi.http;

import static dev.lora4j.spi.http.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.AuthenticationException;
import dev.lora4j.InvalidRequestException;
import dev.lora4j.Lora4jException;
import dev.lora4j.ProtocolException;
import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.TaskNotFoundException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

/** The JSON calls without a body, {@code getJson} and {@code deleteJson}, over real loopback HTTP. */
class ProviderHttpClientMethodsTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final HttpErrorMapper TASK_ERRORS = HttpErrorMapper.standard().onStatus(404,
      f -> new TaskNotFoundException(f.message(), f.statusCode(), f.providerMessage()));

  private TestServer server;
  private ProviderHttpClient client;

  @BeforeEach
  void startServer() {
    server = new TestServer();
    client = ProviderHttpClient.builder("minipix", URI.create(server.baseUrl() + "/v1/")).build();
  }

  @AfterEach
  void stopServer() {
    client.close();
    server.close();
  }


  @Test
  void getsJsonWithoutABodyAndEmitsTheParsedAnswer() {
    server.answer(json(200, "{\"job\":{\"id\":\"job-1\",\"state\":\"running\",\"seed\":9223372036854775807}}"));

    StepVerifier.create(client.getJson("jobs/job-1"))
        .assertNext(answer -> {
          assertThat(answer.path("job").path("state").stringValue()).isEqualTo("running");
          assertThat(answer.path("job").path("seed").longValue()).isEqualTo(Long.MAX_VALUE);
        })
        .verifyComplete();

    TestServer.Recorded request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("GET");
    assertThat(request.uri()).isEqualTo("/v1/jobs/job-1");
    assertThat(request.body()).isEmpty();
    assertThat(request.headers().contains("Content-Type")).as("Content-Type of a GET").isFalse();
    assertThat(request.headers().contains("Transfer-Encoding")).as("Transfer-Encoding of a GET").isFalse();
    assertThat(request.headers().contains("Content-Length")).as("Content-Length of a GET").isFalse();
    assertThat(request.headers().get("Accept")).isEqualTo("application/json");
    assertThat(request.headers().get("User-Agent")).startsWith("lora4j/");
  }

  @Test
  void keepsTheQueryOfAGetAndLeavesItOutOfMessages() {
    server.answer(json(500, "{\"message\":\"down\"}"));

    Lora4jException e = CallFailure.of(client.getJson("/jobs?state=running&limit=10"));

    assertThat(server.uris()).containsExactly("/v1/jobs?state=running&limit=10");
    assertThat(e).isInstanceOf(ProviderUnavailableException.class);
    assertThat(e.getMessage()).startsWith("minipix jobs answered 500").doesNotContain("state=running");
  }

  @Test
  void deletesWithoutABodyAndEmitsTheParsedAnswer() {
    server.answer(json(200, "{\"job\":{\"id\":\"job-1\",\"state\":\"canceled\"}}"));

    StepVerifier.create(client.deleteJson("jobs/job-1", TASK_ERRORS))
        .assertNext(answer -> assertThat(answer.path("job").path("state").stringValue()).isEqualTo("canceled"))
        .verifyComplete();

    TestServer.Recorded request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("DELETE");
    assertThat(request.uri()).isEqualTo("/v1/jobs/job-1");
    assertThat(request.body()).isEmpty();
    assertThat(request.headers().contains("Content-Type")).as("Content-Type of a DELETE").isFalse();
    assertThat(request.headers().get("Content-Length", "0")).as("Content-Length of a DELETE").isEqualTo("0");
    assertThat(request.headers().get("Accept")).isEqualTo("application/json");
  }

  @Test
  void mapsA404OfAGetWithTheCallsMapperAndWithTheClientsOtherwise() {
    server.answer(json(404, "{\"message\":\"no job job-9\"}"));

    Lora4jException perCall = CallFailure.of(client.getJson("jobs/job-9", TASK_ERRORS));
    Lora4jException standard = CallFailure.of(client.getJson("jobs/job-9"));

    assertThat(perCall).isInstanceOf(TaskNotFoundException.class);
    assertThat(perCall.statusCode()).hasValue(404);
    assertThat(perCall.providerMessage()).hasValue("no job job-9");
    assertThat(perCall.getMessage()).startsWith("minipix jobs/job-9 answered 404");
    assertThat(standard).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void mapsA401OfAGetAndADeleteToAnAuthenticationFailure() {
    server.answer(json(401, "{\"message\":\"invalid API key\"}"));

    Lora4jException get = CallFailure.of(client.getJson("jobs/job-1", TASK_ERRORS));
    Lora4jException delete = CallFailure.of(client.deleteJson("jobs/job-1", TASK_ERRORS));

    assertThat(get).isInstanceOf(AuthenticationException.class);
    assertThat(get.providerMessage()).hasValue("invalid API key");
    assertThat(delete).isInstanceOf(AuthenticationException.class);
    assertThat(delete.statusCode()).hasValue(401);
  }

  @Test
  void masksEverySecretAProviderEchoesInAGetAnswer() {
    server.answer((req, res, body) -> res.status(200)
        .header("Content-Type", "application/json")
        .sendString(Mono.just("{\"job\":{\"id\":\"job-1\",\"note\":\"signed "
            + req.requestHeaders().get("x-signature") + " by " + req.requestHeaders().get("x-api-key")
            + "\",\"owner\":\"master-key-1\"}}"))
        .then());
    try (ProviderHttpClient signing =
        ProviderHttpClient.builder("minipix", server.baseUrl())
            .secrets(List.of("master-key-1"))
            .headers(() -> Map.of("x-api-key", "master-key-1", "x-signature", "2d99fa1b6934f66a"))
            .build()) {

      JsonNode answer = signing.getJson("jobs/job-1").block(WAIT);

      assertThat(answer.path("job").path("note").stringValue()).isEqualTo("signed *** by ***");
      assertThat(answer.path("job").path("owner").stringValue()).isEqualTo("***");
      assertThat(answer.path("job").path("id").stringValue()).isEqualTo("job-1");
    }
  }

  @Test
  void evaluatesTheHeadersSupplierOncePerAttemptOfAGet() {
    AtomicInteger nonce = new AtomicInteger();
    try (ProviderHttpClient signing =
        ProviderHttpClient.builder("minipix", server.baseUrl())
            .headers(() -> Map.of("x-nonce", String.valueOf(nonce.incrementAndGet())))
            .build()) {
      Mono<JsonNode> get = signing.getJson("jobs/job-1");
      Mono<JsonNode> delete = signing.deleteJson("jobs/job-1", TASK_ERRORS);
      assertThat(nonce).as("evaluations before subscription").hasValue(0);

      StepVerifier.create(get).expectNextCount(1).verifyComplete();
      StepVerifier.create(get).expectNextCount(1).verifyComplete();
      StepVerifier.create(delete).expectNextCount(1).verifyComplete();
    }

    assertThat(nonce).hasValue(3);
    assertThat(server.requests())
        .extracting(r -> r.method() + " " + r.headers().get("x-nonce"))
        .containsExactly("GET 1", "GET 2", "DELETE 3");
  }

  @Test
  void noAnswerToAGetWithinTheResponseTimeoutMeansTheRequestWasSent() {
    server.answer((req, res, body) -> Mono.never());
    try (ProviderHttpClient impatient =
        ProviderHttpClient.builder("minipix", server.baseUrl()).responseTimeout(Duration.ofMillis(300)).build()) {

      Lora4jException e = CallFailure.of(impatient.getJson("jobs/job-1"));

      assertThat(e).isInstanceOf(ProviderUnavailableException.class);
      assertThat(((ProviderUnavailableException) e).requestSent()).isTrue();
      assertThat(e.getMessage()).startsWith("minipix jobs/job-1 ").endsWith("no complete answer within 300 ms");
    }
  }

  @Test
  void aRefusedGetMeansTheRequestWasNotSent() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    try (ProviderHttpClient nowhere =
        ProviderHttpClient.builder("minipix", URI.create("http://127.0.0.1:" + port)).build()) {

      Lora4jException e = CallFailure.of(nowhere.getJson("jobs/job-1"));

      assertThat(e).isInstanceOf(ProviderUnavailableException.class);
      assertThat(((ProviderUnavailableException) e).requestSent()).isFalse();
    }
  }

  @Test
  void refusesAGetAnswerLargerThanTheLimit() {
    server.answer(json(200, "{\"pad\":\"" + "x".repeat(2048) + "\"}"));
    try (ProviderHttpClient small =
        ProviderHttpClient.builder("minipix", server.baseUrl()).maxResponseSize(1024).build()) {

      Lora4jException e = CallFailure.of(small.getJson("jobs/job-1"));

      assertThat(e).isInstanceOf(ProtocolException.class);
      assertThat(e.getMessage()).contains("more than the limit of 1024 bytes");
    }
  }

  @Test
  void rejectsABlankPathBeforeAnythingIsSent() {
    assertThatThrownBy(() -> client.getJson("/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path must not be blank, was '/'");
    assertThatThrownBy(() -> client.deleteJson(" ", TASK_ERRORS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("path must not be blank, was ' '");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void encodesAPathSegmentSoThatItNamesOneResource() {
    assertThat(ProviderHttpClient.encodePathSegment("job-1_a.b~c")).isEqualTo("job-1_a.b~c");
    assertThat(ProviderHttpClient.encodePathSegment("a/b?c#d e")).isEqualTo("a%2Fb%3Fc%23d%20e");
    assertThat(ProviderHttpClient.encodePathSegment("Ärger€")).isEqualTo("%C3%84rger%E2%82%AC");
    assertThat(ProviderHttpClient.encodePathSegment("100%+&=;")).isEqualTo("100%25%2B%26%3D%3B");
    assertThat(ProviderHttpClient.encodePathSegment("..")).isEqualTo("%2E%2E");
    assertThat(ProviderHttpClient.encodePathSegment(".")).isEqualTo("%2E");
    assertThatThrownBy(() -> ProviderHttpClient.encodePathSegment(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("segment must not be empty");
  }

  @Test
  void anEncodedIdReachesTheServerAsOneSegmentWithItsValue() {
    String id = "a/b?c#d e Ärger";
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    DisposableServer routed = HttpServer.create().host("127.0.0.1").port(0)
        .route(routes -> routes.get("/v1/jobs/{id}", (req, res) -> {
          seen.add(java.net.URLDecoder.decode(req.param("id").replace("+", "%2B"), StandardCharsets.UTF_8));
          return res.header("Content-Type", "application/json").sendString(Mono.just("{\"ok\":true}"));
        }))
        .bindNow();
    try (ProviderHttpClient rest =
        ProviderHttpClient.builder("minipix", URI.create("http://127.0.0.1:" + routed.port() + "/v1")).build()) {

      StepVerifier.create(rest.getJson("jobs/" + ProviderHttpClient.encodePathSegment(id)))
          .assertNext(answer -> assertThat(answer.path("ok").booleanValue()).isTrue())
          .verifyComplete();
    } finally {
      routed.disposeNow(WAIT);
    }

    assertThat(seen).containsExactly(id);
  }
}
