package dev.lora4j.testkit.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * How long tasks wait in the queue and run, and which of them fail: fixed durations, or uniform
 * draws between bounds, reproducible from a seed and the task's ordinal.
 *
 * @param minQueue the shortest queue time
 * @param maxQueue the longest queue time
 * @param minRun the shortest run time
 * @param maxRun the longest run time
 * @param failureRate the share of tasks that fail, 0.0 to 1.0
 * @param seed the seed the draws derive from
 */
public record TaskTiming(
    Duration minQueue, Duration maxQueue, Duration minRun, Duration maxRun, double failureRate, long seed) {

  /**
   * Validates the bounds.
   *
   * @throws IllegalArgumentException if a duration is negative, a minimum exceeds its maximum, or
   *     the failure rate is outside 0.0 to 1.0
   */
  public TaskTiming {
    check("queueTime", minQueue, maxQueue);
    check("runTime", minRun, maxRun);
    if (!(failureRate >= 0.0 && failureRate <= 1.0)) {
      throw new IllegalArgumentException("failureRate must be between 0.0 and 1.0, was " + failureRate);
    }
  }

  /**
   * Checks one pair of bounds with the message a builder should give.
   *
   * @param name the setting's name
   * @param min the lower bound
   * @param max the upper bound
   * @throws IllegalArgumentException if a bound is negative or {@code min > max}
   */
  public static void check(String name, Duration min, Duration max) {
    Objects.requireNonNull(min, name);
    Objects.requireNonNull(max, name);
    if (min.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + min);
    }
    if (max.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + max);
    }
    if (min.compareTo(max) > 0) {
      throw new IllegalArgumentException(name + " minimum must not exceed maximum, was " + min + " > " + max);
    }
  }

  /**
   * The queue time of a task.
   *
   * @param ordinal the task's creation ordinal
   * @return the queue time
   */
  public Duration queueTime(long ordinal) {
    return draw(minQueue, maxQueue, "queue", ordinal);
  }

  /**
   * The run time of a task.
   *
   * @param ordinal the task's creation ordinal
   * @return the run time
   */
  public Duration runTime(long ordinal) {
    return draw(minRun, maxRun, "run", ordinal);
  }

  /**
   * Whether a task fails.
   *
   * @param ordinal the task's creation ordinal
   * @return {@code true} if it fails
   */
  public boolean fails(long ordinal) {
    return failureRate > 0 && Seeds.unit(seed, "failure", ordinal) < failureRate;
  }

  private Duration draw(Duration min, Duration max, String stream, long ordinal) {
    if (min.equals(max)) {
      return min;
    }
    long span = max.toNanos() - min.toNanos();
    long offset = (long) (Seeds.unit(seed, stream, ordinal) * (span + 1));
    return min.plusNanos(Math.min(offset, span));
  }
}
