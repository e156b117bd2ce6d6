package dev.lora4j.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.TaskClient;
import dev.lora4j.spring.Lora4jAutoConfiguration;
import dev.lora4j.testkit.XaloraSimulator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** When the client gets the embedded simulator, and when it is left to the real provider. */
class SimulatorCustomizerTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SimulatorProperties.class)
  static class Properties {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(Lora4jAutoConfiguration.class))
      .withUserConfiguration(Properties.class, SimulatorConfiguration.class, TestIsolation.class);

  @Test
  void withoutCredentialsTheFirstSimulatedProviderRunsOnItsSimulator() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      EmbeddedSimulator embedded = context.getBean(EmbeddedSimulator.class);
      assertThat(context.getBean(TaskClient.class).provider()).isEqualTo("xalora");
      assertThat(embedded.simulator()).get().satisfies(sim -> {
        assertThat(sim.provider()).isEqualTo("xalora");
        assertThat(sim.baseUrl().getHost()).isEqualTo("127.0.0.1");
      });
    });
  }

  @Test
  void theNamedProviderIsSimulated() {
    runner.withPropertyValues("lora4j.provider=wiro").run(context -> {
      assertThat(context.getBean(TaskClient.class).provider()).isEqualTo("wiro");
      assertThat(context.getBean(EmbeddedSimulator.class).simulator()).get()
          .satisfies(sim -> assertThat(sim.provider()).isEqualTo("wiro"));
    });
  }

  @Test
  void withCredentialsNoSimulatorStarts() {
    try (XaloraSimulator account = XaloraSimulator.builder().build().start()) {
      runner.withPropertyValues("lora4j.provider=xalora", "lora4j.api-key=sim-consumer#sim-key",
          "lora4j.base-url=" + account.baseUrl()).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EmbeddedSimulator.class).running()).isFalse();
          });
    }
  }

  @Test
  void turnedOffWithoutCredentialsTheStarterSaysWhatToSet() {
    runner.withPropertyValues("demo.simulator.enabled=false", "lora4j.provider=xalora").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().message().contains("XALORA_API_KEY");
    });
  }

  @Test
  void anAmbiguousChoiceIsLeftToTheStarter() {
    // one key, two providers that take it: the starter asks for lora4j.provider; nothing is simulated
    runner.withPropertyValues("lora4j.api-key=some-key").run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).rootCause().message().contains("lora4j.provider");
    });
  }
}
