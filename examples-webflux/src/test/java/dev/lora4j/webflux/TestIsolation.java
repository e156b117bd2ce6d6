package dev.lora4j.webflux;

import dev.lora4j.spring.ClientOptionsCustomizer;
import java.util.Map;
import java.util.Properties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Keeps the tests' client off the developer's own account: the client sees no environment variables
 * and no system properties (an XALORA_API_KEY in the shell would otherwise make it talk to the
 * real provider), only the test's lora4j.* properties and the embedded simulator.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestIsolation {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  ClientOptionsCustomizer isolatedFromTheEnvironment() {
    return builder -> builder.environment(Map.of()).systemProperties(new Properties());
  }
}
