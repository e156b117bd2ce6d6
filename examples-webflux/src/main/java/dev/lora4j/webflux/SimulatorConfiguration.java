package dev.lora4j.webflux;

import dev.lora4j.TaskClient;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded simulator: a {@link SimulatorCustomizer} that the starter applies to the client's
 * options, and the {@link EmbeddedSimulator} it starts, stopped with the context after the client
 * that talks to it. (The starter reads customizers through an {@code ObjectProvider}, which does not
 * tell Spring that the client depends on them; {@link ClientAfterSimulator} does.)
 */
@Configuration(proxyBeanMethods = false)
class SimulatorConfiguration {

  @Bean(destroyMethod = "close")
  EmbeddedSimulator embeddedSimulator(SimulatorProperties properties) {
    return new EmbeddedSimulator(properties);
  }

  @Bean
  static ClientAfterSimulator clientAfterSimulator() {
    return new ClientAfterSimulator();
  }

  @Bean
  SimulatorCustomizer simulatorCustomizer(EmbeddedSimulator embeddedSimulator, SimulatorProperties properties) {
    return new SimulatorCustomizer(embeddedSimulator, properties);
  }

  /** Makes every {@link TaskClient} bean depend on the simulator, so that it is closed first. */
  static final class ClientAfterSimulator extends AbstractDependsOnBeanFactoryPostProcessor {

    ClientAfterSimulator() {
      super(TaskClient.class, "embeddedSimulator");
    }
  }
}
