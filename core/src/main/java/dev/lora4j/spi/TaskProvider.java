package dev.lora4j.spi;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskRequest;
import dev.lora4j.TaskUpdate;
import dev.lora4j.UnsupportedRequestException;
import dev.lora4j.spi.http.ProviderHttpClient;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The few wire-level operations a provider implements. Everything else (the status state machine,
 * polling, retries, timeouts, sharing of polling loops, billing safety) lives in the core, once.
 *
 * <p>Each method makes one attempt: it maps failures to the {@link dev.lora4j.Lora4jException}
 * hierarchy and does not retry; the core decides what to retry. Methods are lazy (nothing happens
 * before subscription) and must not block.
 *
 * <p>The names differ from {@link dev.lora4j.TaskClient}'s on purpose, because the operations do:
 * {@link #fetch} is one wire read of a task, where {@code TaskClient#status} adds retries and the
 * state machine on top of it; {@link #push} is only the raw stream a provider pushes (empty for
 * most), where {@code TaskClient#watch} combines it with polling, deduplication, timeouts and
 * cancellation into the status stream an application sees.
 */
public interface TaskProvider extends AutoCloseable {

  /**
   * Submits a task, one attempt. The request is turned into the provider's own with a {@link
   * RequestMapping}, inside the returned {@code Mono}, so that a refusal is signalled, never thrown.
   * Which refusal follows one rule for every provider:
   *
   * <ul>
   *   <li>{@link dev.lora4j.UnsupportedRequestException}: the provider cannot honour this request
   *       type, field or value at all (another provider's typed task, {@code samples != 1} on a
   *       one-image workflow, a parameter its model does not have);
   *   <li>{@link dev.lora4j.InvalidRequestException}: the provider supports the field in
   *       principle, but the value lies outside its documented range or format. A value the
   *       provider documents no range for is sent unchecked, and the provider's answer decides.
   * </ul>
   *
   * @param request the request
   * @return a {@code Mono} emitting the new task's handle, or signalling the refusals above before
   *     anything is sent
   */
  Mono<TaskHandle> submit(TaskRequest request);

  /**
   * Reads a task's status, once per subscription. A terminal update should carry the {@link
   * dev.lora4j.TaskResult}; the core adds an empty one when it does not.
   *
   * <p>A watch calls this method once and subscribes the returned {@code Mono} for each of its
   * polls (a retry subscribes it again too), so each subscription must make a fresh read; what
   * does not change between reads, such as the request body, is best built when this method is
   * called, as {@link ProviderHttpClient#postJson(String, tools.jackson.databind.JsonNode)}
   * serializes its body once for all subscriptions.
   *
   * @param handle the task
   * @return a {@code Mono} emitting the current update
   */
  Mono<TaskUpdate> fetch(TaskHandle handle);

  /**
   * Asks the provider to cancel a task, one attempt.
   *
   * @param handle the task
   * @param lastKnown the latest update the client has seen, if any (some providers cancel queued
   *     and running tasks with different calls)
   * @return a {@code Mono} completing when the provider accepted the cancellation
   */
  Mono<Void> cancel(TaskHandle handle, @Nullable TaskUpdate lastKnown);

  /**
   * Streams updates the provider pushes (a WebSocket, server-sent events). The core passes them
   * through the same state machine as polled ones. When this {@code Flux} completes or fails before
   * a terminal update, the core falls back to polling; a terminal update should be authoritative
   * (read once with {@link #fetch} if the pushed one may be incomplete).
   *
   * @param handle the task
   * @return the pushed updates; empty (the default) for providers without push, so the core polls
   */
  default Flux<TaskUpdate> push(TaskHandle handle) {
    return Flux.empty();
  }

  /**
   * Returns the scheduler the core waits on between two polls of a task. The default is {@link
   * Schedulers#parallel()}; a provider over HTTP returns {@link ProviderHttpClient#scheduler()}
   * (as {@link HttpTaskProvider} does), so that a poll's timer fires on the event loop that runs
   * its request. Called when a watch starts.
   *
   * @return the scheduler, whose tasks must not block
   */
  default Scheduler scheduler() {
    return Schedulers.parallel();
  }

  /**
   * Downloads an output file to {@code target}, streaming it to a temporary file in the target's
   * folder and moving it into place only when complete and, when {@linkplain TaskOutput#size() the
   * size is known}, of that size (a failure leaves no file behind and an existing target as it
   * was). {@link ProviderHttpClient#download(java.net.URI, Path, long, LongConsumer)} does exactly
   * this, and {@link HttpTaskProvider}, the base of providers over HTTP, implements this method
   * with it.
   *
   * @param output the file to download
   * @param target the file to write; its folder exists
   * @param progress called with the number of bytes written so far, or {@code null}
   * @return a {@code Mono} emitting the written file; the default, for providers whose outputs
   *     are not files on HTTP, signals {@link dev.lora4j.UnsupportedRequestException}
   */
  default Mono<Path> download(TaskOutput output, Path target, @Nullable LongConsumer progress) {
    return Mono.error(new UnsupportedRequestException("this provider cannot download outputs"));
  }

  /** Releases the provider's connections. Called once, by the client that owns the provider. */
  @Override
  void close();
}
