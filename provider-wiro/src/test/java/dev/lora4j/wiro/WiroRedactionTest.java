package dev.lora4j.wiro;

import static dev.lora4j.wiro.WiroTests.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.AuthenticationException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.testkit.RecordedRequest;
import dev.lora4j.testkit.WiroSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Runs signed calls, a socket watch, a failed sign-in and a cancel with lora4j logging at TRACE
 * (request and response bodies included; see {@code simplelogger.properties}) and checks that no
 * API key, secret, signature or socket token reaches a log line or an exception message.
 */
class WiroRedactionTest {

  @Test
  void noCredentialReachesALogLineOrAMessage() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    List<String> messages = new ArrayList<>();
    List<String> tokens = new ArrayList<>();
    List<String> signatures = new ArrayList<>();
    try (WiroSimulator sim = WiroTests.quick().queueTime(java.time.Duration.ofMillis(150)).build().start()) {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      try {
        try (TaskClient client = TaskClients.create(WiroTests.options(sim, "auto", Map.of()).build())) {
          TaskResult done = client.run(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build()).block(WAIT);
          assertThat(done.status()).isEqualTo(TaskStatus.FINISHED);
          tokens.add(Objects.requireNonNull(done.handle().token()));
          TaskHandle queued = client.submit(FluxLoraFast.of("a fox", WiroLora.WPAP_ART)).block(WAIT);
          tokens.add(Objects.requireNonNull(queued.token()));
          client.cancel(queued).block(WAIT);
          StepVerifier.create(client.cancel(queued)).expectErrorSatisfies(e -> messages.add(e.getMessage())).verify(WAIT);
          messages.add(done.toString());
          messages.add(client.toString());
        }
        try (TaskClient wrong = TaskClients.create(
            WiroTests.options(sim, "auto", Map.of("WIRO_API_SECRET", "wrong-secret-value")).build())) {
          StepVerifier.create(wrong.submit(FluxLoraFast.of("a fox", WiroLora.WPAP_ART)))
              .expectErrorSatisfies(e -> {
                assertThat(e).isInstanceOf(AuthenticationException.class);
                messages.add(e.getMessage());
                messages.add(String.valueOf(((AuthenticationException) e).providerMessage().orElse("")));
              })
              .verify(WAIT);
        }
      } finally {
        System.setErr(original);
      }
      for (RecordedRequest r : sim.requests()) {
        if (r.header("x-signature") != null) {
          signatures.add(r.header("x-signature"));
        }
      }
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    assertThat(log).as("TRACE logging is on").contains("Run/wiro/text-to-image-flux-lora-fast").contains("request body");
    assertThat(signatures).hasSizeGreaterThan(4);
    List<String> forbidden = new ArrayList<>(List.of(
        WiroSimulator.DEFAULT_API_KEY, WiroSimulator.DEFAULT_API_SECRET, "wrong-secret-value"));
    forbidden.addAll(signatures);
    forbidden.addAll(tokens);
    for (String secret : forbidden) {
      assertThat(log).doesNotContain(secret);
      assertThat(messages).allSatisfy(m -> assertThat(m).doesNotContain(secret));
    }
  }
}
