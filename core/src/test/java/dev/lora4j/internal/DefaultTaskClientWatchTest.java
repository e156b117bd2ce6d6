package dev.lora4j.internal;

import static dev.lora4j.internal.ScriptedProvider.error;
import static dev.lora4j.internal.ScriptedProvider.failed;
import static dev.lora4j.internal.ScriptedProvider.finished;
import static dev.lora4j.internal.ScriptedProvider.handle;
import static dev.lora4j.internal.ScriptedProvider.running;
import static dev.lora4j.internal.ScriptedProvider.status;
import static dev.lora4j.internal.ScriptedProvider.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.AuthenticationException;
import dev.lora4j.InvalidRequestException;
import dev.lora4j.TaskCanceledException;
import dev.lora4j.TaskFailedException;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskTimeoutException;
import dev.lora4j.TaskUpdate;
import dev.lora4j.WatchOptions;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The status stream rules 1, 2, 3, 5, 6 and 7 of {@link dev.lora4j.TaskClient}. */
class DefaultTaskClientWatchTest {

  private static final Duration INTERVAL = Duration.ofSeconds(3);

  private final ScriptedProvider provider = new ScriptedProvider();
  private final DefaultTaskClient client = new DefaultTaskClient(ScriptedProvider.NAME, provider, INTERVAL);

  private StepVerifier.FirstStep<TaskUpdate> watchVirtually(Supplier<Flux<TaskUpdate>> watch) {
    return StepVerifier.withVirtualTime(watch);
  }

