package dev.lora4j.internal;

import dev.lora4j.Lora4jException;
import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.Lora4jTransientException;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Predicate;

/** The Resilience4j retry configurations of the core, and the rules every one of them obeys. */
final class Retries {

  /** Attempts per poll (or status query, or cancel) by default. */
  static final int DEFAULT_MAX_ATTEMPTS = 5;
  static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
  static final double MULTIPLIER = 2.0;
  static final double RANDOMIZATION = 0.5;
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  /** Attempts of a submission whose connection could not be established. */
  static final int SUBMIT_MAX_ATTEMPTS = 3;

  private Retries() {}

  /**
   * The default configuration of polls, status queries and cancels: transient errors only,
   * exponential random backoff, at least the provider's {@code Retry-After}.
   */
  static RetryConfig defaultPollConfig() {
    return RetryConfig.custom()
        .maxAttempts(DEFAULT_MAX_ATTEMPTS)
        .intervalFunction(backoff())
        .build();
  }

  /**
   * Makes a caller's configuration obey the core's rules: its attempts and intervals are kept, but
   * only transient errors are retried (its own predicate can narrow that further) and a {@code
   * Retry-After} is always waited out.
   */
  static RetryConfig enforce(RetryConfig config) {
    Predicate<Throwable> theirs = config.getExceptionPredicate();
    IntervalBiFunction<Object> interval = config.getIntervalBiFunction();
    return RetryConfig.custom()
        .maxAttempts(config.getMaxAttempts())
        .writableStackTraceEnabled(config.isWritableStackTraceEnabled())
        .retryOnException(e -> isTransient(e) && theirs.test(e))
        .intervalBiFunction((attempt, outcome) -> {
          long millis = interval.apply(attempt, outcome);
          if (outcome.isLeft() && outcome.getLeft() instanceof Lora4jTransientException waitAsked) {
            millis = Math.max(millis, waitAsked.retryAfter().map(Duration::toMillis).orElse(0L));
          }
          return millis;
        })
        .build();
  }

  /**
   * The configuration of submissions: retried only when the connection could not be established,
   * so the provider certainly never saw the request and nothing was billed.
   */
  static RetryConfig submitConfig() {
    return RetryConfig.custom()
        .maxAttempts(SUBMIT_MAX_ATTEMPTS)
        .intervalFunction(backoff())
        .retryOnException(e -> e instanceof ProviderUnavailableException u && !u.requestSent())
        .build();
  }

  static Retry retry(String name, RetryConfig config) {
    return Retry.of(name, config);
  }

  static boolean isTransient(Throwable e) {
    return e instanceof Lora4jException l && l.isTransient();
  }

  private static IntervalFunction backoff() {
    return IntervalFunction.ofExponentialRandomBackoff(INITIAL_BACKOFF, MULTIPLIER, RANDOMIZATION, MAX_BACKOFF);
  }
}
