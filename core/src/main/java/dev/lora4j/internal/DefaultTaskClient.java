package dev.lora4j.internal;

import dev.lora4j.InvalidRequestException;
import dev.lora4j.PollSchedule;
import dev.lora4j.TaskCanceledException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskFailedException;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskRequest;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskTimeoutException;
import dev.lora4j.TaskUpdate;
import dev.lora4j.WatchOptions;
import dev.lora4j.internal.http.RequestBudget;
import dev.lora4j.spi.RecentValues;
import dev.lora4j.spi.TaskProvider;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * The core's {@link TaskClient}: the provider does the wire calls, this class does everything else
 * once for all providers: the state machine, polling, retries, timeouts, sharing of polling loops
 * and billing safety.
 */
public final class DefaultTaskClient implements TaskClient {

  private static final Logger log = LoggerFactory.getLogger(DefaultTaskClient.class);
  /** How many tasks' latest {@link #status} answers a client remembers for {@link #cancel}. */
  static final int REMEMBERED_STATUSES = 1024;

  private final String name;
  private final TaskProvider provider;
  private final PollSchedule defaultSchedule;
  /** How long this client has seen tasks queue and run, for adaptive schedules. */
  private final WorkloadDurations durations = new WorkloadDurations();
  private final Retry callRetry;
  private final Retry watchRetry;
  private final Retry submitRetry;
  private final ConcurrentMap<WatchKey, SharedLoop> loops = new ConcurrentHashMap<>();
  /** The latest answers of {@link #status}, for a later {@link #cancel} outside any watch. */
  private final RecentValues<TaskHandle, TaskUpdate> queried = new RecentValues<>(REMEMBERED_STATUSES);
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The client's request budget, put into the context of every call; {@code null} for none. */
  private final @Nullable RequestBudget budget;
  /** What this client records of its tasks and calls; {@link Instrumentation#OFF} without a registry. */
  private final Instrumentation instrumentation;

  /**
   * Creates a client.
   *
   * @param name the provider's name
   * @param provider the provider, owned and closed by this client
   * @param defaultInterval the poll interval of watches that do not set one
   */
  public DefaultTaskClient(String name, TaskProvider provider, Duration defaultInterval) {
    this(name, provider, defaultInterval, null);
  }

  /**
   * Creates a client whose provider's HTTP requests share a request budget.
   *
   * @param name the provider's name
   * @param provider the provider, owned and closed by this client
   * @param defaultInterval the poll interval of watches that do not set one
   * @param budget the budget of every request the provider sends for this client; {@code null} for
   *     none
   */
  public DefaultTaskClient(String name, TaskProvider provider, Duration defaultInterval, @Nullable RequestBudget budget) {
    this(name, provider, defaultInterval, budget, Instrumentation.OFF);
  }

  /**
   * Creates a client whose provider's HTTP requests share a request budget, instrumented.
   *
   * @param name the provider's name
   * @param provider the provider, owned and closed by this client
   * @param defaultInterval the poll interval of watches that do not set one
   * @param budget the budget of every request the provider sends for this client; {@code null} for
   *     none
   * @param instrumentation what the client records of its tasks and calls
   */
  public DefaultTaskClient(String name, TaskProvider provider, Duration defaultInterval, @Nullable RequestBudget budget,
      Instrumentation instrumentation) {
    this.instrumentation = Objects.requireNonNull(instrumentation, "instrumentation");
    this.budget = budget;
    this.name = Objects.requireNonNull(name, "name");
    this.provider = Objects.requireNonNull(provider, "provider");
    this.defaultSchedule = PollSchedule.fixed(Objects.requireNonNull(defaultInterval, "defaultInterval"));
    this.callRetry = instrumentation.clientRetry("lora4j-" + name + "-call", Retries.enforce(Retries.defaultCallConfig()));
    this.watchRetry = instrumentation.clientRetry("lora4j-" + name + "-poll", Retries.enforce(Retries.defaultWatchConfig()));
    this.submitRetry = instrumentation.clientRetry("lora4j-" + name + "-submit", Retries.submitConfig());
    instrumentation.bind(callRetry, "call");
    instrumentation.bind(watchRetry, Instrumentation.POLL);
    instrumentation.bind(submitRetry, Instrumentation.SUBMIT);
  }

