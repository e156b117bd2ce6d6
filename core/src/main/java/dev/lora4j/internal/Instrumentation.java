package dev.lora4j.internal;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.util.context.Context;

/**
 * What a client records of its tasks and calls, in terms free of Micrometer: the client calls these
 * methods whether or not anything is recorded, and only {@link #of} decides, once per client, to
 * load the Micrometer implementation. Without a registry it is {@link #OFF}, which allocates
 * nothing and returns what it is given.
 */
public interface Instrumentation {

  /** The operation of a submission's attempts. */
  String SUBMIT = "submit";
  /** The operation of a status read's attempts, a watch's polls or {@code status()}. */
  String POLL = "poll";
  /** The operation of a cancel's attempts. */
  String CANCEL = "cancel";
  /** The operation of a download's attempts. */
  String DOWNLOAD = "download";

  /** Records nothing. */
  Instrumentation OFF = new Instrumentation() {
    @Override
    public TaskProbe task(String kind) {
      return TaskProbe.NONE;
    }

    @Override
    public Context call(Context context, String operation, TaskProbe task, @Nullable String taskId) {
      return context;
    }

    @Override
    public Flux<dev.lora4j.TaskUpdate> followed(Flux<dev.lora4j.TaskUpdate> loop, TaskProbe task) {
      return loop;
    }

    @Override
    public Retry clientRetry(String name, RetryConfig config) {
      return Retries.retry(name, config);
    }

    @Override
    public void bind(Retry retry, String operation) {}

    @Override
    public void close() {}

    @Override
    public void pushFellBack(boolean failed) {}

    @Override
    public boolean enabled() {
      return false;
    }
  };

  /**
   * The instrumentation of one client.
   *
   * @param provider the client's provider
   * @param observationRegistry a Micrometer {@code ObservationRegistry}, or {@code null}
   * @param meterRegistry a Micrometer {@code MeterRegistry}, or {@code null}
   * @return {@link #OFF} when both are {@code null}; only otherwise is a Micrometer class loaded
   */
  static Instrumentation of(String provider, @Nullable Object observationRegistry, @Nullable Object meterRegistry) {
    if (observationRegistry == null && meterRegistry == null) {
      return OFF;
    }
    return dev.lora4j.internal.micrometer.MicrometerInstrumentation.create(provider, observationRegistry, meterRegistry);
  }

  /** The kind of a task whose request is unknown (a resumed handle) or names none. */
  String UNKNOWN_KIND = "unknown";

  /**
   * A task to follow, from submit (or the first watch of a resumed handle) to its end.
   *
   * @param kind the request's kind (its {@code TaskRequest.kind()}), or {@link #UNKNOWN_KIND}
   * @return its probe, not started
   */
  TaskProbe task(String kind);

  /**
   * Marks the calls made under {@code context} as attempts of {@code operation} for {@code task}.
   *
   * @param context the context of the calls
   * @param operation {@link #SUBMIT}, {@link #POLL}, {@link #CANCEL} or {@link #DOWNLOAD}
   * @param task the task they are for, or {@link TaskProbe#NONE}
   * @param taskId the task's id where known
   * @return the context to make them under
   */
  Context call(Context context, String operation, TaskProbe task, @Nullable String taskId);

  /**
   * Starts {@code task} when {@code loop} is subscribed and ends it with the loop.
   *
   * @param loop the task's polling loop
   * @param task the task's probe
   * @return the loop, observed
   */
  Flux<dev.lora4j.TaskUpdate> followed(Flux<dev.lora4j.TaskUpdate> loop, TaskProbe task);

  /**
   * Builds one of the retries a client keeps for its life (not a watch's own): with a meter registry
   * and {@code resilience4j-micrometer} on the class path, Resilience4j's retry meters are bound to
   * it, tagged with this client.
   *
   * @param name the retry's name
   * @param config its configuration
   * @return the retry
   */
  Retry clientRetry(String name, RetryConfig config);

  /**
   * Counts the retried attempts of {@code retry}.
   *
   * @param retry the retry
   * @param operation what it retries
   */
  void bind(Retry retry, String operation);

  /**
   * Counts a fallback from push to polling: the provider's push updates of a task failed, or ended
   * before a terminal status, and the client polls the task from now on.
   *
   * @param failed {@code true} when the push failed, {@code false} when it completed early
   */
  void pushFellBack(boolean failed);

  /** Removes the meters of the client's retries, when the client closes. */
  void close();

  /**
   * Tells whether anything is recorded.
   *
   * @return {@code false} for {@link #OFF}
   */
  boolean enabled();
}
