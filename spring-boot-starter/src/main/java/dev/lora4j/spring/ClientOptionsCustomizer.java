package dev.lora4j.spring;

import dev.lora4j.ClientOptions;

/**
 * Adjusts the {@link ClientOptions} of the auto-configured {@link dev.lora4j.TaskClient} in code.
 * Every bean of this type is applied, in {@link org.springframework.core.annotation.Order} order,
 * after the {@code lora4j.*} properties and the application's Micrometer registries have been set on
 * the builder, so that a customizer sees them and has the last word.
 *
 * <pre>{@code
 * @Bean
 * ClientOptionsCustomizer budget() {
 *   return builder -> builder.requestBudget(20);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ClientOptionsCustomizer {

  /**
   * Adjusts the options about to be built.
   *
   * @param builder the builder holding the {@code lora4j.*} properties; options left unset there
   *     still fall back to system properties and environment variables when the client is created
   */
  void customize(ClientOptions.Builder builder);
}
