package dev.lora4j;

import dev.lora4j.spi.PositiveDuration;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When a watch polls a task's status, set with {@link WatchOptions#pollSchedule(PollSchedule)}.
 * Immutable; two schedules are equal when their settings are, so watches of one task with equal
 * schedules share one polling loop.
 *
 * <h2>When a poll happens</h2>
 *
 * <p>For both kinds of schedule:
 *
 * <ul>
 *   <li>When the provider pushes updates (Wiro's socket), no poll happens while the push stream is
 *       open. Polling starts once it ends without a terminal status (or fails), with the first
 *       poll immediately.
 *   <li>Otherwise the first poll happens immediately when the watch starts (for {@link
 *       TaskClient#runAndWatch}: as soon as the submission answered).
 *   <li>Each later poll happens a delay after the previous poll's answer arrived; the schedule
 *       decides that delay from the answer (the last update, whether or not it told anything new)
 *       and the time since the watch started.
 *   <li>A poll that fails with a transient error is retried by the watch's retry ({@link
 *       WatchOptions#retry}: by default 500 ms doubling up to 30 s, and never sooner than the
 *       provider's {@code Retry-After}); the schedule's delay counts from the answer that finally
 *       succeeded.
 *   <li>Polling stops with the first terminal update, at the watch's timeout, or when the client
 *       closes.
 * </ul>
 *
 * <p>{@link #fixed(Duration)} waits the same interval after every answer. {@link
 * #adaptive(Duration, Duration)} decides each delay between its minimum and maximum:
 *
 * <ol>
 *   <li>A delay the provider suggested with the answer ({@link TaskUpdate#pollAfter()}, from a
 *       {@code Retry-After} header on a status answer) always wins: the schedule waits that long, or
 *       its minimum if that is longer, plus up to a tenth more (jitter); the maximum does not cut it
 *       short.
 *   <li>Running with progress reported ({@link TaskUpdate#progress()}): the finish is predicted
 *       from the progress and the time running so far, and the next poll comes after half of the
 *       predicted remaining time.
 *   <li>Otherwise, once this client has watched three or more tasks of the same workload (for
 *       {@link TaskClient#run} and {@link TaskClient#runAndWatch}: requests of the same {@link
 *       TaskRequest#kind() kind}; for
 *       a bare {@link TaskClient#watch}: any task of the client) go from queued to running, and to
 *       finished, it keeps an exponentially weighted (over time, half-life 10 minutes) log-normal
 *       estimate of how long tasks queue and run. Before the likely window of the next change (the
 *       median times or divided by {@code exp(2 sigma)}: about the 2nd and 98th percentiles) the
 *       next poll waits until the window opens; inside it polls at the minimum; past it the delay
 *       grows by a tenth of the overrun. The minimum is therefore about the detection delay
 *       accepted near the expected change.
 *   <li>With no estimate yet the delay is a tenth of the time the watch has run.
 *   <li>While queued with no queue estimate, a queue position far back makes the delay longer (times {@code 1 +
 *       log10(position)}, at most 3 times); once the position is seen dropping, the delay is at
 *       most half the time the drop rate predicts until the front of the queue.
 *   <li>Every delay is then stretched by a random share of up to {@link #jitter()} (a tenth by
 *       default) and clamped to the minimum and maximum, so that tasks submitted together do not
 *       poll in lockstep.
 * </ol>
 */
public final class PollSchedule {

  /** The minimum of {@link #adaptive()}. */
  public static final Duration DEFAULT_ADAPTIVE_MIN = Duration.ofSeconds(1);
  /** The maximum of {@link #adaptive()}. */
  public static final Duration DEFAULT_ADAPTIVE_MAX = Duration.ofSeconds(15);
  /** The jitter of an adaptive schedule unless {@link #withJitter(double)} sets another. */
  public static final double DEFAULT_JITTER = 0.1;

  private final boolean adaptive;
  private final Duration min;
  private final Duration max;
  private final double jitter;

  private PollSchedule(boolean adaptive, Duration min, Duration max, double jitter) {
    this.adaptive = adaptive;
    this.min = min;
    this.max = max;
    this.jitter = jitter;
  }

  /**
   * Returns a schedule that waits {@code interval} after every answer: what {@link
   * WatchOptions#interval(Duration)} sets. No jitter, no provider hint changes it (a {@code
   * Retry-After} on an error still delays the retry, see the class description).
   *
   * @param interval a positive duration
   * @return the schedule
   * @throws IllegalArgumentException if zero or negative
   */
  public static PollSchedule fixed(Duration interval) {
    Duration checked = PositiveDuration.check("interval", interval);
    return new PollSchedule(false, checked, checked, 0.0);
  }

  /**
   * Returns an adaptive schedule whose delays stay between {@code min} and {@code max} (except a
   * provider's suggested delay, which may be longer), as the class description says.
   *
   * @param min the shortest delay between polls, positive
   * @param max the longest delay between polls, at least {@code min}
   * @return the schedule, with jitter {@value #DEFAULT_JITTER}
   * @throws IllegalArgumentException if a duration is zero or negative, or {@code min > max}
   */
  public static PollSchedule adaptive(Duration min, Duration max) {
    PositiveDuration.check("min", min);
    PositiveDuration.check("max", max);
    if (min.compareTo(max) > 0) {
      throw new IllegalArgumentException("min must not exceed max, was " + min + " > " + max);
    }
    return new PollSchedule(true, min, max, DEFAULT_JITTER);
  }

  /**
   * Returns {@code adaptive(DEFAULT_ADAPTIVE_MIN, DEFAULT_ADAPTIVE_MAX)}: between 1 and 15 seconds.
   *
   * @return the schedule
   */
  public static PollSchedule adaptive() {
    return adaptive(DEFAULT_ADAPTIVE_MIN, DEFAULT_ADAPTIVE_MAX);
  }

  /**
   * Returns a copy of this adaptive schedule that stretches each delay by a random share of up to
   * {@code jitter} ({@code 0.0} for none).
   *
   * @param jitter from {@code 0.0} to {@code 1.0}
   * @return the new schedule
   * @throws IllegalArgumentException if outside that range
   * @throws IllegalStateException if this schedule is fixed
   */
  public PollSchedule withJitter(double jitter) {
    if (!adaptive) {
      throw new IllegalStateException("a fixed schedule has no jitter: use adaptive(min, max)");
    }
    if (!(jitter >= 0.0 && jitter <= 1.0)) {
      throw new IllegalArgumentException("jitter must be between 0.0 and 1.0, was " + jitter);
    }
    return new PollSchedule(true, min, max, jitter);
  }

  /**
   * Tells whether this schedule adapts its delays.
   *
   * @return {@code true} for {@link #adaptive}, {@code false} for {@link #fixed}
   */
  public boolean isAdaptive() {
    return adaptive;
  }

  /**
   * Returns the shortest delay between polls: the interval of a fixed schedule.
   *
   * @return the minimum
   */
  public Duration minimum() {
    return min;
  }

  /**
   * Returns the longest delay between polls (a provider's suggested delay may exceed it): the
   * interval of a fixed schedule.
   *
   * @return the maximum
   */
  public Duration maximum() {
    return max;
  }

  /**
   * Returns the largest share by which a delay is randomly stretched.
   *
   * @return from {@code 0.0} to {@code 1.0}; {@code 0.0} for a fixed schedule
   */
  public double jitter() {
    return jitter;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PollSchedule other
        && adaptive == other.adaptive
        && min.equals(other.min)
        && max.equals(other.max)
        && Double.compare(jitter, other.jitter) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(adaptive, min, max, jitter);
  }

  @Override
  public String toString() {
    return adaptive
        ? "PollSchedule.adaptive(" + min + ", " + max + ", jitter=" + jitter + ")"
        : "PollSchedule.fixed(" + min + ")";
  }
}
