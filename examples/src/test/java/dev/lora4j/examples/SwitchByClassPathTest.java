package dev.lora4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TextToImage;
import dev.lora4j.testkit.WiroSimulator;
import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The same application code runs on Xalora and on Wiro, switched only by which provider jar is on
 * the class path. The build runs this class twice, once without each provider jar (see the
 * surefire executions in examples/pom.xml), and tells it which provider to expect.
 */
class SwitchByClassPathTest {

  @Test
  void theSameCodeRunsOnWhicheverProviderIsOnTheClassPath() {
    String expected = System.getProperty("lora4j.expectedProvider");
    assertThat(expected).as("run by the only-xalora and only-wiro executions").isNotNull();
    try (XaloraSimulator xalora = XaloraSimulator.builder().queueTime(Duration.ofMillis(50)).runTime(Duration.ofMillis(100)).build().start();
         WiroSimulator wiro = WiroSimulator.builder().queueTime(Duration.ofMillis(50)).runTime(Duration.ofMillis(100)).build().start()) {
      // Both accounts are configured: only the class path decides.
      Map<String, String> env = Map.of(
          "XALORA_API_KEY", "sim-consumer#sim-key", "XALORA_WORKFLOW_URL", xalora.baseUrl().toString(),
          "WIRO_API_KEY", WiroSimulator.DEFAULT_API_KEY, "WIRO_API_SECRET", WiroSimulator.DEFAULT_API_SECRET,
          "WIRO_BASE_URL", wiro.baseUrl().toString(), "WIRO_SOCKET_URL", wiro.socketUrl().toString(),
          "LORA4J_POLL_INTERVAL", "50ms");
      ClientOptions options = ClientOptions.builder().environment(env).systemProperties(new Properties()).build();

      // The application code: one TextToImage, TaskClients.create().
      TaskResult result;
      try (TaskClient client = TaskClients.create(options)) {
        result = client.run(TextToImage.builder().prompt("a gecko playing american football").lora("678")
            .width(256).height(256).build()).block(Duration.ofSeconds(30));
      }

      assertThat(TaskClients.providers()).containsExactly(expected);
      assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
      assertThat(result.handle().provider()).isEqualTo(expected);
      assertThat(result.outputs()).isNotEmpty();
      assertThat(xalora.taskIds()).hasSize(expected.equals("xalora") ? 1 : 0);
      assertThat(wiro.taskIds()).hasSize(expected.equals("wiro") ? 1 : 0);
    }
  }
}
