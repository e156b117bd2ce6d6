package dev.lora4j.spi;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A closed range of whole-number bounds that a request field must lie in, defined once where the
 * limit is documented and checked with {@link #check(String, int)} wherever the field is set. The
 * message of a failed check names the field, the range and the value: {@code width must be between
 * 64 and 2048, was 4096}; for a range without an upper bound, {@code steps must be at least 1, was
 * 0} or {@code seed must not be negative, was -1}.
 *
 * <pre>{@code
 * static final Range QUALITY = Range.of(1, 100);
 * this.quality = QUALITY.check("quality", quality);
 * }</pre>
 *
 * <p>An optional field ({@code OptionalInt}, {@code OptionalLong}, {@code OptionalDouble}) is
 * checked the same way when present ({@link #checkIfPresent(String, OptionalInt)}), so a record's compact constructor checks each component in
 * one line: {@code QUALITY.checkIfPresent("quality", quality);}.
 *
 * @param min the smallest value accepted
 * @param max the largest value accepted; {@link Long#MAX_VALUE} for a range without an upper bound
 */
public record Range(long min, long max) {

  /** Zero and above. */
  public static final Range NON_NEGATIVE = atLeast(0);
  /** One and above. */
  public static final Range POSITIVE = atLeast(1);

  /**
   * Checks the bounds.
   *
   * @param min the smallest value accepted
   * @param max the largest value accepted
   * @throws IllegalArgumentException if {@code min > max}
   */
  public Range {
    if (min > max) {
      throw new IllegalArgumentException("a range's min must not exceed its max, was " + min + " > " + max);
    }
  }

  /**
   * Returns the range from {@code min} to {@code max}, both included.
   *
   * @param min the smallest value accepted
   * @param max the largest value accepted
   * @return the range
   * @throws IllegalArgumentException if {@code min > max}
   */
  public static Range of(long min, long max) {
    return new Range(min, max);
  }

  /**
   * Returns the range of {@code min} and everything above it.
   *
   * @param min the smallest value accepted
   * @return the range
   */
  public static Range atLeast(long min) {
    return new Range(min, Long.MAX_VALUE);
  }

  /**
   * Tells whether a value lies in this range.
   *
   * @param value the value
   * @return {@code true} when {@code min <= value <= max}
   */
  public boolean contains(long value) {
    return value >= min && value <= max;
  }

  /**
   * Tells whether a value lies in this range.
   *
   * @param value the value
   * @return {@code true} when {@code min <= value <= max}; {@code false} for {@code NaN}
   */
  public boolean contains(double value) {
    return value >= min && value <= max;
  }

  /**
   * Checks a value.
   *
   * @param name the field's name, for the message
   * @param value the value
   * @return {@code value}
   * @throws IllegalArgumentException naming the field, this range and the value, if it lies outside
   */
  public int check(String name, int value) {
    if (!contains(value)) {
      throw outside(name, Integer.toString(value));
    }
    return value;
  }

  /**
   * Checks a value.
   *
   * @param name the field's name, for the message
   * @param value the value
   * @return {@code value}
   * @throws IllegalArgumentException naming the field, this range and the value, if it lies outside
   */
  public long check(String name, long value) {
    if (!contains(value)) {
      throw outside(name, Long.toString(value));
    }
    return value;
  }

  /**
   * Checks a value.
   *
   * @param name the field's name, for the message
   * @param value the value
   * @return {@code value}
   * @throws IllegalArgumentException naming the field, this range and the value, if it lies outside
   *     or is {@code NaN}
   */
  public double check(String name, double value) {
    if (!contains(value)) {
      throw outside(name, Double.toString(value));
    }
    return value;
  }

  /**
   * Checks an optional value: an empty one passes, a present one must lie in this range.
   *
   * @param name the field's name, for the messages
   * @param value the value or empty
   * @return {@code value}
   * @throws NullPointerException naming the field, if {@code value} is {@code null}
   * @throws IllegalArgumentException naming the field, this range and the value, if it lies outside
   */
  public OptionalInt checkIfPresent(String name, OptionalInt value) {
    Objects.requireNonNull(value, name).ifPresent(v -> check(name, v));
    return value;
  }

  /**
   * Checks an optional value: an empty one passes, a present one must lie in this range.
   *
   * @param name the field's name, for the messages
   * @param value the value or empty
   * @return {@code value}
   * @throws NullPointerException naming the field, if {@code value} is {@code null}
   * @throws IllegalArgumentException naming the field, this range and the value, if it lies outside
   */
  public OptionalLong checkIfPresent(String name, OptionalLong value) {
    Objects.requireNonNull(value, name).ifPresent(v -> check(name, v));
    return value;
  }

  /**
   * Checks an optional value: an empty one passes, a present one must lie in this range.
   *
   * @param name the field's name, for the messages
   * @param value the value or empty
   * @return {@code value}
   * @throws NullPointerException naming the field, if {@code value} is {@code null}
   * @throws IllegalArgumentException naming the field, this range and the value, if it lies outside
   *     or is {@code NaN}
   */
  public OptionalDouble checkIfPresent(String name, OptionalDouble value) {
    Objects.requireNonNull(value, name).ifPresent(v -> check(name, v));
    return value;
  }

  private IllegalArgumentException outside(String name, String value) {
    String rule = max != Long.MAX_VALUE ? "be between " + min + " and " + max
        : min == 0 ? "not be negative" : "be at least " + min;
    return new IllegalArgumentException(name + " must " + rule + ", was " + value);
  }

  /**
   * Describes the range.
   *
   * @return {@code 64 to 2048}, or {@code at least 1} for a range without an upper bound
   */
  @Override
  public String toString() {
    return max != Long.MAX_VALUE ? min + " to " + max : "at least " + min;
  }
}
