package dev.lora4j.journal;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How a {@link DurableTaskClient} shares its journal with other processes. Immutable; start from
 * {@link #defaults()}.
 *
 * @param owner this process's name in the journal's leases; unique per process (default: host,
 *     process id and a random suffix)
 * @param leaseTtl how long a lease lasts without renewal (default 30 s): a replica that dies hands
 *     its tasks over after at most this long plus one {@code claimInterval}; a submission not
 *     answered within it (plus the client's response timeout) is in doubt
 * @param claimInterval how often leases are renewed and free or expired ones claimed (default a
 *     third of {@code leaseTtl})
 * @param pollFallback how often a watcher looks in the journal for updates it was not told of
 *     (default 1 s; PostgreSQL tells at once with {@code NOTIFY}, H2 within the process)
 * @param retention how long finished and abandoned entries are kept before they are purged
 *     (default 7 days)
 * @param claimBatch the most tasks claimed per round (default 100), so that replicas share them out
 * @param following whether this process polls tasks (default {@code true}); {@code false} makes a
 *     watch-only replica, which records submissions and serves {@code watch} from the journal but
 *     leaves the polling to the others
 * @param clock the clock of leases and timestamps (epoch milliseconds; replicas' clocks are
 *     assumed to agree to well within {@code leaseTtl})
 */
public record DurableOptions(
    String owner,
    Duration leaseTtl,
    Duration claimInterval,
    Duration pollFallback,
    Duration retention,
    int claimBatch,
    boolean following,
    Clock clock) {

  /**
   * Checks the options.
   *
   * @param owner the owner
   * @param leaseTtl the lease time
   * @param claimInterval the claim interval
   * @param pollFallback the polling fallback
   * @param retention the retention
   * @param claimBatch the claim batch
   * @param following whether this process polls tasks
   * @param clock the clock
   * @throws IllegalArgumentException if a duration is not positive, {@code claimInterval} is not
   *     shorter than {@code leaseTtl}, the owner is blank or longer than 255 characters, or {@code
   *     claimBatch} is below 1
   */
  public DurableOptions {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(clock, "clock");
    if (owner.isBlank() || owner.length() > 255) {
      throw new IllegalArgumentException("owner must be 1 to 255 characters, was '" + owner + "'");
    }
    positive("leaseTtl", leaseTtl);
    positive("claimInterval", claimInterval);
    positive("pollFallback", pollFallback);
    positive("retention", retention);
    if (claimInterval.compareTo(leaseTtl) >= 0) {
      throw new IllegalArgumentException("claimInterval (" + claimInterval + ") must be shorter than leaseTtl ("
          + leaseTtl + "), or leases run out between renewals");
    }
    if (claimBatch < 1) {
      throw new IllegalArgumentException("claimBatch must be at least 1, was " + claimBatch);
    }
  }

  private static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  /**
   * The defaults: a unique owner, 30 s leases renewed every 10 s, a 1 s polling fallback, 7 days
   * of retention, 100 claims per round, following tasks, the system clock.
   *
   * @return the defaults
   */
  public static DurableOptions defaults() {
    String pid = ManagementFactory.getRuntimeMXBean().getName();
    return new DurableOptions(pid + "-" + UUID.randomUUID().toString().substring(0, 8), Duration.ofSeconds(30),
        Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofDays(7), 100, true, Clock.systemUTC());
  }

  /**
   * With another owner name.
   *
   * @param owner the name
   * @return the changed options
   */
  public DurableOptions withOwner(String owner) {
    return new DurableOptions(owner, leaseTtl, claimInterval, pollFallback, retention, claimBatch, following, clock);
  }

  /**
   * With another lease time; the claim interval becomes a third of it.
   *
   * @param leaseTtl the lease time
   * @return the changed options
   */
  public DurableOptions withLeaseTtl(Duration leaseTtl) {
    return new DurableOptions(owner, leaseTtl, leaseTtl.dividedBy(3), pollFallback, retention, claimBatch, following, clock);
  }

  /**
   * With another polling fallback.
   *
   * @param pollFallback how often watchers look for updates they were not told of
   * @return the changed options
   */
  public DurableOptions withPollFallback(Duration pollFallback) {
    return new DurableOptions(owner, leaseTtl, claimInterval, pollFallback, retention, claimBatch, following, clock);
  }

  /**
   * With another retention.
   *
   * @param retention how long closed entries are kept
   * @return the changed options
   */
  public DurableOptions withRetention(Duration retention) {
    return new DurableOptions(owner, leaseTtl, claimInterval, pollFallback, retention, claimBatch, following, clock);
  }

  /**
   * With another claim batch.
   *
   * @param claimBatch the most tasks claimed per round
   * @return the changed options
   */
  public DurableOptions withClaimBatch(int claimBatch) {
    return new DurableOptions(owner, leaseTtl, claimInterval, pollFallback, retention, claimBatch, following, clock);
  }

  /**
   * As a watch-only replica, or not.
   *
   * @param following {@code false} for a process that never polls the provider for others' tasks
   * @return the changed options
   */
  public DurableOptions withFollowing(boolean following) {
    return new DurableOptions(owner, leaseTtl, claimInterval, pollFallback, retention, claimBatch, following, clock);
  }

  /**
   * With another clock.
   *
   * @param clock the clock
   * @return the changed options
   */
  public DurableOptions withClock(Clock clock) {
    return new DurableOptions(owner, leaseTtl, claimInterval, pollFallback, retention, claimBatch, following, clock);
  }
}
