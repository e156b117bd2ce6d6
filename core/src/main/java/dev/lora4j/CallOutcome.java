package dev.lora4j;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What one HTTP attempt of a client came to, for a {@link CallListener}. Holds no credential:
 * the call's name is an endpoint (or a download's host and path, never its query), and the error is
 * one of lora4j's exceptions, whose messages never hold secrets.
 *
 * @param provider the client's provider, such as {@code xalora}
 * @param call the call, such as {@code task_result_query}, or a download's host and path
 * @param statusCode the HTTP status of the answer, or {@code 0} when none was received
 * @param duration from the attempt's start (after any wait for the request budget) to its outcome
 * @param error why the attempt failed, or {@code null} when it succeeded
 */
public record CallOutcome(String provider, String call, int statusCode, Duration duration, @Nullable Throwable error) {

  /**
   * Checks the components.
   *
   * @param provider the client's provider
   * @param call the call
   * @param statusCode the HTTP status, or {@code 0}
   * @param duration how long the attempt took
   * @param error why it failed, or {@code null}
   * @throws NullPointerException if {@code provider}, {@code call} or {@code duration} is null
   */
  public CallOutcome {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(call, "call");
    Objects.requireNonNull(duration, "duration");
  }

  /**
   * Tells whether the attempt succeeded.
   *
   * @return {@code true} when it has no error
   */
  public boolean succeeded() {
    return error == null;
  }

  /**
   * The error, if the attempt failed.
   *
   * @return the error, or empty
   */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(error);
  }

  /**
   * Describes the outcome without the error's stack.
   *
   * @return such as {@code xalora task_result_query -> 200 (12 ms)}
   */
  @Override
  public String toString() {
    return provider + " " + call + " -> " + (statusCode == 0 ? "no answer" : String.valueOf(statusCode))
        + " (" + duration.toMillis() + " ms)" + (error == null ? "" : ": " + error.getClass().getSimpleName());
  }
}
