package dev.lora4j.internal;

import dev.lora4j.PollSchedule;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Decides, for one polling loop, how long to wait before the next poll: the decision code of
 * {@link PollSchedule}. It is told every update the loop sees ({@link #observe}) and asked for a
 * delay after each poll's answer ({@link #nextDelay}). Deterministic for a given clock and random
 * source, so that it can be tested without a scheduler. Not thread-safe: one loop's signals are
 * serialized.
 */
abstract class PollTimer {

  /** How many standard deviations from the median the likely window of a transition reaches. */
  static final double WINDOW = 2.0;
  /** Without an estimate, the delay is this share of the time the watch has run. */
  static final double COLD_SHARE = 0.1;
  /** Past the likely window, the delay grows by this share of the overrun. */
  static final double OVERRUN_SHARE = 0.1;
  /** Running with progress, the next poll comes after this share of the predicted remaining time. */
  static final double REMAINING_SHARE = 0.5;
  /** A provider's suggested delay is stretched by up to this share. */
  static final double SUGGESTED_JITTER = 0.1;
  /** The most a far-back queue position stretches a delay. */
  static final double MAX_POSITION_FACTOR = 3.0;
  /** Progress below this tells too little to extrapolate from. */
  static final double MIN_PROGRESS = 0.02;

  /**
   * Starts the timer of a loop.
   *
   * @param schedule the loop's schedule
   * @param phases what the client learned of this workload; learned into as the loop sees the task
   *     start and finish
   * @param clock milliseconds of the loop's scheduler
   * @param random uniform draws from {@code [0, 1)}, for jitter
   * @return a fixed timer when the schedule is fixed (it ignores everything), else an adaptive one
   */
  static PollTimer start(
      PollSchedule schedule, WorkloadDurations.Phases phases, LongSupplier clock, DoubleSupplier random) {
    return schedule.isAdaptive() ? new Adaptive(schedule, phases, clock, random) : new Fixed(schedule.minimum());
  }

  /**
   * Tells the timer about an update the loop saw (polled or pushed), whether or not it was new.
   *
   * @param update the update
   */
  abstract void observe(TaskUpdate update);

  /**
   * Returns the delay before the next poll.
   *
   * @return a positive duration
   */
  abstract Duration nextDelay();

  /** Today's behaviour: the same interval, whatever happens. */
  private static final class Fixed extends PollTimer {
    private final Duration interval;

    Fixed(Duration interval) {
      this.interval = interval;
    }

    @Override
    void observe(TaskUpdate update) {
      // nothing changes a fixed interval
    }

    @Override
    Duration nextDelay() {
      return interval;
    }
  }

  /** The adaptive rules, in the order {@link PollSchedule} documents them. */
  static final class Adaptive extends PollTimer {
    private final long min;
    private final long max;
    private final double jitter;
    private final WorkloadDurations.Phases phases;
    private final LongSupplier clock;
    private final DoubleSupplier random;
    private final long startedAt;

    private @Nullable TaskUpdate last;
    /** When the last queued update and the last running one were seen; -1 before. */
    private long queuedSeenAt = -1;
    private long runningSeenAt = -1;
    /** The estimated start of running (midway between the last queued and first running update). */
    private long runningSince = -1;
    /** Whether the start was seen (queued then running), so that the phases' durations are known. */
    private boolean startSeen;
    private int firstPosition = -1;
    private long firstPositionAt = -1;

    Adaptive(PollSchedule schedule, WorkloadDurations.Phases phases, LongSupplier clock, DoubleSupplier random) {
      this.min = schedule.minimum().toMillis();
      this.max = schedule.maximum().toMillis();
      this.jitter = schedule.jitter();
      this.phases = phases;
      this.clock = clock;
      this.random = random;
      this.startedAt = clock.getAsLong();
    }

    @Override
    void observe(TaskUpdate update) {
      long now = clock.getAsLong();
      TaskUpdate previous = last;
      if (previous != null && previous.status().isTerminal()) {
        return;
      }
      last = update;
      TaskStatus status = update.status();
      if (status == TaskStatus.WAITING) {
        queuedSeenAt = now;
        if (update.queuePosition().isPresent() && firstPosition < 0) {
          firstPosition = update.queuePosition().getAsInt();
          firstPositionAt = now;
        }
      } else if (status == TaskStatus.RUNNING) {
        if (runningSince < 0) {
          runningSince = queuedSeenAt < 0 ? startedAt : (queuedSeenAt + now) / 2;
          if (queuedSeenAt >= 0) {
            startSeen = true;
            phases.queue.add(runningSince - startedAt, now);
          }
        }
        runningSeenAt = now;
      } else if (status == TaskStatus.FINISHED && startSeen && runningSeenAt >= 0) {
        long endedAt = (runningSeenAt + now) / 2;
        phases.run.add(endedAt - runningSince, now);
      }
    }

    @Override
    Duration nextDelay() {
      long now = clock.getAsLong();
      TaskUpdate update = last;
      if (update != null && update.pollAfter().isPresent()) {
        double asked = Math.max(min, update.pollAfter().get().toMillis());
        return Duration.ofMillis(Math.round(asked * (1 + SUGGESTED_JITTER * random.getAsDouble())));
      }
      double base;
      if (update != null && update.status() == TaskStatus.RUNNING) {
        base = running(update, now);
      } else {
        base = queued(update, now);
      }
      double stretched = base * (1 + jitter * random.getAsDouble());
      return Duration.ofMillis(Math.round(Math.min(max, Math.max(min, stretched))));
    }

    private double running(TaskUpdate update, long now) {
      long elapsed = now - runningSince;
      double progress = update.progress().orElse(Double.NaN);
      if (progress >= MIN_PROGRESS && progress < 1.0) {
        return REMAINING_SHARE * elapsed * (1 - progress) / progress;
      }
      DurationEstimate.Spread run = phases.run.spread();
      return run == null ? COLD_SHARE * (now - startedAt) : window(elapsed, run);
    }

    private double queued(@Nullable TaskUpdate update, long now) {
      long elapsed = now - startedAt;
      DurationEstimate.Spread queue = phases.queue.spread();
      double base = queue == null ? COLD_SHARE * elapsed : window(elapsed, queue);
      if (update == null || update.queuePosition().isEmpty()) {
        return base;
      }
      int position = update.queuePosition().getAsInt();
      if (queue == null && position > 1) {
        base *= Math.min(MAX_POSITION_FACTOR, 1 + Math.log10(position));
      }
      if (firstPosition > position && now > firstPositionAt) {
        double perMilli = (double) (firstPosition - position) / (now - firstPositionAt);
        base = Math.min(base, REMAINING_SHARE * position / perMilli);
      }
      return base;
    }

    /** Wait for the likely window, poll at the minimum inside it, back off gently past it. */
    private double window(long elapsed, DurationEstimate.Spread spread) {
      double opens = spread.quantile(-WINDOW);
      double closes = spread.quantile(WINDOW);
      if (elapsed < opens) {
        return opens - elapsed;
      }
      if (elapsed <= closes) {
        return min;
      }
      return min + OVERRUN_SHARE * (elapsed - closes);
    }
  }
}
