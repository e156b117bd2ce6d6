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
