package dev.lora4j;

import dev.lora4j.internal.DefaultTaskClient;
import dev.lora4j.internal.Instrumentation;
import dev.lora4j.internal.http.RequestBudget;
import dev.lora4j.internal.ProviderRegistry;
import dev.lora4j.spi.ProviderContext;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.TaskProvider;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Creates {@link TaskClient}s for the providers on the class path, found with {@link
 * java.util.ServiceLoader}. An application switches provider by changing which provider jar it
 * ships, or by naming one.
 *
 * <p>The provider is chosen deterministically:
 *
 * <ol>
 *   <li>the one named by {@link ClientOptions#PROVIDER}, the system property {@code
 *       lora4j.provider} or the environment variable {@code LORA4J_PROVIDER};
 *   <li>else the only provider on the class path;
 *   <li>else the only provider whose credentials are configured;
 *   <li>else {@link ProviderNotFoundException}, listing every provider found and how to choose.
 * </ol>
 *
 * A provider jar that fails to load is skipped with a warning and never breaks the others. The
 * class path is searched once per process, at the first call of any method here.
 */
public final class TaskClients {

  private TaskClients() {}

  /**
   * Creates a client for the chosen provider, configured from system properties and the
   * environment.
   *
   * @return a new client; close it when done
   * @throws ProviderNotFoundException if no provider can be chosen
   * @throws AuthenticationException if the chosen provider's credentials are missing or malformed
   */
  public static TaskClient create() {
    return create(ClientOptions.defaults());
  }

  /**
   * Creates a client for the provider called {@code provider}, configured from system properties
   * and the environment.
   *
   * @param provider the provider's name, such as {@code xalora} or {@code wiro}
   * @return a new client; close it when done
   * @throws ProviderNotFoundException if no provider of that name is on the class path
   * @throws AuthenticationException if its credentials are missing or malformed
   */
  public static TaskClient create(String provider) {
    Objects.requireNonNull(provider, "provider");
    return create(ClientOptions.builder().provider(provider).build());
  }

  /**
   * Creates a client configured by {@code options}, with system properties and the environment as
   * fallbacks.
   *
   * @param options the options
   * @return a new client; close it when done
   * @throws ProviderNotFoundException if no provider can be chosen
   * @throws AuthenticationException if the chosen provider's credentials are missing or malformed
   * @throws IllegalArgumentException if an option has a bad value
   */
  public static TaskClient create(ClientOptions options) {
    Objects.requireNonNull(options, "options");
    ProviderRegistry.Selection chosen = ProviderRegistry.installed().select(options);
    // every option of the core is read before the provider opens connections that would leak
    Duration pollInterval = options.pollInterval().orElse(WatchOptions.DEFAULT_INTERVAL);
    RequestBudget budget = RequestBudget.of("lora4j-" + chosen.description().name(), options);
    TaskProvider provider = chosen.factory().create(ProviderContext.of(chosen.description(), options));
    String name = chosen.description().name();
    Instrumentation instrumentation = Instrumentation.of(name, options.observationRegistry, options.meterRegistry);
    return new DefaultTaskClient(name, provider, pollInterval, budget, instrumentation);
  }

  /**
   * Returns the names of the providers on the class path.
   *
   * @return the names, sorted
   */
  public static List<String> providers() {
    return ProviderRegistry.installed().names();
  }

  /**
   * Describes the providers on the class path: each one's settings (option, system property,
   * environment variable, whether required or sensitive, default) and whether the testkit has a
   * simulator of it. For tools that configure any provider without knowing it, such as the {@code
   * lora4j} command.
   *
   * @return the descriptions, sorted by provider name
   */
  public static List<ProviderDescription> descriptions() {
    return ProviderRegistry.installed().descriptions();
  }

  /**
   * Tells which provider {@link #create(ClientOptions)} would choose for {@code options}, and why,
   * without creating a client.
   *
   * @param options the options
   * @return the choice, such as {@code xalora} because {@code the only provider on the class path}
   * @throws ProviderNotFoundException if no provider can be chosen
   */
  public static ProviderChoice choose(ClientOptions options) {
    ProviderRegistry.Selection s = ProviderRegistry.installed().select(Objects.requireNonNull(options, "options"));
    return new ProviderChoice(s.description().name(), s.reason());
  }

  /**
   * The provider {@link #create(ClientOptions)} would use, and why.
   *
   * @param provider the provider's name
   * @param reason why it is the one, such as {@code named by environment variable LORA4J_PROVIDER}
   */
  public record ProviderChoice(String provider, String reason) {

    /**
     * Describes the choice.
     *
     * @return such as {@code xalora (the only provider on the class path)}
     */
    @Override
    public String toString() {
      return provider + " (" + reason + ")";
    }
  }
}
