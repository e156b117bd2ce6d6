package dev.lora4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.ProviderSetting;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Discovery with the test providers of {@code META-INF/services}: alpha and beta load, one entry
 * names a missing class and one a factory whose constructor fails.
 */
class TaskClientsTest {

  private static ClientOptions.Builder isolated(Map<String, String> env) {
    return ClientOptions.builder().environment(env).systemProperties(new Properties());
  }

  @Test
  void listsTheProvidersThatLoadSortedAndSkipsBrokenOnes() {
    assertThat(TaskClients.providers()).containsExactly("alpha", "beta");
  }

  @Test
  void describesTheProvidersThatLoadSortedWithTheirSettings() {
    assertThat(TaskClients.descriptions()).extracting(ProviderDescription::name).containsExactly("alpha", "beta");
    ProviderSetting<?> key = TaskClients.descriptions().get(1).settings().get(0);
    assertThat(key.name()).isEqualTo("apiKey");
    assertThat(key.environmentVariable()).isEqualTo("BETA_API_KEY");
    assertThat(key.required()).isTrue();
  }

  @Test
  void createsTheProviderNamedInTheOptions() {
    try (TaskClient client = TaskClients.create(isolated(Map.of()).provider("Beta").build())) {
      assertThat(client.provider()).isEqualTo("beta");
      StepVerifier.create(client.run(TextToImage.of("a cat", "cat")))
          .expectNextMatches(r -> r.handle().provider().equals("beta"))
          .verifyComplete();
    }
  }

  @Test
  void createsTheProviderNamedInTheEnvironment() {
    try (TaskClient client = TaskClients.create(isolated(Map.of("LORA4J_PROVIDER", "alpha")).build())) {
      assertThat(client.provider()).isEqualTo("alpha");
    }
  }

  @Test
  void theSystemPropertyBeatsTheEnvironment() {
    Properties props = new Properties();
    props.setProperty("lora4j.provider", "beta");
    ClientOptions options = ClientOptions.builder()
        .environment(Map.of("LORA4J_PROVIDER", "alpha")).systemProperties(props).build();
    assertThat(TaskClients.choose(options).toString()).isEqualTo("beta (named by system property lora4j.provider)");
  }

  @Test
  void choosesTheOnlyProviderWhoseCredentialsAreConfigured() {
    ClientOptions options = isolated(Map.of("BETA_API_KEY", "k")).build();
    assertThat(TaskClients.choose(options).toString())
        .isEqualTo("beta (the only provider whose credentials are configured)");
    try (TaskClient client = TaskClients.create(options)) {
      assertThat(client.provider()).isEqualTo("beta");
    }
  }

  @Test
  void failsListingEveryProviderWhenNoneCanBeChosen() {
    assertThatThrownBy(() -> TaskClients.create(isolated(Map.of()).build()))
        .isInstanceOf(ProviderNotFoundException.class)
        .hasMessageContaining("no provider's credentials are configured")
        .hasMessageContaining("providers found: alpha, beta")
        .hasMessageContaining("LORA4J_PROVIDER");
    assertThatThrownBy(() -> TaskClients.create(isolated(Map.of("ALPHA_API_KEY", "a", "BETA_API_KEY", "b")).build()))
        .isInstanceOf(ProviderNotFoundException.class)
        .hasMessageContaining("the credentials of 2 providers are configured (alpha, beta)");
  }

  @Test
  void failsListingEveryProviderWhenTheNamedOneIsMissing() {
    assertThatThrownBy(() -> TaskClients.create(isolated(Map.of()).provider("wiro").build()))
        .isInstanceOf(ProviderNotFoundException.class)
        .hasMessageContaining("provider 'wiro' (named by option provider) is not on the class path")
        .hasMessageContaining("providers found: alpha, beta")
        .hasMessageContaining("Add a lora4j provider jar to the class path")
        .hasMessageNotContaining("lora4j-provider-");
  }

  @Test
  void createByNameUsesThatProvider() {
    try (TaskClient client = TaskClients.create("alpha")) {
      assertThat(client.provider()).isEqualTo("alpha");
    }
  }
}
