package dev.lora4j.xalora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.AuthenticationException;
import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TextToImage;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.ProviderSetting;
import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What the Xalora factory declares, and that it starts from those settings alone. */
class XaloraProviderFactoryTest {

  private static ClientOptions.Builder isolated(Map<String, String> env) {
    return ClientOptions.builder().environment(env).systemProperties(new Properties());
  }

  @Test
  void describesItsCredentialsAndBaseUrlWithTheirVariables() {
    ProviderDescription d = new XaloraProviderFactory().description();

    assertThat(d.name()).isEqualTo("xalora");
    assertThat(d.embeddedSimulator()).isTrue();
    assertThat(d.settings()).extracting(ProviderSetting::name).containsExactly("apiKey", "baseUrl");
    ProviderSetting<?> key = d.setting("apiKey").orElseThrow();
    assertThat(key.environmentVariable()).isEqualTo("XALORA_API_KEY");
    assertThat(key.systemProperty()).isEqualTo("lora4j.apiKey");
    assertThat(key.required()).isTrue();
    assertThat(key.sensitive()).isTrue();
    assertThat(key.description()).contains("consumerId#apiKey");
    ProviderSetting<?> url = d.setting("baseUrl").orElseThrow();
    assertThat(url.environmentVariable()).isEqualTo("XALORA_WORKFLOW_URL");
    assertThat(url.systemProperty()).isEqualTo("lora4j.baseUrl");
    assertThat(url.required()).isFalse();
    assertThat(url.defaultValue()).hasValue("https://sequencer-v2.xalora.xyz");
  }

  @Test
  void isConfiguredExactlyWhenTheCredentialsAreSet() {
    XaloraProviderFactory factory = new XaloraProviderFactory();

    assertThat(factory.supports(isolated(Map.of("XALORA_API_KEY", "c#k")).build())).isTrue();
    assertThat(factory.supports(isolated(Map.of()).apiKey("c#k").build())).isTrue();
    assertThat(factory.supports(isolated(Map.of("XALORA_WORKFLOW_URL", "http://127.0.0.1:1")).build())).isFalse();
  }

  @Test
  void withoutCredentialsSaysWhereToSetThemAndInWhichForm() {
    assertThatThrownBy(() -> TaskClients.create(isolated(Map.of()).provider("xalora").build()))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("no Xalora credentials: set XALORA_API_KEY, the system property lora4j.apiKey or the option apiKey"
            + " (the account's credentials, in the form consumerId#apiKey)");
  }

  @Test
  void runsFromTheEnvironmentVariablesItDeclares() {
    try (XaloraSimulator sim = XaloraSimulator.builder().queueTime(Duration.ofMillis(20)).runTime(Duration.ofMillis(20))
            .build().start();
         TaskClient client = TaskClients.create(isolated(Map.of(
             "XALORA_API_KEY", XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY,
             "XALORA_WORKFLOW_URL", sim.baseUrl().toString())).provider("xalora").pollInterval(Duration.ofMillis(20)).build())) {
      TaskResult result = client.run(TextToImage.of("a gecko", "gecko")).block(Duration.ofSeconds(20));

      assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
      assertThat(sim.taskIds()).containsExactly(result.handle().id());
    }
  }
}
