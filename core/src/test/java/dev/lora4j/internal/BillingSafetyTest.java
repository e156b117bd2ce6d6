package dev.lora4j.internal;

import static dev.lora4j.internal.ScriptedProvider.finished;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskTimeoutException;
import dev.lora4j.TaskUpdate;
import dev.lora4j.TextToImage;
import dev.lora4j.WatchOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Rule 8 of {@link dev.lora4j.TaskClient}: a billed submission is never sent twice by accident. */
class BillingSafetyTest {

  private static final TextToImage REQUEST = TextToImage.of("a gecko", "gecko");

  private final ScriptedProvider provider = new ScriptedProvider().onFetch(finished());
  private final DefaultTaskClient client = new DefaultTaskClient(ScriptedProvider.NAME, provider, Duration.ofSeconds(1));

  @Test
  void submitSendsOneTaskPerSubscription() {
    Mono<TaskHandle> submit = client.submit(REQUEST);
    assertThat(provider.submits).as("nothing before subscription").hasValue(0);

    StepVerifier.create(submit).expectNextMatches(h -> h.id().equals("t-1")).verifyComplete();
    StepVerifier.create(submit).expectNextMatches(h -> h.id().equals("t-2")).verifyComplete();
    assertThat(provider.submits).hasValue(2);
  }

  @Test
  void runSendsAtMostOneTaskHoweverOftenItIsSubscribed() {
    Mono<TaskResult> run = client.run(REQUEST);

    StepVerifier.create(run).expectNextCount(1).verifyComplete();
    StepVerifier.create(run).expectNextCount(1).verifyComplete();
    StepVerifier.create(run.retry(3)).expectNextCount(1).verifyComplete();
    assertThat(provider.submits).hasValue(1);
  }

  @Test
  void runAndWatchResubscribedWatchesTheSameTask() {
    Flux<TaskUpdate> updates = client.runAndWatch(REQUEST);

    StepVerifier.create(updates).expectNextMatches(u -> u.handle().id().equals("t-1")).verifyComplete();
    StepVerifier.create(updates).expectNextMatches(u -> u.handle().id().equals("t-1")).verifyComplete();
    assertThat(provider.submits).hasValue(1);
  }

  @Test
  void aFailedRunIsNotResentWhenRetried() {
    ScriptedProvider failing = new ScriptedProvider()
        .onSubmit(n -> Mono.error(new ProviderUnavailableException("502 after sending", 502, null)));
    DefaultTaskClient c = new DefaultTaskClient(ScriptedProvider.NAME, failing, Duration.ofSeconds(1));

    StepVerifier.create(c.run(REQUEST).retry(5))
        .expectError(ProviderUnavailableException.class)
        .verify(Duration.ofSeconds(5));
    assertThat(failing.submits).hasValue(1);
  }

  @Test
  void retriesASubmissionThatCouldNotConnect() {
    ScriptedProvider flaky = new ScriptedProvider().onSubmit(
        n -> Mono.error(new ProviderUnavailableException("connection refused", null, false)),
        n -> Mono.just(new TaskHandle(ScriptedProvider.NAME, "t-" + n, null)));
    DefaultTaskClient c = new DefaultTaskClient(ScriptedProvider.NAME, flaky, Duration.ofSeconds(1));

    StepVerifier.withVirtualTime(() -> c.submit(REQUEST))
        .thenAwait(Duration.ofSeconds(2))
        .expectNextMatches(h -> h.id().equals("t-2"))
        .verifyComplete();
    assertThat(flaky.submits).hasValue(2);
  }

