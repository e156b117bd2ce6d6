package dev.lora4j.webflux;

import dev.lora4j.ClientOptions;
import dev.lora4j.ProviderNotFoundException;
import dev.lora4j.TaskClients;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.ProviderSetting;
import dev.lora4j.spring.ClientOptionsCustomizer;
import dev.lora4j.testkit.Simulator;
import dev.lora4j.testkit.Simulators;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Points the client at the embedded simulator when the chosen provider has no credentials, as the
 * {@code lora4j} command does: it inspects a copy of the options built so far (the {@code lora4j.*}
 * properties with their system property and environment fallbacks), and if the provider is not
 * configured, starts its simulator through {@link EmbeddedSimulator} and sets the simulator's
 * client settings on the builder, with a shorter poll interval unless one is set. When no provider
 * is named and none is configured, it takes the first of {@link Simulators#providers()} on the
 * class path. When the choice is ambiguous for another reason (two providers configured), it leaves
 * the options alone so that the starter reports the problem.
 */
public final class SimulatorCustomizer implements ClientOptionsCustomizer {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatorCustomizer.class);
  private static final String SOURCE = "the embedded simulator's client settings";

  private final EmbeddedSimulator owner;
  private final SimulatorProperties properties;

  /**
   * Creates the customizer.
   *
   * @param owner starts the simulator and stops it with the context
   * @param properties the simulator's settings
   */
  public SimulatorCustomizer(EmbeddedSimulator owner, SimulatorProperties properties) {
    this.owner = owner;
    this.properties = properties;
  }

  @Override
  public void customize(ClientOptions.Builder builder) {
    if (!properties.enabled()) {
      return;
    }
    ClientOptions options = builder.build();
    Optional<ProviderDescription> chosen = unconfigured(options);
    if (chosen.isEmpty()) {
      return;
    }
    ProviderDescription description = chosen.get();
    List<ProviderSetting<?>> missing = description.missing(options);
    Simulator simulator = owner.start(description.name());
    for (Map.Entry<String, String> setting : simulator.clientSettings().entrySet()) {
      apply(builder, description, setting.getKey(), setting.getValue());
    }
    if (options.pollInterval().isEmpty()) {
      builder.pollInterval(properties.pollInterval());
    }
    LOG.info("No {} (nor lora4j.api-key) set: using the embedded {} simulator at {}; the images are simulated.",
        missing.stream().map(ProviderSetting::environmentVariable).collect(Collectors.joining(" or ")),
        description.displayName(), simulator.baseUrl());
  }

  /**
   * The provider to simulate: the chosen one when it lacks a required setting and has a simulator;
   * with no provider named and none configured, the first provider with a simulator.
   */
  private static Optional<ProviderDescription> unconfigured(ClientOptions options) {
    List<ProviderDescription> all = TaskClients.descriptions();
    String name;
    try {
      name = TaskClients.choose(options).provider();
    } catch (ProviderNotFoundException e) {
      if (options.provider().isPresent() || all.stream().anyMatch(d -> d.configured(options))) {
        return Optional.empty();
      }
      name = Simulators.providers().stream()
          .filter(p -> all.stream().anyMatch(d -> d.name().equals(p) && d.embeddedSimulator()))
          .findFirst().orElse(null);
      if (name == null) {
        return Optional.empty();
      }
    }
    String provider = name;
    return all.stream()
        .filter(d -> d.name().equals(provider) && !d.configured(options))
        .filter(d -> d.embeddedSimulator() && Simulators.providers().contains(d.name()))
        .findFirst();
  }

  private static void apply(ClientOptions.Builder builder, ProviderDescription description, String name, String value) {
    if (name.equals(ClientOptions.PROVIDER.name())) {
      builder.provider(value);
      return;
    }
    ProviderSetting<?> setting = description.setting(name).orElseThrow(() -> new IllegalStateException(
        "the " + description.name() + " simulator gives a setting its provider does not declare: " + name));
    setting.set(builder, SOURCE, value);
  }
}
