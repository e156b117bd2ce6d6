package dev.lora4j;

import java.nio.file.Path;
import java.util.function.LongConsumer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Submits generation tasks to one provider and follows them. Get one from {@link TaskClients}.
 *
 * <p>Every method is lazy: nothing is sent before subscription, and each subscription sends anew
 * unless a method says otherwise. Nothing blocks; the library never calls {@code block()}.
 *
 * <h2>Status streams</h2>
 *
 * {@link #watch(TaskHandle, WatchOptions)} and everything built on it follow these rules:
 *
 * <ol>
 *   <li>The first update is emitted as soon as the first poll answers; after that one update per
 *       change (status, provider status, queue position, progress or message). Never two updates
 *       that report the same thing ({@link TaskUpdate#sameStateAs(TaskUpdate)}) in a row.
 *   <li>Statuses only move forward along {@link TaskStatus}'s transition table; an update that
 *       reports an earlier status (a stale replica) is dropped.
 *   <li>Exactly one terminal update ({@link TaskStatus#isTerminal()}), carrying the {@link
 *       TaskResult}, then completion. {@code FAILED} and {@code CANCELED} are updates here; {@link
 *       #await} and {@link #run} signal them as {@link TaskFailedException} and {@link
 *       TaskCanceledException}.
 *   <li>A poll that fails with a transient error ({@link Lora4jTransientException}) is retried
 *       for as long as the watch lasts, so a streak of faults never ends the stream before the
 *       timeout does (rule 5): the waits grow exponentially from 500 ms, doubling up to 30 s, each
 *       drawn at random between half of that and all of it, and are never shorter than the
 *       provider's {@code Retry-After} (plus up to a fifth of it, so that tasks told to wait
 *       together do not come back together). A {@link WatchOptions#retry(io.github.resilience4j.retry.RetryConfig)
 *       custom retry configuration} sets the attempts and waits instead; when its attempts are
 *       exhausted the stream ends with the last error. A non-transient error ends the stream at
 *       once. The remote task is left alone in both cases and can be resumed from its handle.
 *   <li>When the timeout expires the task is canceled remotely (unless {@link
 *       WatchOptions#cancelOnTimeout(boolean) cancelOnTimeout(false)}), then {@link
 *       TaskTimeoutException} is signalled with the last update.
 *   <li>Concurrent watches of one task with the same interval and the same retry settings share
 *       one polling loop: one poll per interval however many subscribers. Retry settings are the
 *       same when both watches use the default, or pass the same {@code RetryConfig} instance
 *       ({@code RetryConfig} has no {@code equals}). A late subscriber first receives the latest
 *       update.
 *   <li>When the last subscriber disposes, polling stops at once. Disposing cancels the remote task
 *       only with {@link WatchOptions#cancelOnDispose(boolean) cancelOnDispose(true)}.
 * </ol>
 *
 * <h2>Billing safety</h2>
 *
 * A submission costs money. {@link #submit} sends one task per subscription; {@link #run} and
 * {@link #runAndWatch} send at most one task per call, however often the returned publisher is
 * subscribed or retried. A submission is retried only when the connection could not be established
 * (the request certainly never reached the provider).
 */
public interface TaskClient extends AutoCloseable {

  /**
   * Returns the name of the provider this client talks to.
   *
   * @return the provider's name, such as {@code xalora} or {@code wiro}
   */
  String provider();

  /**
   * Submits a task. Each subscription submits one task.
   *
   * @param request what to generate
   * @return a {@code Mono} that emits the new task's handle and completes, or signals {@link
   *     AuthenticationException}, {@link InvalidRequestException}, {@link
   *     UnsupportedRequestException}, {@link RateLimitedException}, {@link
   *     ProviderUnavailableException} or {@link ProtocolException}
   */
  Mono<TaskHandle> submit(TaskRequest request);

  /**
   * Streams a task's status updates with {@link WatchOptions#defaults()} (see the class
   * documentation for the rules).
   *
   * @param handle the task
   * @return a {@code Flux} of updates that ends with exactly one terminal update and completes, or
   *     signals an error
   */
  Flux<TaskUpdate> watch(TaskHandle handle);

  /**
   * Streams a task's status updates (see the class documentation for the rules).
   *
   * @param handle the task
   * @param options interval, timeout, cancellation and retry settings
   * @return a {@code Flux} of updates that ends with exactly one terminal update and completes; or
   *     signals {@link TaskTimeoutException} when the timeout expires, a non-transient error at
   *     once, or, with a custom retry configuration, the last poll error when its attempts are
   *     exhausted
   */
  Flux<TaskUpdate> watch(TaskHandle handle, WatchOptions options);

  /**
   * Queries a task's status once; a transient error is retried up to 5 attempts in all, with the
   * waits of rule 4. The answer is remembered, so that a later {@link #cancel} knows whether the
   * task was queued or running.
   *
   * @param handle the task
   * @return a {@code Mono} that emits the current update and completes, or signals {@link
   *     TaskNotFoundException} and the other provider errors
   */
  Mono<TaskUpdate> status(TaskHandle handle);

  /**
   * Waits for a task to finish, with {@link WatchOptions#defaults()}.
   *
   * @param handle the task
   * @return a {@code Mono} that emits the result of a {@link TaskStatus#FINISHED} task and
   *     completes; or signals {@link TaskFailedException}, {@link TaskCanceledException}, {@link
   *     TaskTimeoutException} or a provider error
   */
  Mono<TaskResult> await(TaskHandle handle);

  /**
   * Waits for a task to finish.
   *
   * @param handle the task
   * @param options interval, timeout, cancellation and retry settings
   * @return a {@code Mono} that emits the result of a {@link TaskStatus#FINISHED} task and
   *     completes; or signals {@link TaskFailedException}, {@link TaskCanceledException}, {@link
   *     TaskTimeoutException} or a provider error
   */
  Mono<TaskResult> await(TaskHandle handle, WatchOptions options);

  /**
   * Submits a task and waits for it to finish; the watch timeout defaults to the request's {@link
   * TaskRequest#timeout()}. At most one task is submitted per call, however often the {@code Mono}
   * is subscribed.
   *
   * @param request what to generate
   * @return a {@code Mono} that emits the finished task's result and completes, or signals as
   *     {@link #submit} and {@link #await(TaskHandle)} do
   */
  Mono<TaskResult> run(TaskRequest request);

  /**
   * Submits a task and waits for it to finish. At most one task is submitted per call.
   *
   * @param request what to generate
   * @param options watch settings; an unset timeout defaults to the request's
   * @return a {@code Mono} that emits the finished task's result and completes, or signals as
   *     {@link #submit} and {@link #await(TaskHandle, WatchOptions)} do
   */
  Mono<TaskResult> run(TaskRequest request, WatchOptions options);

  /**
   * Submits a task and streams its status updates. At most one task is submitted per call, however
   * often the {@code Flux} is subscribed; later subscriptions watch the same task.
   *
   * @param request what to generate
   * @return a {@code Flux} as {@link #watch(TaskHandle)} returns, preceded by the submission's
   *     errors
   */
  Flux<TaskUpdate> runAndWatch(TaskRequest request);

  /**
   * Submits a task and streams its status updates. At most one task is submitted per call.
   *
   * @param request what to generate
   * @param options watch settings; an unset timeout defaults to the request's
   * @return a {@code Flux} as {@link #watch(TaskHandle, WatchOptions)} returns, preceded by the
   *     submission's errors
   */
  Flux<TaskUpdate> runAndWatch(TaskRequest request, WatchOptions options);

  /**
   * Asks the provider to cancel a task (a transient error is retried up to 5 attempts in all). The
   * provider is told the latest status a watch or {@link #status} of this client saw, for providers
   * whose cancel depends on it. A watch of the task then ends
   * with its {@link TaskStatus#CANCELED} update, unless the task ended otherwise first.
   *
   * @param handle the task
   * @return a {@code Mono} that completes when the provider accepted the cancellation, or signals
   *     {@link TaskNotFoundException} and the other provider errors
   */
  Mono<Void> cancel(TaskHandle handle);

  /**
   * Downloads an output file to {@code target}, as {@link #download(TaskOutput, Path, LongConsumer)}
   * without progress reports.
   *
   * @param output the file, from {@link TaskResult#outputs()}
   * @param target the file to write
   * @return a {@code Mono} emitting the absolute path of the written file
   */
  Mono<Path> download(TaskOutput output, Path target);

  /**
   * Downloads an output file to {@code target}. The body is streamed to a temporary file in the
   * target's folder (created if missing) and moved into place when complete, so the whole file is
   * never held in memory, and a failure leaves no partial file and an existing target as it was.
   * When the provider reported the output's {@linkplain TaskOutput#size() size}, a file of another
   * size is not moved into place. Each subscription downloads once; nothing is retried.
   *
   * @param output the file, from {@link TaskResult#outputs()}
   * @param target the file to write; an existing file is replaced
   * @param progress called with the number of bytes written so far, on an I/O thread
   * @return a {@code Mono} emitting the absolute path of the written file; or signalling {@link
   *     ProtocolException} for a size mismatch or an oversized file, {@link
   *     ProviderUnavailableException} for a network failure, the provider's mapped error for a
   *     non-2xx answer, or {@link java.io.UncheckedIOException} when the file cannot be written
   */
  Mono<Path> download(TaskOutput output, Path target, LongConsumer progress);

  /**
   * Stops every status stream of this client and releases its connections. Streams still running
   * signal {@link IllegalStateException}; remote tasks are left alone. Calls made afterwards signal
   * {@link IllegalStateException} too.
   */
  @Override
  void close();
}
