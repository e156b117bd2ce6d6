package dev.lora4j.spi.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.AuthenticationException;
import dev.lora4j.ClientOptions;
import dev.lora4j.InvalidRequestException;
import dev.lora4j.TaskOutput;
import dev.lora4j.spi.HttpTaskProvider;
import dev.lora4j.spi.ProviderContext;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.ProviderSetting;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskRequest;
import dev.lora4j.TaskUpdate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a provider gets from the SPI over real loopback HTTP: the client {@link
 * ProviderContext#http} starts, the 401/403 mapper, and {@link HttpTaskProvider}'s download.
 */
class ProviderContextHttpTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final ProviderSetting<String> KEY =
      ProviderSetting.required(ClientOptions.API_KEY, "ACME_API_KEY", "the account's key");
  private static final ProviderSetting<URI> URL =
      ProviderSetting.optional(ClientOptions.BASE_URL, "ACME_BASE_URL", "the base URL", "https://api.acme.test");
  private static final ProviderDescription ACME = ProviderDescription.of("acme", false, KEY, URL);

  @TempDir Path dir;
  private TestServer server;
  private ProviderContext context;

  @BeforeEach
  void start() {
    server = new TestServer();
    context = ProviderContext.of(ACME, ClientOptions.builder().systemProperties(new Properties())
        .environment(Map.of("ACME_API_KEY", "key-4711", "ACME_BASE_URL", server.baseUrl().toString())).build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theClientIsNamedAfterTheProviderAndMasksItsSecrets() {
    server.answer(TestServer.json(400, "{\"message\":\"bad key key-4711\"}"));
    try (ProviderHttpClient http = context.http(context.valueOrDefault(URL)).build()) {
      assertThat(http.provider()).isEqualTo("acme");
      assertThat(http.baseUrl()).isEqualTo(server.baseUrl());
      StepVerifier.create(http.postJson("run", JsonNodeFactory.instance.objectNode()))
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(InvalidRequestException.class)
              .hasMessageNotContaining("key-4711")
              .satisfies(x -> assertThat(((InvalidRequestException) x).providerMessage()).hasValue("bad key ***")))
          .verify(WAIT);
    }
  }

  @Test
  void aRejectedCredentialNamesItsSourceFor401And403() {
    String hint = "check the key from " + context.sourceOf(KEY).orElseThrow();
    try (ProviderHttpClient http = context.http(context.valueOrDefault(URL)).build()) {
      HttpErrorMapper errors = http.errorMapper().onAuthenticationFailure(hint);
      for (int status : new int[] {401, 403}) {
        server.answer(TestServer.json(status, "{\"message\":\"denied\"}"));
        StepVerifier.create(http.postJson("run", JsonNodeFactory.instance.objectNode(), errors))
            .expectErrorSatisfies(e -> {
              assertThat(e).isInstanceOf(AuthenticationException.class)
                  .hasMessageEndingWith("(check the key from environment variable ACME_API_KEY)");
              assertThat(((AuthenticationException) e).statusCode()).hasValue(status);
            })
            .verify(WAIT);
      }
      server.answer(TestServer.json(404, "{}"));
      StepVerifier.create(http.postJson("run", JsonNodeFactory.instance.objectNode(), errors))
          .expectError(InvalidRequestException.class)
          .verify(WAIT);
    }
  }

  @Test
  void anHttpTaskProviderDownloadsOutputsAndClosesItsClient() throws Exception {
    server.answer(TestServer.respond(200, "image/png", "not really a png"));
    Minimal provider = new Minimal(context.http(context.valueOrDefault(URL)).build());
    Path target = dir.resolve("out.png");

    StepVerifier.create(provider.download(TaskOutput.of(URI.create(server.baseUrl() + "/files/out.png")), target, null))
        .expectNext(target)
        .verifyComplete();
    assertThat(Files.readString(target)).isEqualTo("not really a png");
    assertThat(server.uris()).containsExactly("/files/out.png");

    provider.close();
    StepVerifier.create(provider.download(TaskOutput.of(URI.create(server.baseUrl() + "/files/again.png")),
            dir.resolve("again.png"), null))
        .expectError()
        .verify(WAIT);
    assertThat(dir.resolve("again.png")).doesNotExist();
  }

  /** A provider that implements only the wire calls. */
  private static final class Minimal extends HttpTaskProvider {
    Minimal(ProviderHttpClient http) {
      super(http);
    }

    @Override
    public Mono<TaskHandle> submit(TaskRequest request) {
      return Mono.error(new UnsupportedOperationException());
    }

    @Override
    public Mono<TaskUpdate> fetch(TaskHandle handle) {
      return Mono.error(new UnsupportedOperationException());
    }

    @Override
    public Mono<Void> cancel(TaskHandle handle, @Nullable TaskUpdate lastKnown) {
      return Mono.empty();
    }
  }
}
