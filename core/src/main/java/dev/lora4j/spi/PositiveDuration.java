package dev.lora4j.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one check of a duration setting that must be longer than zero (a timeout, an interval), with
 * the message every such setting gives: {@code timeout must be positive, was PT0S}.
 */
public final class PositiveDuration {

  private PositiveDuration() {}

  /**
   * Checks a duration.
   *
   * @param name the setting's name, for the message
   * @param value the duration
   * @return {@code value}
   * @throws NullPointerException if {@code value} is {@code null}, naming the setting
   * @throws IllegalArgumentException if it is zero or negative
   */
  public static Duration check(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (!isPositive(value)) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  /**
   * Tells whether a duration is positive, for callers that signal a refusal their own way (a
   * command line's conversion error).
   *
   * @param value the duration
   * @return {@code true} when it is longer than zero
   */
  public static boolean isPositive(Duration value) {
    return !value.isZero() && !value.isNegative();
  }

  /**
   * Checks an optional duration: an empty one passes, a present one must be positive.
   *
   * @param name the setting's name, for the messages
   * @param value the duration or empty
   * @return {@code value}
   * @throws NullPointerException if {@code value} is {@code null}, naming the setting
   * @throws IllegalArgumentException if it holds a zero or negative duration
   */
  public static Optional<Duration> checkIfPresent(String name, Optional<Duration> value) {
    Objects.requireNonNull(value, name).ifPresent(v -> check(name, v));
    return value;
  }
}
