package dev.lora4j.testkit.internal;

import dev.lora4j.testkit.EndpointFaults;
import dev.lora4j.testkit.FaultKind;
import dev.lora4j.testkit.FaultPlan;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Draws faults for requests from the installed {@link FaultPlan} and counts what it injected.
 * Thread-safe.
 */
public final class FaultInjector {

  /** The installed plan together with its own per-endpoint request counters and rate window. */
  private record Installed(FaultPlan plan, Map<String, AtomicLong> counters, @Nullable RateWindow window) {
    Installed(FaultPlan plan) {
      this(plan, new ConcurrentHashMap<>(), plan.rateLimit().isPresent() ? new RateWindow(plan.rateLimit().getAsInt()) : null);
    }
  }

  private static final Duration RATE_LIMIT_RETRY_AFTER = Duration.ofSeconds(1);

  private volatile Installed installed;
  private final Map<String, Map<FaultKind, AtomicLong>> injected = new ConcurrentHashMap<>();

  /**
   * Creates an injector with a plan installed.
   *
   * @param plan the initial plan
   */
  public FaultInjector(FaultPlan plan) {
    this.installed = new Installed(Objects.requireNonNull(plan, "plan"));
  }

  /**
   * Installs a plan; request counting for reproducibility restarts from zero. Counts of injected
   * faults are kept.
   *
   * @param plan the new plan
   */
  public void install(FaultPlan plan) {
    this.installed = new Installed(Objects.requireNonNull(plan, "plan"));
  }

  /**
   * The installed plan.
   *
   * @return the plan
   */
  public FaultPlan plan() {
    return installed.plan();
  }

  /**
   * Decides the faults for the next request to an endpoint and counts them.
   *
   * @param endpoint the endpoint path
   * @return the decision
   */
  public FaultDecision decide(String endpoint) {
    Installed current = installed;
    EndpointFaults faults = current.plan().faultsFor(endpoint);
    long n = current.counters().computeIfAbsent(endpoint, e -> new AtomicLong()).getAndIncrement();
    RateWindow window = current.window();
    if (window != null && !window.admit(System.nanoTime())) {
      tally(endpoint, FaultKind.RATE_LIMIT);
      return new FaultDecision(FaultKind.RATE_LIMIT, Duration.ZERO, RATE_LIMIT_RETRY_AFTER);
    }
    long seed = current.plan().seed();
    double u = Seeds.unit(seed, "fault:" + endpoint, n);
    FaultKind failure = null;
    double edge = faults.serverErrors();
    if (u < edge) {
      failure = FaultKind.SERVER_ERROR;
    } else if (u < (edge += faults.rateLimits())) {
      failure = FaultKind.RATE_LIMIT;
    } else if (u < (edge += faults.drops())) {
      failure = FaultKind.DROPPED_CONNECTION;
    } else if (u < (edge += faults.cutAnswers())) {
      failure = FaultKind.CUT_ANSWER;
    } else if (u < (edge += faults.malformedBodies())) {
      failure = FaultKind.MALFORMED_BODY;
    } else if (u < edge + faults.staleAnswers()) {
      failure = FaultKind.STALE_ANSWER;
    }
    Duration delay = Duration.ZERO;
    if (faults.latencyShare() > 0
        && Seeds.unit(seed, "latency:" + endpoint, n) < faults.latencyShare()) {
      delay = faults.latency();
      tally(endpoint, FaultKind.LATENCY);
    }
    if (failure != null) {
      tally(endpoint, failure);
    }
    if (failure == null && delay.isZero()) {
      return FaultDecision.NONE;
    }
    return new FaultDecision(failure, delay, faults.retryAfter());
  }

  private void tally(String endpoint, FaultKind kind) {
    injected.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>())
        .computeIfAbsent(kind, k -> new AtomicLong())
        .incrementAndGet();
  }

  /**
   * How many faults of a kind were injected into requests to endpoints a key matches.
   *
   * @param endpointKey an endpoint key, see {@link Endpoints#matches}
   * @param kind the kind
   * @return the count since the simulator started
   */
  public long count(String endpointKey, FaultKind kind) {
    long total = 0;
    for (Map.Entry<String, Map<FaultKind, AtomicLong>> entry : injected.entrySet()) {
      if (Endpoints.matches(endpointKey, entry.getKey())) {
        AtomicLong n = entry.getValue().get(kind);
        total += n == null ? 0 : n.get();
      }
    }
    return total;
  }

  /**
   * How many faults of a kind were injected, over all endpoints.
   *
   * @param kind the kind
   * @return the count since the simulator started
   */
  public long count(FaultKind kind) {
    long total = 0;
    for (Map<FaultKind, AtomicLong> perKind : injected.values()) {
      AtomicLong n = perKind.get(kind);
      total += n == null ? 0 : n.get();
    }
    return total;
  }
}
