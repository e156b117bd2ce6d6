package dev.lora4j.xalora.internal;

import dev.lora4j.AuthenticationException;
import java.util.Objects;

/**
 * A Xalora consumer id and API key. The key never appears in {@code toString()} or in a message.
 *
 * @param consumerId the consumer id
 * @param apiKey the API key
 */
public record XaloraCredentials(String consumerId, String apiKey) {

  /**
   * Checks the parts.
   *
   * @throws AuthenticationException if either part is blank
   */
  public XaloraCredentials {
    Objects.requireNonNull(consumerId, "consumerId");
    Objects.requireNonNull(apiKey, "apiKey");
    if (consumerId.isBlank() || apiKey.isBlank()) {
      throw new AuthenticationException("a Xalora consumer id and API key must both be non-blank");
    }
  }

  /**
   * Parses the combined form {@code consumerId#apiKey}; the seed SDK's legacy {@code
   * consumerId-apiKey} (split at the first {@code -}) is accepted when there is no {@code #}.
   *
   * @param combined the combined credentials
   * @param source where they came from (such as {@code environment variable XALORA_API_KEY}), for
   *     the error message
   * @return the credentials
   * @throws AuthenticationException naming the source, never the value, if the form is wrong
   */
  public static XaloraCredentials parse(String combined, String source) {
    String s = combined.strip();
    int split = s.indexOf('#');
    if (split < 0) {
      split = s.indexOf('-');
    }
    if (split <= 0 || split == s.length() - 1) {
      throw new AuthenticationException(
          "the Xalora credentials from " + source + " are not in the form consumerId#apiKey"
              + " (both parts non-empty); the value is not shown");
    }
    String consumerId = s.substring(0, split).strip();
    String apiKey = s.substring(split + 1).strip();
    if (consumerId.isEmpty() || apiKey.isEmpty()) {
      throw new AuthenticationException(
          "the Xalora credentials from " + source + " are not in the form consumerId#apiKey"
              + " (both parts non-empty); the value is not shown");
    }
    return new XaloraCredentials(consumerId, apiKey);
  }

  @Override
  public String toString() {
    return "XaloraCredentials{consumerId=" + consumerId + ", apiKey=***}";
  }
}
