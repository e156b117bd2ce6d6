package dev.lora4j.internal;

import static dev.lora4j.internal.ScriptedProvider.error;
import static dev.lora4j.internal.ScriptedProvider.finished;
import static dev.lora4j.internal.ScriptedProvider.handle;
import static dev.lora4j.internal.ScriptedProvider.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.InvalidRequestException;
import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.RateLimitedException;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskTimeoutException;
import dev.lora4j.TaskUpdate;
import dev.lora4j.WatchOptions;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/**
 * Rule 4 of {@link dev.lora4j.TaskClient}: polls retry transient errors only, with backoff, by
 * default until the watch times out.
 */
class DefaultTaskClientRetryTest {

  private static final Duration INTERVAL = Duration.ofSeconds(3);

  private final ScriptedProvider provider = new ScriptedProvider();
  private final DefaultTaskClient client = new DefaultTaskClient(ScriptedProvider.NAME, provider, INTERVAL);

  private static ProviderUnavailableException unavailable() {
    return new ProviderUnavailableException("scripted 503", 503, "busy");
  }

  @Test
  void retriesATransientPollErrorWithBackoffAndCarriesOn() {
    provider.onFetch(status(TaskStatus.RUNNING), error(unavailable()), error(unavailable()), finished());

    StepVerifier.withVirtualTime(() -> client.watch(handle()))
        .expectNextMatches(u -> u.status() == TaskStatus.RUNNING)
        .thenAwait(INTERVAL)
        .then(() -> assertThat(provider.fetches).hasValue(2))
        .thenAwait(Duration.ofMinutes(1))
        .expectNextMatches(u -> u.status() == TaskStatus.FINISHED)
        .verifyComplete();
    assertThat(provider.fetches).hasValue(4);
  }

  @Test
  void backsOffAtLeastTheInitialIntervalWithRandomization() {
    provider.onFetch(error(unavailable()), finished());

    StepVerifier.withVirtualTime(() -> client.watch(handle()))
        .expectSubscription()
        .then(() -> assertThat(provider.fetches).hasValue(1))
        // 500 ms initial backoff, randomization 0.5: the retry comes between 250 ms and 750 ms
        .expectNoEvent(Duration.ofMillis(249))
        .then(() -> assertThat(provider.fetches).hasValue(1))
        .thenAwait(Duration.ofMillis(501))
        .expectNextMatches(u -> u.status() == TaskStatus.FINISHED)
        .verifyComplete();
  }

  @Test
  void keepsRetryingAStreakOfTransientErrorsForAsLongAsTheWatchLasts() {
    List<Function<TaskHandle, Mono<TaskUpdate>>> script = new ArrayList<>();
    script.add(status(TaskStatus.RUNNING));
    for (int i = 0; i < 12; i++) {
      script.add(error(i % 3 == 0 ? new RateLimitedException("slow down", 429, null, Duration.ofSeconds(1)) : unavailable()));
    }
    script.add(finished());
    provider.onFetch(script);

    StepVerifier.withVirtualTime(() -> client.watch(handle()))
        .expectNextMatches(u -> u.status() == TaskStatus.RUNNING)
        .thenAwait(Duration.ofMinutes(9))
        .expectNextMatches(u -> u.status() == TaskStatus.FINISHED)
        .verifyComplete();
    assertThat(provider.fetches).as("twelve failed polls in a row, then the one that answered").hasValue(14);
    assertThat(provider.cancels).isEmpty();
  }

