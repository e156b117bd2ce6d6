package dev.lora4j.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * The shares of requests to one endpoint that get each {@link FaultKind}. Immutable.
 *
 * <p>{@code serverErrors}, {@code rateLimits}, {@code drops}, {@code cutAnswers}, {@code
 * malformedBodies} and {@code staleAnswers} are mutually exclusive outcomes of one draw per request,
 * so their sum must not exceed 1.0. Latency is drawn separately and may combine with any of them.
 *
 * @param serverErrors share of requests answered with HTTP 500, 0.0 to 1.0
 * @param rateLimits share of requests answered with HTTP 429, 0.0 to 1.0
 * @param retryAfter the {@code Retry-After} sent with a 429, whole seconds, not negative
 * @param drops share of requests whose connection is closed without a response, 0.0 to 1.0
 * @param cutAnswers share of requests whose connection is closed halfway through the response
 *     body, 0.0 to 1.0
 * @param malformedBodies share of requests whose response body is truncated, 0.0 to 1.0
 * @param staleAnswers share of requests about a task answered with an earlier state of the task, as
 *     a lagging replica would, 0.0 to 1.0
 * @param latencyShare share of requests whose response is delayed by {@code latency}, 0.0 to 1.0
 * @param latency the delay added to a delayed response, not negative
 */
