package dev.lora4j.spi.http;

import dev.lora4j.TaskUpdate;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A JSON answer with what its headers told besides the body, from {@link
 * ProviderHttpClient#postJsonAnswer}.
 *
 * @param body the answer's JSON, secrets masked
 * @param retryAfter the wait the answer's {@code Retry-After} header asked for, or {@code null}
 *     when it had none (or an unreadable one); see {@link RetryAfter}
 */
public record JsonAnswer(JsonNode body, @Nullable Duration retryAfter) {

  /**
   * Checks the body.
   *
   * @param body the answer's JSON
   * @param retryAfter the {@code Retry-After} wait, if any
   * @throws NullPointerException if {@code body} is {@code null}
   */
  public JsonAnswer {
    Objects.requireNonNull(body, "body");
  }

  /**
   * Returns an update read from this answer, with the answer's {@code Retry-After} as its {@link
   * TaskUpdate#pollAfter() suggested poll delay}.
   *
   * @param update the update a provider made from {@link #body()}
   * @return {@code update} itself when the answer had no {@code Retry-After}, else a copy with it
   */
  public TaskUpdate pollHintOn(TaskUpdate update) {
    Objects.requireNonNull(update, "update");
    return retryAfter == null ? update : update.toBuilder().pollAfter(retryAfter).build();
  }
}
