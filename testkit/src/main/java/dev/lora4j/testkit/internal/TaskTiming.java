package dev.lora4j.testkit.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * How long tasks wait in the queue and run, and which of them fail: fixed durations, uniform
 * draws between bounds, or log-normal draws around a median (when a sigma is above zero, the
 * minimum is the median and the maximum is ignored), reproducible from a seed and the task's
 * ordinal.
 *
 * @param minQueue the shortest queue time
 * @param maxQueue the longest queue time
 * @param minRun the shortest run time
 * @param maxRun the longest run time
 * @param failureRate the share of tasks that fail, 0.0 to 1.0
 * @param seed the seed the draws derive from
 * @param queueSigma the log-normal spread of queue times, or 0 for uniform draws
 * @param runSigma the log-normal spread of run times, or 0 for uniform draws
 */
public record TaskTiming(
    Duration minQueue, Duration maxQueue, Duration minRun, Duration maxRun, double failureRate, long seed,
    double queueSigma, double runSigma) {

  /** Draws beyond this many standard deviations are cut, so that one task cannot run for days. */
  static final double MAX_Z = 4.0;

  /**
   * Fixed or uniform timing, no log-normal spread.
   *
   * @param minQueue the shortest queue time
   * @param maxQueue the longest queue time
   * @param minRun the shortest run time
   * @param maxRun the longest run time
   * @param failureRate the share of tasks that fail, 0.0 to 1.0
   * @param seed the seed the draws derive from
   */
  public TaskTiming(
      Duration minQueue, Duration maxQueue, Duration minRun, Duration maxRun, double failureRate, long seed) {
    this(minQueue, maxQueue, minRun, maxRun, failureRate, seed, 0.0, 0.0);
  }

  /**
   * Validates the bounds.
   *
   * @throws IllegalArgumentException if a duration is negative, a minimum exceeds its maximum, a
   *     sigma is negative or not finite, or the failure rate is outside 0.0 to 1.0
   */
  public TaskTiming {
    checkSigma("queueTime", queueSigma);
    checkSigma("runTime", runSigma);
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
   * Checks a log-normal spread with the message a builder should give.
   *
   * @param name the setting's name
   * @param sigma the standard deviation of the duration's logarithm
   * @throws IllegalArgumentException if negative or not finite
   */
  public static void checkSigma(String name, double sigma) {
    if (!(sigma >= 0.0 && sigma <= 10.0)) {
      throw new IllegalArgumentException(name + " sigma must be between 0.0 and 10.0, was " + sigma);
    }
  }

  /**
   * The queue time of a task.
   *
   * @param ordinal the task's creation ordinal
   * @return the queue time
   */
  public Duration queueTime(long ordinal) {
    return queueSigma > 0 ? logNormal(minQueue, queueSigma, "queue", ordinal) : draw(minQueue, maxQueue, "queue", ordinal);
  }

  /**
   * The run time of a task.
   *
   * @param ordinal the task's creation ordinal
   * @return the run time
   */
  public Duration runTime(long ordinal) {
    return runSigma > 0 ? logNormal(minRun, runSigma, "run", ordinal) : draw(minRun, maxRun, "run", ordinal);
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

  /** {@code median * exp(sigma * z)}, {@code z} standard normal by Box-Muller from two draws. */
  private Duration logNormal(Duration median, double sigma, String stream, long ordinal) {
    double u1 = Seeds.unit(seed, stream + "-ln1", ordinal);
    double u2 = Seeds.unit(seed, stream + "-ln2", ordinal);
    double z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    z = Math.max(-MAX_Z, Math.min(MAX_Z, z));
    return Duration.ofNanos(Math.round(median.toNanos() * Math.exp(sigma * z)));
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
