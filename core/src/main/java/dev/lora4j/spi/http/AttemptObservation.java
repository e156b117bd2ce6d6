package dev.lora4j.spi.http;

import dev.lora4j.internal.CallObserver;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * The observation of one attempt, when the subscriber's context holds a {@link CallObserver} (a
 * {@code TaskClient} given a registry puts one there); without one, nothing is allocated and the
 * attempt is returned as it is.
 */
final class AttemptObservation {

  private AttemptObservation() {}

  /** Starts the attempt's observation; {@code null} when nothing observes it. */
  static CallObserver.@Nullable Attempt start(ContextView context, Attempt attempt) {
    CallObserver observer = context.getOrDefault(CallObserver.KEY, null);
    if (observer == null) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>(4);
    CallObserver.Attempt observed = observer.start(attempt.call.method, carrier);
    attempt.traceHeaders = carrier;
    return observed;
  }

  /** Ends the observation with the attempt. */
  static <T> Mono<T> stopping(CallObserver.@Nullable Attempt observed, Attempt attempt, Mono<T> result) {
    if (observed == null) {
      return result;
    }
    return result
        .doOnSuccess(value -> observed.stop(attempt.status, null))
        .doOnError(e -> observed.stop(attempt.status, e))
        .doOnCancel(observed::canceled);
  }

  /** Adds the trace context of the attempt's observation, if any, to its request. */
  static void propagate(Attempt attempt, HttpHeaders headers) {
    Map<String, String> trace = attempt.traceHeaders;
    if (!trace.isEmpty()) {
      trace.forEach(headers::set);
    }
  }
}
