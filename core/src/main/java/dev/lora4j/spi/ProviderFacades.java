package dev.lora4j.spi;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.WatchOptions;
import dev.lora4j.internal.DefaultTaskClient;
import dev.lora4j.internal.TransientRetry;
import java.time.Duration;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * For provider modules that offer a facade of their own next to {@link TaskClient} (Xalora's
 * {@code XaloraWorkflows}, Wiro's {@code WiroClient}): the core's client around their provider,
 * and the core's retry of safe calls, so the facade gets the same state machine, polling, retries
 * and timeouts as every other client. Applications do not need it: they get their {@link
 * TaskClient} from {@link dev.lora4j.TaskClients}.
 */
public final class ProviderFacades {

  private ProviderFacades() {}

  /**
   * Creates a provider with its factory, as {@link dev.lora4j.TaskClients} does, and wraps it in
   * the core's {@link TaskClient}: a facade calls its provider's own operations on {@link
   * Facade#provider()} and the neutral ones on {@link Facade#taskClient()}.
   *
   * @param factory the provider's factory
   * @param type the provider's class, which the facade's own operations need
   * @param options the client options, read through the factory's settings
   * @param <P> the provider's class
   * @return the provider and its client; closing the client closes the provider
   * @throws dev.lora4j.AuthenticationException if the credentials are missing or malformed
   * @throws IllegalArgumentException if another setting is malformed
   * @throws IllegalStateException if the factory made a provider of another class (it is closed)
   */
  public static <P extends TaskProvider> Facade<P> open(
      TaskProviderFactory factory, Class<P> type, ClientOptions options) {
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(options, "options");
    TaskProvider made = factory.create(ProviderContext.of(factory.description(), options));
    if (!type.isInstance(made)) {
      made.close();
      throw new IllegalStateException("the factory of provider " + factory.name() + " made a "
          + made.getClass().getName() + ", not a " + type.getName());
    }
    P provider = type.cast(made);
    return new Facade<>(provider, taskClient(factory.name(), provider, options));
  }

  /**
   * A provider and the core's client around it, from {@link #open}.
   *
   * @param provider the provider, owned by the client
   * @param taskClient the client; closing it closes the provider
   * @param <P> the provider's class
   */
  public record Facade<P extends TaskProvider>(P provider, TaskClient taskClient) {}

  /**
   * Wraps a provider in the core's {@link TaskClient}, as {@link dev.lora4j.TaskClients} does after
   * discovery.
   *
   * @param name the provider's name
   * @param provider the provider; the client owns and closes it
   * @param options the client options (the poll interval is read from them)
   * @return the client
   * @throws IllegalArgumentException if the poll interval is malformed; the provider is closed
   */
  public static TaskClient taskClient(String name, TaskProvider provider, ClientOptions options) {
    Objects.requireNonNull(options, "options");
    Duration pollInterval;
    try {
      pollInterval = options.pollInterval().orElse(WatchOptions.DEFAULT_INTERVAL);
    } catch (RuntimeException e) {
      provider.close();
      throw e;
    }
    return new DefaultTaskClient(name, provider, pollInterval);
  }

  /**
   * Retries a call that is safe to repeat (a query, a cancel) on transient errors, as {@link
   * TaskClient#status} does: up to 5 attempts in all, the waits of a watch's polls, at least the
   * provider's {@code Retry-After}. Never use it for a billed submission.
   *
   * @param call the call; each subscription makes one attempt
   * @param <T> the call's value
   * @return the call with retries
   */
  public static <T> Mono<T> retryTransient(Mono<T> call) {
    return TransientRetry.apply(Objects.requireNonNull(call, "call"));
  }
}