  @Test
  void emitsFirstUpdateAsSoonAsTheFirstPollAnswers() {
    provider.onFetch(waiting(4), finished());

    watchVirtually(() -> client.watch(handle()))
        .expectSubscription()
        .assertNext(u -> assertThat(u.queuePosition()).hasValue(4))
        .then(() -> assertThat(provider.fetches).hasValue(1))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void emitsOnlyChangedUpdatesAndPollsOncePerInterval() {
    provider.onFetch(waiting(3), waiting(3), waiting(2), running(0.5), running(0.5), finished());

    watchVirtually(() -> client.watch(handle()))
        .assertNext(u -> assertThat(u.queuePosition()).hasValue(3))
        .expectNoEvent(INTERVAL)
        .thenAwait(INTERVAL)
        .assertNext(u -> assertThat(u.queuePosition()).hasValue(2))
        .thenAwait(INTERVAL)
        .assertNext(u -> {
          assertThat(u.status()).isEqualTo(TaskStatus.RUNNING);
          assertThat(u.progress()).hasValue(0.5);
        })
        .thenAwait(INTERVAL.multipliedBy(2))
        .assertNext(u -> assertThat(u.status()).isEqualTo(TaskStatus.FINISHED))
        .verifyComplete();
    assertThat(provider.fetches).hasValue(6);
  }

  @Test
  void dropsAStaleEarlierStatus() {
    provider.onFetch(status(TaskStatus.RUNNING), status(TaskStatus.WAITING), status(TaskStatus.RUNNING), finished());

    watchVirtually(() -> client.watch(handle()))
        .expectNextMatches(u -> u.status() == TaskStatus.RUNNING)
        .thenAwait(INTERVAL.multipliedBy(3))
        .expectNextMatches(u -> u.status() == TaskStatus.FINISHED)
        .verifyComplete();
  }

  @Test
  void endsWithExactlyOneTerminalUpdateCarryingTheResultAndStopsPolling() {
    provider.onFetch(status(TaskStatus.WAITING), finished());

    watchVirtually(() -> client.watch(handle()))
        .expectNextMatches(u -> u.status() == TaskStatus.WAITING && u.result().isEmpty())
        .thenAwait(INTERVAL)
        .assertNext(u -> {
          assertThat(u.status()).isEqualTo(TaskStatus.FINISHED);
          assertThat(u.result()).get().satisfies(r -> assertThat(r.outputs()).hasSize(1));
        })
        .verifyComplete();
    assertThat(provider.fetches).hasValue(2);
    assertThat(client.activeLoops()).isZero();
  }

  @Test
  void emitsFailedAsAnUpdateButAwaitSignalsTaskFailedException() {
    provider.onFetch(status(TaskStatus.RUNNING), failed("out of memory"));

    watchVirtually(() -> client.watch(handle()))
        .expectNextMatches(u -> u.status() == TaskStatus.RUNNING)
        .thenAwait(INTERVAL)
        .assertNext(u -> assertThat(u.result().orElseThrow().error()).hasValue("out of memory"))
        .verifyComplete();

    StepVerifier.withVirtualTime(() -> client.await(handle()))
        .thenAwait(INTERVAL.multipliedBy(4))
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(TaskFailedException.class).hasMessageContaining("out of memory");
          assertThat(((TaskFailedException) e).result().status()).isEqualTo(TaskStatus.FAILED);
        })
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void awaitSignalsTaskCanceledExceptionForACanceledTask() {
    provider.onFetch(status(TaskStatus.CANCELED));

    StepVerifier.create(client.await(handle()))
        .expectError(TaskCanceledException.class)
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void awaitEmitsTheResultOfAFinishedTask() {
    provider.onFetch(status(TaskStatus.WAITING), status(TaskStatus.RUNNING), finished());

    StepVerifier.withVirtualTime(() -> client.await(handle()))
        .thenAwait(INTERVAL.multipliedBy(2))
        .assertNext(r -> assertThat(r.outputs().get(0).name()).isEqualTo("t-1.png"))
        .verifyComplete();
  }

  @Test
  void addsAResultToATerminalUpdateThatLacksOne() {
    provider.onFetch(status(TaskStatus.CANCELED));

    StepVerifier.create(client.watch(handle()))
        .assertNext(u -> assertThat(u.result()).get().satisfies(r -> assertThat(r.status()).isEqualTo(TaskStatus.CANCELED)))
        .verifyComplete();
  }

  @Test
  void cancelsRemotelyWhenTimeoutExpiresThenSignalsTheLastUpdate() {
    provider.onFetch(waiting(7));

    watchVirtually(() -> client.watch(handle(), WatchOptions.defaults().timeout(Duration.ofSeconds(10))))
        .expectNextMatches(u -> u.status() == TaskStatus.WAITING)
        .thenAwait(Duration.ofSeconds(10))
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(TaskTimeoutException.class);
          TaskTimeoutException t = (TaskTimeoutException) e;
          assertThat(t.lastUpdate()).get().satisfies(u -> assertThat(u.queuePosition()).hasValue(7));
          assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(10));
          assertThat(t.canceled()).isTrue();
          assertThat(t.handle()).isEqualTo(handle());
          assertThat(t).hasMessageEndingWith("(last status WAITING); it was canceled");
        })
        .verify(Duration.ofSeconds(5));
    assertThat(provider.cancels).hasSize(1);
    assertThat(provider.cancels.get(0)).isNotNull();
    assertThat(client.activeLoops()).isZero();
  }

  @Test
  void leavesTheTaskRunningOnTimeoutWhenToldSo() {
    provider.onFetch(waiting(7));

    watchVirtually(() -> client.watch(handle(), WatchOptions.defaults().timeout(Duration.ofSeconds(10)).cancelOnTimeout(false)))
        .expectNextCount(1)
        .thenAwait(Duration.ofSeconds(10))
        .expectErrorSatisfies(e -> {
          assertThat(((TaskTimeoutException) e).canceled()).isFalse();
          assertThat(e).hasMessageEndingWith("; it was left running");
        })
        .verify(Duration.ofSeconds(5));
    assertThat(provider.cancels).isEmpty();
  }

  @Test
  void saysSoWhenCancelingOnTimeoutFails() {
    ScriptedProvider stubborn = new ScriptedProvider() {
      @Override
      public reactor.core.publisher.Mono<Void> cancel(dev.lora4j.TaskHandle handle, dev.lora4j.TaskUpdate lastKnown) {
        return reactor.core.publisher.Mono.error(new dev.lora4j.InvalidRequestException("cannot cancel now"));
      }
    };
    stubborn.onFetch(waiting(7));
    DefaultTaskClient c = new DefaultTaskClient(ScriptedProvider.NAME, stubborn, INTERVAL);

    StepVerifier.withVirtualTime(() -> c.watch(handle(), WatchOptions.defaults().timeout(Duration.ofSeconds(10))))
        .expectNextCount(1)
        .thenAwait(Duration.ofSeconds(10))
        .expectErrorSatisfies(e -> {
          TaskTimeoutException t = (TaskTimeoutException) e;
          assertThat(t.canceled()).isFalse();
          assertThat(t).hasMessageEndingWith("; canceling it failed: cannot cancel now");
          assertThat(t.getSuppressed()).singleElement().satisfies(s -> assertThat(s).hasMessage("cannot cancel now"));
        })
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void defaultTimeoutIsTenMinutes() {
    provider.onFetch(status(TaskStatus.RUNNING));

    watchVirtually(() -> client.watch(handle()))
        .expectNextCount(1)
        .thenAwait(Duration.ofMinutes(10).minusSeconds(1))
        .expectNoEvent(Duration.ofMillis(500))
        .thenAwait(Duration.ofSeconds(1))
        .expectError(TaskTimeoutException.class)
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void concurrentSubscribersShareOnePollPerInterval() {
    provider.onFetch(waiting(3), waiting(2), waiting(1), status(TaskStatus.RUNNING), finished());

    StepVerifier.withVirtualTime(() -> Flux.merge(client.watch(handle()), client.watch(handle()), client.watch(handle())))
        .expectNextCount(3)
        .thenAwait(INTERVAL.multipliedBy(4))
        .expectNextCount(12)
        .verifyComplete();
    assertThat(provider.fetches).hasValue(5);
  }

  @Test
  void watchesShareALoopOnlyWithTheSameRetryConfigInstance() {
    provider.onFetch(status(TaskStatus.RUNNING), status(TaskStatus.RUNNING), status(TaskStatus.RUNNING), finished());
    RetryConfig config = RetryConfig.custom().maxAttempts(3).build();
    RetryConfig equalButAnother = RetryConfig.custom().maxAttempts(3).build();
    WatchOptions same = WatchOptions.defaults().retry(config);

    StepVerifier.withVirtualTime(() -> Flux.merge(
            client.watch(handle(), same), client.watch(handle(), WatchOptions.defaults().retry(config))))
        .expectNextCount(2)
        .then(() -> assertThat(client.activeLoops()).as("same instance: one loop").isEqualTo(1))
        .then(() -> assertThat(provider.fetches).hasValue(1))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    StepVerifier.withVirtualTime(() -> Flux.merge(
            client.watch(handle(), same), client.watch(handle(), WatchOptions.defaults().retry(equalButAnother))))
        .expectNextCount(2)
        .then(() -> assertThat(client.activeLoops()).as("RetryConfig has no equals: two loops").isEqualTo(2))
        .then(() -> assertThat(provider.fetches).hasValue(3))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void aLateSubscriberFirstGetsTheLatestUpdate() {
    provider.onFetch(waiting(3), waiting(2), status(TaskStatus.RUNNING), finished());
    List<TaskUpdate> late = new java.util.concurrent.CopyOnWriteArrayList<>();

    StepVerifier.withVirtualTime(() -> client.watch(handle()))
        .expectNextCount(1)
        .thenAwait(INTERVAL)
        .expectNextCount(1)
        .then(() -> client.watch(handle()).subscribe(late::add))
        .then(() -> assertThat(late).singleElement().satisfies(u -> assertThat(u.queuePosition()).hasValue(2)))
        .thenAwait(INTERVAL.multipliedBy(2))
        .expectNextCount(2)
        .verifyComplete();
    assertThat(late).extracting(TaskUpdate::status)
        .containsExactly(TaskStatus.WAITING, TaskStatus.RUNNING, TaskStatus.FINISHED);
    assertThat(provider.fetches).hasValue(4);
  }

  @Test
  void disposingTheLastSubscriberStopsPollingAtOnce() {
    provider.onFetch(status(TaskStatus.RUNNING));

    StepVerifier.withVirtualTime(() -> client.watch(handle()))
        .expectNextCount(1)
        .thenAwait(INTERVAL.multipliedBy(2))
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    int polled = provider.fetches.get();
    assertThat(client.activeLoops()).isZero();
    StepVerifier.withVirtualTime(() -> reactor.core.publisher.Mono.delay(Duration.ofMinutes(1)))
        .thenAwait(Duration.ofMinutes(1))
        .expectNextCount(1)
        .verifyComplete();
    assertThat(provider.fetches).hasValue(polled);
    assertThat(provider.cancels).isEmpty();
  }

  @Test
  void disposingCancelsTheTaskOnlyWhenAskedTo() {
    provider.onFetch(status(TaskStatus.RUNNING));

    StepVerifier.withVirtualTime(() -> client.watch(handle(), WatchOptions.defaults().cancelOnDispose(true)))
        .expectNextCount(1)
        .thenCancel()
        .verify(Duration.ofSeconds(5));
    assertThat(provider.cancels).singleElement()
        .satisfies(u -> assertThat(u.status()).isEqualTo(TaskStatus.RUNNING));
  }

  @Test
  void usesPushedUpdatesAndFallsBackToPollingWithoutRepeatingAnUpdate() {
    TaskHandle h = handle();
    provider.onPush(Flux.just(
            ScriptedProvider.update(h, TaskStatus.WAITING).queuePosition(1).build(),
            ScriptedProvider.update(h, TaskStatus.RUNNING).providerStatus("task_start").build()))
        .onFetch(
            h2 -> reactor.core.publisher.Mono.just(ScriptedProvider.update(h2, TaskStatus.RUNNING).providerStatus("task_start").build()),
            finished());

    StepVerifier.withVirtualTime(() -> client.watch(h))
        .expectNextMatches(u -> u.status() == TaskStatus.WAITING)
        .expectNextMatches(u -> u.providerStatus().equals("task_start"))
        .thenAwait(INTERVAL)
        .expectNextMatches(u -> u.status() == TaskStatus.FINISHED)
        .verifyComplete();
    assertThat(provider.fetches).hasValue(2);
  }

  @Test
  void doesNotPollWhenThePushStreamEndsTheTask() {
    TaskHandle h = handle();
    provider.onPush(Flux.just(ScriptedProvider.update(h, TaskStatus.RUNNING).build(), ScriptedProvider.finishedUpdate(h)))
        .onFetch(status(TaskStatus.RUNNING));

    StepVerifier.create(client.watch(h))
        .expectNextCount(2)
        .verifyComplete();
    assertThat(provider.fetches).hasValue(0);
  }

  @Test
  void fallsBackToPollingWhenThePushStreamFails() {
    TaskHandle h = handle();
    provider.onPush(Flux.concat(Flux.just(ScriptedProvider.update(h, TaskStatus.RUNNING).build()),
            Flux.error(new java.io.UncheckedIOException(new java.io.IOException("socket closed")))))
        .onFetch(finished());

    StepVerifier.create(client.watch(h))
        .expectNextMatches(u -> u.status() == TaskStatus.RUNNING)
        .expectNextMatches(u -> u.status() == TaskStatus.FINISHED)
        .verifyComplete();
  }

  @Test
  void rejectsAHandleOfAnotherProvider() {
    StepVerifier.create(client.watch(new TaskHandle("other", "x", null)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(InvalidRequestException.class).hasMessageContaining("'other'"))
        .verify(Duration.ofSeconds(5));
  }

  @Test
  void closingEndsRunningStreamsAndClosesTheProvider() {
    provider.onFetch(status(TaskStatus.RUNNING));

    StepVerifier.withVirtualTime(() -> client.watch(handle()))
        .expectNextCount(1)
        .then(client::close)
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed"))
        .verify(Duration.ofSeconds(5));
    assertThat(provider.closes).hasValue(1);
    StepVerifier.create(client.status(handle())).expectError(IllegalStateException.class).verify(Duration.ofSeconds(5));
  }

  @Test
  void aNonTransientErrorEndsTheStreamAtOnce() {
    provider.onFetch(status(TaskStatus.WAITING), error(new AuthenticationException("rejected", 401, "bad key")));

    StepVerifier.withVirtualTime(() -> client.watch(handle()))
        .expectNextCount(1)
        .thenAwait(INTERVAL)
        .expectError(AuthenticationException.class)
        .verify(Duration.ofSeconds(5));
    assertThat(provider.fetches).hasValue(2);
  }
}
