package dev.lora4j.spring;

import dev.lora4j.CallListener;
import dev.lora4j.CallOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * What the client's recent HTTP attempts came to, for {@link Lora4jHealthIndicator}: told by the
 * client of every attempt ({@link CallListener}), so that a health probe reads it and never sends a
 * request itself.
 */
final class RecentCalls implements CallListener {

  /**
   * A moment's view.
   *
   * @param calls attempts since start
   * @param failures failed attempts since start
   * @param consecutiveFailures failed attempts since the last that succeeded
   * @param lastSuccess when the last attempt that succeeded ended, or {@code null}
   * @param lastFailure the last failed attempt, or {@code null}
   * @param lastFailureAt when it ended, or {@code null}
   */
  record Snapshot(
      long calls,
      long failures,
      long consecutiveFailures,
      @Nullable Instant lastSuccess,
      @Nullable CallOutcome lastFailure,
      @Nullable Instant lastFailureAt) {}

  private final AtomicReference<Snapshot> state = new AtomicReference<>(new Snapshot(0, 0, 0, null, null, null));
  private final Clock clock;

  RecentCalls(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void completed(CallOutcome outcome) {
    Instant now = clock.instant();
    state.updateAndGet(s -> outcome.succeeded()
        ? new Snapshot(s.calls + 1, s.failures, 0, now, s.lastFailure, s.lastFailureAt)
        : new Snapshot(s.calls + 1, s.failures + 1, s.consecutiveFailures + 1, s.lastSuccess, outcome, now));
  }

  Snapshot snapshot() {
    return state.get();
  }
}
