package dev.lora4j.internal.micrometer;

import dev.lora4j.TaskUpdate;
import dev.lora4j.internal.CallObserver;
import dev.lora4j.internal.Instrumentation;
import dev.lora4j.internal.TaskProbe;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SignalType;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/** The instrumentation of a client given a Micrometer registry. */
public final class MicrometerInstrumentation implements Instrumentation {

  /** Whether {@code resilience4j-micrometer}, optional, is on the class path. */
  private static final boolean RETRY_METRICS = present("io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics");

  final String provider;
  final ObservationRegistry observations;
  /** {@code null} without a meter registry, so that micrometer-core need not be there. */
  final @Nullable TaskMeters meters;
  /** {@code null} without a meter registry or without resilience4j-micrometer. */
  private final @Nullable RetryMeters retryMeters;

  private MicrometerInstrumentation(String provider, ObservationRegistry observations, @Nullable TaskMeters meters,
      @Nullable RetryMeters retryMeters) {
    this.provider = provider;
    this.observations = observations;
    this.meters = meters;
    this.retryMeters = retryMeters;
  }

  /**
   * Creates the instrumentation of one client.
   *
   * @param provider the client's provider
   * @param observationRegistry an {@link ObservationRegistry}, or {@code null} for none
   * @param meterRegistry a {@code MeterRegistry}, or {@code null} for none
   * @return the instrumentation
   */
  public static Instrumentation create(String provider, @Nullable Object observationRegistry, @Nullable Object meterRegistry) {
    ObservationRegistry observations =
        observationRegistry == null ? ObservationRegistry.NOOP : (ObservationRegistry) observationRegistry;
    TaskMeters meters = meterRegistry == null ? null : new TaskMeters((MeterRegistry) meterRegistry, provider);
    RetryMeters retryMeters = meterRegistry == null || !RETRY_METRICS ? null : new RetryMeters((MeterRegistry) meterRegistry);
    return new MicrometerInstrumentation(provider, observations, meters, retryMeters);
  }

  @Override
  public TaskProbe task(String kind) {
    return new ObservedTask(this, kind);
  }

  @Override
  public Context call(Context context, String operation, TaskProbe task, @Nullable String taskId) {
    Observation parent = task instanceof ObservedTask observed ? observed.observation : parentIn(context);
    String kind = task instanceof ObservedTask observed ? observed.kind : "unknown";
    return context.put(CallObserver.KEY, new ObservedCalls(this, operation, kind, task, taskId, parent));
  }

  @Override
  public Flux<TaskUpdate> followed(Flux<TaskUpdate> loop, TaskProbe task) {
    return Flux.deferContextual(context -> {
          task.start(context);
          return loop;
        })
        .doOnError(e -> task.end(e.getClass().getSimpleName()))
        .doFinally(signal -> task.end(signal == SignalType.ON_COMPLETE ? "completed" : "disposed"));
  }

  @Override
  public Retry clientRetry(String name, RetryConfig config) {
    RetryMeters r = retryMeters;
    return r == null ? Retry.of(name, config) : r.retry(name, config);
  }

  @Override
  public void close() {
    RetryMeters r = retryMeters;
    if (r != null) {
      r.close();
    }
  }

  @Override
  public void bind(Retry retry, String operation) {
    TaskMeters m = meters;
    if (m != null) {
      retry.getEventPublisher().onRetry(event -> m.retried(operation));
    }
  }

  @Override
  public void pushFellBack(boolean failed) {
    TaskMeters m = meters;
    if (m != null) {
      m.pushFallback(failed);
    }
  }

  @Override
  public boolean enabled() {
    return true;
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, MicrometerInstrumentation.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The observation current in a subscriber's context, else on this thread, if any. */
  @Nullable Observation parentIn(ContextView context) {
    Object inContext = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
    if (inContext instanceof Observation observation) {
      return observation;
    }
    return observations.getCurrentObservation();
  }
}
