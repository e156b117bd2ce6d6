package dev.lora4j.cli;

import dev.lora4j.ClientOptions;
import dev.lora4j.ProviderNotFoundException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.spi.TaskProviderFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the provider for a command and opens a client to it: to the real service when its
 * credentials are set, else, where allowed, to its simulator started on loopback.
 */
public final class Backend implements AutoCloseable {

  /** The poll interval against a simulator, which answers at once. */
  static final Duration EMBEDDED_POLL_INTERVAL = Duration.ofMillis(250);

  private final String provider;
  private final ClientOptions options;
  private final TaskClient client;
  private final Embedded.@Nullable Simulator simulator;

  private Backend(String provider, ClientOptions options, TaskClient client, Embedded.@Nullable Simulator simulator) {
    this.provider = provider;
    this.options = options;
    this.client = client;
    this.simulator = simulator;
  }

  /**
   * Opens a client.
   *
   * @param context the run's environment
   * @param requested the provider asked for with {@code --provider}, or {@code null}
   * @param pollInterval the {@code --poll-interval}, or {@code null}
   * @param tracking the {@code --tracking} (Wiro), or {@code null}
   * @param embeddedAllowed whether to start a simulator when the provider has no credentials
   * @throws ProviderNotFoundException if the requested provider is not on the class path
   * @throws dev.lora4j.AuthenticationException if credentials are missing and no simulator may run
   */
  static Backend open(Context context, @Nullable String requested, @Nullable Duration pollInterval,
      @Nullable String tracking, boolean embeddedAllowed) {
    Map<String, String> env = new HashMap<>(context.env());
    if (tracking != null) {
      env.put("WIRO_TRACKING", tracking);
    }
    String provider = choose(requested, env).provider();
    Embedded.Simulator simulator = null;
    if (embeddedAllowed && !configured(provider, env)) {
      Embedded embedded = Embedded.of(provider).orElse(null);
      if (embedded != null) {
        simulator = embedded.start(0);
        env.putAll(simulator.env());
        context.err().println("No " + embedded.credentialEnv() + " set: using the embedded " + simulator.label()
            + " simulator at " + simulator.url() + " (set " + embedded.credentialHint()
            + " to use your account).");
      }
    }
    ClientOptions.Builder options = ClientOptions.builder().environment(env).provider(provider);
    if (pollInterval != null) {
      options.pollInterval(pollInterval);
    } else if (simulator != null && !env.containsKey(ClientOptions.POLL_INTERVAL_ENV)) {
      options.pollInterval(EMBEDDED_POLL_INTERVAL);
    }
    try {
      ClientOptions built = options.build();
      return new Backend(provider, built, TaskClients.create(built), simulator);
    } catch (RuntimeException e) {
      if (simulator != null) {
        simulator.close();
      }
      throw e;
    }
  }

  /**
   * The provider a command would use: the one {@link TaskClients#choose} picks (the requested one,
   * {@code LORA4J_PROVIDER}, the only one on the class path, the only one configured), else, when
   * no provider is named and none has credentials, the first with an embedded simulator.
   *
   * @throws ProviderNotFoundException if the named provider is missing or several are configured
   */
  static TaskClients.ProviderChoice choose(@Nullable String requested, Map<String, String> env) {
    ClientOptions.Builder builder = ClientOptions.builder().environment(env);
    if (requested != null) {
      builder.provider(requested);
    }
    ClientOptions options = builder.build();
    try {
      return TaskClients.choose(options);
    } catch (ProviderNotFoundException e) {
      List<String> names = TaskClients.providers();
      if (options.provider().isPresent() || names.stream().anyMatch(n -> configured(n, env))) {
        throw e;
      }
      for (Embedded embedded : Embedded.values()) {
        if (names.contains(embedded.provider())) {
          return new TaskClients.ProviderChoice(embedded.provider(),
              "no provider's credentials are set; the first with an embedded simulator");
        }
      }
      throw e;
    }
  }

  /** Whether the provider's credentials are set in {@code env} (or the system properties). */
  static boolean configured(String provider, Map<String, String> env) {
    ClientOptions options = ClientOptions.builder().environment(env).build();
    for (TaskProviderFactory f : factories()) {
      if (f.name().equals(provider)) {
        return f.supports(options);
      }
    }
    return false;
  }

  static List<TaskProviderFactory> factories() {
    return Factories.LOADED;
  }

  /** The providers on the class path, found once: one run asks about them several times. */
  private static final class Factories {
    private static final List<TaskProviderFactory> LOADED = load();

    private static List<TaskProviderFactory> load() {
      List<TaskProviderFactory> list = new ArrayList<>();
      ServiceLoader.load(TaskProviderFactory.class, TaskProviderFactory.class.getClassLoader()).stream()
          .forEach(p -> {
            try {
              list.add(p.get());
            } catch (RuntimeException | java.util.ServiceConfigurationError e) {
              // TaskClients reports providers that fail to load; the command only skips them.
            }
          });
      return List.copyOf(list);
    }
  }


  /**
   * Connects the way the example programs do: to the provider's real service when its credentials
   * are in the environment, else to its simulator started on loopback (said on standard error).
   *
   * @param provider the provider, or {@code null} to choose as {@code lora4j generate} does
   * @return the connection; closing it closes the client and stops the simulator
   */
  public static Backend connect(@Nullable String provider) {
    Context context = new Context(System.getenv(), System.out, System.err, false, InterruptGuard.none(System.err));
    return open(context, provider, null, null, true);
  }

  /**
   * Returns the chosen provider's name.
   *
   * @return the name
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