  @Test
  void transientErrorsUntilTheTimeoutEndTheWatchWithATimeoutThatCancelsTheTask() {
    provider.onFetch(status(TaskStatus.RUNNING), error(unavailable()));
    Duration timeout = Duration.ofMinutes(3);

    StepVerifier.withVirtualTime(() -> client.watch(handle(), WatchOptions.defaults().timeout(timeout)))
        .expectNextMatches(u -> u.status() == TaskStatus.RUNNING)
        .thenAwait(timeout)
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(TaskTimeoutException.class);
          TaskTimeoutException t = (TaskTimeoutException) e;
          assertThat(t.lastUpdate()).hasValueSatisfying(u -> assertThat(u.status()).isEqualTo(TaskStatus.RUNNING));
          assertThat(t.canceled()).isTrue();
        })
        .verify(Duration.ofSeconds(5));
    assertThat(provider.fetches.get()).as("polls kept being retried up to the timeout").isGreaterThan(Retries.CALL_MAX_ATTEMPTS + 1);
    assertThat(provider.cancels).singleElement()
        .satisfies(last -> assertThat(last).isNotNull().extracting(TaskUpdate::status).isEqualTo(TaskStatus.RUNNING));
  }

  @Test
  void aCustomRetryConfigEndsTheWatchWithTheLastErrorWhenItsAttemptsAreExhausted() {
    ProviderUnavailableException last = new ProviderUnavailableException("the last one", 502, null);
    provider.onFetch(error(unavailable()), error(unavailable()), error(unavailable()), error(unavailable()), error(last));
    RetryConfig fiveAttempts = RetryConfig.custom().maxAttempts(5).waitDuration(Duration.ofSeconds(1)).build();

    StepVerifier.withVirtualTime(() -> client.watch(handle(), WatchOptions.defaults().retry(fiveAttempts)))
        .thenAwait(Duration.ofMinutes(5))
        .expectErrorSatisfies(e -> assertThat(e).isSameAs(last))
        .verify(Duration.ofSeconds(5));
    assertThat(provider.fetches).hasValue(5);
    assertThat(provider.cancels).as("the remote task is left alone").isEmpty();
  }

  @Test
  void neverRetriesANonTransientError() {
    provider.onFetch(error(new InvalidRequestException("bad")), finished());

    StepVerifier.withVirtualTime(() -> client.watch(handle()))
        .thenAwait(Duration.ofMinutes(1))
        .expectError(InvalidRequestException.class)
        .verify(Duration.ofSeconds(5));
    assertThat(provider.fetches).hasValue(1);
  }

  @Test
  void waitsAtLeastRetryAfterBeforeTheNextAttempt() {
    RateLimitedException limited = new RateLimitedException("slow down", 429, null, Duration.ofSeconds(20));
    provider.onFetch(error(limited), finished());

    StepVerifier.withVirtualTime(() -> client.watch(handle()))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(19_999))
        .then(() -> assertThat(provider.fetches).hasValue(1))
        // at most a fifth later than asked, so that tasks told to wait together spread out
        .thenAwait(Duration.ofSeconds(4).plusMillis(1))
        .expectNextMatches(u -> u.status() == TaskStatus.FINISHED)
        .verifyComplete();
    assertThat(provider.fetches).hasValue(2);
  }

  @Test
  void waitsAtLeastRetryAfterOfAServerErrorToo() {
    ProviderUnavailableException busy = new ProviderUnavailableException("maintenance", 503, null, Duration.ofSeconds(30));
    provider.onFetch(error(busy), finished());

    StepVerifier.withVirtualTime(() -> client.watch(handle()))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(29_999))
        .then(() -> assertThat(provider.fetches).hasValue(1))
        .thenAwait(Duration.ofSeconds(6).plusMillis(1))
        .expectNextMatches(u -> u.status() == TaskStatus.FINISHED)
        .verifyComplete();
  }

  @Test
  void aCustomRetryConfigSetsAttemptsAndIntervalsButStillHonoursRetryAfterAndTransience() {
    RetryConfig twoQuickAttempts = RetryConfig.custom().maxAttempts(2).waitDuration(Duration.ofMillis(10)).build();
    RateLimitedException limited = new RateLimitedException("slow down", 429, null, Duration.ofSeconds(5));
    provider.onFetch(error(limited), error(unavailable()), finished());

    StepVerifier.withVirtualTime(() -> client.watch(handle(), WatchOptions.defaults().retry(twoQuickAttempts)))
        .expectSubscription()
        .expectNoEvent(Duration.ofMillis(4_999))
        .thenAwait(Duration.ofSeconds(1))
        .expectError(ProviderUnavailableException.class)
        .verify(Duration.ofSeconds(5));
    assertThat(provider.fetches).hasValue(2);
  }

  @Test
  void aCustomRetryConfigCannotRetryNonTransientErrors() {
    RetryConfig retryEverything = RetryConfig.custom().maxAttempts(5).retryOnException(e -> true).build();
    provider.onFetch(error(new InvalidRequestException("bad")), finished());

    StepVerifier.withVirtualTime(() -> client.watch(handle(), WatchOptions.defaults().retry(retryEverything)))
        .thenAwait(Duration.ofMinutes(1))
        .expectError(InvalidRequestException.class)
        .verify(Duration.ofSeconds(5));
    assertThat(provider.fetches).hasValue(1);
  }

  @Test
  void statusAndCancelRetryTransientErrorsToo() {
    provider.onFetch(error(unavailable()), status(TaskStatus.RUNNING));

    StepVerifier.withVirtualTime(() -> client.status(handle()))
        .thenAwait(Duration.ofSeconds(1))
        .expectNextMatches(u -> u.status() == TaskStatus.RUNNING)
        .verifyComplete();
    assertThat(provider.fetches).hasValue(2);
  }

  @Test
  void statusGivesUpAfterFiveAttempts() {
    provider.onFetch(error(unavailable()));

    StepVerifier.withVirtualTime(() -> client.status(handle()))
        .thenAwait(Duration.ofMinutes(5))
        .expectError(ProviderUnavailableException.class)
        .verify(Duration.ofSeconds(5));
    assertThat(provider.fetches).hasValue(Retries.CALL_MAX_ATTEMPTS);
  }

  @Test
  void aCancelOutsideAnyWatchIsToldTheStatusThatStatusReported() {
    provider.onFetch(status(TaskStatus.RUNNING));

    StepVerifier.create(client.status(handle())).expectNextCount(1).verifyComplete();
    StepVerifier.create(client.cancel(handle())).verifyComplete();

    assertThat(provider.cancels).singleElement()
        .satisfies(last -> assertThat(last).isNotNull().extracting(TaskUpdate::status).isEqualTo(TaskStatus.RUNNING));
  }
}
