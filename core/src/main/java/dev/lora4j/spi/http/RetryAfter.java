package dev.lora4j.spi.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads an HTTP {@code Retry-After} header (RFC 9110, section 10.2.3): either a number of seconds
 * ({@code 120}) or an HTTP date ({@code Wed, 21 Oct 2015 07:28:00 GMT}).
 */
public final class RetryAfter {

  /**
   * The longest wait {@link #parse} returns. A provider asking for more is capped: a poller should
   * not go silent for a day because of one odd header.
   */
  public static final Duration MAX = Duration.ofHours(1);

  /** The three date forms a recipient must accept: IMF-fixdate, RFC 850 and asctime. */
  private static final List<DateTimeFormatter> DATE_FORMATS =
      List.of(
          DateTimeFormatter.RFC_1123_DATE_TIME,
          new DateTimeFormatterBuilder()
              .appendPattern("EEEE, dd-MMM-")
              .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
              .appendPattern(" HH:mm:ss 'GMT'")
              .toFormatter(Locale.US)
              .withZone(ZoneOffset.UTC),
          new DateTimeFormatterBuilder()
              .appendPattern("EEE MMM")
              .appendLiteral(' ')
              .padNext(2)
              .appendValue(ChronoField.DAY_OF_MONTH)
              .appendPattern(" HH:mm:ss yyyy")
              .toFormatter(Locale.US)
              .withZone(ZoneOffset.UTC));

  private RetryAfter() {}

  /**
   * Parses a {@code Retry-After} value.
   *
   * @param headerValue the header's value, or {@code null} when the response had none
   * @param now the current time, to turn a date into a wait
   * @return the wait: the number of seconds, or the time from {@code now} to the date ({@link
   *     Duration#ZERO} for a date in the past), at most {@link #MAX}; empty when the header is
   *     absent, blank, negative or neither form
   */
  public static Optional<Duration> parse(@Nullable String headerValue, Instant now) {
    Objects.requireNonNull(now, "now");
    if (headerValue == null) {
      return Optional.empty();
    }
    String value = headerValue.strip();
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
      // More than 10 digits is more than 300 years; no need to parse it exactly.
      return Optional.of(
          value.length() > 10 ? MAX : cap(Duration.ofSeconds(Long.parseLong(value))));
    }
    for (DateTimeFormatter format : DATE_FORMATS) {
      try {
        Instant date = format.parse(value, Instant::from);
        return Optional.of(date.isAfter(now) ? cap(Duration.between(now, date)) : Duration.ZERO);
      } catch (DateTimeParseException e) {
        // try the next form
      }
    }
    return Optional.empty();
  }

  private static Duration cap(Duration wait) {
    return wait.compareTo(MAX) > 0 ? MAX : wait;
  }
}
