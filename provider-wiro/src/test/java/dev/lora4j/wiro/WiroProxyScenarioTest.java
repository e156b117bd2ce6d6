package dev.lora4j.wiro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TextToImage;
import dev.lora4j.testing.Exposure;
import dev.lora4j.testing.TestProxy;
import dev.lora4j.testkit.WiroSimulator;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A Wiro task run through an HTTP proxy on loopback: the API calls and the status socket both
 * travel through it. The socket's host name is one only the proxy can resolve, so the task can
 * only be followed over the socket through the proxy.
 */
class WiroProxyScenarioTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String PROXY_PASSWORD = "wiro-proxy-pw-27";
  private static final String SOCKET_HOST = "socket.wiro.test";

  @Test
  void runsATaskWithTheCallsAndTheSocketThroughTheProxy() throws IOException {
    try (WiroSimulator sim = WiroSimulator.builder()
            .queueTime(Duration.ofMillis(300)).runTime(Duration.ofMillis(200)).seed(11).build().start();
        TestProxy proxy = new TestProxy().requireCredentials("ops", PROXY_PASSWORD)) {
      URI socketUrl = sim.socketUrl();
      proxy.resolve(SOCKET_HOST, socketUrl.getHost());
      Map<String, String> settings = sim.clientSettings();
      ClientOptions options = ClientOptions.builder()
          .environment(Map.of())
          .systemProperties(new Properties())
          .provider("wiro")
          .apiKey(settings.get("apiKey"))
          .apiSecret(settings.get("apiSecret"))
          .baseUrl(sim.baseUrl())
          .option(WiroProviderFactory.SOCKET_URL, URI.create(
              socketUrl.getScheme() + "://" + SOCKET_HOST + ":" + socketUrl.getPort() + socketUrl.getRawPath()))
          .option(WiroProviderFactory.TRACKING, WiroTracking.WEBSOCKET)
          .pollInterval(Duration.ofSeconds(30))
          .proxy("127.0.0.1", proxy.port())
          .proxyCredentials("ops", PROXY_PASSWORD)
          .build();
      Exposure seen = new Exposure();
      try (TaskClient client = TaskClients.create(options)) {
        seen.add(client);
        TaskResult result = seen.call(client.run(TextToImage.of("a heron at dawn", "678"))).block(WAIT);

        assertThat(result).as("the result; seen: %s", seen.texts()).isNotNull();
        assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
        assertThat(result.outputs()).isNotEmpty();
      }

      String api = sim.baseUrl().getHost() + ":" + sim.baseUrl().getPort();
      assertThat(proxy.received()).extracting(r -> r.method() + " " + r.target())
          .contains("CONNECT " + api, "CONNECT " + SOCKET_HOST + ":" + socketUrl.getPort())
          .allMatch(target -> target.equals("CONNECT " + api)
              || target.equals("CONNECT " + SOCKET_HOST + ":" + socketUrl.getPort()));
      assertThat(proxy.received())
          .allSatisfy(r -> assertThat(r.proxyAuthorization()).isEqualTo(TestProxy.basic("ops", PROXY_PASSWORD)));
      assertThat(seen.containing(List.of(PROXY_PASSWORD, TestProxy.basic("ops", PROXY_PASSWORD)))).isEmpty();
    }
  }
}
