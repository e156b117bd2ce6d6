package dev.lora4j.internal.micrometer;

import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resilience4j's own retry meters ({@code resilience4j.retry.calls}, by {@code name} and {@code
 * kind}) of one client's retries, bound with {@code resilience4j-micrometer}'s {@link
 * TaggedRetryMetrics}. Each client's retries carry the tag {@code lora4j.client}, a number unique
 * in the JVM, so that two clients of one provider on one registry keep meters of their own (the
 * retry names are the same for both); closing the client removes its meters. Loaded only when
 * {@code resilience4j-micrometer} is on the class path.
 */
final class RetryMeters {

  private static final AtomicLong CLIENTS = new AtomicLong();

  private final RetryRegistry retries;

  RetryMeters(MeterRegistry registry) {
    this.retries = RetryRegistry.custom()
        .withTags(Map.of("lora4j.client", Long.toString(CLIENTS.incrementAndGet())))
        .build();
    TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
  }

  Retry retry(String name, RetryConfig config) {
    return retries.retry(name, config);
  }

  void close() {
    for (Retry retry : retries.getAllRetries()) {
      retries.remove(retry.getName());
    }
  }
}
