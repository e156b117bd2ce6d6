package dev.lora4j.internal;

import dev.lora4j.ClientOptions;
import dev.lora4j.ProviderNotFoundException;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.TaskProviderFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers found with {@link ServiceLoader}, sorted by name, and the rule that chooses one.
 * A factory that fails to load or to describe itself is skipped with a warning and never hides the
 * others. Discovery runs once per process ({@link #installed()}); each factory is asked for its
 * description once.
 */
public final class ProviderRegistry {

  private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);
  /** Guards against a broken service file that fails on every call to {@code hasNext}. */
  private static final int MAX_LOAD_ERRORS = 100;

  private final List<Selection> providers;
  private final List<String> skipped;

  private ProviderRegistry(List<Selection> providers, List<String> skipped) {
    this.providers = List.copyOf(providers);
    this.skipped = List.copyOf(skipped);
  }

  /**
   * Returns the providers visible to the class loader that loaded the SPI, found at the first
   * call; later calls return the same registry.
   *
   * @return the registry
   */
  public static ProviderRegistry installed() {
    return Installed.REGISTRY;
  }

  /** Loaded when first used: the JVM runs the discovery once, thread-safely. */
  private static final class Installed {
    private static final ProviderRegistry REGISTRY =
        load(ServiceLoader.load(TaskProviderFactory.class, TaskProviderFactory.class.getClassLoader()));
  }

  static ProviderRegistry load(Iterable<TaskProviderFactory> loader) {
    TreeMap<String, Selection> byName = new TreeMap<>();
    List<String> skipped = new ArrayList<>();
    Iterator<TaskProviderFactory> it = loader.iterator();
    int errors = 0;
    while (errors < MAX_LOAD_ERRORS) {
      TaskProviderFactory factory;
      try {
        if (!it.hasNext()) {
          break;
        }
        factory = it.next();
      } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
        errors++;
        skipped.add(e.getMessage());
        log.warn("Skipping a lora4j provider that failed to load: {}", e.toString());
        continue;
      }
      ProviderDescription description;
      try {
        description = Objects.requireNonNull(factory.description(), "description() returned null");
      } catch (RuntimeException | LinkageError e) {
        skipped.add(factory.getClass().getName() + ": " + e);
        log.warn("Skipping lora4j provider {}: it could not describe itself: {}", factory.getClass().getName(), e.toString());
        continue;
      }
      Selection previous = byName.putIfAbsent(description.name(), new Selection(factory, description, "found"));
      if (previous != null) {
        log.warn("Two lora4j providers are named '{}': using {}, ignoring {}",
            description.name(), previous.factory().getClass().getName(), factory.getClass().getName());
      }
    }
    return new ProviderRegistry(new ArrayList<>(byName.values()), skipped);
  }

  /**
   * Returns the names of the providers found, sorted.
   *
   * @return the names
   */
  public List<String> names() {
    return providers.stream().map(p -> p.description().name()).collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns the descriptions of the providers found, sorted by name.
   *
   * @return the descriptions
   */
  public List<ProviderDescription> descriptions() {
    return providers.stream().map(Selection::description).collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns the factory called {@code name}.
   *
   * @param name the provider name, any case
   * @return the factory, or empty
   */
  public Optional<TaskProviderFactory> find(String name) {
    return entry(name).map(Selection::factory);
  }

  private Optional<Selection> entry(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return providers.stream().filter(p -> p.description().name().equals(wanted)).findFirst();
  }

  /**
   * Chooses a provider for {@code options}, deterministically: the one named in the options (or
   * {@code lora4j.provider}, {@code LORA4J_PROVIDER}); else the only one found; else the only one
   * whose credentials are configured.
   *
   * @param options the client options
   * @return the choice and why it was made
   * @throws ProviderNotFoundException listing every provider found and how to choose one
   */
  public Selection select(ClientOptions options) {
    Optional<String> named = options.provider();
    if (named.isPresent()) {
      String name = named.get();
      String source = options.sourceOf(ClientOptions.PROVIDER, ClientOptions.PROVIDER_ENV).orElse("options");
      return entry(name)
          .map(p -> p.because("named by " + source))
          .orElseThrow(() -> new ProviderNotFoundException(
              "provider '" + name + "' (named by " + source + ") is not on the class path; "
                  + found() + ". " + HOW_TO_ADD));
    }
    if (providers.size() == 1) {
      return providers.get(0).because("the only provider on the class path");
    }
    if (providers.isEmpty()) {
      throw new ProviderNotFoundException("no lora4j provider is on the class path"
          + (skipped.isEmpty() ? "" : " (" + skipped.size() + " failed to load, see the warnings)")
          + ". " + HOW_TO_ADD);
    }
    List<Selection> configured = new ArrayList<>();
    for (Selection p : providers) {
      try {
        if (p.factory().supports(options)) {
          configured.add(p);
        }
      } catch (RuntimeException e) {
        log.warn("lora4j provider {} could not check its configuration: {}", p.description().name(), e.toString());
      }
    }
    if (configured.size() == 1) {
      return configured.get(0).because("the only provider whose credentials are configured");
    }
    throw new ProviderNotFoundException(
        (configured.isEmpty() ? "no provider's credentials are configured" :
            "the credentials of " + configured.size() + " providers are configured ("
                + configured.stream().map(p -> p.description().name()).collect(Collectors.joining(", ")) + ")")
            + " and none is named; " + found()
            + ". Choose one with ClientOptions.builder().provider(name), the system property lora4j.provider"
            + " or the environment variable LORA4J_PROVIDER");
  }

  private String found() {
    return "providers found: " + (providers.isEmpty() ? "none" : String.join(", ", names()));
  }

  private static final String HOW_TO_ADD = "Add a lora4j provider jar to the class path";

  /**
   * A chosen provider and the reason it was chosen.
   *
   * @param factory the provider's factory
   * @param description its description, as the factory gave it at discovery
   * @param reason why it was chosen, for diagnostics
   */
  public record Selection(TaskProviderFactory factory, ProviderDescription description, String reason) {

    Selection because(String why) {
      return new Selection(factory, description, why);
    }
  }

}
