package dev.lora4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.PollSchedule;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** The decisions of {@link PollSchedule}, on a hand-moved clock and a fixed random source. */
class PollTimerTest {

  private static final TaskHandle HANDLE = TaskHandle.of("scripted", "t-1");
  private static final PollSchedule ADAPTIVE = PollSchedule.adaptive(Duration.ofSeconds(1), Duration.ofSeconds(15));
  private static final PollSchedule NO_JITTER = ADAPTIVE.withJitter(0.0);

  private final AtomicLong clock = new AtomicLong(1_000_000);
  private WorkloadDurations.Phases phases = new WorkloadDurations.Phases();

  private PollTimer timer(PollSchedule schedule, DoubleSupplier random) {
    return PollTimer.start(schedule, phases, clock::get, random);
  }

  private PollTimer timer(PollSchedule schedule) {
    return timer(schedule, () -> 0.0);
  }

  private void advance(long millis) {
    clock.addAndGet(millis);
  }

  private static TaskUpdate waiting(int position) {
    return TaskUpdate.builder(HANDLE, TaskStatus.WAITING).queuePosition(position).build();
  }

  private static TaskUpdate waiting() {
    return TaskUpdate.builder(HANDLE, TaskStatus.WAITING).build();
  }

  private static TaskUpdate running() {
    return TaskUpdate.builder(HANDLE, TaskStatus.RUNNING).build();
  }

  private static TaskUpdate finished() {
    return TaskUpdate.builder(HANDLE, TaskStatus.FINISHED).build();
  }

  /** Teaches the phases {@code count} tasks that queued and ran for about the given times. */
  private void learn(int count, long queueMillis, long runMillis) {
    for (int i = 0; i < count; i++) {
      PollTimer t = timer(NO_JITTER);
      t.observe(waiting());
      advance(queueMillis);
      t.observe(waiting());
      advance(1);
      t.observe(running());
      advance(runMillis);
      t.observe(running());
      advance(1);
      t.observe(finished());
    }
  }

