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
}
