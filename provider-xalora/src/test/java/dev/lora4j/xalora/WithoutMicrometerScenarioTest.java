package dev.lora4j.xalora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TextToImage;
import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Micrometer is optional: with none of its jars on the class path (the {@code without-micrometer}
 * execution of surefire removes them; the default one skips this class) a client loads, submits,
 * watches, cancels and downloads over loopback.
 */
class WithoutMicrometerScenarioTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aClientRunsWithNoMicrometerOnTheClassPath() throws Exception {
    assertThatThrownBy(() -> Class.forName("io.micrometer.observation.ObservationRegistry"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry"))
        .isInstanceOf(ClassNotFoundException.class);
    try (XaloraSimulator sim = XaloraSimulator.builder().queueTime(Duration.ofMillis(40))
            .runTime(Duration.ofMillis(60)).seed(7).build().start();
        TaskClient client = TaskClients.create(ClientOptions.builder().environment(Map.of())
            .systemProperties(new Properties()).provider("xalora")
            .apiKey(XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY)
            .baseUrl(sim.baseUrl()).pollInterval(Duration.ofMillis(30)).build())) {
      TaskHandle handle = client.submit(TextToImage.of("a red fox", "gecko")).block(WAIT);
      TaskResult result = client.await(handle).block(WAIT);
      assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
      assertThat(client.run(TextToImage.of("a red fox", "gecko")).block(WAIT).status()).isEqualTo(TaskStatus.FINISHED);
      TaskHandle other = client.submit(TextToImage.of("to cancel", "gecko")).block(WAIT);
      client.cancel(other).block(WAIT);
      assertThat(client.status(other).block(WAIT).status()).isEqualTo(TaskStatus.CANCELED);
    }
  }
}
