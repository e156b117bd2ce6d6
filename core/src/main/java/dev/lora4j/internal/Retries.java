package dev.lora4j.internal;

import dev.lora4j.Lora4jException;
import dev.lora4j.Lora4jTransientException;
import dev.lora4j.ProviderUnavailableException;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/** The Resilience4j retry configurations of the core, and the rules every one of them obeys. */
final class Retries {

  /** Attempts of a status query or a cancel by default. */
  static final int CALL_MAX_ATTEMPTS = 5;
  /** Attempts of a watch's poll by default: unlimited, the watch's timeout ends them. */
  static final int WATCH_MAX_ATTEMPTS = Integer.MAX_VALUE;
  static final Duration INITIAL_BACKOFF = Duration.ofMillis(500);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  /** How much later than a provider's {@code Retry-After} a retry may come, as a share of it. */
  static final double RETRY_AFTER_SPREAD = 0.2;
  /** Attempts of a submission whose connection could not be established. */
  static final int SUBMIT_MAX_ATTEMPTS = 3;

  private static final IntervalBiFunction<Object> BACKOFF = Retries::backoffMillis;

  private Retries() {}

  /**
   * The default configuration of a watch's polls: transient errors are retried for as long as the
   * watch lasts, so that a streak of faults cannot end the watch of a billed task before its
   * timeout does.
   */
  static RetryConfig defaultWatchConfig() {
    return RetryConfig.custom().maxAttempts(WATCH_MAX_ATTEMPTS).intervalBiFunction(BACKOFF).build();
  }

  /** The default configuration of status queries and cancels, which have no timeout of their own. */
  static RetryConfig defaultCallConfig() {
    return RetryConfig.custom().maxAttempts(CALL_MAX_ATTEMPTS).intervalBiFunction(BACKOFF).build();
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
        .intervalBiFunction((attempt, outcome) -> Math.max(interval.apply(attempt, outcome), retryAfterMillis(outcome)))
        .build();
  }

  /**
   * The configuration of submissions: retried only when the connection could not be established,
   * so the provider certainly never saw the request and nothing was billed.
   */
  static RetryConfig submitConfig() {
    return RetryConfig.custom()
        .maxAttempts(SUBMIT_MAX_ATTEMPTS)
        .intervalBiFunction(BACKOFF)
        .retryOnException(e -> e instanceof ProviderUnavailableException u && !u.requestSent())
        .build();
  }

  static Retry retry(String name, RetryConfig config) {
    return Retry.of(name, config);
  }

  static boolean isTransient(Throwable e) {
    return e instanceof Lora4jException l && l.isTransient();
  }

  /**
   * The wait before retry {@code attempt} (1 for the first): exponential from {@link
   * #INITIAL_BACKOFF}, doubling up to {@link #MAX_BACKOFF}, drawn at random between half of that and
   * all of it, so that tasks failing together do not retry together, not even at the cap. A
   * provider's {@code Retry-After} raises it to at least that, plus up to {@link
   * #RETRY_AFTER_SPREAD} of it, for the same reason.
   */
  static long backoffMillis(int attempt, Either<Throwable, Object> outcome) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long cap = ceiling(attempt);
    long wait = cap / 2 + random.nextLong(cap - cap / 2 + 1);
    long asked = retryAfterMillis(outcome);
    if (asked > 0) {
      wait = Math.max(wait, asked + random.nextLong((long) (asked * RETRY_AFTER_SPREAD) + 1));
    }
    return wait;
  }

  /** The exponential backoff of an attempt before jitter: {@code initial * 2^(attempt - 1)}, capped. */
  static long ceiling(int attempt) {
    long initial = INITIAL_BACKOFF.toMillis();
    long max = MAX_BACKOFF.toMillis();
    int doublings = Math.max(0, attempt - 1);
    return doublings >= Long.numberOfLeadingZeros(initial) - 1 ? max : Math.min(max, initial << doublings);
  }

  private static long retryAfterMillis(Either<Throwable, Object> outcome) {
    if (outcome.isLeft() && outcome.getLeft() instanceof Lora4jTransientException waitAsked) {
      return waitAsked.retryAfter().map(Duration::toMillis).orElse(0L);
    }
    return 0L;
  }
}
