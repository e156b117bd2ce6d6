package dev.lora4j.webflux;

import dev.lora4j.TaskHandle;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The task API under {@code /api/tasks}; {@code {handle}} is an encoded {@link TaskHandle} as one
 * path segment. Errors are {@code application/problem+json} ({@link ProblemHandler}).
 */
@RestController
@RequestMapping("/api/tasks")
class TaskController {

  /** How often a quiet status stream sends a comment. */
  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  private final TaskService service;

  TaskController(TaskService service) {
    this.service = service;
  }

  /** Submits a task: {@code 201} with {@code {"handle": "..."}} and the task's URL as Location. */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<Map<String, String>>> submit(@RequestBody GenerateRequest request) {
    return service.submit(request)
        .map(handle -> ResponseEntity.created(URI.create(TaskLinks.task(handle))).body(Map.of("handle", handle.encode())));
  }

  /** The task's status, queried once. */
  @GetMapping(path = "/{handle}", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<TaskEvent> status(@PathVariable String handle) {
    return service.status(service.handle(handle));
  }

  /** The task's updates as they happen, ending with its terminal update. */
  @GetMapping(path = "/{handle}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  Flux<ServerSentEvent<Object>> events(@PathVariable String handle) {
    return EventStreams.of(service.events(service.handle(handle)), HEARTBEAT);
  }

  /** An output file of the finished task. */
  @GetMapping("/{handle}/outputs/{index}")
  Mono<ResponseEntity<Resource>> output(@PathVariable String handle, @PathVariable String index) {
    return service.output(service.handle(handle), index).map(output -> ResponseEntity.ok()
        .contentType(output.mediaType())
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline().filename(output.path().getFileName().toString()).build().toString())
        .header("X-Content-Type-Options", "nosniff")
        .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
        .body(new FileSystemResource(output.path())));
  }

  /** Cancels the task: {@code 204} once the provider accepted it; the task's stream then ends CANCELED. */
  @DeleteMapping("/{handle}")
  Mono<ResponseEntity<Void>> cancel(@PathVariable String handle) {
    return service.cancel(service.handle(handle)).then(Mono.fromSupplier(() -> ResponseEntity.noContent().build()));
  }
}
