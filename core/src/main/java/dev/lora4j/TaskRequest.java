package dev.lora4j;

import java.time.Duration;
import java.util.Optional;

/**
 * A generation task to submit. {@link TextToImage} is the provider-neutral request that runs
 * unchanged on every provider; provider modules add typed requests of their own (a provider that
 * cannot run a request signals {@link UnsupportedRequestException}).
 */
public interface TaskRequest {

  /**
   * Returns how long a caller is prepared to wait for this task. {@link TaskClient#run} and {@link
   * TaskClient#runAndWatch} use it as the watch timeout unless {@link WatchOptions#timeout()} is
   * set; providers that support it also send it along so the provider cancels the task by itself.
   *
   * @return the timeout, or empty for the default (10 minutes)
   */
  default Optional<Duration> timeout() {
    return Optional.empty();
  }

  /**
   * Returns a short name for what this request asks a provider to do: {@code text-to-image} for
   * {@link TextToImage}, the task type of a Xalora workflow, the slug of a Wiro tool. Tasks of one
   * kind are expected to take alike times: an {@link PollSchedule#adaptive adaptive} schedule learns
   * how long tasks queue and run per kind. The name must come from a small, bounded set, the same
   * for every task of its kind: never a prompt, a user's name or anything unique to one task. A
   * blank name counts as no kind (the task's durations are learned with those of watches that came
   * without a request).
   *
   * @return the kind; by default the simple name of the request's class (its full name for an
   *     anonymous class)
   */
  default String kind() {
    String simple = getClass().getSimpleName();
    return simple.isEmpty() ? getClass().getName() : simple;
  }
}
