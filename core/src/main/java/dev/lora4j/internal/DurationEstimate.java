package dev.lora4j.internal;

import org.jspecify.annotations.Nullable;

/**
 * A log-normal estimate of how long something takes: the mean and standard deviation of the
 * durations' logarithms, each sample weighted down by half every {@link #HALF_LIFE_MILLIS} of
 * clock time since it was added. Weighting by time, not by count, keeps a batch of tasks that end
 * in order of their duration from teaching only the last (longest) ones. Thread-safe.
 */
final class DurationEstimate {

  /** How long until a sample counts half. */
  static final double HALF_LIFE_MILLIS = 600_000;
  /** The effective number of samples below which there is no estimate: three recent ones. */
  static final double MIN_WEIGHT = 2.9;
  /** The least spread an estimate claims, so that a few equal samples do not make it overconfident. */
  static final double MIN_SIGMA = 0.2;

  /** An estimate: the logarithm's mean and standard deviation (of durations in milliseconds). */
  record Spread(double mu, double sigma) {

    /** The duration {@code k} standard deviations from the median, in milliseconds. */
    double quantile(double k) {
      return Math.exp(mu + k * sigma);
    }
  }

  private double weight;
  private double mean;
  private double squares;
  private long lastAt = Long.MIN_VALUE;

  /**
   * Adds a sample.
   *
   * @param durationMillis the duration observed; at least 1 counts
   * @param nowMillis the clock time now
   */
  synchronized void add(long durationMillis, long nowMillis) {
    if (lastAt != Long.MIN_VALUE && nowMillis > lastAt) {
      double decay = Math.pow(0.5, (nowMillis - lastAt) / HALF_LIFE_MILLIS);
      weight *= decay;
      squares *= decay;
    }
    lastAt = Math.max(lastAt, nowMillis);
    double x = Math.log(Math.max(1, durationMillis));
    double total = weight + 1;
    double delta = x - mean;
    double r = delta / total;
    mean += r;
    squares += weight * delta * r;
    weight = total;
  }

  /**
   * Returns the estimate.
   *
   * @return the spread, or {@code null} while fewer than {@link #MIN_WEIGHT} samples count
   */
  synchronized @Nullable Spread spread() {
    if (weight < MIN_WEIGHT) {
      return null;
    }
    return new Spread(mean, Math.max(MIN_SIGMA, Math.sqrt(squares / weight)));
  }
}
