package dev.lora4j.testkit;

import dev.lora4j.testkit.internal.TaskTiming;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings every simulator's builder shares, with their checks, written once; {@code B} is the
 * concrete builder, so that each setter returns it and chains with the provider's own settings.
 *
 * @param <B> the concrete builder
 */
abstract class SimulatorBuilder<B extends SimulatorBuilder<B>> implements Simulator.Builder {

  int port;
  private Span queue = Span.fixed(Duration.ofMillis(100));
  private Span run = Span.fixed(Duration.ofMillis(400));
  private double queueSigma;
  private double runSigma;
  private double failureRate;
  long seed;
  FaultPlan faults = FaultPlan.none();
  boolean echoCredentials;

  /** Bounds of a duration that each task draws from. */
  private record Span(Duration min, Duration max) {
    static Span fixed(Duration duration) {
      return new Span(duration, duration);
    }

    static Span checked(String name, Duration min, Duration max) {
      TaskTiming.check(name, min, max);
      return new Span(min, max);
    }
  }

  SimulatorBuilder() {
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  @Override
  public B port(int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    this.port = port;
    return self();
  }

  @Override
  public B queueTime(Duration queueTime) {
    return queueTime(queueTime, queueTime);
  }

  @Override
  public B queueTime(Duration min, Duration max) {
    this.queue = Span.checked("queueTime", min, max);
    this.queueSigma = 0;
    return self();
  }

  @Override
  public B runTime(Duration runTime) {
    return runTime(runTime, runTime);
  }

  @Override
  public B runTime(Duration min, Duration max) {
    this.run = Span.checked("runTime", min, max);
    this.runSigma = 0;
    return self();
  }

  @Override
  public B queueTimeLogNormal(Duration median, double sigma) {
    this.queue = Span.checked("queueTime", median, median);
    TaskTiming.checkSigma("queueTime", sigma);
    this.queueSigma = sigma;
    return self();
  }

  @Override
  public B runTimeLogNormal(Duration median, double sigma) {
    this.run = Span.checked("runTime", median, median);
    TaskTiming.checkSigma("runTime", sigma);
    this.runSigma = sigma;
    return self();
  }

  @Override
  public B failureRate(double failureRate) {
    this.failureRate = checkedShare("failureRate", failureRate);
    return self();
  }

  @Override
  public B seed(long seed) {
    this.seed = seed;
    return self();
  }

  @Override
  public B faults(FaultPlan plan) {
    this.faults = Objects.requireNonNull(plan, "plan");
    return self();
  }

  @Override
  public B echoCredentials(boolean echo) {
    this.echoCredentials = echo;
    return self();
  }

  /** The queue and run times and failures as set. */
  TaskTiming timing() {
    return new TaskTiming(queue.min(), queue.max(), run.min(), run.max(), failureRate, seed, queueSigma, runSigma);
  }

  /** A share from 0.0 to 1.0, else the message every share setting gives. */
  static double checkedShare(String name, double share) {
    if (!(share >= 0.0 && share <= 1.0)) {
      throw new IllegalArgumentException(name + " must be between 0.0 and 1.0, was " + share);
    }
    return share;
  }
}
