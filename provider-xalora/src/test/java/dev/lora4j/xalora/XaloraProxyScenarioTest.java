package dev.lora4j.xalora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TextToImage;
import dev.lora4j.testing.Exposure;
import dev.lora4j.testing.TestProxy;
import dev.lora4j.testkit.XaloraSimulator;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A Xalora task run through an HTTP proxy on loopback, configured with {@link ClientOptions}. */
class XaloraProxyScenarioTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String KEY = XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY;
  private static final String PROXY_PASSWORD = "xalora-proxy-pw-91";

  @Test
  void runsATaskWithEveryCallThroughTheProxy() throws IOException {
    try (XaloraSimulator sim = XaloraSimulator.builder()
            .queueTime(Duration.ofMillis(60)).runTime(Duration.ofMillis(120)).seed(7).build().start();
        TestProxy proxy = new TestProxy().requireCredentials("ops", PROXY_PASSWORD)) {
      ClientOptions options = ClientOptions.builder()
          .environment(Map.of())
          .systemProperties(new Properties())
          .provider("xalora")
          .apiKey(KEY)
          .baseUrl(sim.baseUrl())
          .pollInterval(Duration.ofMillis(40))
          .proxy("127.0.0.1", proxy.port())
          .proxyCredentials("ops", PROXY_PASSWORD)
          .build();
      Exposure seen = new Exposure();
      try (TaskClient client = TaskClients.create(options)) {
        seen.add(client);
        TaskResult result = seen.call(client.run(TextToImage.of("a fox in the snow", "gecko"))).block(WAIT);

        assertThat(result).isNotNull();
        assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
        assertThat(result.outputs()).hasSize(1);
      }

      String simulator = sim.baseUrl().getHost() + ":" + sim.baseUrl().getPort();
      assertThat(proxy.received()).isNotEmpty().allSatisfy(r -> {
        assertThat(r.method() + " " + r.target()).isEqualTo("CONNECT " + simulator);
        assertThat(r.proxyAuthorization()).isEqualTo(TestProxy.basic("ops", PROXY_PASSWORD));
      });
      assertThat(seen.containing(List.of(PROXY_PASSWORD))).isEmpty();
    }
  }
}
