package dev.lora4j.internal;

import dev.lora4j.ClientOptions;
import dev.lora4j.ProviderNotFoundException;
import dev.lora4j.spi.TaskProviderFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The providers found with {@link ServiceLoader}, sorted by name, and the rule that chooses one.
 * A factory that fails to load or to name itself is skipped with a warning and never hides the
 * others.
 */
public final class ProviderRegistry {

  private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);
  /** Guards against a broken service file that fails on every call to {@code hasNext}. */
  private static final int MAX_LOAD_ERRORS = 100;

  private final List<TaskProviderFactory> factories;
  private final List<String> skipped;

  ProviderRegistry(List<TaskProviderFactory> factories, List<String> skipped) {
    this.factories = List.copyOf(factories);
    this.skipped = List.copyOf(skipped);
  }

  /**
   * Loads the providers visible to the class loader that loaded the SPI.
   *
   * @return the registry
   */
  public static ProviderRegistry load() {
    return load(ServiceLoader.load(TaskProviderFactory.class, TaskProviderFactory.class.getClassLoader()));
  }

  static ProviderRegistry load(Iterable<TaskProviderFactory> loader) {
    TreeMap<String, TaskProviderFactory> byName = new TreeMap<>();
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
      String name;
      try {
        name = factory.name().strip().toLowerCase(Locale.ROOT);
      } catch (RuntimeException | LinkageError e) {
        skipped.add(factory.getClass().getName() + ": " + e);
        log.warn("Skipping lora4j provider {}: name() failed: {}", factory.getClass().getName(), e.toString());
        continue;
      }
      TaskProviderFactory previous = byName.putIfAbsent(name, factory);
      if (previous != null) {
        log.warn("Two lora4j providers are named '{}': using {}, ignoring {}",
            name, previous.getClass().getName(), factory.getClass().getName());
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
    return factories.stream().map(f -> f.name().strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableList());
  }

  /**
   * Returns the factory called {@code name}.
   *
   * @param name the provider name, any case
   * @return the factory, or empty
   */
  public Optional<TaskProviderFactory> find(String name) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    return factories.stream().filter(f -> f.name().strip().toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
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
      return find(name)
          .map(f -> new Selection(f, "named by " + source))
          .orElseThrow(() -> new ProviderNotFoundException(
              "provider '" + name + "' (named by " + source + ") is not on the class path; "
                  + found() + ". " + HOW_TO_ADD));
    }
    if (factories.size() == 1) {
      return new Selection(factories.get(0), "the only provider on the class path");
    }
    if (factories.isEmpty()) {
      throw new ProviderNotFoundException("no lora4j provider is on the class path"
          + (skipped.isEmpty() ? "" : " (" + skipped.size() + " failed to load, see the warnings)")
          + ". " + HOW_TO_ADD);
    }
    List<TaskProviderFactory> configured = new ArrayList<>();
    for (TaskProviderFactory f : factories) {
      try {
        if (f.supports(options)) {
          configured.add(f);
        }
      } catch (RuntimeException e) {
        log.warn("lora4j provider {} could not check its configuration: {}", f.name(), e.toString());
      }
    }
    if (configured.size() == 1) {
      return new Selection(configured.get(0), "the only provider whose credentials are configured");
    }
    throw new ProviderNotFoundException(
        (configured.isEmpty() ? "no provider's credentials are configured" :
            "the credentials of " + configured.size() + " providers are configured ("
                + configured.stream().map(TaskProviderFactory::name).collect(Collectors.joining(", ")) + ")")
            + " and none is named; " + found()
            + ". Choose one with ClientOptions.builder().provider(name), the system property lora4j.provider"
            + " or the environment variable LORA4J_PROVIDER");
  }

  private String found() {
    return "providers found: " + (factories.isEmpty() ? "none" : String.join(", ", names()));
  }

  private static final String HOW_TO_ADD =
      "Add a provider jar such as dev.lora4j:lora4j-provider-xalora or dev.lora4j:lora4j-provider-wiro";

  /**
   * A chosen provider and the reason it was chosen.
   *
   * @param factory the provider's factory
   * @param reason why it was chosen, for diagnostics
   */
  public record Selection(TaskProviderFactory factory, String reason) {}

}
