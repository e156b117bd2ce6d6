package dev.lora4j.webflux;

import dev.lora4j.TaskClient;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.WatchOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The application's use of the {@link TaskClient}: submits, streams, queries and cancels tasks and
 * serves their outputs. Every status stream of one task uses the same {@link WatchOptions}, so that
 * the client shares one polling loop among all the browsers watching it (the client's rule 6); the
 * result seen on a stream's terminal update is kept, so that serving an output asks the provider
 * nothing more.
 */
@Service
public class TaskService {

  /**
   * The watch of every stream: the client's poll interval, and a watch that expires leaves the task
   * alone, for another browser may still be waiting for it.
   */
  static final WatchOptions WATCH = WatchOptions.defaults().timeout(Duration.ofMinutes(30)).cancelOnTimeout(false);

  private final TaskClient client;
  private final Loras loras;
  private final OutputStore outputs;
  private final RecentTasks recent = new RecentTasks();

  /**
   * Creates the service.
   *
   * @param client the client
   * @param loras the provider's LoRA models, for a request's default
   * @param outputs the output files
   */
  public TaskService(TaskClient client, Loras loras, OutputStore outputs) {
    this.client = client;
    this.loras = loras;
    this.outputs = outputs;
  }

  /**
   * The task an encoded handle names, if it is one of this client's provider.
   *
   * @param encoded the handle as in a URL
   * @return the handle
   * @throws ResponseStatusException {@code 404} when it is not a handle, or another provider's
   */
  public TaskHandle handle(String encoded) {
    TaskHandle handle;
    try {
      handle = TaskHandle.decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such task: " + e.getMessage());
    }
    if (!handle.provider().equals(client.provider())) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND,
          "No such task: the handle is a task of " + handle.provider() + ", this server uses " + client.provider());
    }
    return handle;
  }

  /**
   * Submits a task; one per subscription.
   *
   * @param request the page's request
   * @return the new task's handle; or {@link InvalidFieldException} and the client's errors
   */
  public Mono<TaskHandle> submit(GenerateRequest request) {
    return Mono.fromCallable(() -> request.toTextToImage(loras.defaultLora()))
        .flatMap(client::submit)
        .doOnNext(handle -> recent.seen(handle, Instant.now()));
  }

  /**
   * The task's updates, from {@link TaskClient#watch}: one per change, ending with the terminal
   * update.
   *
   * @param handle the task
   * @return the events; or the client's errors
   */
  public Flux<TaskEvent> events(TaskHandle handle) {
    return client.watch(handle, WATCH).map(this::event);
  }

  /**
   * The task's status, queried once.
   *
   * @param handle the task
   * @return the current update
   */
  public Mono<TaskEvent> status(TaskHandle handle) {
    return client.status(handle).map(this::event);
  }

  /**
   * Cancels the task.
   *
   * @param handle the task
   * @return completes when the provider accepted the cancellation
   */
  public Mono<Void> cancel(TaskHandle handle) {
    return client.cancel(handle);
  }

  /**
   * An output file of a finished task, downloaded once.
   *
   * @param handle the task
   * @param index the output's index, as in the URL
   * @return the file and its media type; or {@code 404} for an output the task does not have,
   *     {@code 409} while the task has not finished
   */
  public Mono<StoredOutput> output(TaskHandle handle, String index) {
    int n = index.matches("\\d{1,9}") ? Integer.parseInt(index) : -1;
    return result(handle).flatMap(result -> {
      if (result.status() != TaskStatus.FINISHED) {
        return Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
            "The task ended " + result.status() + ": it has no outputs"));
      }
      if (n < 0 || n >= result.outputs().size()) {
        return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No output " + index + ": the task has "
            + result.outputs().size() + (result.outputs().size() == 1 ? " output" : " outputs")));
      }
      TaskOutput output = result.outputs().get(n);
      return outputs.file(handle, n, output).map(path -> new StoredOutput(path, mediaType(output)));
    });
  }

  /**
   * A downloaded output.
   *
   * @param path the file
   * @param mediaType its media type
   */
  public record StoredOutput(Path path, MediaType mediaType) {}

  /** The task's result: the one a stream saw, else from one status query. */
  private Mono<TaskResult> result(TaskHandle handle) {
    return Mono.defer(() -> recent.result(handle).map(Mono::just).orElseGet(() -> client.status(handle)
        .flatMap(update -> {
          event(update);
          return update.result().map(Mono::just).orElseGet(() -> Mono.error(new ResponseStatusException(
              HttpStatus.CONFLICT, "The task is " + update.status() + ": its outputs are there once it finished")));
        })));
  }

  private TaskEvent event(TaskUpdate update) {
    update.result().ifPresent(recent::ended);
    return TaskEvent.of(update, recent.seen(update.handle(), update.observedAt()));
  }

  /** The output's media type: the provider's, else the file name's; never one a browser would run. */
  private static MediaType mediaType(TaskOutput output) {
    MediaType type = output.contentType().flatMap(TaskService::parse)
        .or(() -> MediaTypeFactory.getMediaType(output.name()))
        .orElse(MediaType.APPLICATION_OCTET_STREAM);
    String main = type.getType();
    return main.equals("image") && !type.getSubtype().contains("svg") || main.equals("video")
        ? type : MediaType.APPLICATION_OCTET_STREAM;
  }

  private static Optional<MediaType> parse(String type) {
    try {
      return Optional.of(MediaType.parseMediaType(type));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
