package dev.lora4j.spi.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.Lora4jException;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The error a call of the HTTP client signals, for the tests of this package. */
final class CallFailure {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private CallFailure() {}

  /**
   * Subscribes to a call and returns its error; fails the test if the call emits, completes, or
   * signals anything but a {@link Lora4jException} within 5 seconds.
   */
  static Lora4jException of(Mono<?> call) {
    Throwable[] seen = new Throwable[1];
    StepVerifier.create(call).consumeErrorWith(e -> seen[0] = e).verify(WAIT);
    assertThat(seen[0]).as("the call's error").isInstanceOf(Lora4jException.class);
    return (Lora4jException) seen[0];
  }
}
