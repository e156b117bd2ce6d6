package dev.lora4j.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which faults a simulator injects, per endpoint, reproducibly from a seed. Immutable; install it
 * with the simulator builder's {@code faults(plan)} or at runtime with the simulator's
 * {@code faults(plan)}.
 *
 * <p>Endpoints are named by their path below the simulator's base URL, for example
 * {@code "task_result_query"} (Xalora) or {@code "Task/Detail"} (Wiro); see the constants on each
 * simulator. A key matches an endpoint that equals it or starts with it followed by {@code '/'}, so
 * {@code "Run"} matches every {@code "Run/{owner}/{tool}"}; the longest matching key wins, and
 * {@link Builder#all(EndpointFaults)} applies where no key matches (file downloads included, the
 * WebSocket excepted).
 *
 * <p>Reproducibility: the n-th request to an endpoint since the plan was installed gets a fault
 * that depends only on the seed, the endpoint and n. The same seed and the same order of requests
 * per endpoint give the same faults, however requests to different endpoints interleave.
 *
 * <p>A {@linkplain Builder#rateLimit(int) rate limit} is the exception, since it depends on time:
 * the simulator answers {@code 429} (with {@code Retry-After: 1}) to any request, whatever its
 * endpoint, that arrives when it has already accepted that many requests in the preceding second
 * (a sliding window; the answered {@code 429}s are not counted in it), and counts those answers as
 * {@link FaultKind#RATE_LIMIT}. An accepted request is then subject to the plan's other faults.
 */
public final class FaultPlan {

  private static final FaultPlan NONE = new FaultPlan(0L, EndpointFaults.none(), Map.of(), 0);

  private final long seed;
  private final EndpointFaults all;
  private final Map<String, EndpointFaults> endpoints;
  private final int rateLimit;

  private FaultPlan(long seed, EndpointFaults all, Map<String, EndpointFaults> endpoints, int rateLimit) {
    this.seed = seed;
    this.all = all;
    this.endpoints = endpoints;
    this.rateLimit = rateLimit;
  }

  /**
   * The plan that injects nothing; the simulators' default.
   *
   * @return the fault-free plan
   */
  public static FaultPlan none() {
    return NONE;
  }

  /**
   * Starts a builder with seed 0 and no faults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The seed all draws derive from.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * The faults for endpoints that no key matches.
   *
   * @return the default faults, {@link EndpointFaults#none()} unless set
   */
  public EndpointFaults all() {
    return all;
  }

  /**
   * The faults set per endpoint key.
   *
   * @return an unmodifiable map from endpoint key to faults, in insertion order
   */
  public Map<String, EndpointFaults> endpoints() {
    return endpoints;
  }

  /**
   * The most requests a second the simulator accepts, over all endpoints; see {@link
   * Builder#rateLimit(int)}.
   *
   * @return the limit, or empty when there is none
   */
  public OptionalInt rateLimit() {
    return rateLimit == 0 ? OptionalInt.empty() : OptionalInt.of(rateLimit);
  }

  /**
   * The faults that apply to an endpoint: those of the longest matching key, else {@link #all()}.
   *
   * @param endpoint the endpoint path below the base URL, such as {@code "Task/Detail"}
   * @return the faults for that endpoint
   */
  public EndpointFaults faultsFor(String endpoint) {
    Objects.requireNonNull(endpoint, "endpoint");
    return bestKey(endpoint).map(endpoints::get).orElse(all);
  }

  private Optional<String> bestKey(String endpoint) {
    String best = null;
    for (String key : endpoints.keySet()) {
      boolean matches = endpoint.equals(key) || endpoint.startsWith(key + "/");
      if (matches && (best == null || key.length() > best.length())) {
        best = key;
      }
    }
    return Optional.ofNullable(best);
  }

  @Override
  public String toString() {
    return "FaultPlan[seed=" + seed + ", all=" + all + ", endpoints=" + endpoints
        + (rateLimit == 0 ? "" : ", rateLimit=" + rateLimit + "/s") + "]";
  }

  /**
   * Builds a {@link FaultPlan}; each setter validates its argument at once.
   */
  public static final class Builder {
    private long seed;
    private EndpointFaults all = EndpointFaults.none();
    private final Map<String, EndpointFaults> endpoints = new LinkedHashMap<>();
    private int rateLimit;

    private Builder() {
    }

    /**
     * Limits the requests the simulator accepts, as a provider's rate limit would: a request, to
     * any endpoint, that arrives when {@code perSecond} requests were accepted in the second before
     * it is answered {@code 429} with {@code Retry-After: 1} and the provider's error body, and
     * is not processed.
     *
     * @param perSecond at least 1
     * @return this builder
     * @throws IllegalArgumentException if less than 1
     */
    public Builder rateLimit(int perSecond) {
      if (perSecond < 1) {
        throw new IllegalArgumentException("rateLimit must be at least 1 request per second, was " + perSecond);
      }
      this.rateLimit = perSecond;
      return this;
    }

    /**
     * Sets the seed the draws derive from.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the faults for every endpoint that no {@link #forEndpoint} key matches.
     *
     * @param faults the faults
     * @return this builder
     */
    public Builder all(EndpointFaults faults) {
      this.all = Objects.requireNonNull(faults, "faults");
      return this;
    }

    /**
     * Sets the faults for an endpoint key, replacing any earlier setting for the same key.
     *
     * @param endpoint an endpoint path or a prefix of one, such as {@code "task_create"} or
     *     {@code "Run"}; without leading or trailing {@code '/'}
     * @param faults the faults
     * @return this builder
     * @throws IllegalArgumentException if {@code endpoint} is blank or starts or ends with
     *     {@code '/'}
     */
    public Builder forEndpoint(String endpoint, EndpointFaults faults) {
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(faults, "faults");
      if (endpoint.isBlank() || endpoint.startsWith("/") || endpoint.endsWith("/")) {
        throw new IllegalArgumentException(
            "endpoint must be a path without leading or trailing '/', was '" + endpoint + "'");
      }
      endpoints.put(endpoint, faults);
      return this;
    }

    /**
     * Builds the plan.
     *
     * @return the immutable plan
     */
    public FaultPlan build() {
      return new FaultPlan(seed, all, Collections.unmodifiableMap(new LinkedHashMap<>(endpoints)), rateLimit);
    }
  }
}