  @Test
  void neverRetriesASubmissionThatMayHaveReachedTheProvider() {
    AtomicInteger attempts = new AtomicInteger();
    ScriptedProvider reset = new ScriptedProvider().onSubmit(n -> {
      attempts.incrementAndGet();
      return Mono.error(new ProviderUnavailableException("connection reset after sending", null, true));
    });
    DefaultTaskClient c = new DefaultTaskClient(ScriptedProvider.NAME, reset, Duration.ofSeconds(1));

    StepVerifier.withVirtualTime(() -> c.submit(REQUEST))
        .thenAwait(Duration.ofMinutes(1))
        .expectError(ProviderUnavailableException.class)
        .verify(Duration.ofSeconds(5));
    assertThat(attempts).hasValue(1);
  }

  @Test
  void disposingWhileTheSubmissionIsInFlightCancelsTheTaskOnceItsHandleArrives() {
    assertThat(disposeDuringSubmission(WatchOptions.defaults().cancelOnDispose(true))).hasSize(1);
  }

  @Test
  void disposingWithoutCancelOnDisposeLeavesTheSubmittedTaskAlone() {
    assertThat(disposeDuringSubmission(WatchOptions.defaults())).isEmpty();
  }

  /** Subscribes, disposes 1 s into a 2 s submission, lets it finish; returns the cancels sent. */
  private static java.util.List<dev.lora4j.TaskUpdate> disposeDuringSubmission(WatchOptions options) {
    VirtualTimeScheduler time = VirtualTimeScheduler.getOrSet();
    try {
      ScriptedProvider slow = new ScriptedProvider()
          .onSubmit(n -> Mono.delay(Duration.ofSeconds(2)).thenReturn(new TaskHandle(ScriptedProvider.NAME, "t-" + n, null)))
          .onFetch(ScriptedProvider.status(dev.lora4j.TaskStatus.RUNNING));
      DefaultTaskClient c = new DefaultTaskClient(ScriptedProvider.NAME, slow, Duration.ofSeconds(1));

      Disposable subscription = c.runAndWatch(REQUEST, options).subscribe();
      time.advanceTimeBy(Duration.ofSeconds(1));
      subscription.dispose();
      assertThat(slow.cancels).as("nothing to cancel before the handle arrives").isEmpty();
      time.advanceTimeBy(Duration.ofSeconds(2));

      assertThat(slow.submits).hasValue(1);
      assertThat(slow.fetches).as("nobody watches a disposed run").hasValue(0);
      return new java.util.ArrayList<>(slow.cancels);
    } finally {
      VirtualTimeScheduler.reset();
    }
  }

  @Test
  void runUsesTheRequestTimeoutAsTheWatchTimeout() {
    ScriptedProvider slow = new ScriptedProvider().onFetch(ScriptedProvider.status(dev.lora4j.TaskStatus.RUNNING));
    DefaultTaskClient c = new DefaultTaskClient(ScriptedProvider.NAME, slow, Duration.ofSeconds(1));
    TextToImage quick = TextToImage.builder().prompt("a gecko").lora("gecko").timeout(Duration.ofSeconds(30)).build();

    StepVerifier.withVirtualTime(() -> c.run(quick))
        .thenAwait(Duration.ofSeconds(30))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TaskTimeoutException.class)
            .hasMessageContaining("PT30S"))
        .verify(Duration.ofSeconds(5));
    assertThat(slow.cancels).hasSize(1);
  }

  @Test
  void aWatchTimeoutOverridesTheRequestTimeout() {
    ScriptedProvider slow = new ScriptedProvider().onFetch(ScriptedProvider.status(dev.lora4j.TaskStatus.RUNNING));
    DefaultTaskClient c = new DefaultTaskClient(ScriptedProvider.NAME, slow, Duration.ofSeconds(1));
    TextToImage quick = TextToImage.builder().prompt("a gecko").lora("gecko").timeout(Duration.ofSeconds(30)).build();

    StepVerifier.withVirtualTime(() -> c.run(quick, WatchOptions.defaults().timeout(Duration.ofSeconds(5))))
        .thenAwait(Duration.ofSeconds(5))
        .expectError(TaskTimeoutException.class)
        .verify(Duration.ofSeconds(5));
  }
}
