package dev.lora4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

class CloseGateTest {

  private final AtomicReference<CloseGate<String>> gate = new AtomicReference<>();
  private final AtomicBoolean canceled = new AtomicBoolean();

  private Flux<String> gated(Flux<String> source, boolean ended) {
    return source.doOnCancel(() -> canceled.set(true)).transform(Operators.<String, String>lift((scannable, subscriber) -> {
      CloseGate<String> g = new CloseGate<>(Operators.serialize(subscriber), () -> ended, () -> new IllegalStateException("closed"));
      gate.set(g);
      return g;
    }));
  }

  @Test
  void passesSignalsThroughUntilStopped() {
    StepVerifier.create(gated(Flux.just("a", "b"), false))
        .expectNext("a", "b")
        .verifyComplete();
  }

  @Test
  void stoppingCancelsTheLoopAndSignalsTheErrorWhileTheTaskRuns() {
    Sinks.Many<String> updates = Sinks.many().unicast().onBackpressureBuffer();

    StepVerifier.create(gated(updates.asFlux(), false))
        .then(() -> updates.tryEmitNext("running"))
        .expectNext("running")
        .then(() -> gate.get().stop())
        .expectErrorMessage("closed")
        .verify();
    assertThat(canceled).isTrue();
    assertThat(updates.tryEmitNext("late").isFailure()).as("nothing is subscribed any more").isTrue();
  }

  @Test
  void stoppingAfterTheTaskEndedCompletes() {
    StepVerifier.create(gated(Flux.never(), true))
        .then(() -> gate.get().stop())
        .verifyComplete();
    assertThat(canceled).isTrue();
  }

  @Test
  void aGateStoppedBeforeItsLoopIsSubscribedStopsItAtOnce() {
    Flux<String> source = Flux.<String>never().doOnCancel(() -> canceled.set(true));
    Flux<String> stoppedEarly = source.transform(Operators.<String, String>lift((scannable, subscriber) -> {
      CloseGate<String> g = new CloseGate<>(Operators.serialize(subscriber), () -> false, () -> new IllegalStateException("closed"));
      g.stop();
      return g;
    }));

    StepVerifier.create(stoppedEarly).expectErrorMessage("closed").verify();
    assertThat(canceled).isTrue();
  }

  @Test
  void stoppingTwiceOrAfterTheEndChangesNothing() {
    StepVerifier.create(gated(Flux.just("a"), false))
        .expectNext("a")
        .verifyComplete();
    gate.get().stop();
    gate.get().stop();
    assertThat(canceled).as("a completed loop is not canceled").isFalse();
  }
}
