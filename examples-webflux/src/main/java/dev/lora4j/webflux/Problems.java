package dev.lora4j.webflux;

import dev.lora4j.AuthenticationException;
import dev.lora4j.InvalidRequestException;
import dev.lora4j.Lora4jException;
import dev.lora4j.Lora4jTransientException;
import dev.lora4j.ProtocolException;
import dev.lora4j.TaskNotFoundException;
import dev.lora4j.TaskTimeoutException;
import dev.lora4j.UnsupportedRequestException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * How an error is told to the browser, as an RFC 9457 problem: the answer of a failed request, or
 * the {@code problem} event that ends a status stream. lora4j's messages never hold credentials;
 * an authentication failure is still told without its message, which is about the server's
 * configuration, not the visitor's request.
 */
final class Problems {

  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  /** The problem for any error. */
  static ProblemDetail of(Throwable error) {
    if (error instanceof InvalidFieldException e) {
      ProblemDetail p = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
      p.setProperty("field", e.field());
      return p;
    }
    if (error instanceof ErrorResponse e) {
      return e.getBody();
    }
    if (error instanceof Lora4jException e) {
      return of(e);
    }
    LOG.error("unexpected error", error);
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The server failed unexpectedly; see its log.");
  }

  private static ProblemDetail of(Lora4jException e) {
    if (e instanceof TaskNotFoundException) {
      return problem(HttpStatus.NOT_FOUND, "Unknown task", e.getMessage());
    }
    if (e instanceof InvalidRequestException) {
      return problem(HttpStatus.BAD_REQUEST, "Rejected by the provider", e.getMessage());
    }
    if (e instanceof UnsupportedRequestException) {
      return problem(HttpStatus.BAD_REQUEST, "Not supported by the provider", e.getMessage());
    }
    if (e instanceof AuthenticationException) {
      LOG.warn("the provider refused this server's credentials: {}", e.getMessage());
      return problem(HttpStatus.BAD_GATEWAY, "Provider authentication failed",
          "The provider refused this server's credentials; the server's log says which setting to check.");
    }
    if (e instanceof TaskTimeoutException) {
      return problem(HttpStatus.GATEWAY_TIMEOUT, "Timed out", e.getMessage());
    }
    if (e instanceof Lora4jTransientException t) {
      ProblemDetail p = problem(HttpStatus.SERVICE_UNAVAILABLE, "Provider unavailable", e.getMessage());
      t.retryAfter().ifPresent(d -> p.setProperty("retryAfterSeconds", seconds(d)));
      return p;
    }
    if (e instanceof ProtocolException) {
      return problem(HttpStatus.BAD_GATEWAY, "Unexpected answer from the provider", e.getMessage());
    }
    return problem(HttpStatus.BAD_GATEWAY, "Provider error", e.getMessage());
  }

  /** How long a client should wait before trying again, for a {@code Retry-After} header. */
  static Optional<Long> retryAfterSeconds(Throwable error) {
    return error instanceof Lora4jTransientException t ? t.retryAfter().map(Problems::seconds) : Optional.empty();
  }

  static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
    p.setTitle(title);
    return p;
  }

  private static long seconds(Duration d) {
    return Math.max(1, (d.toMillis() + 999) / 1000);
  }
}
