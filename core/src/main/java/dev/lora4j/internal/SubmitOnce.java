package dev.lora4j.internal;

import dev.lora4j.TaskHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A submission that is sent at most once however often it is subscribed: the first subscription
 * starts it, every subscription (the first included) receives its outcome. Once started it runs to
 * its end even if the subscriber goes away, so a billed task is never sent twice and its handle is
 * never lost half-way.
 */
final class SubmitOnce {

  private final Mono<TaskHandle> submission;
  private final AtomicBoolean started = new AtomicBoolean();
  private final Sinks.One<TaskHandle> outcome = Sinks.one();

  SubmitOnce(Mono<TaskHandle> submission) {
    this.submission = submission;
  }

  Mono<TaskHandle> mono() {
    return Mono.defer(() -> {
      if (started.compareAndSet(false, true)) {
        submission.subscribe(
            handle -> outcome.tryEmitValue(handle),
            outcome::tryEmitError,
            outcome::tryEmitEmpty);
      }
      return outcome.asMono();
    });
  }
}
