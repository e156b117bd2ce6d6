package dev.lora4j.internal;

import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;

/**
 * Resilience4j's {@link RetryOperator}, set up only once an attempt has failed. The operator
 * builds a retry context, a {@code retryWhen} with its companion processor and three peeking
 * operators at every subscription; a watch's poll is subscribed every few seconds and almost always
 * succeeds at once, so that work went to the garbage collector. Here a successful first attempt
 * costs one {@code onErrorResume}; a failed one hands its error to a fresh {@code RetryOperator}
 * as that operator's own first attempt, so attempts, waits and the decision to give up are
 * Resilience4j's, as before.
 */
final class LazyRetry {

  private LazyRetry() {}

  /**
   * Returns {@code attempt}, retried with {@code retry} once it fails.
   *
   * @param attempt the attempt; each subscription makes one
   * @param retry the retry
   * @param <T> what it emits
   * @return the attempt with its retries
   */
  static <T> Mono<T> of(Mono<T> attempt, Retry retry) {
    return attempt.onErrorResume(first -> {
      AtomicBoolean failedOnce = new AtomicBoolean();
      // the operator's first subscription is the attempt that just failed: it fails again at
      // once, with the same error, without sending anything
      return Mono.defer(() -> failedOnce.compareAndSet(false, true) ? Mono.<T>error(first) : attempt)
          .transformDeferred(RetryOperator.of(retry));
    });
  }
}
