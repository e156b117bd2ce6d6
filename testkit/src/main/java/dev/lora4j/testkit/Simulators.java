package dev.lora4j.testkit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the simulator of a provider by the provider's name, for tools (such as a command line)
 * that offer a simulator for each provider without naming the simulator classes.
 *
 * <pre>{@code
 * try (Simulator sim = Simulators.start("wiro").orElseThrow()) {
 *     Map<String, String> options = sim.clientSettings(); // provider, baseUrl, apiKey, ...
 * }
 * }</pre>
 */
public final class Simulators {

  private static final List<String> PROVIDERS = List.of(XaloraSimulator.PROVIDER, WiroSimulator.PROVIDER);

  private Simulators() {
  }

  /**
   * The names of the providers that have a simulator, in a stable order.
   *
   * @return {@code ["xalora", "wiro"]}, immutable
   */
  public static List<String> providers() {
    return PROVIDERS;
  }

  /**
   * A builder with the defaults for a provider's simulator, to change the settings every simulator
   * has (port, queue and run times, ...) before building it.
   *
   * @param provider a provider name, case-insensitive, surrounding blanks ignored
   * @return the builder; empty for a provider without a simulator
   */
  public static Optional<Simulator.Builder> builder(String provider) {
    switch (Objects.requireNonNull(provider, "provider").strip().toLowerCase(Locale.ROOT)) {
      case XaloraSimulator.PROVIDER:
        return Optional.of(XaloraSimulator.builder());
      case WiroSimulator.PROVIDER:
        return Optional.of(WiroSimulator.builder());
      default:
        return Optional.empty();
    }
  }

  /**
   * A LoRA the provider's simulator accepts, and the real provider knows too: the seed's example,
   * for tools that run a task without being told which LoRA to use.
   *
   * @param provider a provider name, case-insensitive, surrounding blanks ignored
   * @return {@code gecko} for Xalora, the catalog id {@code 1236} for Wiro; empty for a provider
   *     without a simulator
   */
  public static Optional<String> exampleLora(String provider) {
    switch (Objects.requireNonNull(provider, "provider").strip().toLowerCase(Locale.ROOT)) {
      case XaloraSimulator.PROVIDER:
        return Optional.of("gecko");
      case WiroSimulator.PROVIDER:
        return Optional.of("1236");
      default:
        return Optional.empty();
    }
  }

  /**
   * Starts the simulator of a provider with the default settings, on an ephemeral port of
   * {@code 127.0.0.1}. The caller closes it.
   *
   * @param provider a provider name, case-insensitive, surrounding blanks ignored
   * @return the started simulator; empty for a provider without a simulator
   */
  public static Optional<Simulator> start(String provider) {
    return builder(provider).map(builder -> builder.build().start());
  }
}
