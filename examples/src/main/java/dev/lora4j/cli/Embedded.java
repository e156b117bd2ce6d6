package dev.lora4j.cli;

import dev.lora4j.testkit.WiroSimulator;
import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only place in the command that knows providers by name: how to start the testkit's
 * simulator of a provider whose description offers one, the port {@code simulate} gives it, and
 * the LoRA {@code generate} uses by default. Everything else reads {@link
 * dev.lora4j.spi.ProviderDescription}s.
 */
final class Embedded {

  /** The seed's example prompt, which {@code generate} uses when given none. */
  static final String SEED_PROMPT =
      "A photo of GECKO with dark green skin spots playing american football, cartoon, comic, anime";

  /** The providers this class can simulate, in the order a run without any account prefers them. */
  static final List<String> PROVIDERS = List.of("xalora", "wiro");

  private static final Duration QUEUE_TIME = Duration.ofMillis(800);
  private static final Duration RUN_TIME = Duration.ofMillis(2500);

  private Embedded() {}

  /** Starts the provider's simulator on {@code port} (0 for any free one). */
  static Simulator start(String provider, int port) {
    Map<String, String> env = new LinkedHashMap<>();
    switch (provider) {
      case "xalora": {
        XaloraSimulator sim = XaloraSimulator.builder().port(port).queueTime(QUEUE_TIME).runTime(RUN_TIME).build().start();
        env.put("XALORA_API_KEY", XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY);
        env.put("XALORA_WORKFLOW_URL", sim.baseUrl().toString());
        return new Simulator(sim.baseUrl().toString(), env, sim);
      }
      case "wiro": {
        WiroSimulator sim = WiroSimulator.builder().port(port).queueTime(QUEUE_TIME).runTime(RUN_TIME).build().start();
        env.put("WIRO_API_KEY", WiroSimulator.DEFAULT_API_KEY);
        env.put("WIRO_API_SECRET", WiroSimulator.DEFAULT_API_SECRET);
        env.put("WIRO_BASE_URL", sim.baseUrl().toString());
        env.put("WIRO_SOCKET_URL", sim.socketUrl().toString());
        return new Simulator(sim.baseUrl().toString(), env, sim);
      }
      default:
        throw new IllegalArgumentException("the command has no simulator of provider " + provider);
    }
  }

  /** The port {@code lora4j simulate} starts the provider's simulator on, unless told otherwise. */
  static int defaultPort(String provider) {
    return 8611 + Math.max(PROVIDERS.indexOf(provider), 0);
  }

  /** The LoRA {@code generate} uses when given none: one the provider (and its simulator) knows. */
  static Optional<String> defaultLora(String provider) {
    switch (provider) {
      case "xalora":
        return Optional.of("gecko");
      case "wiro":
        return Optional.of("1236");
      default:
        return Optional.empty();
    }
  }

  /**
   * A running simulator and the settings that point a client at it.
   *
   * @param url the simulator's base URL
   * @param clientSettings the environment variables to set, by name
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
