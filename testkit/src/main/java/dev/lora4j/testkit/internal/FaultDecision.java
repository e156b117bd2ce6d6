package dev.lora4j.testkit.internal;

import dev.lora4j.testkit.FaultKind;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What the fault injector decided for one request.
 *
 * @param failure the exclusive fault to inject, or {@code null} for none
 * @param delay the latency to add before responding, zero for none
 * @param retryAfter the {@code Retry-After} to send with a {@link FaultKind#RATE_LIMIT}
 */
public record FaultDecision(@Nullable FaultKind failure, Duration delay, Duration retryAfter) {

  /** No fault and no delay. */
  public static final FaultDecision NONE = new FaultDecision(null, Duration.ZERO, Duration.ZERO);
}
