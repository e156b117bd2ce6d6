package dev.lora4j.testkit;

import reactor.core.Disposable;
import reactor.core.Disposables;

/** What every simulated task has: its id, its creation ordinal, the timers that drive it, a status. */
abstract class SimulatedTask {

  final String id;
  /** The task's place in creation order, from which its timing and failure are drawn. */
  final long ordinal;
  /** The timers that drive the task; disposed when it ends or the simulator closes. */
  final Disposable.Composite timers = Disposables.composite();

  SimulatedTask(String id, long ordinal) {
    this.id = id;
    this.ordinal = ordinal;
  }

  /** The status as on the wire. */
  abstract String wireStatus();
}
