package dev.lora4j;

import dev.lora4j.spi.PositiveDuration;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How {@link TaskClient#watch(TaskHandle, WatchOptions)} and the methods built on it follow a task.
 * Immutable: every wither returns a new instance.
 *
 * <p>When a poll happens: the first immediately when the watch starts (after the provider's push
 * stream ends, where there is one), each later one a delay after the previous answer, the delay
 * chosen by the {@link #pollSchedule(PollSchedule) poll schedule}; a failed poll is retried by
 * {@link #retry(RetryConfig)}, never sooner than the provider's {@code Retry-After}. {@link
 * PollSchedule} says it in full.
 *
 * <p>The default schedule stays {@link PollSchedule#fixed fixed}, not adaptive. Measured on a
 * simulator (1,000 tasks at once, log-normal queue and run times, about 20 s in all at the
 * median; the README's benchmark section), {@link PollSchedule#adaptive(Duration, Duration)
 * adaptive(1.4 s, 15 s)} makes 11.2 polls per task where {@code fixed(1s)} makes 22.6 (50%), with
 * a 95th-percentile detection delay of 1.4 s, but only once the client has seen tasks of the
 * workload start and finish (a fresh client makes 71% of them); and it makes a third more polls
 * than the default {@code fixed(3s)} (8.5 per task, 2.9 s delay). Making it the default would
 * raise every default watch's request count; choose it to halve the polls of a short fixed
 * interval at about the same latency.
 *
 * <table>
 *   <caption>Settings and their defaults</caption>
 *   <tr><th>setting</th><th>default</th></tr>
 *   <tr><td>{@link #pollSchedule(PollSchedule)} (or {@link #interval(Duration)}, its shorthand
 *       for a fixed one)</td><td>{@link PollSchedule#fixed fixed} at the client's poll interval
 *       ({@link ClientOptions#POLL_INTERVAL}), else 3 seconds</td></tr>
 *   <tr><td>{@link #timeout(Duration)}</td><td>the request's {@link TaskRequest#timeout()} where
 *       there is a request, else 10 minutes</td></tr>
 *   <tr><td>{@link #cancelOnTimeout(boolean)}</td><td>{@code true}</td></tr>
 *   <tr><td>{@link #cancelOnDispose(boolean)}</td><td>{@code false}</td></tr>
 *   <tr><td>{@link #retry(RetryConfig)}</td><td>transient poll errors retried until the timeout,
 *       waiting 500 ms doubling up to 30 s, each wait drawn between half and all of that, and at
 *       least the provider's {@code Retry-After}</td></tr>
 * </table>
 */
public final class WatchOptions {

  /** The interval used when neither the watch nor the client sets one. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(3);
  /** The timeout used when neither the watch nor the request sets one. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  private static final WatchOptions DEFAULTS = new WatchOptions(null, null, true, false, null);

  private final @Nullable PollSchedule schedule;
  private final @Nullable Duration timeout;
  private final boolean cancelOnTimeout;
  private final boolean cancelOnDispose;
  private final @Nullable RetryConfig retry;

  private WatchOptions(
      @Nullable PollSchedule schedule,
      @Nullable Duration timeout,
      boolean cancelOnTimeout,
      boolean cancelOnDispose,
      @Nullable RetryConfig retry) {
    this.schedule = schedule;
    this.timeout = timeout;
    this.cancelOnTimeout = cancelOnTimeout;
    this.cancelOnDispose = cancelOnDispose;
    this.retry = retry;
  }

  /**
   * Returns the options with every setting at its default.
   *
   * @return the shared default instance
   */
  public static WatchOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy that polls at {@code interval}: shorthand for {@code
   * pollSchedule(PollSchedule.fixed(interval))}. A provider's {@code Retry-After} on an error can
   * make one wait longer.
   *
   * @param interval a positive duration
   * @return the new options
   * @throws IllegalArgumentException if zero or negative
   */
  public WatchOptions interval(Duration interval) {
    return pollSchedule(PollSchedule.fixed(interval));
  }

  /**
   * Returns a copy that polls on {@code schedule}; {@link PollSchedule} says exactly when each poll
   * happens. Replaces an {@link #interval(Duration)} set before.
   *
   * @param schedule the schedule
   * @return the new options
   */
  public WatchOptions pollSchedule(PollSchedule schedule) {
    return new WatchOptions(Objects.requireNonNull(schedule, "schedule"), timeout, cancelOnTimeout, cancelOnDispose, retry);
  }

  /**
   * Returns a copy that gives up after {@code timeout}, counted from the start of the watch (for
   * {@link TaskClient#run} and {@link TaskClient#runAndWatch}: from when the submission answered,
   * which the HTTP response timeout bounds).
   *
   * @param timeout a positive duration
   * @return the new options
   * @throws IllegalArgumentException if zero or negative
   */
  public WatchOptions timeout(Duration timeout) {
    return new WatchOptions(schedule, PositiveDuration.check("timeout", timeout), cancelOnTimeout, cancelOnDispose, retry);
  }

  /**
   * Returns a copy that does, or does not, cancel the task remotely when the timeout expires.
   *
   * @param cancelOnTimeout {@code true} to cancel the task before signalling the timeout
   * @return the new options
   */
  public WatchOptions cancelOnTimeout(boolean cancelOnTimeout) {
    return new WatchOptions(schedule, timeout, cancelOnTimeout, cancelOnDispose, retry);
  }

  /**
   * Returns a copy that does, or does not, cancel the task remotely when the subscriber disposes its
   * subscription before the task ends. The task itself is canceled, so every other watcher of it
   * sees it end {@link TaskStatus#CANCELED}. With {@link TaskClient#run} and {@link
   * TaskClient#runAndWatch}, disposing while the submission is still in flight cancels the task as
   * soon as its handle arrives.
   *
   * @param cancelOnDispose {@code true} to cancel the task on dispose
   * @return the new options
   */
  public WatchOptions cancelOnDispose(boolean cancelOnDispose) {
    return new WatchOptions(schedule, timeout, cancelOnTimeout, cancelOnDispose, retry);
  }

  /**
   * Returns a copy whose polls retry with {@code retry} instead of the default (which retries a
   * transient error until the timeout): its attempt count and interval function are used as given,
   * so exhausted attempts end the watch with the last error; its exception predicate can only
   * narrow what is retried (lora4j never retries a non-transient error); and a provider's {@code
   * Retry-After} is always waited out. Watches share a polling loop only when they pass the same
   * instance.
   *
   * @param retry the Resilience4j retry configuration
   * @return the new options
   */
  public WatchOptions retry(RetryConfig retry) {
    return new WatchOptions(schedule, timeout, cancelOnTimeout, cancelOnDispose, Objects.requireNonNull(retry, "retry"));
  }

  /**
   * Returns the poll interval set on these options.
   *
   * @return the interval of a {@linkplain PollSchedule#fixed fixed} schedule set with {@link
   *     #interval(Duration)} or {@link #pollSchedule(PollSchedule)}; empty when none is set (the
   *     client's default applies) or the schedule set is adaptive
   */
  public Optional<Duration> interval() {
    return schedule == null || schedule.isAdaptive() ? Optional.empty() : Optional.of(schedule.minimum());
  }

  /**
   * Returns the poll schedule set on these options.
   *
   * @return the schedule, or empty to use the client's default (see the class description)
   */
  public Optional<PollSchedule> pollSchedule() {
    return Optional.ofNullable(schedule);
  }

  /**
   * Returns the timeout set on these options.
   *
   * @return the timeout, or empty to use the request's or the default
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /**
   * Tells whether the task is canceled remotely when the timeout expires.
   *
   * @return the setting, {@code true} by default
   */
  public boolean cancelOnTimeout() {
    return cancelOnTimeout;
  }

  /**
   * Tells whether the task is canceled remotely when the subscriber disposes early.
   *
   * @return the setting, {@code false} by default
   */
  public boolean cancelOnDispose() {
    return cancelOnDispose;
  }

  /**
   * Returns the retry configuration set on these options.
   *
   * @return the configuration, or empty for the default
   */
  public Optional<RetryConfig> retry() {
    return Optional.ofNullable(retry);
  }

  @Override
  public String toString() {
    return "WatchOptions{pollSchedule=" + (schedule == null ? "default" : schedule)
        + ", timeout=" + (timeout == null ? "default" : timeout)
        + ", cancelOnTimeout=" + cancelOnTimeout + ", cancelOnDispose=" + cancelOnDispose
        + ", retry=" + (retry == null ? "default" : "custom") + "}";
  }
}
