package dev.lora4j.wiro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.AuthenticationException;
import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskStatus;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.ProviderSetting;
import dev.lora4j.testkit.WiroSimulator;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Finding and configuring the Wiro provider through {@link TaskClients}. */
class WiroDiscoveryTest {

  private static ClientOptions.Builder env(Map<String, String> environment) {
    return ClientOptions.builder().environment(environment).systemProperties(new Properties());
  }

  @Test
  void isTheOnlyProviderOnThisClassPathAndRunsFromTheEnvironmentAlone() {
    try (WiroSimulator sim = WiroTests.quick().build().start()) {
      ClientOptions options = env(Map.of(
          "WIRO_API_KEY", WiroSimulator.DEFAULT_API_KEY,
          "WIRO_API_SECRET", WiroSimulator.DEFAULT_API_SECRET,
          "WIRO_BASE_URL", sim.baseUrl().toString(),
          "WIRO_SOCKET_URL", sim.socketUrl().toString()))
          .pollInterval(Duration.ofMillis(40))
          .build();

      assertThat(TaskClients.providers()).containsExactly("wiro");
      assertThat(TaskClients.choose(options).toString()).startsWith("wiro (");
      try (TaskClient client = TaskClients.create(options)) {
        assertThat(client.provider()).isEqualTo("wiro");
        assertThat(client.run(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build()).block(WiroTests.WAIT).status())
            .isEqualTo(TaskStatus.FINISHED);
      }
      assertThat(sim.requests(WiroSimulator.SOCKET)).hasSize(1);
    }
  }

  @Test
  void supportsOnlyWithAnApiKey() {
    WiroProviderFactory factory = new WiroProviderFactory();

    assertThat(factory.name()).isEqualTo("wiro");
    assertThat(factory.supports(env(Map.of("WIRO_API_KEY", "k")).build())).isTrue();
    assertThat(factory.supports(env(Map.of()).apiKey("k").build())).isTrue();
    Properties props = new Properties();
    props.setProperty("lora4j.apiKey", "k");
    assertThat(factory.supports(ClientOptions.builder().environment(Map.of()).systemProperties(props).build())).isTrue();
    assertThat(factory.supports(env(Map.of("WIRO_API_SECRET", "s")).build())).isFalse();
  }

  @Test
  void describesEverySettingWithItsVariables() {
    ProviderDescription d = new WiroProviderFactory().description();

    assertThat(d.name()).isEqualTo("wiro");
    assertThat(d.embeddedSimulator()).isTrue();
    assertThat(d.settings()).extracting(ProviderSetting::name)
        .containsExactly("apiKey", "apiSecret", "baseUrl", "wiro.socketUrl", "wiro.tracking");
    assertThat(d.settings()).extracting(ProviderSetting::environmentVariable)
        .containsExactly("WIRO_API_KEY", "WIRO_API_SECRET", "WIRO_BASE_URL", "WIRO_SOCKET_URL", "WIRO_TRACKING");
    assertThat(d.settings()).extracting(ProviderSetting::systemProperty)
        .containsExactly("lora4j.apiKey", "lora4j.apiSecret", "lora4j.baseUrl", "lora4j.wiro.socketUrl", "lora4j.wiro.tracking");
    assertThat(d.settings()).extracting(ProviderSetting::required).containsExactly(true, false, false, false, false);
    assertThat(d.settings()).extracting(ProviderSetting::sensitive).containsExactly(true, true, false, false, false);
    assertThat(d.settings()).extracting(s -> s.defaultValue().orElse(null))
        .containsExactly(null, null, "https://api.wiro.ai/v1", "wss://socket.wiro.ai/v1", "auto");
    assertThat(d.setting("wiro.tracking").orElseThrow().option()).isSameAs(WiroProviderFactory.TRACKING);
  }

  @Test
  void withoutAnApiKeySaysWhatToSet() {
    assertThatThrownBy(() -> TaskClients.create(env(Map.of()).build()))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("WIRO_API_KEY")
        .hasMessageContaining("lora4j.apiKey")
        .hasMessageContaining("WIRO_API_SECRET");
  }

  @Test
  void aBadTrackingModeOrSocketUrlIsNamed() {
    assertThatThrownBy(() -> TaskClients.create(env(Map.of("WIRO_API_KEY", "k", "WIRO_TRACKING", "carrier-pigeon")).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WIRO_TRACKING")
        .hasMessageContaining("carrier-pigeon")
        .hasMessageContaining("auto, websocket or polling");
    assertThatThrownBy(() -> TaskClients.create(env(Map.of("WIRO_API_KEY", "k", "WIRO_SOCKET_URL", "https://socket.example.test")).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WIRO_SOCKET_URL")
        .hasMessageContaining("ws or wss");
  }

  @Test
  void typedOptionsWinOverTheEnvironment() {
    ClientOptions options = env(Map.of("WIRO_API_KEY", "k", "WIRO_TRACKING", "carrier-pigeon"))
        .option(WiroProviderFactory.TRACKING, WiroTracking.POLLING)
        .build();

    assertThat(options.value(WiroProviderFactory.TRACKING, WiroProviderFactory.TRACKING_ENV)).hasValue(WiroTracking.POLLING);
    try (TaskClient client = TaskClients.create(options)) {
      assertThat(client.provider()).isEqualTo("wiro");
    }
  }

  @Test
  void neverPrintsTheCredentials() {
    ClientOptions options = env(Map.of("WIRO_API_KEY", "key-visible-nowhere", "WIRO_API_SECRET", "secret-visible-nowhere")).build();
    try (WiroClient wiro = WiroClient.create(options)) {
      assertThat(wiro.toString()).doesNotContain("key-visible-nowhere", "secret-visible-nowhere")
          .contains("environment variable WIRO_API_KEY").contains("https://api.wiro.ai/v1");
      assertThat(wiro.taskClient().toString()).doesNotContain("key-visible-nowhere", "secret-visible-nowhere");
    }
  }
}
