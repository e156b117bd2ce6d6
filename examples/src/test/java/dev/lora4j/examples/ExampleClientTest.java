package dev.lora4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TextToImage;
import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the example programs' {@code main} methods connect, with an environment of the test's own. */
class ExampleClientTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void withoutCredentialsRunsOnTheSimulatorOfTheNamedProvider() {
    try (ExampleClient example = ExampleClient.connect("wiro", Map.of())) {
      assertThat(example.provider()).isEqualTo("wiro");
      assertThat(example.toString()).isEqualTo("ExampleClient{wiro, simulated}");
      TaskResult result = example.client().run(TextToImage.builder().prompt("a fox").lora(example.exampleLora())
          .width(64).height(64).build()).block(WAIT);
      assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    }
  }

  @Test
  void withCredentialsUsesThatServiceAndStartsNoSimulator() {
    try (XaloraSimulator account = XaloraSimulator.builder().queueTime(Duration.ofMillis(20)).runTime(Duration.ofMillis(20))
            .build().start();
         ExampleClient example = ExampleClient.connect(null, Map.of(
             "XALORA_API_KEY", XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY,
             "XALORA_WORKFLOW_URL", account.baseUrl().toString(), "LORA4J_POLL_INTERVAL", "20ms"))) {
      assertThat(example.provider()).isEqualTo("xalora");
      assertThat(example.toString()).isEqualTo("ExampleClient{xalora}");
      TaskResult result = example.client().run(TextToImage.of("a gecko", example.exampleLora())).block(WAIT);
      assertThat(account.taskIds()).containsExactly(result.handle().id());
    }
  }
}
