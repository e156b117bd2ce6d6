package dev.lora4j.internal;

import dev.lora4j.ClientOptions;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Reads what {@link ClientOptions} keeps out of its public API (the Micrometer registry, typed
 * {@code Object} so that the options load without Micrometer) for the core's packages that are not
 * {@code dev.lora4j}: {@code ClientOptions} installs the reader when it is loaded.
 */
public final class OptionsAccess {

  /** What is read. */
  public interface Reader {

    /**
     * The registry for Reactor Netty's HTTP client metrics.
     *
     * @param options the options
     * @return the {@code MeterRegistry} when HTTP client metrics are on, else {@code null}
     */
    @Nullable Object httpClientMetricsRegistry(ClientOptions options);

    /**
     * The call listeners.
     *
     * @param options the options
     * @return the listeners, in order; empty when none was added
     */
    List<dev.lora4j.CallListener> callListeners(ClientOptions options);
  }

  private static volatile @Nullable Reader reader;

  private OptionsAccess() {}

  /**
   * Installs the reader; called once, by {@link ClientOptions}.
   *
   * @param installed the reader
   */
  public static void install(Reader installed) {
    reader = Objects.requireNonNull(installed, "installed");
  }

  /**
   * The registry for Reactor Netty's HTTP client metrics.
   *
   * @param options the options
   * @return the {@code MeterRegistry} when {@code httpClientMetrics(true)} was set, else {@code null}
   */
  public static @Nullable Object httpClientMetricsRegistry(ClientOptions options) {
    return reader().httpClientMetricsRegistry(options);
  }

  /**
   * The listeners told of every HTTP attempt.
   *
   * @param options the options
   * @return the listeners added with {@code callListener}, in order
   */
  public static List<dev.lora4j.CallListener> callListeners(ClientOptions options) {
    return reader().callListeners(options);
  }

  private static Reader reader() {
    Reader r = reader;
    if (r == null) {
      // options exist, so their class has been initialized and has installed the reader
      throw new IllegalStateException("ClientOptions did not install its reader");
    }
    return r;
  }
}
