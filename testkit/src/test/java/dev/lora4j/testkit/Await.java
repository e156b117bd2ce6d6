package dev.lora4j.testkit;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Waits for a condition a simulator exposes through its inspection API: probes it every few
 * milliseconds until it holds or a deadline passes.
 */
final class Await {

  private static final Duration PROBE_INTERVAL = Duration.ofMillis(5);

  private Await() {
  }

  static <T> T value(String what, Duration deadline, Supplier<Optional<T>> probe) {
    return Flux.interval(Duration.ZERO, PROBE_INTERVAL)
        .map(tick -> probe.get())
        .filter(Optional::isPresent)
        .map(Optional::get)
        .next()
        .timeout(deadline, Mono.error(() -> new AssertionError("timed out after " + deadline + " waiting for " + what)))
        .block();
  }

  static void until(String what, Duration deadline, BooleanSupplier condition) {
    value(what, deadline, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
  }
}
