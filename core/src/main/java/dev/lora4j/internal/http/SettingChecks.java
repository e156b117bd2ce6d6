package dev.lora4j.internal.http;

import dev.lora4j.spi.PositiveDuration;
import dev.lora4j.spi.Range;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The checks of the HTTP layer's settings, shared by {@link dev.lora4j.ClientOptions} and {@link
 * dev.lora4j.spi.http.ProviderHttpClient.Builder} so that both accept the same values and reject
 * the others with the same message, which names the setting and the value it got.
 */
public final class SettingChecks {

  /** A host name, an IPv4 address, or an IPv6 address with or without brackets. */
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[?[0-9A-Fa-f:.%]+]?");

  /** The TCP ports: 1 to 65535. */
  public static final Range PORTS = Range.of(1, 65_535);

  private SettingChecks() {}



  /**
   * Checks a duration that Netty takes as an {@code int} of milliseconds, such as the connect
   * timeout.
   *
   * @param name the setting's name, for the message
   * @param value the value
   * @return {@code value}
   * @throws IllegalArgumentException if not between 1 ms and {@link Integer#MAX_VALUE} ms
   */
  public static Duration millis(String name, Duration value) {
    PositiveDuration.check(name, value);
    if (value.toMillis() > Integer.MAX_VALUE || value.toMillis() == 0) {
      throw new IllegalArgumentException(
          name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms, was " + value);
    }
    return value;
  }


  /**
   * Checks a host name or IP address, such as a proxy's.
   *
   * @param name the setting's name, for the message
   * @param value the value
   * @return {@code value}, stripped
   * @throws IllegalArgumentException if blank or not a bare host (a URL, say); the message quotes
   *     the value unless it holds an {@code @}, which may be followed by a password
   */
  public static String host(String name, String value) {
    Objects.requireNonNull(value, name);
    String host = value.strip();
    if (!HOST.matcher(host).matches()) {
      throw new IllegalArgumentException(
          name + " must be a host name or IP address, was "
              + (host.contains("@") ? "a value with user info" : "'" + value + "'"));
    }
    return host;
  }
}