public record EndpointFaults(
    double serverErrors,
    double rateLimits,
    Duration retryAfter,
    double drops,
    double cutAnswers,
    double malformedBodies,
    double staleAnswers,
    double latencyShare,
    Duration latency) {

  private static final EndpointFaults NONE =
      new EndpointFaults(0, 0, Duration.ofSeconds(1), 0, 0, 0, 0, 0, Duration.ZERO);

  /**
   * Validates every component.
   *
   * @param serverErrors share of requests answered with HTTP 500
   * @param rateLimits share of requests answered with HTTP 429
   * @param retryAfter the {@code Retry-After} sent with a 429
   * @param drops share of requests whose connection is closed without a response
   * @param cutAnswers share of requests whose connection is closed halfway through the response
   * @param malformedBodies share of requests whose response body is truncated
   * @param staleAnswers share of requests about a task answered with an earlier state of it
   * @param latencyShare share of requests whose response is delayed
   * @param latency the delay added to a delayed response
   * @throws IllegalArgumentException if a share is outside 0.0 to 1.0, the exclusive shares add up
   *     to more than 1.0, a duration is negative, or {@code retryAfter} is not whole seconds
   * @throws NullPointerException if a duration is null
   */
  public EndpointFaults {
    checkShare("serverErrors", serverErrors);
    checkShare("rateLimits", rateLimits);
    checkShare("drops", drops);
    checkShare("cutAnswers", cutAnswers);
    checkShare("malformedBodies", malformedBodies);
    checkShare("staleAnswers", staleAnswers);
    checkShare("latencyShare", latencyShare);
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(latency, "latency");
    checkNotNegative("retryAfter", retryAfter);
    checkNotNegative("latency", latency);
    if (retryAfter.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException(
          "retryAfter must be whole seconds (Retry-After is sent in seconds), was " + retryAfter);
    }
    double exclusive = serverErrors + rateLimits + drops + cutAnswers + malformedBodies + staleAnswers;
    if (exclusive > 1.0 + 1e-9) {
      throw new IllegalArgumentException(
          "serverErrors + rateLimits + drops + cutAnswers + malformedBodies + staleAnswers must not exceed 1.0, was "
              + exclusive);
    }
  }

  /**
   * No faults at all.
   *
   * @return the fault-free setting
   */
  public static EndpointFaults none() {
    return NONE;
  }

  /**
   * Starts a builder with every share at 0, {@code Retry-After} of 1 second and no latency.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  static void checkShare(String name, double share) {
    if (!(share >= 0.0 && share <= 1.0)) {
      throw new IllegalArgumentException(name + " must be between 0.0 and 1.0, was " + share);
    }
  }

  static void checkNotNegative(String name, Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + duration);
    }
  }

  /**
   * Builds {@link EndpointFaults}; each setter validates its argument at once.
   */
  public static final class Builder {
    private double serverErrors;
    private double rateLimits;
    private Duration retryAfter = Duration.ofSeconds(1);
    private double drops;
    private double cutAnswers;
    private double malformedBodies;
    private double staleAnswers;
    private double latencyShare;
    private Duration latency = Duration.ZERO;

    private Builder() {
    }

    /**
     * Sets the share of requests answered with HTTP 500.
     *
     * @param share 0.0 to 1.0
     * @return this builder
     * @throws IllegalArgumentException if {@code share} is outside 0.0 to 1.0
     */
    public Builder serverErrors(double share) {
      checkShare("serverErrors", share);
      this.serverErrors = share;
      return this;
    }

    /**
     * Sets the share of requests answered with HTTP 429 and the {@code Retry-After} they carry.
     *
     * @param share 0.0 to 1.0
     * @param retryAfter whole seconds, not negative
     * @return this builder
     * @throws IllegalArgumentException if {@code share} is outside 0.0 to 1.0, or
     *     {@code retryAfter} is negative or not whole seconds
     */
    public Builder rateLimits(double share, Duration retryAfter) {
      checkShare("rateLimits", share);
      Objects.requireNonNull(retryAfter, "retryAfter");
      checkNotNegative("retryAfter", retryAfter);
      if (retryAfter.toMillis() % 1000 != 0) {
        throw new IllegalArgumentException("retryAfter must be whole seconds, was " + retryAfter);
      }
      this.rateLimits = share;
      this.retryAfter = retryAfter;
      return this;
    }

    /**
     * Sets the share of requests whose connection is closed without a response.
     *
     * @param share 0.0 to 1.0
     * @return this builder
     * @throws IllegalArgumentException if {@code share} is outside 0.0 to 1.0
     */
    public Builder drops(double share) {
      checkShare("drops", share);
      this.drops = share;
      return this;
    }

    /**
     * Sets the share of requests whose connection is closed halfway through the response: the
     * status line, the headers (with the full {@code Content-Length}) and half the body are sent.
     * The request is processed normally.
     *
     * @param share 0.0 to 1.0
     * @return this builder
     * @throws IllegalArgumentException if {@code share} is outside 0.0 to 1.0
     */
    public Builder cutAnswers(double share) {
      checkShare("cutAnswers", share);
      this.cutAnswers = share;
      return this;
    }

    /**
     * Sets the share of requests about a task that are answered with an earlier state of the task,
     * as a replica lagging behind would answer: a running task reported waiting, an ended one
     * running. Requests that name no task, or a task still in its first state, are answered
     * normally.
     *
     * @param share 0.0 to 1.0
     * @return this builder
     * @throws IllegalArgumentException if {@code share} is outside 0.0 to 1.0
     */
    public Builder staleAnswers(double share) {
      checkShare("staleAnswers", share);
      this.staleAnswers = share;
      return this;
    }

    /**
     * Sets the share of requests whose response body is truncated.
     *
     * @param share 0.0 to 1.0
     * @return this builder
     * @throws IllegalArgumentException if {@code share} is outside 0.0 to 1.0
     */
    public Builder malformedBodies(double share) {
      checkShare("malformedBodies", share);
      this.malformedBodies = share;
      return this;
    }

    /**
     * Sets the share of responses that are delayed, and by how much.
     *
     * @param share 0.0 to 1.0
     * @param delay the added delay, not negative
     * @return this builder
     * @throws IllegalArgumentException if {@code share} is outside 0.0 to 1.0 or {@code delay} is
     *     negative
     */
    public Builder latency(double share, Duration delay) {
      checkShare("latencyShare", share);
      Objects.requireNonNull(delay, "delay");
      checkNotNegative("latency", delay);
      this.latencyShare = share;
      this.latency = delay;
      return this;
    }

    /**
     * Builds the setting.
     *
     * @return the immutable setting
     * @throws IllegalArgumentException if the exclusive shares add up to more than 1.0
     */
    public EndpointFaults build() {
      return new EndpointFaults(serverErrors, rateLimits, retryAfter, drops, cutAnswers, malformedBodies,
          staleAnswers, latencyShare, latency);
    }
  }
}
