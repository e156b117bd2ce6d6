package dev.lora4j.spi.http;

import dev.lora4j.Lora4jException;
import dev.lora4j.internal.http.ErrorBody;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import reactor.netty.http.client.HttpClientResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an answer outside 2xx into the exception its call signals: the redacted {@link HttpFailure}
 * (provider message from the body, {@code Retry-After} wait) fed to the call's {@link
 * HttpErrorMapper}.
 */
final class StatusErrors {

  private final String provider;
  private final JsonMapper json;
  private final Redactor redactor;
  private final Clock clock = Clock.systemUTC();

  StatusErrors(String provider, JsonMapper json, Redactor redactor) {
    this.provider = provider;
    this.json = json;
    this.redactor = redactor;
  }

  /**
   * Maps the answer.
   *
   * @throws NullPointerException if the mapper returned {@code null}
   */
  Lora4jException map(Attempt attempt, HttpClientResponse response, byte[] body) {
    Call call = attempt.call;
    int status = response.status().code();
    ErrorBody errorBody = ErrorBody.read(body, json, attempt.redactor(redactor));
    HttpFailure failure =
        new HttpFailure(
            provider,
            call.method,
            call.name,
            status,
            reasonPhrase(status),
            RetryAfter.parse(response.responseHeaders().get(HttpHeaderNames.RETRY_AFTER), clock.instant())
                .orElse(null),
            errorBody.message(),
            errorBody.json());
    Lora4jException mapped = call.errorMapper.map(failure);
    if (mapped == null) {
      throw new NullPointerException("the HttpErrorMapper returned null for " + failure.message());
    }
    return mapped;
  }

  private static String reasonPhrase(int code) {
    String phrase = HttpResponseStatus.valueOf(code).reasonPhrase();
    String suffix = " (" + code + ")";
    return phrase.endsWith(suffix) ? phrase.substring(0, phrase.length() - suffix.length()) : phrase;
  }
}
