package dev.lora4j.webflux;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns a task's events into server-sent events: an {@code update} event per {@link TaskEvent}; an
 * error after the first update becomes a last {@code problem} event (the answer is under way, its
 * status sent), while an error before it is left to fail the request, so that an unknown task is a
 * {@code 404} problem; and a comment every so often, so that proxies keep a quiet stream open.
 */
final class EventStreams {

  /** The name of the events that carry a {@link TaskEvent}. */
  static final String UPDATE = "update";
  /** The name of the event that ends a stream with an error, carrying a problem. */
  static final String PROBLEM = "problem";

  private EventStreams() {}

  static Flux<ServerSentEvent<Object>> of(Flux<TaskEvent> events, Duration heartbeat) {
    Flux<ServerSentEvent<Object>> updates = events
        .map(event -> ServerSentEvent.<Object>builder(event).event(UPDATE).build())
        .switchOnFirst((first, flux) -> first.isOnError() ? flux : flux.onErrorResume(e -> Mono.just(problem(e))));
    return updates.publish(shared -> Flux.merge(shared, Flux.interval(heartbeat, heartbeat)
        .map(i -> ServerSentEvent.<Object>builder().comment("keep-alive").build())
        .takeUntilOther(shared.ignoreElements().onErrorResume(e -> Mono.empty()).then(Mono.just(true)))));
  }

  private static ServerSentEvent<Object> problem(Throwable error) {
    ProblemDetail problem = Problems.of(error);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("status", problem.getStatus());
    data.put("title", problem.getTitle());
    data.put("detail", problem.getDetail());
    if (problem.getProperties() != null) {
      data.putAll(problem.getProperties());
    }
    return ServerSentEvent.<Object>builder(data).event(PROBLEM).build();
  }
}