  @Test
  void fixedWaitsItsIntervalWhateverHappens() {
    PollTimer fixed = timer(PollSchedule.fixed(Duration.ofSeconds(3)), () -> 0.99);
    assertThat(fixed.nextDelay()).isEqualTo(Duration.ofSeconds(3));
    fixed.observe(TaskUpdate.builder(HANDLE, TaskStatus.RUNNING).progress(0.9).pollAfter(Duration.ofSeconds(30)).build());
    advance(60_000);
    assertThat(fixed.nextDelay()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void providersSuggestedDelayWinsEvenOverTheMaximum() {
    PollTimer adaptive = timer(NO_JITTER);
    adaptive.observe(TaskUpdate.builder(HANDLE, TaskStatus.RUNNING).progress(0.99).pollAfter(Duration.ofSeconds(40)).build());
    assertThat(adaptive.nextDelay()).isEqualTo(Duration.ofSeconds(40));
  }

  @Test
  void providersSuggestedDelayIsRaisedToTheMinimumAndJitteredByATenth() {
    PollTimer adaptive = timer(ADAPTIVE, () -> 0.5);
    adaptive.observe(TaskUpdate.builder(HANDLE, TaskStatus.WAITING).pollAfter(Duration.ofMillis(200)).build());
    assertThat(adaptive.nextDelay()).isEqualTo(Duration.ofMillis(1050));
  }

  @Test
  void withoutAnEstimateWaitsATenthOfTheTimeWatched() {
    PollTimer adaptive = timer(NO_JITTER);
    adaptive.observe(waiting());
    assertThat(adaptive.nextDelay()).isEqualTo(Duration.ofSeconds(1));
    advance(50_000);
    assertThat(adaptive.nextDelay()).isEqualTo(Duration.ofSeconds(5));
    advance(500_000);
    assertThat(adaptive.nextDelay()).as("clamped to the maximum").isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void farBackInTheQueuePollsLessOften() {
    PollTimer near = timer(NO_JITTER);
    PollTimer far = timer(NO_JITTER);
    advance(30_000);
    near.observe(waiting(1));
    far.observe(waiting(100));
    assertThat(near.nextDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(far.nextDelay()).as("1 + log10(100) times longer").isEqualTo(Duration.ofSeconds(9));
  }

  @Test
  void aDroppingQueuePositionPollsMoreOften() {
    PollTimer adaptive = timer(NO_JITTER);
    advance(30_000);
    adaptive.observe(waiting(100));
    advance(10_000);
    adaptive.observe(waiting(20));
    // 80 positions in 10 s: the front in 2.5 s; half of that, raised to the minimum... 1.25 s
    assertThat(adaptive.nextDelay()).isEqualTo(Duration.ofMillis(1250));
  }

  @Test
  void progressPredictsTheFinish() {
    PollTimer adaptive = timer(NO_JITTER);
    adaptive.observe(waiting());
    advance(2_000);
    adaptive.observe(running());
    advance(10_000);
    adaptive.observe(TaskUpdate.builder(HANDLE, TaskStatus.RUNNING).progress(0.5).build());
    // running since 1 s ago midway: 11 s for half, so 11 s left; the next poll after half of that
    assertThat(adaptive.nextDelay()).isEqualTo(Duration.ofMillis(5500));
    advance(5_500);
    adaptive.observe(TaskUpdate.builder(HANDLE, TaskStatus.RUNNING).progress(0.9).build());
    assertThat(adaptive.nextDelay()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void learnedDurationsConcentratePollsAroundTheExpectedFinish() {
    learn(20, 2_000, 20_000);
    PollTimer adaptive = timer(NO_JITTER);
    adaptive.observe(waiting());
    advance(2_000);
    adaptive.observe(running());
    // started 1 s ago (midway); the run estimate is 20 s with at least 0.2 spread: its window
    // opens at 20 s * exp(-0.4) = 13.4 s, so the next poll waits until then
    Duration first = adaptive.nextDelay();
    assertThat(first.toMillis()).isBetween(12_300L, 12_500L);
    advance(first.toMillis());
    adaptive.observe(running());
    assertThat(adaptive.nextDelay()).as("inside the window: the minimum").isEqualTo(Duration.ofSeconds(1));
    advance(20_000);
    adaptive.observe(running());
    // 33.4 s running, past the window (29.8 s): the delay grows by a tenth of the 3.6 s overrun
    assertThat(adaptive.nextDelay().toMillis()).isBetween(1_300L, 1_400L);
  }

  @Test
  void learnsQueueAndRunTimesOnlyFromTasksSeenStartingAndFinishing() {
    PollTimer seenRunning = timer(NO_JITTER);
    seenRunning.observe(running());
    advance(5_000);
    seenRunning.observe(finished());
    assertThat(phases.run.spread()).isNull();
    assertThat(phases.queue.spread()).isNull();
    learn(3, 4_000, 8_000);
    assertThat(phases.queue.spread().quantile(0)).isBetween(3_900.0, 4_100.0);
    assertThat(phases.run.spread().quantile(0)).isBetween(7_900.0, 8_100.0);
  }

  @Test
  void delaysStayWithinMinimumAndMaximum() {
    PollTimer adaptive = timer(ADAPTIVE, new SplittableRandom(7)::nextDouble);
    adaptive.observe(waiting(5_000));
    for (int i = 0; i < 200; i++) {
      Duration d = adaptive.nextDelay();
      assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(15));
      advance(d.toMillis());
      adaptive.observe(i % 2 == 0 ? waiting(5_000 - i) : running());
    }
  }

  @Test
  void jitterSpreadsTasksSubmittedTogether() {
    Set<Duration> delays = new HashSet<>();
    SplittableRandom seeds = new SplittableRandom(11);
    advance(20_000);
    long now = clock.get();
    for (int i = 0; i < 50; i++) {
      clock.set(now - 20_000);
      PollTimer adaptive = timer(ADAPTIVE, seeds.split()::nextDouble);
      clock.set(now);
      adaptive.observe(waiting());
      Duration d = adaptive.nextDelay();
      assertThat(d).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2200));
      delays.add(d);
    }
    assertThat(delays).as("50 tasks do not share a handful of delays").hasSizeGreaterThan(40);
  }

  @Test
  void timeWeightingKeepsABatchsOrderFromBiasingTheEstimate() {
    DurationEstimate estimate = new DurationEstimate();
    // a batch ending in order of duration, 10 s to 30 s, all within a minute
    for (int i = 0; i <= 100; i++) {
      estimate.add(10_000 + 200L * i, 1_000_000 + 200L * i);
    }
    double median = estimate.spread().quantile(0);
    assertThat(median).isBetween(17_000.0, 20_000.0);
  }
}
