package dev.lora4j;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Identifies a submitted task: which provider runs it, the provider's task id and, for providers
 * that have one, a per-task token (Wiro's socket access token).
 *
 * <p>{@link #encode()} turns a handle into one printable line that another process can {@link
 * #decode(String)} to resume watching, query or cancel the task. A handle holds no account
 * credential: the resuming process uses its own.
 *
 * @param provider the provider's name, as in {@link TaskClient#provider()}
 * @param id the provider's task id
 * @param token the provider's per-task token, or {@code null} when it has none
 */
public record TaskHandle(String provider, String id, @Nullable String token) {

  private static final String PREFIX = "lora4j:";

  /**
   * Creates a handle.
   *
   * @param provider the provider's name, not blank
   * @param id the provider's task id, not blank
   * @param token the provider's per-task token, or {@code null}
   * @throws IllegalArgumentException if {@code provider} or {@code id} is blank, or {@code token}
   *     is empty
   */
  public TaskHandle {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(id, "id");
    if (provider.isBlank()) {
      throw new IllegalArgumentException("provider must not be blank");
    }
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    if (token != null && token.isEmpty()) {
      throw new IllegalArgumentException("token must be null or non-empty");
    }
  }

  /**
   * Creates a handle without a token.
   *
   * @param provider the provider's name
   * @param id the provider's task id
   * @return the handle
   */
  public static TaskHandle of(String provider, String id) {
    return new TaskHandle(provider, id, null);
  }

  /**
   * Encodes this handle as {@code lora4j:<provider>:<id>[:<token>]}, each part percent-encoded.
   *
   * @return a single line without white space
   */
  public String encode() {
    StringBuilder b = new StringBuilder(PREFIX).append(part(provider)).append(':').append(part(id));
    if (token != null) {
      b.append(':').append(part(token));
    }
    return b.toString();
  }

  /**
   * Decodes a handle made by {@link #encode()}.
   *
   * @param encoded the encoded handle
   * @return the handle
   * @throws IllegalArgumentException if {@code encoded} is not an encoded handle; the message
   *     quotes it, its token masked
   */
  public static TaskHandle decode(String encoded) {
    Objects.requireNonNull(encoded, "encoded");
    String s = encoded.strip();
    String[] parts = s.startsWith(PREFIX) ? s.substring(PREFIX.length()).split(":", -1) : null;
    if (parts == null || parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException(
          "not a task handle (expected lora4j:<provider>:<id>[:<token>]): '" + withoutToken(s) + "'");
    }
    try {
      return new TaskHandle(
          unpart(parts[0]), unpart(parts[1]), parts.length == 3 ? unpart(parts[2]) : null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a task handle (" + e.getMessage() + "): '" + withoutToken(s) + "'", e);
    }
  }

  /** Quotes an encoded handle in a message with anything after its id, the token, masked. */
  private static String withoutToken(String encoded) {
    int first = encoded.indexOf(':');
    int second = first < 0 ? -1 : encoded.indexOf(':', first + 1);
    int third = second < 0 ? -1 : encoded.indexOf(':', second + 1);
    return third < 0 ? encoded : encoded.substring(0, third + 1) + "***";
  }

  /**
   * Describes the handle without its token, which lets its holder follow (and on some providers
   * stop) the task: safe to log. {@link #encode()} is the form to save.
   *
   * @return the provider, the id, and {@code token=***} when there is a token
   */
  @Override
  public String toString() {
    return "TaskHandle[provider=" + provider + ", id=" + id + (token == null ? "" : ", token=***") + "]";
  }

  private static String part(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String unpart(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
