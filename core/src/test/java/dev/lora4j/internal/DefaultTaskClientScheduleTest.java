package dev.lora4j.internal;

import static dev.lora4j.internal.ScriptedProvider.finished;
import static dev.lora4j.internal.ScriptedProvider.handle;
import static dev.lora4j.internal.ScriptedProvider.update;
import static dev.lora4j.internal.ScriptedProvider.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.PollSchedule;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.WatchOptions;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The polling loop on an adaptive schedule, in virtual time. */
class DefaultTaskClientScheduleTest {

  private static final PollSchedule ADAPTIVE = PollSchedule.adaptive(Duration.ofSeconds(1), Duration.ofSeconds(15));

  private final ScriptedProvider provider = new ScriptedProvider();
  private final DefaultTaskClient client = new DefaultTaskClient(ScriptedProvider.NAME, provider, Duration.ofSeconds(3));

  private static Function<TaskHandle, Mono<TaskUpdate>> waitingAskingFor(Duration wait) {
    return h -> Mono.just(update(h, TaskStatus.WAITING).pollAfter(wait).build());
  }

  @Test
  void pollsImmediatelyThenWaitsWhatTheProviderAsked() {
    provider.onFetch(waitingAskingFor(Duration.ofSeconds(20)), finished());

    StepVerifier.withVirtualTime(() -> client.watch(handle(), WatchOptions.defaults().pollSchedule(ADAPTIVE)))
        .assertNext(u -> assertThat(u.pollAfter()).hasValue(Duration.ofSeconds(20)))
        .expectNoEvent(Duration.ofSeconds(20))
        .thenAwait(Duration.ofSeconds(2))
        .assertNext(u -> assertThat(u.status()).isEqualTo(TaskStatus.FINISHED))
        .verifyComplete();
    assertThat(provider.fetches).hasValue(2);
  }

  @Test
  void backsOffWhileNothingIsKnownAndStaysWithinTheBounds() {
    provider.onFetch(waiting(1));

    StepVerifier.withVirtualTime(() -> client.watch(handle(), WatchOptions.defaults().pollSchedule(ADAPTIVE.withJitter(0.0))
            .timeout(Duration.ofMinutes(10)).cancelOnTimeout(false)))
        .expectNextCount(1)
        .thenAwait(Duration.ofMinutes(5))
        .thenCancel()
        .verify();
    // a tenth of the time watched, at least 1 s, at most 15 s: 10 polls in the first 10 s, then
    // slower; far fewer than the 300 of a fixed 1 s and more than the 20 of a fixed 15 s
    assertThat(provider.fetches.get()).isBetween(30, 60);
  }

  @Test
  void watchesWithEqualSchedulesShareOneLoop() {
    provider.onFetch(waiting(2), waiting(1), finished());
    WatchOptions options = WatchOptions.defaults().pollSchedule(PollSchedule.adaptive(Duration.ofSeconds(1), Duration.ofSeconds(15)));

    StepVerifier.withVirtualTime(() -> Flux.merge(client.watch(handle(), options), client.watch(handle(), options)))
        .expectNextCount(2)
        .thenAwait(Duration.ofMinutes(1))
        .expectNextCount(4)
        .verifyComplete();
    assertThat(provider.fetches).hasValue(3);
  }

  @Test
  void intervalIsShorthandForAFixedSchedule() {
    WatchOptions byInterval = WatchOptions.defaults().interval(Duration.ofSeconds(2));
    assertThat(byInterval.pollSchedule()).hasValue(PollSchedule.fixed(Duration.ofSeconds(2)));
    assertThat(byInterval.interval()).hasValue(Duration.ofSeconds(2));
    assertThat(byInterval.pollSchedule(ADAPTIVE).interval()).isEmpty();
  }
}
