package dev.lora4j.spi;

import dev.lora4j.TaskClient;
import java.util.Objects;

/**
 * The base of a provider module's own API next to {@link TaskClient} (Xalora's {@code
 * XaloraWorkflows}, Wiro's {@code WiroClient}): it creates the provider with its factory, wraps it
 * in the core's client ({@link ProviderFacades#open}); this base keeps the client, offers it as
 * {@link #taskClient()} and closes it. The subclass keeps the provider (privately: its class is
 * internal to the module) and adds the provider's own operations, calling the provider through
 * {@link ProviderFacades#retryTransient} when a call is safe to repeat.
 *
 * <pre>{@code
 * private WiroClient(ProviderFacades.Facade<WiroProvider> opened) {
 *   super(opened.taskClient());
 *   this.provider = opened.provider();
 * }
 * }</pre>
 */
public abstract class ProviderFacade implements AutoCloseable {

  private final TaskClient taskClient;

  /**
   * Takes the client.
   *
   * @param taskClient the core's client around the provider, owned by this facade
   */
  protected ProviderFacade(TaskClient taskClient) {
    this.taskClient = Objects.requireNonNull(taskClient, "taskClient");
  }

  /**
   * Returns the provider-neutral client this facade runs on, for {@code run}, {@code watch},
   * {@code cancel} and the rest.
   *
   * @return the client, closed with this facade
   */
  public final TaskClient taskClient() {
    return taskClient;
  }

  /** Stops every status stream of the client and releases the provider's connections. */
  @Override
  public void close() {
    taskClient.close();
  }

}
