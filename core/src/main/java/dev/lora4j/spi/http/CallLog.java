package dev.lora4j.spi.http;

import dev.lora4j.Lora4jException;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The log of a client's calls (logger {@code dev.lora4j.spi.http.ProviderHttpClient.<provider>}):
 * one DEBUG line per attempt with its outcome, and at TRACE the bodies, redacted. Headers are never
 * logged.
 */
final class CallLog {

  private static final int MAX_TRACE_CHARS = 4096;

  private final String provider;
  private final Redactor redactor;
  private final Logger log;

  CallLog(String provider, Redactor redactor) {
    this.provider = provider;
    this.redactor = redactor;
    this.log = LoggerFactory.getLogger(ProviderHttpClient.class.getName() + "." + provider);
  }

  /** Logs the attempt's outcome when {@code attempt} completes, fails or is canceled. */
  <T> Mono<T> logged(Attempt attempt, Mono<T> result) {
    return result
        .doOnSuccess(value -> outcome(attempt, null))
        .doOnError(e -> outcome(attempt, e))
        .doOnCancel(() -> canceled(attempt));
  }

  /** Logs that a call listener threw; the attempt's outcome is not affected. */
  void listenerFailed(Object listener, RuntimeException e) {
    log.warn("{} call listener {} failed: {}", provider, listener.getClass().getName(), e.toString());
  }

  void requestBody(Call call, JsonNode body) {
    if (log.isTraceEnabled()) {
      log.trace(
          "{} {} {} request body: {}", provider, call.method, call.name, shorten(redactor.redact(body).toString()));
    }
  }

  void responseBody(Attempt attempt, byte[] bytes) {
    if (log.isTraceEnabled()) {
      log.trace(
          "{} {} {} response body: {}",
          provider,
          attempt.call.method,
          attempt.call.name,
          attempt.redactor(redactor).excerpt(new String(bytes, StandardCharsets.UTF_8), MAX_TRACE_CHARS));
    }
  }

  private void outcome(Attempt attempt, @Nullable Throwable error) {
    if (!log.isDebugEnabled()) {
      return;
    }
    long ms = attempt.elapsedMillis();
    Call call = attempt.call;
    if (error == null) {
      log.debug("{} {} {} -> {} ({} ms)", provider, call.method, call.name, attempt.status, ms);
    } else if (attempt.status != 0) {
      log.debug(
          "{} {} {} -> {} ({} ms): {}",
          provider,
          call.method,
          call.name,
          attempt.status,
          ms,
          error.getClass().getSimpleName());
    } else {
      log.debug(
          "{} {} {} -> failed ({} ms, request {}): {}",
          provider,
          call.method,
          call.name,
          ms,
          sent(attempt),
          error instanceof Lora4jException ? error.getMessage() : error.getClass().getName());
    }
  }

  private void canceled(Attempt attempt) {
    if (log.isDebugEnabled()) {
      log.debug(
          "{} {} {} -> canceled ({} ms, request {})",
          provider,
          attempt.call.method,
          attempt.call.name,
          attempt.elapsedMillis(),
          sent(attempt));
    }
  }

  private static String sent(Attempt attempt) {
    return attempt.requestSent ? "sent" : "not sent";
  }

  private static String shorten(String text) {
    return text.length() <= MAX_TRACE_CHARS ? text : text.substring(0, MAX_TRACE_CHARS) + "…";
  }
}
