package dev.lora4j.spi.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import tools.jackson.databind.node.ObjectNode;

/** Reads what the client logs at TRACE through slf4j-simple, which writes to {@code System.err}. */
class ProviderHttpClientLoggingTest {

  private static final String LOGGER = "dev.lora4j.spi.http.ProviderHttpClient.logtest";
  private static final String MASTER_KEY = "sk-master-secret-1";
  private static final String TASK_KEY = "task-key-777";
  private static final String SIGNATURE = "sig-abcdef123456";
  private static final String TOKEN = "tok-socket-999";

  @Test
  void logsEachCallOnceAndNoSecretAtAll() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setProperty("org.slf4j.simpleLogger.log." + LOGGER, "trace");
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (TestServer server = new TestServer();
        ProviderHttpClient client =
            ProviderHttpClient.builder("logtest", server.baseUrl())
                .secrets(List.of(MASTER_KEY))
                .headers(() -> Map.of("x-api-key", MASTER_KEY, "x-signature", SIGNATURE))
                .build()) {
      ObjectNode body =
          ProviderHttpClient.json().createObjectNode().put("prompt", "a cat").put("api_key", TASK_KEY);

      server.answer(
          TestServer.json(
              200,
              "{\"taskid\":\"2221\",\"socketaccesstoken\":\"" + TOKEN + "\",\"echo\":\"" + MASTER_KEY + "\"}"));
      StepVerifier.create(client.postJson("Run/wiro/tool", body)).expectNextCount(1).verifyComplete();
      server.answer(
          TestServer.json(401, "{\"message\":\"bad key " + TASK_KEY + " signed " + SIGNATURE + "\"}"));
      StepVerifier.create(client.postJson("Task/Detail", body)).expectError().verify(Duration.ofSeconds(5));
      server.answer(TestServer.json(200, "{\"api_key\":\"" + MASTER_KEY + "\", broken"));
      StepVerifier.create(client.postJson("Task/Detail", body)).expectError().verify(Duration.ofSeconds(5));
      server.answer((req, res, requestBody) -> Mono.fromRunnable(() -> req.withConnection(c -> c.channel().close())));
      StepVerifier.create(client.postJson("Task/Kill", body)).expectError().verify(Duration.ofSeconds(5));
    } finally {
      System.setErr(original);
      System.clearProperty("org.slf4j.simpleLogger.log." + LOGGER);
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains("logtest POST Run/wiro/tool -> 200 (")
        .contains("logtest POST Task/Detail -> 401 (")
        .contains("): AuthenticationException")
        .contains("logtest POST Task/Detail -> 200 (")
        .contains("): ProviderUnavailableException")
        .contains("logtest POST Task/Kill -> failed (")
        .contains("request sent")
        .contains("request body: {\"prompt\":\"a cat\",\"api_key\":\"***\"}")
        .contains("response body: {\"taskid\":\"2221\",\"socketaccesstoken\":\"***\",\"echo\":\"***\"}");
    assertThat(log.lines().filter(l -> l.contains("DEBUG") && l.contains(" -> "))).hasSize(4);
    assertThat(log).doesNotContain(MASTER_KEY, TASK_KEY, SIGNATURE, TOKEN);
  }

  @Test
  void namesTheMethodOfAGetAndADeleteAndLogsNoBodyAndNoSecret() {
    String logger = "dev.lora4j.spi.http.ProviderHttpClient.resttest";
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setProperty("org.slf4j.simpleLogger.log." + logger, "trace");
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (TestServer server = new TestServer();
        ProviderHttpClient client =
            ProviderHttpClient.builder("resttest", server.baseUrl())
                .secrets(List.of(MASTER_KEY))
                .headers(() -> Map.of("x-api-key", MASTER_KEY, "x-signature", SIGNATURE))
                .build()) {
      server.answer(TestServer.json(200, "{\"id\":\"job-1\",\"echo\":\"" + MASTER_KEY + "\"}"));
      StepVerifier.create(client.getJson("jobs/job-1?view=full")).expectNextCount(1).verifyComplete();
      server.answer(TestServer.json(404, "{\"message\":\"no job signed " + SIGNATURE + "\"}"));
      StepVerifier.create(client.deleteJson("jobs/job-1", client.errorMapper())).expectError().verify(Duration.ofSeconds(5));
    } finally {
      System.setErr(original);
      System.clearProperty("org.slf4j.simpleLogger.log." + logger);
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains("resttest GET jobs/job-1 -> 200 (")
        .contains("resttest GET jobs/job-1 response body: {\"id\":\"job-1\",\"echo\":\"***\"}")
        .contains("resttest DELETE jobs/job-1 -> 404 (")
        .contains("): InvalidRequestException")
        .doesNotContain("request body")
        .doesNotContain("view=full");
    assertThat(log.lines().filter(l -> l.contains("DEBUG") && l.contains(" -> "))).hasSize(2);
    assertThat(log).doesNotContain(MASTER_KEY, SIGNATURE);
  }
}
