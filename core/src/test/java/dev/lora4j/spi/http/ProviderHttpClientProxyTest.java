package dev.lora4j.spi.http;

import static dev.lora4j.spi.http.TestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ClientOptions;
import dev.lora4j.Lora4jException;
import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.testing.Exposure;
import dev.lora4j.testing.TestProxy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import tools.jackson.databind.node.ObjectNode;

/** The network settings of {@link ClientOptions}, applied by {@code Builder.options}, over real loopback HTTP. */
class ProviderHttpClientProxyTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String USER = "alice";
  private static final String PASSWORD = "pr0xy-Pa55word-7f3e";

  private TestServer server;
  private TestProxy proxy;

  @BeforeEach
  void start() throws IOException {
    server = new TestServer();
    proxy = new TestProxy();
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    server.close();
  }

  /** Options that see neither the JVM's system properties nor the process environment. */
  private static ClientOptions.Builder isolated() {
    return ClientOptions.builder().environment(Map.of()).systemProperties(new Properties());
  }

  private ClientOptions.Builder throughProxy() {
    return isolated().proxy("127.0.0.1", proxy.port());
  }

  private static ObjectNode body() {
    return ProviderHttpClient.json().createObjectNode().put("prompt", "a fox");
  }


  @Test
  void sendsEveryCallThroughTheProxyWithItsCredentials() {
    proxy.requireCredentials(USER, PASSWORD);
    server.answer(json(200, "{\"status\":\"running\"}"));
    ClientOptions options = throughProxy().proxyCredentials(USER, PASSWORD).build();
    try (ProviderHttpClient client =
        ProviderHttpClient.builder("xalora", server.baseUrl()).options(options).build()) {

      StepVerifier.create(client.postJson("task_result_query", body())).expectNextCount(1).verifyComplete();
    }

    assertThat(proxy.received())
        .containsExactly(
            new TestProxy.Received("CONNECT", "127.0.0.1:" + server.port(), TestProxy.basic(USER, PASSWORD)));
    assertThat(server.uris()).containsExactly("/task_result_query");
  }

  @Test
  void reachesAHostOnlyTheProxyKnows() {
    proxy.resolve("provider.invalid", "127.0.0.1");
    server.answer(json(200, "{}"));
    URI unknownHere = URI.create("http://provider.invalid:" + server.port() + "/v1");
    try (ProviderHttpClient client =
        ProviderHttpClient.builder("xalora", unknownHere).options(throughProxy().build()).build()) {

      StepVerifier.create(client.postJson("task_create", body())).expectNextCount(1).verifyComplete();
    }

    assertThat(proxy.received()).extracting(TestProxy.Received::target)
        .containsExactly("provider.invalid:" + server.port());
    assertThat(server.uris()).containsExactly("/v1/task_create");
  }

  @Test
  void aRefusedTunnelMeansTheRequestWasNotSentAndNamesNoCredential() {
    proxy.requireCredentials(USER, "another-password");
    ClientOptions options = throughProxy().proxyCredentials(USER, PASSWORD).build();
    try (ProviderHttpClient client =
        ProviderHttpClient.builder("xalora", server.baseUrl()).options(options).build()) {

      Lora4jException e = CallFailure.of(client.postJson("task_create", body()));

      assertThat(e).isInstanceOf(ProviderUnavailableException.class);
      assertThat(((ProviderUnavailableException) e).requestSent()).isFalse();
      assertThat(e.getMessage())
          .contains("the request was not sent: the proxy did not open a tunnel")
          .contains("407");
      assertThat(server.requests()).isEmpty();
    }
  }

  @Test
  void reachesNonProxyHostsDirectly() {
    server.answer(json(200, "{}"));
    ClientOptions options = throughProxy().nonProxyHosts("example.org,127.0.0.1").build();
    try (ProviderHttpClient client =
        ProviderHttpClient.builder("xalora", server.baseUrl()).options(options).build()) {

      StepVerifier.create(client.postJson("task_create", body())).expectNextCount(1).verifyComplete();
    }

    assertThat(proxy.received()).isEmpty();
    assertThat(server.uris()).containsExactly("/task_create");
  }

  @Test
  void takesTheProxyFromHttpProxyInTheEnvironment() {
    proxy.requireCredentials(USER, PASSWORD).resolve("provider.invalid", "127.0.0.1");
    server.answer(json(200, "{}"));
    ClientOptions options = ClientOptions.builder()
        .systemProperties(new Properties())
        .environment(Map.of(
            "HTTP_PROXY", "http://" + USER + ":" + PASSWORD + "@127.0.0.1:" + proxy.port(),
            "NO_PROXY", "example.org"))
        .build();
    URI unknownHere = URI.create("http://provider.invalid:" + server.port());
    try (ProviderHttpClient client =
        ProviderHttpClient.builder("xalora", unknownHere).options(options).build()) {

      StepVerifier.create(client.postJson("task_create", body())).expectNextCount(1).verifyComplete();
    }

    assertThat(proxy.received()).extracting(TestProxy.Received::proxyAuthorization)
        .containsExactly(TestProxy.basic(USER, PASSWORD));
  }

  @Test
  void theResponseTimeoutOptionBoundsTheWaitForAnAnswer() {
    server.answer((req, res, body) -> Mono.never());
    ClientOptions options = throughProxy().responseTimeout(Duration.ofMillis(300)).build();
    try (ProviderHttpClient client =
        ProviderHttpClient.builder("xalora", server.baseUrl()).options(options).build()) {

      Lora4jException e = CallFailure.of(client.postJson("task_create", body()));

      assertThat(e).isInstanceOf(ProviderUnavailableException.class);
      assertThat(((ProviderUnavailableException) e).requestSent()).isTrue();
      assertThat(e.getMessage()).endsWith("no complete answer within 300 ms");
    }
  }

  @Test
  void theConnectTimeoutOptionBoundsTheProxyHandshake() throws IOException {
    // A proxy that takes the connection (the kernel completes it) and never answers CONNECT.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      ClientOptions options = isolated()
          .proxy("127.0.0.1", silent.getLocalPort())
          .connectTimeout(Duration.ofMillis(200))
          .build();
      try (ProviderHttpClient client =
          ProviderHttpClient.builder("xalora", server.baseUrl()).options(options).build()) {

        Lora4jException e = CallFailure.of(client.postJson("task_create", body()));

        assertThat(e).isInstanceOf(ProviderUnavailableException.class);
        assertThat(((ProviderUnavailableException) e).requestSent()).isFalse();
        assertThat(e.getMessage()).contains("the proxy did not open a tunnel").contains("timeout");
      }
    }
  }

  @Test
  void thePoolOptionsLimitConnectionsAndWaitingCalls() {
    server.answer((req, res, body) -> Mono.never());
    ClientOptions options = throughProxy().maxConnections(1).pendingAcquireMaxCount(1).build();
    try (ProviderHttpClient single =
        ProviderHttpClient.builder("xalora", server.baseUrl()).options(options).build()) {
      Disposable first = single.postJson("a", body()).subscribe(v -> {}, e -> {});
      StepVerifier.create(Mono.fromSupplier(server::uris).repeat().takeUntil(u -> !u.isEmpty()).last())
          .expectNextCount(1).verifyComplete();
      // Of the next two calls one waits in the queue of one and the other is refused at once,
      // without anything sent; which of the two depends on which acquire reaches the pool first.
      List<String> refused = new CopyOnWriteArrayList<>();
      Sinks.Empty<Void> oneRefused = Sinks.empty();
      List<Disposable> waiting = Stream.of("b", "c")
          .map(path -> single.postJson(path, body()).subscribe(v -> {}, e -> {
            refused.add(e.getClass().getSimpleName() + " " + path + " (request sent: "
                + (e instanceof ProviderUnavailableException u && u.requestSent()) + "): " + e.getMessage());
            oneRefused.tryEmitEmpty();
          }))
          .toList();
      try {
        StepVerifier.create(oneRefused.asMono()).expectComplete().verify(WAIT);

        assertThat(refused).singleElement().asString()
            .startsWith("ProviderUnavailableException ")
            .contains("(request sent: false)")
            .endsWith("too many calls are already waiting for a connection");
        assertThat(server.uris()).containsExactly("/a");
        assertThat(proxy.received()).hasSize(1);
      } finally {
        first.dispose();
        waiting.forEach(Disposable::dispose);
      }
    }
  }

  @Test
  void theProxyPasswordNeverShowsInLogsMessagesOrDescriptions() {
    String logger = "dev.lora4j.spi.http.ProviderHttpClient.proxytest";
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setProperty("org.slf4j.simpleLogger.log." + logger, "trace");
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    Exposure seen = new Exposure();
    ClientOptions options = throughProxy().proxyCredentials(USER, PASSWORD).build();
    try {
      proxy.requireCredentials(USER, PASSWORD);
      server.answer(json(200, "{}"));
      try (ProviderHttpClient client =
          ProviderHttpClient.builder("proxytest", server.baseUrl()).options(options).build()) {
        seen.add(client);
        seen.call(client.postJson("task_create", body())).block(WAIT);
        server.answer(json(500, "{\"message\":\"database on fire\"}"));
        seen.call(client.postJson("task_result_query", body())).onErrorResume(e -> Mono.empty()).block(WAIT);
      }
      proxy.requireCredentials(USER, "another-password");
      try (ProviderHttpClient refused =
          ProviderHttpClient.builder("proxytest", server.baseUrl()).options(options).build()) {
        seen.call(refused.postJson("task_create", body())).onErrorResume(e -> Mono.empty()).block(WAIT);
      }
    } finally {
      System.setErr(original);
      System.clearProperty("org.slf4j.simpleLogger.log." + logger);
    }
    seen.add(options);

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("proxytest POST task_create -> 200 (").contains("proxytest POST task_create -> failed (");
    String encoded = TestProxy.basic(USER, PASSWORD).substring("Basic ".length());
    assertThat(log).doesNotContain(PASSWORD, encoded);
    assertThat(seen.containing(List.of(PASSWORD, encoded))).isEmpty();
    assertThat(options.toString()).contains("proxyPassword=***");
  }
}
