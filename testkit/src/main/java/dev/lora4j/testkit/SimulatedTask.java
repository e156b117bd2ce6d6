package dev.lora4j.testkit;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;

/** What every simulated task has: its id, its creation ordinal, the timers that drive it, a status. */
abstract class SimulatedTask {

  final String id;
  /** The task's place in creation order, from which its timing and failure are drawn. */
  final long ordinal;
  /** The timers that drive the task; disposed when it ends or the simulator closes. */
  final Disposable.Composite timers = Disposables.composite();

  private final Instant createdAt = Instant.now();
  private volatile @Nullable Instant runningAt;
  private volatile @Nullable Instant endedAt;

  SimulatedTask(String id, long ordinal) {
    this.id = id;
    this.ordinal = ordinal;
  }

  /** Records the real time of a status change; called by the task's one transition method. */
  final void reached(boolean running, boolean terminal) {
    Instant now = Instant.now();
    if (running && runningAt == null) {
      runningAt = now;
    }
    if (terminal && endedAt == null) {
      endedAt = now;
    }
  }

  /** When the task really changed state. */
  final TaskTransitions transitions() {
    return new TaskTransitions(id, createdAt, Optional.ofNullable(runningAt), Optional.ofNullable(endedAt));
  }

  /** The status as on the wire. */
  abstract String wireStatus();
}
