package dev.lora4j.journal;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskRequest;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One task in the journal, as last recorded.
 *
 * @param key the application's idempotency key
 * @param provider the provider the task was submitted to
 * @param kind the request's {@link TaskRequest#kind()}
 * @param state where it stands in the journal
 * @param handle the task's handle, once the provider answered
 * @param status the last status recorded, once one was
 * @param result the terminal result, once the task ended
 * @param request the request, when the journal can store it ({@link dev.lora4j.TextToImage});
 *     empty for other request types
 * @param submissions how many times the key was submitted (more than one only after {@link
 *     DurableTaskClient#resubmit})
 * @param createdAt when the intent was first recorded
 * @param updatedAt when the entry last changed
 */
public record JournalEntry(
    String key,
    String provider,
    String kind,
    JournalState state,
    Optional<TaskHandle> handle,
    Optional<TaskStatus> status,
    Optional<TaskResult> result,
    Optional<TaskRequest> request,
    int submissions,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * Checks the components.
   *
   * @param key the key
   * @param provider the provider
   * @param kind the kind
   * @param state the state
   * @param handle the handle
   * @param status the status
   * @param result the result
   * @param request the request
   * @param submissions the number of submissions
   * @param createdAt when created
   * @param updatedAt when updated
   * @throws NullPointerException if a component is null
   */
  public JournalEntry {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(handle, "handle");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * Describes the entry without its request (which may hold a user's prompt).
   *
   * @return such as {@code order-17: SUBMITTED xalora RUNNING}
   */
  @Override
  public String toString() {
    return key + ": " + state + " " + provider + status.map(s -> " " + s).orElse("")
        + handle.map(h -> " " + h.id()).orElse("");
  }
}
