package dev.lora4j.internal.http;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * Hands out the permits of a Resilience4j {@link RateLimiter} to waiting requests: urgent ones
 * first, then polls in the order they came. A request that finds no one waiting and a permit free
 * goes at once; any other waits here, in this queue, not as a reservation in the limiter, so a
 * submission arriving later still overtakes every poll that has not been served. One timer at a
 * time (on the given scheduler) wakes the queue when the limiter's next period starts or a pause
 * ends: no thread waits, and a canceled waiter leaves the queue at once.
 *
 * <p>A permit is also a seat: at most {@code seats} granted requests are on their way at once (the
 * connection pool's size), and a request gives its seat back when it ends ({@link Lease#release()}).
 * A request granted while every connection is busy would wait in the connection pool's own line,
 * first come first served, and go out whenever a connection frees up: after a slow spell of the
 * provider, all at once, however slowly the permits were granted. Held here instead, requests wait
 * in this queue's order (urgent first), and the rate the provider sees stays the rate granted.
 *
 * <p>The limiter is asked only with a zero timeout ({@link RateLimiter#acquirePermission()} never
 * blocks then, and never reserves a future permit).
 */
final class PermitQueue {

  /** The limiter's refresh period is chosen so that one period holds about 1/100 of a second's permits. */
  static final int PERIODS_PER_SECOND = 100;
  /** The shortest wait a timer is set for, so that a limiter's rounding cannot spin the queue. */
  private static final long MIN_TICK_NANOS = 200_000;

  private final String name;
  private final Scheduler scheduler;
  private final LongSupplier clock;
  private final Object lock = new Object();
  private final LinkedHashSet<Waiter> urgent = new LinkedHashSet<>();
  private final LinkedHashSet<Waiter> polls = new LinkedHashSet<>();
  private final int seats;
  /** Guarded by {@link #lock}: the granted requests that have not given their seat back. */
  private int seated;
  private volatile @Nullable RateLimiter limiter;
  private volatile int waiting;
  private volatile boolean paused;
  /** Guarded by {@link #lock}. */
  private long pausedUntil;
  /** Guarded by {@link #lock}. */
  private boolean timerSet;
  /** Guarded by {@link #lock}. */
  private long timerDue;

  PermitQueue(String name, int seats, Scheduler scheduler, LongSupplier clock) {
    if (seats < 1) {
      throw new IllegalArgumentException("seats must be at least 1, was " + seats);
    }
    this.seats = seats;
    this.name = name;
    this.scheduler = scheduler;
    this.clock = clock;
  }

  /**
   * A limiter granting {@code perSecond} permits a second, in periods of about 10 ms (fewer, longer
   * ones below 100 a second, since a period holds at least one permit), so that no one-second
   * window ever holds more than {@code perSecond} plus one period's permits.
   */
  static RateLimiter limiter(String name, double perSecond, LongSupplier clock) {
    int perPeriod = Math.max(1, (int) Math.floor(perSecond / PERIODS_PER_SECOND));
    long periodNanos = Math.max(1, Math.round(perPeriod * 1e9 / perSecond));
    RateLimiterConfig config = RateLimiterConfig.custom()
        .limitForPeriod(perPeriod)
        .limitRefreshPeriod(Duration.ofNanos(periodNanos))
        .timeoutDuration(Duration.ZERO)
        .build();
    return RateLimiter.of(name, config, clock::getAsLong);
  }

  /**
   * Takes a permit and a seat for a request that would go now: only when nobody waits, the queue is
   * not paused, a seat is free and the limiter (if any) has a permit in its current period.
   *
   * @return the lease, or {@code null} if the request must wait in line
   */
  @Nullable Lease tryNow() {
    if (waiting > 0 || paused) {
      return null;
    }
    synchronized (lock) {
      if (waiting > 0 || seated >= seats) {
        return null;
      }
      RateLimiter l = limiter;
      if (l != null && !l.acquirePermission()) {
        return null;
      }
      seated++;
      return new Lease();
    }
  }

  /**
   * Waits in line: emits this request's lease once its permit and seat are granted; canceling it
   * leaves the queue, or gives back the seat of a lease granted but not yet delivered.
   */
  Mono<Lease> await(boolean isUrgent) {
    return Mono.create(sink -> {
      Waiter waiter = new Waiter(sink, isUrgent);
      sink.onCancel(() -> leave(waiter));
      synchronized (lock) {
        if (waiter.canceled) {
          return;
        }
        (isUrgent ? urgent : polls).add(waiter);
        waiting++;
      }
      drain();
    });
  }

  /**
   * Replaces the limiter ({@code null}: no limit). With {@code drained}, the new limiter's first
   * period is spent at once, so that a change of rate never grants a burst on top of what the old
   * limiter gave in its last period.
   */
  void limit(@Nullable RateLimiter next, boolean drained) {
    if (next != null && drained) {
      next.drainPermissions();
    }
    limiter = next;
    drain();
  }

  /** Grants nothing before {@code untilNanos} (on this queue's clock); a later pause extends it. */
  void pauseUntil(long untilNanos) {
    synchronized (lock) {
      if (!paused || untilNanos - pausedUntil > 0) {
        pausedUntil = untilNanos;
      }
      paused = true;
    }
    drain();
  }

  /** The requests waiting now, urgent and polls. */
  int waiting() {
    return waiting;
  }

  /** Whether a pause is in force now. */
  boolean paused() {
    synchronized (lock) {
      return paused && pausedUntil - clock.getAsLong() > 0;
    }
  }

  private void leave(Waiter waiter) {
    Lease granted;
    synchronized (lock) {
      waiter.canceled = true;
      if ((waiter.urgent ? urgent : polls).remove(waiter)) {
        waiting--;
      }
      granted = waiter.lease;
    }
    if (granted != null) {
      // granted in a race with the cancel: the request will never run
      granted.release();
    }
  }

  /** The requests granted and not yet ended, at most the seats. */
  int seated() {
    synchronized (lock) {
      return seated;
    }
  }

  /** Grants what the limiter allows now, urgent first, and sets the timer for the rest. */
  private void drain() {
    List<Waiter> granted = null;
    synchronized (lock) {
      long now = clock.getAsLong();
      if (paused && pausedUntil - now <= 0) {
        paused = false;
      }
      long wait = -1;
      while (waiting > 0) {
        if (paused) {
          wait = pausedUntil - now;
          break;
        }
        if (seated >= seats) {
          // a request ending gives its seat back and drains again
          break;
        }
        RateLimiter l = limiter;
        if (l != null && !l.acquirePermission()) {
          wait = l instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait() : MIN_TICK_NANOS;
          break;
        }
        Waiter next = first(urgent.isEmpty() ? polls : urgent);
        waiting--;
        seated++;
        next.lease = new Lease();
        if (granted == null) {
          granted = new ArrayList<>();
        }
        granted.add(next);
      }
      if (wait >= 0) {
        long due = now + Math.max(wait, MIN_TICK_NANOS);
        if (!timerSet || due - timerDue < 0) {
          timerSet = true;
          timerDue = due;
          scheduler.schedule(this::tick, due - now, TimeUnit.NANOSECONDS);
        }
      }
    }
    if (granted != null) {
      granted.forEach(Waiter::grant);
    }
  }

  private void tick() {
    synchronized (lock) {
      timerSet = false;
    }
    drain();
  }

  private static Waiter first(LinkedHashSet<Waiter> queue) {
    Iterator<Waiter> it = queue.iterator();
    Waiter w = it.next();
    it.remove();
    return w;
  }

  @Override
  public String toString() {
    return "PermitQueue{" + name + ", waiting=" + waiting + ", seats=" + seats + ", paused=" + paused + "}";
  }

  /**
   * The seat of one granted request, given back once, when the request ends (or never starts).
   */
  final class Lease {
    private final AtomicBoolean released = new AtomicBoolean();

    /** Gives the seat back, the first time only, and grants it to the next in line. */
    void release() {
      if (released.compareAndSet(false, true)) {
        synchronized (lock) {
          seated--;
        }
        if (waiting > 0) {
          drain();
        }
      }
    }
  }

  /** One request waiting for its permit. Identity equality: each is its own. */
  private static final class Waiter {
    private final MonoSink<Lease> sink;
    private final boolean urgent;
    /** Guarded by the queue's lock. */
    private boolean canceled;
    /** Guarded by the queue's lock: set when granted. */
    private @Nullable Lease lease;

    Waiter(MonoSink<Lease> sink, boolean urgent) {
      this.sink = sink;
      this.urgent = urgent;
    }

    /** Hands over the lease set under the queue's lock, on the thread that set it. */
    void grant() {
      sink.success(lease);
    }
  }
}