  @Override
  public String provider() {
    return name;
  }

  @Override
  public Mono<TaskHandle> submit(TaskRequest request) {
    Objects.requireNonNull(request, "request");
    return submit(request, TaskProbe.NONE);
  }

  private Mono<TaskHandle> submit(TaskRequest request, TaskProbe task) {
    return Mono.defer(() -> {
      checkOpen();
      return provider.submit(request);
    }).transformDeferred(RetryOperator.of(submitRetry))
        .contextWrite(context -> instrumentation.call(budgeted(context), Instrumentation.SUBMIT, task, null));
  }

  @Override
  public Flux<TaskUpdate> watch(TaskHandle handle) {
    return watch(handle, WatchOptions.defaults());
  }

  @Override
  public Flux<TaskUpdate> watch(TaskHandle handle, WatchOptions options) {
    return watch(handle, options, null, WorkloadDurations.ANY, TaskProbe.NONE);
  }

  @Override
  public Mono<TaskUpdate> status(TaskHandle handle) {
    Objects.requireNonNull(handle, "handle");
    return Mono.defer(() -> {
      checkOpen();
      checkProvider(handle);
      return provider.fetch(handle);
    }).transformDeferred(RetryOperator.of(callRetry))
        .contextWrite(context -> instrumentation.call(budgeted(context), Instrumentation.POLL, TaskProbe.NONE, handle.id())).map(StatusTracker::withResult).doOnNext(update -> queried.put(handle, update));
  }

  @Override
  public Mono<TaskResult> await(TaskHandle handle) {
    return await(handle, WatchOptions.defaults());
  }

  @Override
  public Mono<TaskResult> await(TaskHandle handle, WatchOptions options) {
    return outcome(watch(handle, options));
  }

  @Override
  public Mono<TaskResult> run(TaskRequest request) {
    return run(request, WatchOptions.defaults());
  }

  @Override
  public Mono<TaskResult> run(TaskRequest request, WatchOptions options) {
    return outcome(runAndWatch(request, options));
  }

  @Override
  public Flux<TaskUpdate> runAndWatch(TaskRequest request) {
    return runAndWatch(request, WatchOptions.defaults());
  }

