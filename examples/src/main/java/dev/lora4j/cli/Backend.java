package dev.lora4j.cli;

import dev.lora4j.AuthenticationException;
import dev.lora4j.ClientOptions;
import dev.lora4j.ProviderNotFoundException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.ProviderSetting;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the provider for a command, once, and opens a client to it: to the real service when its
 * required settings are set, else, where allowed, to its simulator started on loopback. Knows
 * providers only by their {@link ProviderDescription}s.
 */
final class Backend implements AutoCloseable {

  /** The poll interval against a simulator, which answers at once. */
  static final Duration EMBEDDED_POLL_INTERVAL = Duration.ofMillis(250);

  private final ProviderDescription description;
  private final TaskClient client;
  private final Embedded.@Nullable Simulator simulator;

  private Backend(ProviderDescription description, TaskClient client, Embedded.@Nullable Simulator simulator) {
    this.description = description;
    this.client = client;
    this.simulator = simulator;
  }

  /**
   * A command's provider, chosen once, and the options it will be configured with.
   *
   * @param description the provider's description
   * @param reason why it was chosen
   * @param options the environment, the provider's name and the {@code --option} settings
   */
  record Choice(ProviderDescription description, String reason, ClientOptions options) {

    String name() {
      return description.name();
    }

    boolean configured() {
      return description.configured(options);
    }

    @Override
    public String toString() {
      return name() + " (" + reason + ")";
    }
  }

  /**
   * Chooses the provider as {@link TaskClients#choose} does (the requested one, {@code
   * LORA4J_PROVIDER}, the only one on the class path, the only one configured), else, when none is
   * named and none is configured, the first the command can simulate; and applies the {@code
   * --option} settings, which must be settings of that provider.
   *
   * @param env the environment
   * @param requested the provider asked for ({@code --provider}, a handle's), or {@code null}
   * @param settings the {@code --option} settings by option name
   * @throws ProviderNotFoundException if the named provider is missing or several are configured
   * @throws IllegalArgumentException if a setting is unknown to the provider or its value is bad
   */
  static Choice choose(Map<String, String> env, @Nullable String requested, Map<String, String> settings) {
    return choose(env, requested, settings, true);
  }

  /**
   * Chooses as {@link #choose(Map, String, Map)}; when not {@code strict}, a setting need only be
   * known to some provider (for {@code providers}, which shows them all).
   */
  static Choice choose(Map<String, String> env, @Nullable String requested, Map<String, String> settings, boolean strict) {
    List<ProviderDescription> all = TaskClients.descriptions();
    ClientOptions.Builder builder = ClientOptions.builder().environment(env);
    if (requested != null) {
      builder.provider(requested);
    }
    // Before the provider is known, a setting any provider declares counts (credentials choose it).
    settings.forEach((key, value) -> {
      Optional<ProviderSetting<?>> known = all.stream().flatMap(d -> d.setting(key).stream()).findFirst();
      if (known.isEmpty() && !strict) {
        throw new IllegalArgumentException("unknown setting '" + key + "'; the providers' settings are "
            + all.stream().flatMap(d -> d.settings().stream()).map(ProviderSetting::name).distinct()
                .collect(Collectors.joining(", ")));
      }
      known.ifPresent(s -> s.set(builder, "--option " + key, value));
    });
    ClientOptions options = builder.build();
    String name;
    String reason;
    try {
      TaskClients.ProviderChoice choice = TaskClients.choose(options);
      name = choice.provider();
      reason = choice.reason();
    } catch (ProviderNotFoundException e) {
      if (options.provider().isPresent() || all.stream().anyMatch(d -> d.configured(options))) {
        throw e;
      }
      name = Embedded.PROVIDERS.stream()
          .filter(p -> all.stream().anyMatch(d -> d.name().equals(p) && d.embeddedSimulator()))
          .findFirst().orElseThrow(() -> e);
      reason = "no provider's credentials are set; the first with an embedded simulator";
    }
    String chosen = name;
    ProviderDescription description = all.stream().filter(d -> d.name().equals(chosen)).findFirst().orElseThrow();
    for (String key : settings.keySet()) {
      if (strict && description.setting(key).isEmpty()) {
        throw new IllegalArgumentException("unknown setting '" + key + "' for provider " + chosen + "; its settings are "
            + description.settings().stream().map(ProviderSetting::name).collect(Collectors.joining(", "))
            + " (see 'lora4j providers')");
      }
    }
    return new Choice(description, reason, options.mutate().provider(chosen).build());
  }


  /**
   * Opens a client to the chosen provider.
   *
   * @param context the run's environment
   * @param choice the provider, from {@link #choose}
   * @param pollInterval the {@code --poll-interval}, or {@code null}
   * @param embeddedAllowed whether to start a simulator when the provider is not configured
   * @throws AuthenticationException if credentials are missing and no simulator may run; the
   *     message says where to set them
   */
  static Backend open(Context context, Choice choice, @Nullable Duration pollInterval, boolean embeddedAllowed) {
    ProviderDescription description = choice.description();
    ClientOptions.Builder options = choice.options().mutate();
    Embedded.Simulator simulator = null;
    List<ProviderSetting<?>> missing = description.missing(choice.options());
    if (!missing.isEmpty()) {
      if (!embeddedAllowed || !description.embeddedSimulator() || !Embedded.PROVIDERS.contains(description.name())) {
        throw missing(description, missing);
      }
      simulator = Embedded.start(description, 0);
      Map<String, String> env = new HashMap<>(context.env());
      env.putAll(simulator.clientSettings());
      options.environment(env);
      context.err().println("No " + missing.stream().map(ProviderSetting::environmentVariable).collect(Collectors.joining(" or "))
          + " set: using the embedded " + description.displayName() + " simulator at " + simulator.url()
          + " (set " + howToSet(missing) + " to use your account).");
    }
    if (pollInterval != null) {
      options.pollInterval(pollInterval);
    } else if (simulator != null && !context.env().containsKey(ClientOptions.POLL_INTERVAL_ENV)) {
      options.pollInterval(EMBEDDED_POLL_INTERVAL);
    }
    try {
      return new Backend(description, TaskClients.create(options.build()), simulator);
    } catch (RuntimeException e) {
      if (simulator != null) {
        simulator.close();
      }
      throw e;
    }
  }

  /** The error for missing required settings: what to set, where, never a value. */
  static RuntimeException missing(ProviderDescription description, List<ProviderSetting<?>> missing) {
    boolean credentials = missing.stream().allMatch(ProviderSetting::sensitive);
    String message = "no " + description.displayName() + (credentials ? " credentials" : " settings") + ": set "
        + howToSet(missing) + " (" + missing.stream().map(ProviderSetting::description).collect(Collectors.joining("; ")) + ")";
    return credentials ? new AuthenticationException(message) : new IllegalArgumentException(message);
  }

  /** Such as {@code XALORA_API_KEY, the system property lora4j.apiKey or --option apiKey=...}. */
  static String howToSet(List<ProviderSetting<?>> settings) {
    return settings.stream()
        .map(s -> s.environmentVariable() + ", the system property " + s.systemProperty() + " or --option " + s.name() + "=...")
        .collect(Collectors.joining("; and "));
  }

  /** Returns the chosen provider's name. */
  String provider() {
    return description.name();
  }

  /** Returns the client, closed with this connection. */
  TaskClient client() {
    return client;
  }

  boolean embedded() {
    return simulator != null;
  }

  /** Closes the client and stops the simulator, if one was started. */
  @Override
  public void close() {
    client.close();
    if (simulator != null) {
      simulator.close();
    }
  }
}
