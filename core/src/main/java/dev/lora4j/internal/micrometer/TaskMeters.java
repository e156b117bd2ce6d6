package dev.lora4j.internal.micrometer;

import dev.lora4j.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The meters of one client. The gauges of tasks followed by status are shared by every client of
 * the same provider on the same registry (a gauge is registered once per name and tags).
 */
final class TaskMeters {

  /** Per registry and provider, the tasks followed in each status. */
  private static final Map<MeterRegistry, Map<String, EnumMap<TaskStatus, AtomicInteger>>> FOLLOWED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final MeterRegistry registry;
  private final String provider;
  private final EnumMap<TaskStatus, AtomicInteger> followed;
  private final Counter polls;
  private final Counter pushErrors;
  private final Counter pushEnds;
  private final EnumMap<TaskStatus, Counter> updates = new EnumMap<>(TaskStatus.class);

  TaskMeters(MeterRegistry registry, String provider) {
    this.registry = registry;
    this.provider = provider;
    this.followed = FOLLOWED.computeIfAbsent(registry, r -> Collections.synchronizedMap(new HashMap<>()))
        .computeIfAbsent(provider, p -> gauges(registry, p));
    this.polls = Counter.builder("lora4j.polls").description("Status reads sent")
        .tag("lora4j.provider", provider).register(registry);
    this.pushErrors = pushFallbacks(registry, provider, "error");
    this.pushEnds = pushFallbacks(registry, provider, "closed");
    for (TaskStatus status : TaskStatus.values()) {
      updates.put(status, Counter.builder("lora4j.updates").description("Updates emitted to watchers")
          .tag("lora4j.provider", provider).tag("lora4j.status", name(status)).register(registry));
    }
  }

  private static Counter pushFallbacks(MeterRegistry registry, String provider, String reason) {
    return Counter.builder("lora4j.push.fallbacks")
        .description("Push updates that failed (error) or ended early (closed), after which the client polled")
        .tag("lora4j.provider", provider).tag("lora4j.reason", reason).register(registry);
  }

  private static EnumMap<TaskStatus, AtomicInteger> gauges(MeterRegistry registry, String provider) {
    EnumMap<TaskStatus, AtomicInteger> counts = new EnumMap<>(TaskStatus.class);
    for (TaskStatus status : TaskStatus.values()) {
      AtomicInteger count = new AtomicInteger();
      counts.put(status, count);
      Gauge.builder("lora4j.tasks.active", count, AtomicInteger::get)
          .description("Tasks followed, by their last status")
          .tag("lora4j.provider", provider).tag("lora4j.status", name(status))
          .strongReference(true)
          .register(registry);
    }
    return counts;
  }

  void moved(@Nullable TaskStatus from, @Nullable TaskStatus to) {
    if (from == to) {
      return;
    }
    if (from != null && !from.isTerminal()) {
      followed.get(from).decrementAndGet();
    }
    if (to != null && !to.isTerminal()) {
      followed.get(to).incrementAndGet();
    }
  }

  void updated(TaskStatus status) {
    updates.get(status).increment();
  }

  void polled() {
    polls.increment();
  }

  void pushFallback(boolean failed) {
    (failed ? pushErrors : pushEnds).increment();
  }

  void retried(String operation) {
    Counter.builder("lora4j.retries").description("Attempts retried")
        .tag("lora4j.provider", provider).tag("lora4j.operation", operation).register(registry).increment();
  }

  void rateLimited(String operation) {
    Counter.builder("lora4j.rate.limited").description("Answers 429 (rate limited)")
        .tag("lora4j.provider", provider).tag("lora4j.operation", operation).register(registry).increment();
  }

  void queued(String kind, Duration time) {
    Timer.builder("lora4j.task.queue.time").description("Time from WAITING to RUNNING")
        .tag("lora4j.provider", provider).tag("lora4j.request.kind", kind).register(registry).record(time);
  }

  void ran(String kind, String outcome, Duration time) {
    Timer.builder("lora4j.task.run.time").description("Time from RUNNING to the terminal status")
        .tag("lora4j.provider", provider).tag("lora4j.request.kind", kind).tag("lora4j.outcome", outcome)
        .register(registry).record(time);
  }

  void ended(String kind, String outcome, int pollCount) {
    DistributionSummary.builder("lora4j.task.polls").description("Status reads sent per task")
        .tag("lora4j.provider", provider).tag("lora4j.request.kind", kind).tag("lora4j.outcome", outcome)
        .register(registry).record(pollCount);
  }

  private static String name(TaskStatus status) {
    return status.name().toLowerCase(Locale.ROOT);
  }
}
