package dev.lora4j.spi;

import dev.lora4j.ClientOptions;

/**
 * Creates {@link TaskProvider}s; found with {@link java.util.ServiceLoader}. A provider module
 * registers its factory in {@code META-INF/services/dev.lora4j.spi.TaskProviderFactory} and in its
 * {@code module-info} ({@code provides dev.lora4j.spi.TaskProviderFactory with ...}).
 *
 * <p>A factory describes the provider ({@link #description()}: its name and every setting it
 * reads) and creates it from a {@link ProviderContext}, which reads those settings and starts the
 * HTTP client. The core discovers factories once per process.
 *
 * <p>Implementations need a public no-argument constructor, must be cheap to construct and to
 * describe, and must not do I/O before {@link #create(ProviderContext)}.
 */
public interface TaskProviderFactory {

  /**
   * Describes the provider: its name, the settings it reads, whether the testkit simulates it.
   * Called once per discovery; return the same value every time (a constant).
   *
   * @return the description
   */
  ProviderDescription description();

  /**
   * Returns the provider's name: lower case, stable, unique among providers.
   *
   * @return the name, such as {@code xalora}; by default the description's
   */
  default String name() {
    return description().name();
  }

  /**
   * Tells whether {@code options} (with their system property and environment fallbacks) hold
   * every setting this provider requires, the credentials. Used to choose a provider when several
   * are on the class path and none is named. Only presence is checked.
   *
   * @param options the client options
   * @return {@code true} when this provider is configured; by default {@link
   *     ProviderDescription#configured}
   */
  default boolean supports(ClientOptions options) {
    return description().configured(options);
  }

  /**
   * Creates a provider.
   *
   * @param context the description and the client options, read through the declared settings
   * @return a new provider, owned (and closed) by the client that asked for it
   * @throws dev.lora4j.AuthenticationException if the credentials are missing or malformed; the
   *     message names the setting, never the value
   * @throws IllegalArgumentException if another setting has a bad value
   */
  TaskProvider create(ProviderContext context);
}
