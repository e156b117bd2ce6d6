package dev.lora4j.webflux;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * One {@link TaskUpdate} as the page receives it, in the {@code update} events of {@code GET
 * /api/tasks/{handle}/events} and from {@code GET /api/tasks/{handle}}. Fields the provider did not
 * report are left out.
 *
 * @param handle the encoded handle
 * @param status the neutral status
 * @param providerStatus the provider's own status
 * @param queuePosition the position in the provider's queue, if reported
 * @param progress how far the task has come, 0 to 1, if reported
 * @param message the provider's message, if any
 * @param elapsedMs milliseconds from when this application first saw the task (its submission,
 *     for a task submitted here) to this observation
 * @param observedAt when the provider's answer arrived
 * @param terminal whether this is the task's last update
 * @param outputs on a finished task, the application's URLs of its outputs, in order
 * @param error on a failed or canceled task, the provider's reason, if it gave one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskEvent(
    String handle,
    TaskStatus status,
    String providerStatus,
    @Nullable Integer queuePosition,
    @Nullable Double progress,
    @Nullable String message,
    long elapsedMs,
    Instant observedAt,
    boolean terminal,
    @Nullable List<String> outputs,
    @Nullable String error) {

  /**
   * Maps an update.
   *
   * @param update the update
   * @param start when the task was first seen
   * @return the event
   */
  public static TaskEvent of(TaskUpdate update, Instant start) {
    TaskResult result = update.result().orElse(null);
    List<String> outputs = result == null ? null
        : IntStream.range(0, result.outputs().size()).mapToObj(i -> TaskLinks.output(update.handle(), i)).toList();
    return new TaskEvent(
        update.handle().encode(),
        update.status(),
        update.providerStatus(),
        update.queuePosition().isPresent() ? update.queuePosition().getAsInt() : null,
        update.progress().isPresent() ? update.progress().getAsDouble() : null,
        update.message().orElse(null),
        Math.max(0, Duration.between(start, update.observedAt()).toMillis()),
        update.observedAt(),
        update.status().isTerminal(),
        outputs,
        result == null ? null : result.error().orElse(null));
  }
}
