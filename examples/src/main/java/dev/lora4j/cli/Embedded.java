package dev.lora4j.cli;

import dev.lora4j.testkit.WiroSimulator;
import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the command knows per provider: the environment variable that holds its credentials, the
 * LoRA {@code generate} uses by default, and how to start its simulator for a run without an
 * account.
 */
enum Embedded {
  XALORA("xalora", "XALORA_API_KEY", "XALORA_API_KEY=consumerId#apiKey", "gecko") {
    @Override
    Simulator start(int port) {
      XaloraSimulator sim = XaloraSimulator.builder()
          .port(port)
          .queueTime(Duration.ofMillis(800))
          .runTime(Duration.ofMillis(2500))
          .build()
          .start();
      Map<String, String> env = new LinkedHashMap<>();
      env.put("XALORA_API_KEY", XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY);
      env.put("XALORA_WORKFLOW_URL", sim.baseUrl().toString());
      return new Simulator("Xalora", sim.baseUrl().toString(), env, sim);
    }
  },
  WIRO("wiro", "WIRO_API_KEY", "WIRO_API_KEY (and WIRO_API_SECRET for a signature project)", "1236") {
    @Override
    Simulator start(int port) {
      WiroSimulator sim = WiroSimulator.builder()
          .port(port)
          .queueTime(Duration.ofMillis(800))
          .runTime(Duration.ofMillis(2500))
          .build()
          .start();
      Map<String, String> env = new LinkedHashMap<>();
      env.put("WIRO_API_KEY", WiroSimulator.DEFAULT_API_KEY);
      env.put("WIRO_API_SECRET", WiroSimulator.DEFAULT_API_SECRET);
      env.put("WIRO_BASE_URL", sim.baseUrl().toString());
      env.put("WIRO_SOCKET_URL", sim.socketUrl().toString());
      return new Simulator("Wiro", sim.baseUrl().toString(), env, sim);
    }
  };

  /** The seed's example prompt, which {@code generate} uses when given none. */
  static final String SEED_PROMPT =
      "A photo of GECKO with dark green skin spots playing american football, cartoon, comic, anime";

  private final String provider;
  private final String credentialEnv;
  private final String credentialHint;
  private final String defaultLora;

  Embedded(String provider, String credentialEnv, String credentialHint, String defaultLora) {
    this.provider = provider;
    this.credentialEnv = credentialEnv;
    this.credentialHint = credentialHint;
    this.defaultLora = defaultLora;
  }

  String provider() {
    return provider;
  }

  String credentialEnv() {
    return credentialEnv;
  }

  String credentialHint() {
    return credentialHint;
  }

  String defaultLora() {
    return defaultLora;
  }

  /** Starts the simulator on {@code port} (0 for any free one). */
  abstract Simulator start(int port);

  static Optional<Embedded> of(String provider) {
    for (Embedded e : values()) {
      if (e.provider.equals(provider)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /**
   * A running simulator and the environment variables that point a client at it.
   *
   * @param label the provider's display name
   * @param url the simulator's base URL
   * @param env the variables to set
   * @param server the simulator, closed with this
   */
  record Simulator(String label, String url, Map<String, String> env, AutoCloseable server) implements AutoCloseable {
    @Override
    public void close() {
      try {
        server.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not stop the " + label + " simulator", e);
      }
    }
  }
}
