package dev.lora4j.spi.http;

import java.util.List;
import java.util.Map;
import reactor.core.publisher.Sinks;

/** The state of one attempt of a {@link Call}, written on an event loop and read wherever the result lands. */
final class Attempt {
  final Call call;
  final long startNanos = System.nanoTime();
  /** Empty-completes once the request is about to be written; starts the response deadline. */
  final Sinks.Empty<Void> sent = Sinks.empty();

  volatile boolean requestSent;
  volatile int status;
  volatile List<String> headerSecrets = List.of();
  /** The trace context to send, filled when an observation of the attempt starts. */
  volatile Map<String, String> traceHeaders = Map.of();

  Attempt(Call call) {
    this.call = call;
  }

  /** The client's redactor plus the credentials of this attempt's body and headers. */
  Redactor redactor(Redactor base) {
    return call.redactor(base).withSecrets(headerSecrets);
  }

  /** Marks the request as (about to be) written: from here on the provider may see it. */
  void markSent() {
    requestSent = true;
    sent.tryEmitEmpty();
  }

  long elapsedMillis() {
    return elapsedNanos() / 1_000_000;
  }

  long elapsedNanos() {
    return System.nanoTime() - startNanos;
  }
}
