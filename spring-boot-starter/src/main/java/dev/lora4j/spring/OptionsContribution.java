package dev.lora4j.spring;

import dev.lora4j.ClientOptions;

/**
 * What an optional integration (Micrometer, health) sets on the client's options, between the
 * properties and the application's {@link ClientOptionsCustomizer}s. Not for applications: they
 * use {@code ClientOptionsCustomizer}.
 */
@FunctionalInterface
interface OptionsContribution {

  /**
   * Sets the integration's options.
   *
   * @param builder the options being built
   * @param properties the {@code lora4j.*} properties
   */
  void contribute(ClientOptions.Builder builder, Lora4jProperties properties);
}
