package dev.lora4j.webflux;

import dev.lora4j.testkit.Simulator;
import dev.lora4j.testkit.Simulators;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the embedded simulator: starts at most one, on an ephemeral port of {@code 127.0.0.1}, and
 * stops it when the application context closes. Whether one is needed is for {@link
 * SimulatorCustomizer} to decide.
 */
public final class EmbeddedSimulator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSimulator.class);

  private final SimulatorProperties properties;
  private @Nullable Simulator simulator;

  /**
   * Creates the owner; nothing is started yet.
   *
   * @param properties the queue and run times of the simulated tasks
   */
  public EmbeddedSimulator(SimulatorProperties properties) {
    this.properties = properties;
  }

  /**
   * Starts the simulator of a provider, once.
   *
   * @param provider the provider's name, one of {@link Simulators#providers()}
   * @return the running simulator
   * @throws IllegalArgumentException if the testkit has no simulator of that provider
   * @throws IllegalStateException if a simulator of another provider runs already
   */
  public synchronized Simulator start(String provider) {
    if (simulator != null) {
      if (!simulator.provider().equals(provider)) {
        throw new IllegalStateException("the embedded " + simulator.provider() + " simulator runs already");
      }
      return simulator;
    }
    simulator = Simulators.builder(provider)
        .orElseThrow(() -> new IllegalArgumentException("lora4j-testkit has no simulator of provider " + provider))
        .queueTime(properties.queueTime())
        .runTime(properties.runTime())
        .build()
        .start();
    return simulator;
  }

  /**
   * The running simulator.
   *
   * @return the simulator, or empty when the client talks to the real provider
   */
  public synchronized Optional<Simulator> simulator() {
    return Optional.ofNullable(simulator);
  }

  /**
   * Tells whether the client talks to the embedded simulator.
   *
   * @return {@code true} when a simulator was started
   */
  public synchronized boolean running() {
    return simulator != null;
  }

  /** Stops the simulator, if one was started. */
  @Override
  public synchronized void close() {
    if (simulator != null) {
      LOG.debug("stopping the embedded {} simulator", simulator.provider());
      simulator.close();
    }
  }
}
