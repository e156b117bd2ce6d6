package dev.lora4j.webflux;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * Answers every error of the API as {@code application/problem+json} (RFC 9457): Spring's own
 * (unknown path, wrong method or media type, unreadable body) as {@link
 * ResponseEntityExceptionHandler} does, a body that is not the expected JSON as {@code 400} naming
 * the field, and lora4j's exceptions as {@link Problems} maps them.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

  /** What each field of {@link GenerateRequest} must be, for a body that has the wrong type. */
  private static final Map<String, String> EXPECTED = Map.of(
      "prompt", "a string", "lora", "a string", "width", "a whole number", "height", "a whole number");

  /** lora4j's exceptions, a bad field, and anything unexpected (as a {@code 500} told in the log). */
  @ExceptionHandler(Exception.class)
  Mono<ResponseEntity<Object>> handleApplicationException(Exception e, ServerWebExchange exchange) {
    return answer(e, Problems.of(e), exchange);
  }

  @Override
  protected Mono<ResponseEntity<Object>> handleServerWebInputException(
      ServerWebInputException ex, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
    Optional<JacksonException> json = jsonCause(ex);
    if (json.isEmpty()) {
      if ("No request body".equals(ex.getReason())) {
        return answer(ex, Problems.problem(HttpStatus.BAD_REQUEST, "Invalid request",
            "A JSON body is required, such as {\"prompt\": \"a gecko\", \"width\": 768, \"height\": 1024}"), exchange);
      }
      return super.handleServerWebInputException(ex, headers, status, exchange);
    }
    JacksonException e = json.get();
    String field = e.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
    ProblemDetail problem;
    if (field.isEmpty()) {
      problem = Problems.problem(HttpStatus.BAD_REQUEST, "Invalid request", "The body is not valid JSON: " + e.getOriginalMessage());
    } else {
      String expected = EXPECTED.get(field);
      problem = Problems.problem(HttpStatus.BAD_REQUEST, "Invalid request",
          expected != null ? field + " must be " + expected : field + " is invalid: " + e.getOriginalMessage());
      problem.setProperty("field", field);
    }
    return answer(ex, problem, exchange);
  }

  @Override
  protected Mono<ResponseEntity<Object>> createResponseEntity(
      @Nullable Object body, HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
    HttpHeaders answer = HttpHeaders.copyOf(headers);
    if (body instanceof ProblemDetail problem) {
      if (problem.getInstance() == null) {
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
      }
      answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
    return super.createResponseEntity(body, answer, status, exchange);
  }

  private Mono<ResponseEntity<Object>> answer(Exception e, ProblemDetail problem, ServerWebExchange exchange) {
    HttpHeaders headers = new HttpHeaders();
    Problems.retryAfterSeconds(e).ifPresent(s -> headers.set(HttpHeaders.RETRY_AFTER, Long.toString(s)));
    return handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), exchange);
  }

  private static Optional<JacksonException> jsonCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JacksonException json) {
        return Optional.of(json);
      }
    }
    return Optional.empty();
  }
}
