package dev.lora4j.internal;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskRequest;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.spi.TaskProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An in-memory provider whose answers a test scripts: each fetch takes the next step of the script,
 * the last step repeats. Counts every call.
 */
class ScriptedProvider implements TaskProvider {

  static final String NAME = "scripted";

  private final List<Function<TaskHandle, Mono<TaskUpdate>>> fetchScript = new CopyOnWriteArrayList<>();
  private final List<Function<Integer, Mono<TaskHandle>>> submitScript = new CopyOnWriteArrayList<>();
  final AtomicInteger fetches = new AtomicInteger();
  final AtomicInteger submits = new AtomicInteger();
  final AtomicInteger closes = new AtomicInteger();
  final List<@Nullable TaskUpdate> cancels = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean canceled;
  private volatile Flux<TaskUpdate> push = Flux.empty();

  static TaskHandle handle() {
    return new TaskHandle(NAME, "t-1", null);
  }

  @SafeVarargs
  @SuppressWarnings("varargs")
  final ScriptedProvider onFetch(Function<TaskHandle, Mono<TaskUpdate>>... steps) {
    fetchScript.addAll(List.of(steps));
    return this;
  }

  ScriptedProvider onFetch(List<Function<TaskHandle, Mono<TaskUpdate>>> steps) {
    fetchScript.addAll(steps);
    return this;
  }

  @SafeVarargs
  @SuppressWarnings("varargs")
  final ScriptedProvider onSubmit(Function<Integer, Mono<TaskHandle>>... steps) {
    submitScript.addAll(List.of(steps));
    return this;
  }

  ScriptedProvider onPush(Flux<TaskUpdate> updates) {
    this.push = updates;
    return this;
  }

  static Function<TaskHandle, Mono<TaskUpdate>> status(TaskStatus status) {
    return h -> Mono.just(update(h, status).build());
  }

  static Function<TaskHandle, Mono<TaskUpdate>> waiting(int queuePosition) {
    return h -> Mono.just(update(h, TaskStatus.WAITING).queuePosition(queuePosition).build());
  }

  static Function<TaskHandle, Mono<TaskUpdate>> running(double progress) {
    return h -> Mono.just(update(h, TaskStatus.RUNNING).progress(progress).build());
  }

  static Function<TaskHandle, Mono<TaskUpdate>> finished() {
    return h -> Mono.just(finishedUpdate(h));
  }

  static Function<TaskHandle, Mono<TaskUpdate>> failed(String reason) {
    return h -> Mono.just(update(h, TaskStatus.FAILED)
        .result(TaskResult.builder(h, TaskStatus.FAILED).error(reason).build()).build());
  }

  static Function<TaskHandle, Mono<TaskUpdate>> error(RuntimeException e) {
    return h -> Mono.error(e);
  }

  static TaskUpdate finishedUpdate(TaskHandle h) {
    return update(h, TaskStatus.FINISHED)
        .result(TaskResult.builder(h, TaskStatus.FINISHED)
            .output(dev.lora4j.TaskOutput.of(URI.create("http://127.0.0.1/out/" + h.id() + ".png")))
            .build())
        .build();
  }

  static TaskUpdate.Builder update(TaskHandle h, TaskStatus status) {
    return TaskUpdate.builder(h, status);
  }

  @Override
  public Mono<TaskHandle> submit(TaskRequest request) {
    return Mono.defer(() -> {
      int n = submits.incrementAndGet();
      if (submitScript.isEmpty()) {
        return Mono.just(new TaskHandle(NAME, "t-" + n, null));
      }
      return submitScript.get(Math.min(n, submitScript.size()) - 1).apply(n);
    });
  }

  @Override
  public Mono<TaskUpdate> fetch(TaskHandle handle) {
    return Mono.defer(() -> {
      int n = fetches.incrementAndGet();
      if (canceled) {
        return Mono.just(update(handle, TaskStatus.CANCELED).providerStatus("canceled").build());
      }
      return fetchScript.get(Math.min(n, fetchScript.size()) - 1).apply(handle);
    });
  }

  @Override
  public Mono<Void> cancel(TaskHandle handle, @Nullable TaskUpdate lastKnown) {
    return Mono.fromRunnable(() -> {
      cancels.add(lastKnown);
      canceled = true;
    });
  }

  @Override
  public Flux<TaskUpdate> push(TaskHandle handle) {
    return push;
  }

  @Override
  public void close() {
    closes.incrementAndGet();
  }
}
