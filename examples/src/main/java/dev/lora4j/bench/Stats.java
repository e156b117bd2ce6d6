package dev.lora4j.bench;

import java.util.Arrays;

/** Order statistics of a benchmark's figures. */
final class Stats {

  private Stats() {}

  /**
   * The nearest-rank percentile: the smallest value with at least {@code p}% of the values at or
   * below it.
   *
   * @param sorted values, smallest first
   * @param p from 0 to 100; 100 is the largest value
   * @return the percentile, {@code NaN} for no values
   */
  static double percentile(double[] sorted, int p) {
    if (p < 0 || p > 100) {
      throw new IllegalArgumentException("p must be between 0 and 100, was " + p);
    }
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /**
   * The median, the mean of the middle two for an even count; {@code NaN} values are left out.
   *
   * @param values in any order; not changed
   * @return the median, {@code NaN} if no value is a number
   */
  static double median(double[] values) {
    double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