  @Override
  public Flux<TaskUpdate> runAndWatch(TaskRequest request, WatchOptions options) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(options, "options");
    String kind = kindOf(request);
    TaskProbe task = instrumentation.task(kind == null ? Instrumentation.UNKNOWN_KIND : kind);
    SubmitOnce once = new SubmitOnce(submit(request, task));
    Duration requestTimeout = request.timeout().orElse(null);
    String workload = kind == null ? WorkloadDurations.ANY : kind;
    return Flux.deferContextual(context -> {
      task.start(context);
      AtomicBoolean watching = new AtomicBoolean();
      return once.mono()
          .doOnError(e -> task.end(e.getClass().getSimpleName()))
          .flatMapMany(handle -> watch(handle, options, requestTimeout, workload, task).doOnSubscribe(s -> watching.set(true)))
          .doOnCancel(() -> {
            if (options.cancelOnDispose() && !watching.get()) {
              // disposed while the submission was in flight: cancel the task once its handle arrives
              once.mono().flatMap(handle -> cancel(handle, null)).subscribe(
                  v -> {},
                  e -> log.warn("Could not cancel a task on {} disposed while it was submitted: {}", name, e.toString()));
            }
          });
    });
  }

  @Override
  public Mono<Void> cancel(TaskHandle handle) {
    Objects.requireNonNull(handle, "handle");
    return cancel(handle, null);
  }

  @Override
  public Mono<Path> download(TaskOutput output, Path target) {
    return download(output, target, bytes -> {});
  }

  @Override
  public Mono<Path> download(TaskOutput output, Path target, LongConsumer progress) {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(progress, "progress");
    return Mono.defer(() -> {
      checkOpen();
      Path file = target.toAbsolutePath();
      return Mono.fromCallable(() -> Files.createDirectories(file.getParent()))
          .subscribeOn(Schedulers.boundedElastic())
          .then(provider.download(output, file, progress));
    }).contextWrite(context -> instrumentation.call(budgeted(context), Instrumentation.DOWNLOAD, TaskProbe.NONE, null));
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      // each loop has its own gate: one sink shared by 10,000 loops copied its array of
      // subscribers on every subscribe and cancel, a quadratic cost
      for (SharedLoop loop : loops.values()) {
        loop.stop();
      }
      provider.close();
      instrumentation.close();
    }
  }

  /**
   * Counts the polling loops running now; for tests that check nothing is left behind.
   *
   * @return the number of loops
   */
  int activeLoops() {
    return loops.size();
  }

  private Mono<Void> cancel(TaskHandle handle, @Nullable TaskUpdate lastSeen) {
    return Mono.defer(() -> {
      checkOpen();
      checkProvider(handle);
      TaskUpdate known = lastSeen != null ? lastSeen : latestOf(handle);
      return provider.cancel(handle, known);
    }).transformDeferred(RetryOperator.of(callRetry))
        .contextWrite(context -> instrumentation.call(budgeted(context), Instrumentation.CANCEL, taskOf(handle), handle.id()));
  }

  private Flux<TaskUpdate> watch(
      TaskHandle handle, WatchOptions options, @Nullable Duration requestTimeout, String workload, TaskProbe task) {
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(options, "options");
    PollSchedule schedule = options.pollSchedule().orElse(defaultSchedule);
    Duration timeout = options.timeout().orElse(requestTimeout != null ? requestTimeout : WatchOptions.DEFAULT_TIMEOUT);
    WatchKey key = new WatchKey(handle, schedule, options.retry().orElse(null));
    return Flux.defer(() -> {
      checkOpen();
      checkProvider(handle);
      SubscriberState state = new SubscriberState();
      SharedLoop loop = loops.computeIfAbsent(key, k -> sharedLoop(k, workload, task));
      return loop.updates
          .doOnNext(state::record)
          .takeUntilOther(instrumentation.enabled() ? Mono.delay(timeout).doOnNext(t -> loop.task.timingOut()) : Mono.delay(timeout))
          .concatWith(Mono.defer(() -> state.ended() ? Mono.empty() : timedOut(handle, timeout, state.last, options)))
          .doOnCancel(() -> {
            if (options.cancelOnDispose() && !state.ended()) {
              log.debug("Subscriber of task {} disposed: canceling it", handle.id());
              cancel(handle, state.last).subscribe(
                  v -> {},
                  e -> log.warn("Could not cancel task {} on {} after dispose: {}", handle.id(), name, e.toString()));
            }
          });
    });
  }

  /**
   * Builds the polling loop one key's subscribers share; it leaves the map when it stops. The
   * workload of the watch that started it is the one its durations are learned for.
   */
  private SharedLoop sharedLoop(WatchKey key, String workload, TaskProbe task) {
    RetryConfig custom = key.retryConfig();
    Retry retry = custom == null ? watchRetry : Retries.retry("lora4j-" + name + "-watch", Retries.enforce(custom));
    if (custom != null) {
      instrumentation.bind(retry, Instrumentation.POLL);
    }
    SharedLoop shared = new SharedLoop();
    shared.task = task != TaskProbe.NONE || !instrumentation.enabled() ? task : instrumentation.task(Instrumentation.UNKNOWN_KIND);
    shared.updates = instrumentation.followed(loop(key.handle(), key.schedule(), durations.of(workload), retry, shared), shared.task)
        .doFinally(signal -> loops.remove(key, shared))
        .replay(1)
        .refCount(1);
    return shared;
  }

  /**
   * The latest update of a task that a running loop let through or a status query answered, for a
   * cancel that needs it.
   */
  private TaskProbe taskOf(TaskHandle handle) {
    if (instrumentation.enabled()) {
      for (Map.Entry<WatchKey, SharedLoop> entry : loops.entrySet()) {
        if (entry.getKey().handle().equals(handle)) {
          return entry.getValue().task;
        }
      }
    }
    return TaskProbe.NONE;
  }

  private @Nullable TaskUpdate latestOf(TaskHandle handle) {
    TaskUpdate newest = queried.get(handle);
    for (Map.Entry<WatchKey, SharedLoop> entry : loops.entrySet()) {
      TaskUpdate seen = entry.getValue().latest;
      if (entry.getKey().handle().equals(handle) && seen != null
          && (newest == null || seen.observedAt().isAfter(newest.observedAt()))) {
        newest = seen;
      }
    }
    return newest;
  }

  private Flux<TaskUpdate> loop(
      TaskHandle handle, PollSchedule schedule, WorkloadDurations.Phases phases, Retry retry, SharedLoop shared) {
    return Flux.defer(() -> {
      StatusTracker tracker = new StatusTracker();
      DoubleSupplier random = schedule.isAdaptive()
          ? new SplittableRandom(ThreadLocalRandom.current().nextLong())::nextDouble
          : () -> 0.0;
      PollTimer timer = PollTimer.start(schedule, phases, () -> Schedulers.parallel().now(TimeUnit.MILLISECONDS), random);
      Mono<TaskUpdate> poll = LazyRetry.of(readOnce(handle), retry);
      Scheduler waits = provider.scheduler();
      AtomicBoolean first = new AtomicBoolean(true);
      // one source resubscribed: the first poll at once, each later one after its delay
      Flux<TaskUpdate> polling = Mono.defer(
          () -> first.getAndSet(false) ? poll : Mono.delay(timer.nextDelay(), waits).then(poll)).repeat();
      Flux<TaskUpdate> pushed = provider.push(handle);
      // Flux.empty() is the SPI's "no push": then polling starts at once, is no fallback, and needs
      // no concatenation that every watched task would keep
      Flux<TaskUpdate> observed = pushed == Flux.<TaskUpdate>empty() ? polling : pushThenPoll(handle, pushed, polling, tracker);
      return observed
          .<TaskUpdate>handle((update, sink) -> {
            timer.observe(update);
            TaskUpdate accepted = tracker.apply(update);
            if (accepted != null) {
              shared.task.accepted(accepted);
              shared.latest = accepted;
              sink.next(accepted);
              if (accepted.status().isTerminal()) {
                sink.complete();
              }
            }
          })
          .transform(Operators.<TaskUpdate, TaskUpdate>lift((scannable, subscriber) -> {
            // a loop started while the client closes stops itself
            CloseGate<TaskUpdate> gate = shared.stopWith(
                new CloseGate<>(Operators.serialize(subscriber), tracker::ended, this::closedError));
            if (closed.get()) {
              gate.stop();
            }
            return gate;
          }));
    }).contextWrite(context -> instrumentation.call(polling(context), Instrumentation.POLL, shared.task, handle.id()));
  }

  /** The provider's pushed updates, then, unless they ended the task, polling: a fallback, counted. */
  private Flux<TaskUpdate> pushThenPoll(
      TaskHandle handle, Flux<TaskUpdate> pushed, Flux<TaskUpdate> polling, StatusTracker tracker) {
    AtomicBoolean pushFailed = new AtomicBoolean();
    return pushed
        .onErrorResume(e -> {
          log.debug("Push updates of task {} failed, polling instead: {}", handle.id(), e.toString());
          pushFailed.set(true);
          return Flux.empty();
        })
        .concatWith(Flux.defer(() -> {
          if (tracker.ended()) {
            return Flux.empty();
          }
          instrumentation.pushFellBack(pushFailed.get());
          return polling;
        }));
  }

  /**
   * A request's {@link TaskRequest#kind() kind}, stripped; {@code null} for none or a blank one. It
   * labels the task's observations and keys the durations its watch learns.
   */
  static @Nullable String kindOf(TaskRequest request) {
    String kind = request.kind();
    return kind == null || kind.isBlank() ? null : kind.strip();
  }

  /** The key a request's durations are learned under: its kind, or the shared one for a blank kind. */
  static String workloadOf(TaskRequest request) {
    String kind = kindOf(request);
    return kind == null ? WorkloadDurations.ANY : kind;
  }

  /** The context of a call: with the client's budget, if it has one. */
  private Context budgeted(Context context) {
    return budget == null ? context : budget.writeTo(context);
  }

  /** The context of a watch loop's requests: with the budget, marked as polls, which wait behind every other call. */
  private Context polling(Context context) {
    return budget == null ? context : RequestBudget.polls(budget.writeTo(context));
  }

  /**
   * The provider's read of a task, assembled once for the whole loop and subscribed for each poll,
   * so that what does not change between reads (a request body and its bytes) is worked out once.
   */
  private Mono<TaskUpdate> readOnce(TaskHandle handle) {
    try {
      return Objects.requireNonNull(provider.fetch(handle), "the provider's fetch returned null");
    } catch (RuntimeException e) {
      return Mono.error(e);
    }
  }

  private Mono<TaskUpdate> timedOut(
      TaskHandle handle, Duration timeout, @Nullable TaskUpdate last, WatchOptions options) {
    if (!options.cancelOnTimeout()) {
      return Mono.error(new TaskTimeoutException(handle, timeout, last, false, null));
    }
    log.debug("Task {} on {} timed out after {}: canceling it", handle.id(), name, timeout);
    return cancel(handle, last)
        .then(Mono.fromCallable(() -> new TaskTimeoutException(handle, timeout, last, true, null)))
        .onErrorResume(e -> {
          log.warn("Could not cancel task {} on {} after its timeout: {}", handle.id(), name, e.toString());
          return Mono.just(new TaskTimeoutException(handle, timeout, last, false, e));
        })
        .flatMap(Mono::error);
  }


  private static Mono<TaskResult> outcome(Flux<TaskUpdate> updates) {
    return updates.last().map(update -> {
      TaskResult result = update.result().orElseThrow();
      if (update.status() == TaskStatus.FAILED) {
        throw new TaskFailedException(result);
      }
      if (update.status() == TaskStatus.CANCELED) {
        throw new TaskCanceledException(result);
      }
      return result;
    });
  }

  private void checkOpen() {
    if (closed.get()) {
      throw closedError();
    }
  }

  private IllegalStateException closedError() {
    return new IllegalStateException("the " + name + " TaskClient is closed");
  }

  private void checkProvider(TaskHandle handle) {
    if (!handle.provider().equals(name)) {
      throw new InvalidRequestException(
          "task " + handle.id() + " belongs to provider '" + handle.provider() + "', this client talks to '" + name + "'");
    }
  }

  /** What one subscriber has seen; signals to one subscriber are serialized. */
  private static final class SubscriberState {
    private volatile @Nullable TaskUpdate last;

    void record(TaskUpdate update) {
      last = update;
    }

    boolean ended() {
      TaskUpdate l = last;
      return l != null && l.status().isTerminal();
    }
  }

  /** One polling loop, the latest update it let through, and the gate that stops it when the client closes. */
  private static final class SharedLoop {
    private Flux<TaskUpdate> updates = Flux.empty();
    private volatile @Nullable TaskUpdate latest;
    private TaskProbe task = TaskProbe.NONE;
    private volatile @Nullable CloseGate<?> gate;

    <T> CloseGate<T> stopWith(CloseGate<T> loopGate) {
      gate = loopGate;
      return loopGate;
    }

    void stop() {
      CloseGate<?> g = gate;
      if (g != null) {
        g.stop();
      }
    }
  }

  /**
   * Watches with equal keys share one polling loop. {@link RetryConfig} has no {@code equals}, so
   * retry settings are equal when they are the same instance (or both the default).
   */
  private record WatchKey(TaskHandle handle, PollSchedule schedule, @Nullable RetryConfig retryConfig) {}
}
