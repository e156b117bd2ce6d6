package dev.lora4j.wiro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ClientOptions;
import dev.lora4j.ProtocolException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

/**
 * A server that echoes each request's {@code x-signature} (and key) in answers that break the
 * protocol: a run answered without a task id, a cancel refused. Neither the {@link
 * ProtocolException}'s excerpt nor the refusal's message shows a signature.
 */
class WiroEchoedSignatureTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void noSignatureInAProtocolExceptionOrARefusedCancel() {
    List<String> signatures = new CopyOnWriteArrayList<>();
    DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
        .handle((req, res) -> req.receive().aggregate().asString().defaultIfEmpty("").flatMap(body -> {
          String signature = req.requestHeaders().get("x-signature");
          signatures.add(signature);
          String echo = signature + " for " + req.requestHeaders().get("x-api-key");
          String answer = req.uri().contains("Run/")
              ? "{\"result\":true,\"errors\":[],\"note\":\"" + echo + "\"}"
              : "{\"result\":false,\"errors\":[{\"code\":1,\"message\":\"Task is not in a cancellable state " + echo + "\"}]}";
          return res.header("Content-Type", "application/json").sendString(Mono.just(answer)).then();
        }))
        .bindNow();
    ClientOptions options = ClientOptions.builder().environment(Map.of(
            "WIRO_API_KEY", "echo-key-31", "WIRO_API_SECRET", "echo-secret-32",
            "WIRO_BASE_URL", "http://127.0.0.1:" + server.port() + "/v1", "WIRO_TRACKING", "polling"))
        .systemProperties(new Properties()).build();
    try (TaskClient client = TaskClients.create(options)) {
      StepVerifier.create(client.submit(FluxLoraFast.of("a fox", WiroLora.WPAP_ART)))
          .expectErrorSatisfies(e -> {
            assertThat(e).isInstanceOf(ProtocolException.class).hasMessageContaining("without a taskid")
                .hasMessageContaining("***");
            signatures.forEach(s -> assertThat(e.getMessage()).doesNotContain(s));
            assertThat(e.getMessage()).doesNotContain("echo-key-31");
          })
          .verify(WAIT);
      StepVerifier.create(client.cancel(new TaskHandle("wiro", "2221", null)))
          .expectErrorSatisfies(e -> {
            assertThat(e).isInstanceOf(TaskNotFoundException.class).hasMessageContaining("Task/Kill");
            assertThat(signatures).hasSize(3);
            signatures.forEach(s -> assertThat(e.getMessage()).doesNotContain(s));
            assertThat(((TaskNotFoundException) e).providerMessage().orElseThrow()).contains("***")
                .doesNotContain(signatures.get(2));
          })
          .verify(WAIT);
    } finally {
      server.disposeNow();
    }
  }
}
