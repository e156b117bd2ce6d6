package dev.lora4j.spi;

import dev.lora4j.ClientOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a provider is called, which settings it reads, and whether {@code lora4j-testkit} has a
 * simulator of it; returned by {@link TaskProviderFactory#description()}. Tools (the {@code lora4j}
 * command, {@link dev.lora4j.TaskClients#descriptions()}) use it to list a provider's settings, to
 * say what is missing and to accept settings by name, without knowing the provider.
 *
 * @param name the provider's name: lower case, stable, unique among providers, such as {@code
 *     xalora}
 * @param settings the settings it reads, in the order to show them; option names unique
 * @param embeddedSimulator whether {@code lora4j-testkit} has a simulator of this provider, which a
 *     tool may start on loopback when no account is configured
 */
public record ProviderDescription(String name, List<ProviderSetting<?>> settings, boolean embeddedSimulator) {

  /**
   * Checks and copies the parts.
   *
   * @param name the provider's name
   * @param settings the settings it reads
   * @param embeddedSimulator whether {@code lora4j-testkit} has a simulator of it
   * @throws IllegalArgumentException if the name is blank or not lower case, or two settings have
   *     the same option name
   */
  public ProviderDescription {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || !name.equals(name.strip().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("a provider's name must be lower case without spaces, was '" + name + "'");
    }
    settings = List.copyOf(settings);
    Set<String> names = new HashSet<>();
    for (ProviderSetting<?> s : settings) {
      if (!names.add(s.name())) {
        throw new IllegalArgumentException("provider " + name + " declares the setting " + s.name() + " twice");
      }
    }
  }

  /**
   * Describes a provider.
   *
   * @param name the provider's name
   * @param embeddedSimulator whether {@code lora4j-testkit} has a simulator of it
   * @param settings the settings it reads
   * @return the description
   * @throws IllegalArgumentException as the canonical constructor
   */
  public static ProviderDescription of(String name, boolean embeddedSimulator, ProviderSetting<?>... settings) {
    return new ProviderDescription(name, List.of(settings), embeddedSimulator);
  }

  /**
   * Returns the setting whose option is called {@code optionName}.
   *
   * @param optionName the option's name, such as {@code wiro.tracking}
   * @return the setting, or empty when this provider reads no such setting
   */
  public Optional<ProviderSetting<?>> setting(String optionName) {
    Objects.requireNonNull(optionName, "optionName");
    return settings.stream().filter(s -> s.name().equals(optionName)).findFirst();
  }

  /**
   * Returns the required settings that {@code options} (with their system property and
   * environment fallbacks) leave unset. Only presence is checked: nothing is parsed.
   *
   * @param options the client options
   * @return the missing settings, in declaration order; empty when the provider is configured
   */
  public List<ProviderSetting<?>> missing(ClientOptions options) {
    Objects.requireNonNull(options, "options");
    return settings.stream()
        .filter(s -> s.required() && options.sourceOf(s.option(), s.environmentVariable()).isEmpty())
        .toList();
  }

  /**
   * Tells whether every required setting is set in {@code options} or their fallbacks.
   *
   * @param options the client options
   * @return {@code true} when {@link #missing} is empty
   */
  public boolean configured(ClientOptions options) {
    return missing(options).isEmpty();
  }

  /**
   * Returns the name for sentences: its first letter in upper case.
   *
   * @return such as {@code Xalora}
   */
  public String displayName() {
    return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
  }
}
