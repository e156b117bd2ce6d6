package dev.lora4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.RateLimitedException;
import io.github.resilience4j.core.functions.Either;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The waits between retries: capped exponential backoff with jitter, at least {@code Retry-After}. */
class RetriesTest {

  private static final Either<Throwable, Object> FAILED =
      Either.left(new ProviderUnavailableException("scripted 500", 500, null));

  @Test
  void theBackoffDoublesFromHalfASecondUpToThirtySeconds() {
    assertThat(IntStream.rangeClosed(1, 8).mapToLong(Retries::ceiling).toArray())
        .containsExactly(500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000);
    assertThat(Retries.ceiling(1_000_000)).isEqualTo(30_000);
  }

  @Test
  void eachWaitIsDrawnBetweenHalfAndAllOfTheBackoffEvenAtTheCap() {
    Set<Long> waits = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      long wait = Retries.backoffMillis(50, FAILED);
      assertThat(wait).isBetween(15_000L, 30_000L);
      waits.add(wait);
    }
    assertThat(waits).as("tasks failing together do not retry together").hasSizeGreaterThan(100);
  }

  @Test
  void aRetryAfterIsWaitedOutAndSpreadOverAFifthMore() {
    Either<Throwable, Object> limited =
        Either.left(new RateLimitedException("slow down", 429, null, Duration.ofSeconds(10)));
    Set<Long> waits = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      long wait = Retries.backoffMillis(1, limited);
      assertThat(wait).isBetween(10_000L, 12_000L);
      waits.add(wait);
    }
    assertThat(waits).hasSizeGreaterThan(100);
  }
}
