package dev.lora4j.spring;

import dev.lora4j.TaskClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code lora4j} health indicator ({@link Lora4jHealthIndicator}), from the outcomes of the
 * client's own requests (it sends none): with {@code spring-boot-health} on the class path (as
 * {@code spring-boot-starter-actuator} brings it) and {@code management.health.lora4j.enabled} not
 * {@code false}.
 */
@AutoConfiguration(after = Lora4jAutoConfiguration.class)
@ConditionalOnClass(name = {"dev.lora4j.TaskClient", "org.springframework.boot.health.contributor.HealthIndicator"})
public final class Lora4jHealthAutoConfiguration {

  /** Created by Spring. */
  Lora4jHealthAutoConfiguration() {}

  /** Nested, so that its condition is read only once spring-boot-health is known to be there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnEnabledHealthIndicator("lora4j")
  static class HealthConfiguration {

    @Bean
    RecentCalls lora4jRecentCalls() {
      return new RecentCalls(java.time.Clock.systemUTC());
    }

    @Bean
    OptionsContribution lora4jHealthCalls(RecentCalls calls) {
      return (builder, properties) -> builder.callListener(calls);
    }

    @Bean
    @ConditionalOnMissingBean(name = "lora4jHealthIndicator")
    Lora4jHealthIndicator lora4jHealthIndicator(
        ObjectProvider<TaskClient> client, RecentCalls calls, ObjectProvider<Lora4jProperties> properties) {
      Lora4jProperties p = properties.getIfAvailable(Lora4jProperties::new);
      int threshold = p.getHealth().getFailureThreshold();
      if (threshold < 1) {
        throw new InvalidConfigurationPropertyValueException(
            "lora4j.health.failure-threshold", threshold, "must be at least 1");
      }
      return new Lora4jHealthIndicator(client, calls, threshold);
    }
  }
}
