package dev.lora4j.spring;

import dev.lora4j.AuthenticationException;
import dev.lora4j.CallOutcome;
import dev.lora4j.TaskClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code lora4j} health of Actuator: the provider, whether a {@link TaskClient} is configured,
 * and what the client's recent requests to the provider came to. It never calls the provider: it
 * reads what the client was told of its own requests ({@link dev.lora4j.CallListener}), so a probe
 * costs nothing and sends nothing billed.
 *
 * <ul>
 *   <li>{@code UP}: no request yet, or the last one succeeded, or fewer than {@code
 *       lora4j.health.failure-threshold} (default 3) in a row failed;
 *   <li>{@code DOWN}: that many requests in a row failed, or the provider rejected the credentials
 *       ({@link AuthenticationException}) and nothing succeeded since;
 *   <li>{@code UNKNOWN}: no {@code TaskClient} bean (details say why).
 * </ul>
 *
 * Details: {@code provider}, {@code configured}, {@code calls}, {@code failures}, {@code
 * consecutiveFailures}, {@code lastSuccess}, and {@code lastFailure} (call, status, error type and
 * message, when); messages of lora4j's errors never hold credentials.
 */
public final class Lora4jHealthIndicator implements HealthIndicator {

  private final ObjectProvider<TaskClient> client;
  private final RecentCalls calls;
  private final int failureThreshold;

  Lora4jHealthIndicator(ObjectProvider<TaskClient> client, RecentCalls calls, int failureThreshold) {
    this.client = client;
    this.calls = calls;
    this.failureThreshold = failureThreshold;
  }

  /**
   * Reports the client's health from what it was told; sends nothing.
   *
   * @return the health
   */
  @Override
  public Health health() {
    TaskClient taskClient = client.getIfAvailable();
    if (taskClient == null) {
      return Health.unknown().withDetail("configured", false)
          .withDetail("reason", "no TaskClient bean: lora4j.enabled=false, or no provider on the class path")
          .build();
    }
    RecentCalls.Snapshot s = calls.snapshot();
    boolean rejected = s.lastFailure() != null && s.consecutiveFailures() > 0
        && s.lastFailure().error() instanceof AuthenticationException;
    Health.Builder health = s.consecutiveFailures() >= failureThreshold || rejected ? Health.down() : Health.up();
    health.withDetail("provider", taskClient.provider()).withDetail("configured", true)
        .withDetail("calls", s.calls()).withDetail("failures", s.failures())
        .withDetail("consecutiveFailures", s.consecutiveFailures());
    if (s.lastSuccess() != null) {
      health.withDetail("lastSuccess", s.lastSuccess().toString());
    }
    CallOutcome failure = s.lastFailure();
    if (failure != null) {
      Map<String, Object> last = new LinkedHashMap<>();
      last.put("call", failure.call());
      if (failure.statusCode() != 0) {
        last.put("status", failure.statusCode());
      }
      Throwable error = failure.error();
      if (error != null) {
        last.put("error", error.getClass().getSimpleName());
        if (error.getMessage() != null) {
          last.put("message", error.getMessage());
        }
      }
      last.put("at", String.valueOf(s.lastFailureAt()));
      health.withDetail("lastFailure", last);
    }
    return health.build();
  }
}
