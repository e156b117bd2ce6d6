package dev.lora4j.spring;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Creates one {@link TaskClient} bean from the {@code lora4j.*} properties ({@link
 * Lora4jProperties}), when a provider's jar is on the class path and the application defines no
 * {@code TaskClient} of its own. The options are built from the properties, then from the
 * application's Micrometer registries (when Micrometer is on the class path and the beans exist),
 * then from every {@link ClientOptionsCustomizer} bean in order; what is still unset falls back to
 * system properties and environment variables as in {@link ClientOptions}. The client is closed
 * with the application context.
 *
 * <p>A property with a bad value fails start-up with {@link
 * org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException}
 * naming it (its value too, unless it is a credential); {@code lora4j.enabled=false} turns the
 * whole configuration off.
 */
@AutoConfiguration
@ConditionalOnClass(TaskClient.class)
@Conditional(OnProviderCondition.class)
@ConditionalOnBooleanProperty(name = "lora4j.enabled", matchIfMissing = true)
@EnableConfigurationProperties(Lora4jProperties.class)
public final class Lora4jAutoConfiguration {

  /** The name of the client's bean. */
  static final String CLIENT_BEAN = "lora4jTaskClient";

  /** Created by Spring. */
  Lora4jAutoConfiguration() {}

  /**
   * Makes the client's bean depend on every {@link ClientOptionsCustomizer} bean, so that a
   * customizer's resources (a test server the client is pointed at, say) are destroyed after the
   * client that uses them; customizers are read through an {@code ObjectProvider}, which Spring
   * does not count as a dependency.
   *
   * @return the post-processor
   */
  @Bean
  static org.springframework.beans.factory.config.BeanFactoryPostProcessor lora4jCustomizersFirst() {
    return factory -> {
      if (!factory.containsBeanDefinition(CLIENT_BEAN)) {
        return;
      }
      var definition = factory.getBeanDefinition(CLIENT_BEAN);
      java.util.List<String> dependsOn = new java.util.ArrayList<>();
      if (definition.getDependsOn() != null) {
        dependsOn.addAll(java.util.List.of(definition.getDependsOn()));
      }
      dependsOn.addAll(java.util.List.of(factory.getBeanNamesForType(ClientOptionsCustomizer.class, true, false)));
      definition.setDependsOn(dependsOn.toArray(String[]::new));
    };
  }

  /**
   * The client.
   *
   * @param properties the {@code lora4j.*} properties
   * @param contributions what optional integrations (Micrometer, health) add to the options
   * @param customizers the application's customizers
   * @return the client, closed with the context
   */
  @Bean(name = CLIENT_BEAN, destroyMethod = "close")
  @ConditionalOnMissingBean(TaskClient.class)
  TaskClient lora4jTaskClient(
      Lora4jProperties properties,
      ObjectProvider<OptionsContribution> contributions,
      ObjectProvider<ClientOptionsCustomizer> customizers) {
    ClientOptions.Builder builder = PropertiesOptions.builder(properties);
    contributions.orderedStream().forEach(c -> c.contribute(builder, properties));
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return PropertiesOptions.create(builder.build(), properties);
  }

  /** Sends the client's observations to the application's {@code ObservationRegistry}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
  static class ObservationConfiguration {

    @Bean
    OptionsContribution lora4jObservations(ObjectProvider<io.micrometer.observation.ObservationRegistry> registry) {
      return (builder, properties) -> {
        var bean = registry.getIfUnique();
        if (bean != null && properties.getObservability().isObservations()) {
          builder.observationRegistry(bean);
        }
      };
    }
  }

  /** Sends the client's meters to the application's {@code MeterRegistry}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class MeterConfiguration {

    @Bean
    OptionsContribution lora4jMeters(ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
      return (builder, properties) -> {
        var bean = registry.getIfUnique();
        if (bean != null && properties.getObservability().isMetrics()) {
          builder.meterRegistry(bean);
          builder.httpClientMetrics(properties.getObservability().isHttpClientMetrics());
        }
      };
    }
  }

  /** Keeps lora4j's credentials out of Actuator's {@code configprops} and {@code env} endpoints. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
  static class SanitizingConfiguration {

    @Bean
    org.springframework.boot.actuate.endpoint.SanitizingFunction lora4jCredentialsSanitizer() {
      return new CredentialsSanitizer(TaskClients.descriptions());
    }
  }
}
