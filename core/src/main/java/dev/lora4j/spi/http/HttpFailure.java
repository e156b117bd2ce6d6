package dev.lora4j.spi.http;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A provider's HTTP answer outside 2xx, as an {@link HttpErrorMapper} sees it. Everything in it is
 * already redacted: it may be put into exception messages and logs.
 *
 * @param provider the provider's name, such as {@code xalora}
 * @param method the HTTP method, such as {@code POST}
 * @param path the called path as the provider passed it, without a leading {@code /} or a query,
 *     such as {@code task_create} or {@code Run/wiro/text-to-image-flux-lora-fast}; for a {@link
 *     ProviderHttpClient#download download}, the URL's host and path
 * @param statusCode the HTTP status code
 * @param reasonPhrase the standard reason phrase of the status code, such as {@code Unauthorized}
 * @param retryAfter the wait the provider asked for in {@code Retry-After}, or {@code null} when it
 *     sent none (or an unreadable one); see {@link RetryAfter}
 * @param providerMessage the provider's own message, or {@code null} when its answer had none;
 *     see {@link ProviderHttpClient} for where it is taken from
 * @param body the answer's body when it was JSON, with credentials masked; {@code null} otherwise
 */
public record HttpFailure(
    String provider,
    String method,
    String path,
    int statusCode,
    String reasonPhrase,
    @Nullable Duration retryAfter,
    @Nullable String providerMessage,
    @Nullable JsonNode body) {

  /**
   * Checks the components.
   *
   * @param provider the provider's name
   * @param method the HTTP method
   * @param path the called path
   * @param statusCode the HTTP status code
   * @param reasonPhrase the standard reason phrase
   * @param retryAfter the {@code Retry-After} wait, if any
   * @param providerMessage the provider's message, if any
   * @param body the redacted JSON body, if any
   * @throws IllegalArgumentException if {@code statusCode} is not between 100 and 999
   */
  public HttpFailure {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(reasonPhrase, "reasonPhrase");
    if (statusCode < 100 || statusCode > 999) {
      throw new IllegalArgumentException("statusCode must be between 100 and 999, was " + statusCode);
    }
  }

  /**
   * Describes the failure for an exception message: the provider, the path, the status and the
   * provider's message, such as {@code xalora task_create answered 401 Unauthorized: invalid
   * credentials}.
   *
   * @return the description
   */
  public String message() {
    String head = provider + " " + path + " answered " + statusCode + " " + reasonPhrase;
    return providerMessage == null ? head : head + ": " + providerMessage;
  }

  /**
   * Returns {@link #message()}; the body is left out for brevity.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return message();
  }
}
