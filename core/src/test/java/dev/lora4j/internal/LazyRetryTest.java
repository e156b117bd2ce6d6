package dev.lora4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.InvalidRequestException;
import dev.lora4j.ProviderUnavailableException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class LazyRetryTest {

  private static Retry retry(int maxAttempts) {
    return Retry.of("test", Retries.enforce(
        RetryConfig.custom().maxAttempts(maxAttempts).waitDuration(Duration.ofSeconds(1)).build()));
  }

  private static Mono<String> failing(AtomicInteger attempts, int failures, RuntimeException error) {
    return Mono.defer(() -> attempts.incrementAndGet() <= failures ? Mono.error(error) : Mono.just("ok"));
  }

  @Test
  void aFirstAttemptThatSucceedsIsMadeOnce() {
    AtomicInteger attempts = new AtomicInteger();

    StepVerifier.create(LazyRetry.of(failing(attempts, 0, new ProviderUnavailableException("down", 503, null)), retry(3)))
        .expectNext("ok")
        .verifyComplete();
    assertThat(attempts).hasValue(1);
  }

  @Test
  void aFailedAttemptCountsAsTheRetrysFirstAndIsNotRepeatedAtOnce() {
    AtomicInteger attempts = new AtomicInteger();

    StepVerifier.withVirtualTime(() -> LazyRetry.of(failing(attempts, 2, new ProviderUnavailableException("down", 503, null)), retry(3)))
        .expectSubscription()
        .then(() -> assertThat(attempts).hasValue(1))
        .expectNoEvent(Duration.ofMillis(999))
        .then(() -> assertThat(attempts).hasValue(1))
        .thenAwait(Duration.ofSeconds(2))
        .expectNext("ok")
        .verifyComplete();
    assertThat(attempts).as("the failed first attempt, then two retries").hasValue(3);
  }

  @Test
  void givesUpAfterTheRetrysMaximumOfAttemptsCountingTheFirst() {
    AtomicInteger attempts = new AtomicInteger();
    ProviderUnavailableException down = new ProviderUnavailableException("down", 503, null);

    StepVerifier.withVirtualTime(() -> LazyRetry.of(failing(attempts, 10, down), retry(3)))
        .thenAwait(Duration.ofSeconds(10))
        .expectErrorSatisfies(e -> assertThat(e).isSameAs(down))
        .verify();
    assertThat(attempts).hasValue(3);
  }

  @Test
  void doesNotRetryANonTransientError() {
    AtomicInteger attempts = new AtomicInteger();
    InvalidRequestException refused = new InvalidRequestException("bad width");

    StepVerifier.create(LazyRetry.of(failing(attempts, 10, refused), retry(3)))
        .expectErrorSatisfies(e -> assertThat(e).isSameAs(refused))
        .verify();
    assertThat(attempts).hasValue(1);
  }
}
