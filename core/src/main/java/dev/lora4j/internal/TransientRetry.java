package dev.lora4j.internal;

import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import reactor.core.publisher.Mono;

/** The default transient-error retry, shared by calls outside a {@link DefaultTaskClient}. */
public final class TransientRetry {

  private static final Retry RETRY = Retries.retry("lora4j-transient", Retries.enforce(Retries.defaultCallConfig()));

  private TransientRetry() {}

  /**
   * Applies the retry.
   *
   * @param call the call
   * @param <T> its value
   * @return the call with retries
   */
  public static <T> Mono<T> apply(Mono<T> call) {
    return call.transformDeferred(RetryOperator.of(RETRY));
  }
}
