package dev.lora4j.spi;

import dev.lora4j.ClientOptions;

/**
 * Creates {@link TaskProvider}s; found with {@link java.util.ServiceLoader}. A provider module
 * registers its factory in {@code META-INF/services/dev.lora4j.spi.TaskProviderFactory} and in its
 * {@code module-info} ({@code provides dev.lora4j.spi.TaskProviderFactory with ...}).
 *
 * <p>Implementations need a public no-argument constructor, must be cheap to construct (every
 * discovery instantiates them) and must not do I/O before {@link #create(ClientOptions)}.
 */
public interface TaskProviderFactory {

  /**
   * Returns the provider's name: lower case, stable, unique among providers.
   *
   * @return the name, such as {@code xalora}
   */
  String name();

  /**
   * Tells whether {@code options} (with their system property and environment fallbacks) hold the
   * credentials this provider needs. Used to choose a provider when several are on the class path
   * and none is named.
   *
   * @param options the client options
   * @return {@code true} when this provider is configured
   */
  boolean supports(ClientOptions options);

  /**
   * Creates a provider.
   *
   * @param options the client options
   * @return a new provider, owned (and closed) by the client that asked for it
   * @throws dev.lora4j.AuthenticationException if the credentials are missing or malformed; the
   *     message names the setting, never the value
   * @throws IllegalArgumentException if another option has a bad value
   */
  TaskProvider create(ClientOptions options);
}
