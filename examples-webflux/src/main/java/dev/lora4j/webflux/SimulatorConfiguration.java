package dev.lora4j.webflux;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded simulator: a {@link SimulatorCustomizer} that the starter applies to the client's
 * options, and the {@link EmbeddedSimulator} it starts, stopped with the context after the client
 * that talks to it (the starter makes its client depend on every customizer).
 */
@Configuration(proxyBeanMethods = false)
class SimulatorConfiguration {

  @Bean(destroyMethod = "close")
  EmbeddedSimulator embeddedSimulator(SimulatorProperties properties) {
    return new EmbeddedSimulator(properties);
  }

  @Bean
  SimulatorCustomizer simulatorCustomizer(EmbeddedSimulator embeddedSimulator, SimulatorProperties properties) {
    return new SimulatorCustomizer(embeddedSimulator, properties);
  }
}
