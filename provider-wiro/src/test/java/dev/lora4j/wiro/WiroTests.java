package dev.lora4j.wiro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskUpdate;
import dev.lora4j.testkit.WiroSimulator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the scenario tests share: options that never read the machine's environment, and checks. */
final class WiroTests {

  static final Duration POLL = Duration.ofMillis(40);
  static final Duration WAIT = Duration.ofSeconds(20);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient DOWNLOADS = HttpClient.newHttpClient();

  private WiroTests() {}

  /** A quick simulator: 60 ms in the queue, 200 ms running. */
  static WiroSimulator.Builder quick() {
    return WiroSimulator.builder().queueTime(Duration.ofMillis(60)).runTime(Duration.ofMillis(200)).seed(7);
  }

  /**
   * Options as the environment of a deployment would give them: the simulator's default signature
   * project, its URLs, and a tracking mode; nothing read from this machine.
   */
  static ClientOptions.Builder options(WiroSimulator sim, String tracking, Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(Map.of(
        "WIRO_API_KEY", WiroSimulator.DEFAULT_API_KEY,
        "WIRO_API_SECRET", WiroSimulator.DEFAULT_API_SECRET,
        "WIRO_BASE_URL", sim.baseUrl().toString(),
        "WIRO_SOCKET_URL", sim.socketUrl().toString(),
        "WIRO_TRACKING", tracking));
    env.putAll(overrides);
    env.values().removeIf(String::isEmpty);
    return ClientOptions.builder().environment(env).systemProperties(new Properties()).pollInterval(POLL);
  }

  static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  /** Downloads an output with the JDK's client and decodes it as an image. */
  static BufferedImage download(TaskOutput output) throws Exception {
    HttpResponse<byte[]> response = DOWNLOADS.send(
        HttpRequest.newBuilder(output.url()).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as("GET " + output.url()).isEqualTo(200);
    assertThat((long) response.body().length).isEqualTo(output.size().orElseThrow());
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
    assertThat(image).as("a PNG at " + output.url()).isNotNull();
    return image;
  }

  /** Checks the status stream rule: never two updates in a row that report the same thing. */
  static void assertNoRepeatedUpdate(List<TaskUpdate> updates) {
    for (int i = 1; i < updates.size(); i++) {
      assertThat(updates.get(i).sameStateAs(updates.get(i - 1)))
          .as("update %d repeats update %d: %s", i, i - 1, updates.get(i))
          .isFalse();
    }
  }

  /** Waits for a condition the simulator or the provider reports, failing after {@link #WAIT}. */
  static void awaitCondition(String what, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      LockSupport.parkNanos(2_000_000);
    }
  }
}
