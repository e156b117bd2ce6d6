package dev.lora4j.cli;

import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.ProviderSetting;
import dev.lora4j.testkit.Simulators;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded simulators: the testkit's {@link Simulators}, started for a provider whose
 * description offers one and described to the user by the description's environment variables.
 * Nothing here names a provider.
 */
final class Embedded {

  /** The seed's example prompt, which {@code generate} uses when given none. */
  static final String SEED_PROMPT =
      "A photo of GECKO with dark green skin spots playing american football, cartoon, comic, anime";

  /** The providers with a simulator, in the order a run without any account prefers them. */
  static final List<String> PROVIDERS = Simulators.providers();

  private static final Duration QUEUE_TIME = Duration.ofMillis(800);
  private static final Duration RUN_TIME = Duration.ofMillis(2500);

  private Embedded() {}

  /**
   * Starts the provider's simulator on {@code port} (0 for any free one).
   *
   * @throws IllegalArgumentException if the testkit has no simulator of the provider
   */
  static Simulator start(ProviderDescription description, int port) {
    dev.lora4j.testkit.Simulator sim = Simulators.builder(description.name())
        .orElseThrow(() -> new IllegalArgumentException("the command has no simulator of provider " + description.name()))
        .port(port).queueTime(QUEUE_TIME).runTime(RUN_TIME).build().start();
    Map<String, String> options = sim.clientSettings();
    Map<String, String> env = new LinkedHashMap<>();
    for (ProviderSetting<?> setting : description.settings()) {
      String value = options.get(setting.name());
      if (value != null) {
        env.put(setting.environmentVariable(), value);
      }
    }
    return new Simulator(sim.baseUrl().toString(), env, sim);
  }

  /** The port {@code lora4j simulate} starts the provider's simulator on, unless told otherwise. */
  static int defaultPort(String provider) {
    return 8611 + Math.max(PROVIDERS.indexOf(provider), 0);
  }

  /** The LoRA {@code generate} uses when given none: one the provider (and its simulator) knows. */
  static Optional<String> defaultLora(String provider) {
    return Simulators.exampleLora(provider);
  }

  /**
   * A running simulator and the settings that point a client at it.
   *
   * @param url the simulator's base URL
   * @param clientSettings the environment variables to set, by name, in the order of the
   *     provider's settings
   * @param server the simulator, closed with this
   */
  record Simulator(String url, Map<String, String> clientSettings, AutoCloseable server) implements AutoCloseable {
    @Override
    public void close() {
      try {
        server.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop the simulator at " + url, e);
      }
    }
  }
}
