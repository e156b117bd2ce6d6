package dev.lora4j.spi.http;

import dev.lora4j.AuthenticationException;
import dev.lora4j.InvalidRequestException;
import dev.lora4j.Lora4jException;
import dev.lora4j.ProtocolException;
import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.RateLimitedException;
import java.util.Objects;

/**
 * Turns a provider's HTTP answer outside 2xx into the exception a call signals. A {@link
 * ProviderHttpClient} has one (by default {@link #standard()}); a call that knows better passes its
 * own, usually derived with {@link #onStatus}:
 *
 * <pre>{@code
 * HttpErrorMapper query = http.errorMapper().onStatus(404,
 *     f -> new TaskNotFoundException(f.message(), f.statusCode(), f.providerMessage()));
 * http.postJson("task_result_query", body, query);
 * }</pre>
 *
 * Mappers return the exception rather than throwing it, and must not return {@code null}.
 */
@FunctionalInterface
public interface HttpErrorMapper {

  /**
   * Maps a failure to an exception.
   *
   * @param failure the provider's answer, redacted
   * @return the exception the call signals
   */
  Lora4jException map(HttpFailure failure);

  /**
   * Returns the mapping shared by all providers, each exception with the status code and the
   * provider's message and {@link HttpFailure#message()} as its message:
   *
   * <ul>
   *   <li>401, 403: {@link AuthenticationException};
   *   <li>408: {@link ProviderUnavailableException} (transient; the request did reach the provider),
   *       with the {@code Retry-After} wait when the provider sent one, as for 5xx;
   *   <li>429: {@link RateLimitedException} with the {@code Retry-After} wait;
   *   <li>404 and every other 4xx: {@link InvalidRequestException} (a 404 means "no such
   *       endpoint" here; a task query overrides it to {@link dev.lora4j.TaskNotFoundException});
   *   <li>5xx: {@link ProviderUnavailableException};
   *   <li>anything else (1xx, 3xx, codes above 599): {@link ProtocolException}, since lora4j does
   *       not follow redirects.
   * </ul>
   *
   * @return the standard mapper
   */
  static HttpErrorMapper standard() {
    return HttpErrorMapper::mapStandard;
  }

  /**
   * Returns a mapper that uses {@code mapper} for one status code and this mapper for all others.
   *
   * @param statusCode the status code to handle differently
   * @param mapper the mapping for it
   * @return the combined mapper
   * @throws IllegalArgumentException if {@code statusCode} is not between 100 and 999
   */
  default HttpErrorMapper onStatus(int statusCode, HttpErrorMapper mapper) {
    Objects.requireNonNull(mapper, "mapper");
    if (statusCode < 100 || statusCode > 999) {
      throw new IllegalArgumentException("statusCode must be between 100 and 999, was " + statusCode);
    }
    return failure -> failure.statusCode() == statusCode ? mapper.map(failure) : map(failure);
  }

  /**
   * Returns a mapper that signals {@link AuthenticationException} for 401 and 403, its message
   * followed by {@code hint} in parentheses, and uses this mapper for all other statuses. Every
   * provider that reads credentials uses it to say where they came from.
   *
   * @param hint where the credentials came from and what to check, never a value, such as {@code
   *     check the API key from environment variable WIRO_API_KEY}
   * @return the combined mapper
   */
  default HttpErrorMapper onAuthenticationFailure(String hint) {
    Objects.requireNonNull(hint, "hint");
    HttpErrorMapper auth = f -> new AuthenticationException(
        f.message() + " (" + hint + ")", f.statusCode(), f.providerMessage());
    return onStatus(401, auth).onStatus(403, auth);
  }

  private static Lora4jException mapStandard(HttpFailure f) {
    int status = f.statusCode();
    String message = f.message();
    if (status == 401 || status == 403) {
      return new AuthenticationException(message, status, f.providerMessage());
    }
    if (status == 408 || (status >= 500 && status <= 599)) {
      return new ProviderUnavailableException(message, status, f.providerMessage(), f.retryAfter());
    }
    if (status == 429) {
      return new RateLimitedException(message, status, f.providerMessage(), f.retryAfter());
    }
    if (status >= 400 && status <= 499) {
      return new InvalidRequestException(message, status, f.providerMessage());
    }
    String why =
        status >= 300 && status <= 399
            ? " (lora4j does not follow redirects: check the base URL)"
            : " (not a status lora4j expects)";
    return new ProtocolException(message + why, null, status);
  }
}
