package dev.lora4j.examples;

import dev.lora4j.ClientOptions;
import dev.lora4j.ProviderNotFoundException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.testkit.Simulator;
import dev.lora4j.testkit.Simulators;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the example programs' {@code main} methods connect: with {@link TaskClients#create} to the
 * provider's real service when its credentials are set, else to the testkit's simulator of it,
 * started on loopback (said on standard error). An application needs none of this: it calls
 * {@code TaskClients.create()}.
 */
public final class ExampleClient implements AutoCloseable {

  private final String provider;
  private final ClientOptions options;
  private final TaskClient client;
  private final @Nullable AutoCloseable simulator;

  private ExampleClient(String provider, ClientOptions options, @Nullable AutoCloseable simulator) {
    this.provider = provider;
    this.options = options;
    this.simulator = simulator;
    try {
      this.client = TaskClients.create(options);
    } catch (RuntimeException e) {
      stop(simulator);
      throw e;
    }
  }

  /**
   * Connects to {@code provider}, or to the one {@link TaskClients#choose} picks (Xalora when no
   * provider is configured), using the process environment.
   *
   * @param provider the provider's name, or {@code null} to choose
   * @return the connection; closing it closes the client and stops the simulator
   * @throws ProviderNotFoundException if the named provider is not on the class path
   */
  public static ExampleClient connect(@Nullable String provider) {
    return connect(provider, System.getenv());
  }

  static ExampleClient connect(@Nullable String provider, Map<String, String> environment) {
    ClientOptions.Builder builder = ClientOptions.builder().environment(environment);
    if (provider != null) {
      builder.provider(provider);
    }
    ClientOptions options = builder.build();
    String name;
    try {
      name = TaskClients.choose(options).provider();
    } catch (ProviderNotFoundException e) {
      if (provider != null || TaskClients.descriptions().stream().anyMatch(d -> d.configured(options))) {
        throw e;
      }
      name = "xalora";
    }
    String chosen = name;
    ProviderDescription description = TaskClients.descriptions().stream()
        .filter(d -> d.name().equals(chosen)).findFirst().orElseThrow();
    ClientOptions named = options.mutate().provider(chosen).build();
    if (description.configured(named) || !description.embeddedSimulator()) {
      return new ExampleClient(chosen, named, null);
    }
    Simulator simulator = Simulators.start(chosen)
        .orElseThrow(() -> new ProviderNotFoundException("the testkit has no simulator of provider " + chosen));
    ClientOptions.Builder simulated = named.mutate().pollInterval(Duration.ofMillis(250));
    simulator.clientSettings().forEach((key, value) -> description.setting(key).ifPresent(s -> s.set(simulated, "the simulator's " + key, value)));
    System.err.println("No " + description.missing(named).get(0).environmentVariable() + " set: using the "
        + description.displayName() + " simulator on loopback.");
    return new ExampleClient(chosen, simulated.build(), simulator);
  }


  /**
   * Returns the provider's name.
   *
   * @return such as {@code xalora}
   */
  public String provider() {
    return provider;
  }

  /**
   * Returns the options the client was made with, for more clients to the same service.
   *
   * @return the options
   */
  public ClientOptions options() {
    return options;
  }

  /**
   * Returns the client.
   *
   * @return the client, closed with this connection
   */
  public TaskClient client() {
    return client;
  }

  /**
   * Returns a LoRA the provider knows, for the provider-neutral examples.
   *
   * @return the testkit's {@linkplain Simulators#exampleLora example LoRA} of the provider:
   *     {@code 1236} on Wiro (a catalog id), {@code gecko} on Xalora
   */
  public String exampleLora() {
    return Simulators.exampleLora(provider).orElse("gecko");
  }

  /** Closes the client and stops the simulator, if one was started. */
  @Override
  public void close() {
    client.close();
    stop(simulator);
  }

  private static void stop(@Nullable AutoCloseable simulator) {
    if (simulator != null) {
      try {
        simulator.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop the simulator", e);
      }
    }
  }

  @Override
  public String toString() {
    return "ExampleClient{" + provider + (simulator == null ? "" : ", simulated") + "}";
  }
}
