package dev.lora4j.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What one client has observed of how long tasks queue and run, per workload (the request's {@link
 * dev.lora4j.TaskRequest#kind() kind} for watches that came with a request, {@code ""} for the rest). At most {@link #MAX_WORKLOADS}
 * workloads are kept; tasks of further ones learn into, and read from, the shared {@code ""} one.
 * Thread-safe.
 */
final class WorkloadDurations {

  static final int MAX_WORKLOADS = 256;
  static final String ANY = "";

  /** The two phases of one workload. */
  static final class Phases {
    final DurationEstimate queue = new DurationEstimate();
    final DurationEstimate run = new DurationEstimate();
  }

  private final ConcurrentMap<String, Phases> byWorkload = new ConcurrentHashMap<>();

  /**
   * Returns the estimates of a workload, created empty on first use.
   *
   * @param workload the workload key
   * @return its phases
   */
  Phases of(String workload) {
    Phases known = byWorkload.get(workload);
    if (known != null) {
      return known;
    }
    if (byWorkload.size() >= MAX_WORKLOADS && !workload.equals(ANY)) {
      return of(ANY);
    }
    return byWorkload.computeIfAbsent(workload, w -> new Phases());
  }
}
