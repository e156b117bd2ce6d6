package dev.lora4j.testing;

import dev.lora4j.Lora4jException;
import dev.lora4j.TaskCanceledException;
import dev.lora4j.TaskFailedException;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskTimeoutException;
import dev.lora4j.TaskUpdate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Collects, as text, everything a user of lora4j can see of what it did, for tests that check that
 * no secret shows: the {@code toString()} and text accessors of the updates, results, outputs and
 * handles a run gives, and the message and {@code toString()} of every exception, causes and
 * suppressed exceptions included. The provider modules' tests pair it with a simulator's {@code
 * echoCredentials(true)} (they get it from this module's test jar):
 *
 * <pre>{@code
 * Exposure seen = new Exposure();
 * seen.follow(client.runAndWatch(request)).block();
 * seen.call(client.cancel(handle)).block();
 * assertThat(seen.containing(List.of(apiKey, apiSecret))).isEmpty();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Exposure {

  private final List<String> texts = Collections.synchronizedList(new ArrayList<>());

  /** Creates an empty collection. */
  public Exposure() {}

  /**
   * Adds a value's {@code toString()}.
   *
   * @param value any value; {@code null} adds {@code "null"}
   */
  public void add(@Nullable Object value) {
    texts.add(String.valueOf(value));
  }

  /**
   * Adds an update: itself, its handle, its provider status and message, and its result.
   *
   * @param update the update
   */
  public void update(TaskUpdate update) {
    add(update);
    add(update.handle());
    add(update.providerStatus());
    update.message().ifPresent(this::add);
    update.result().ifPresent(this::result);
  }

  /**
   * Adds a result: itself, its handle, error, raw payload and detail values, and each output
   * with its URL, name and content type.
   *
   * @param result the result
   */
  public void result(TaskResult result) {
    add(result);
    add(result.handle());
    result.error().ifPresent(this::add);
    result.raw().ifPresent(this::add);
    result.details().values().forEach(this::add);
    for (TaskOutput output : result.outputs()) {
      add(output);
      add(output.url());
      add(output.name());
      output.contentType().ifPresent(this::add);
    }
  }

  /**
   * Adds an exception: its {@code toString()} and message, a lora4j exception's provider message,
   * the result or last update a task exception carries, then its cause and suppressed exceptions,
   * each once.
   *
   * @param error the exception
   */
  public void error(Throwable error) {
    error(Objects.requireNonNull(error, "error"), Collections.newSetFromMap(new IdentityHashMap<>()));
  }

  private void error(Throwable error, Set<Throwable> seen) {
    if (!seen.add(error)) {
      return;
    }
    add(error);
    add(error.getMessage());
    if (error instanceof Lora4jException e) {
      e.providerMessage().ifPresent(this::add);
    }
    if (error instanceof TaskFailedException e) {
      result(e.result());
    }
    if (error instanceof TaskCanceledException e) {
      result(e.result());
    }
    if (error instanceof TaskTimeoutException e) {
      e.lastUpdate().ifPresent(this::update);
    }
    if (error.getCause() != null) {
      error(error.getCause(), seen);
    }
    for (Throwable suppressed : error.getSuppressed()) {
      error(suppressed, seen);
    }
  }

  /**
   * Follows a status stream to its end, adding every update, and the error if it fails.
   *
   * @param updates the stream
   * @return a {@code Mono} emitting the terminal update's result; empty when the stream failed
   */
  public Mono<TaskResult> follow(Flux<TaskUpdate> updates) {
    return call(updates.doOnNext(this::update).last().flatMap(last -> Mono.justOrEmpty(last.result())));
  }

  /**
   * Adds what a call gives: its value, or its error.
   *
   * @param call the call
   * @param <T> its value
   * @return a {@code Mono} emitting the value; empty when the call failed
   */
  public <T> Mono<T> call(Mono<T> call) {
    return call.doOnNext(value -> {
          if (value instanceof TaskResult result) {
            result(result);
          } else if (value instanceof TaskUpdate update) {
            update(update);
          } else {
            add(value);
          }
        })
        .onErrorResume(e -> {
          error(e);
          return Mono.empty();
        });
  }

  /**
   * Returns what was collected.
   *
   * @return an immutable snapshot, in the order added
   */
  public List<String> texts() {
    synchronized (texts) {
      return List.copyOf(texts);
    }
  }

  /**
   * Returns the texts that contain any of the given values.
   *
   * @param secrets the values that must not show; blank ones are ignored
   * @return an immutable list of the offending texts, empty when none shows
   */
  public List<String> containing(Collection<String> secrets) {
    List<String> found = new ArrayList<>();
    for (String text : texts()) {
      for (String secret : secrets) {
        if (!secret.isBlank() && text.contains(secret)) {
          found.add(text);
          break;
        }
      }
    }
    return List.copyOf(found);
  }
}
