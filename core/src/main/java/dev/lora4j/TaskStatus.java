package dev.lora4j;

import java.util.EnumSet;
import java.util.Set;

/**
 * The provider-neutral status of a generation task.
 *
 * <p>The legal transitions form one table, held here:
 *
 * <pre>
 * WAITING  -&gt; RUNNING | FINISHED | FAILED | CANCELED
 * RUNNING  -&gt; FINISHED | FAILED | CANCELED
 * FINISHED, FAILED, CANCELED: terminal, no way out
 * </pre>
 *
 * A status stream never moves backwards: an update that reports an earlier status than one already
 * seen (a stale replica of the provider's state) is dropped.
 */
public enum TaskStatus {
  /** Accepted by the provider and queued; no worker runs it yet. */
  WAITING,
  /** A worker is running the task. */
  RUNNING,
  /** Done; the result's outputs are available. Terminal. */
  FINISHED,
  /** Ended without a usable result; the result carries the provider's reason. Terminal. */
  FAILED,
  /** Canceled by a client or by the provider (for example after its own timeout). Terminal. */
  CANCELED;

  /**
   * Tells whether this status ends the task.
   *
   * @return {@code true} for {@link #FINISHED}, {@link #FAILED} and {@link #CANCELED}
   */
  public boolean isTerminal() {
    return this == FINISHED || this == FAILED || this == CANCELED;
  }

  /**
   * Tells whether a task in this status may move to {@code next}. Staying in the same status is
   * not a transition and answers {@code false}.
   *
   * @param next the candidate next status
   * @return {@code true} when {@code this -> next} is in the transition table
   */
  public boolean canMoveTo(TaskStatus next) {
    return Transitions.successors(this).contains(next);
  }

  /** The transition table; a nested class because an enum cannot read its own map while loading. */
  private static final class Transitions {
    private static final Set<TaskStatus> FROM_WAITING =
        EnumSet.of(RUNNING, FINISHED, FAILED, CANCELED);
    private static final Set<TaskStatus> FROM_RUNNING = EnumSet.of(FINISHED, FAILED, CANCELED);
    private static final Set<TaskStatus> FROM_TERMINAL = EnumSet.noneOf(TaskStatus.class);

    static Set<TaskStatus> successors(TaskStatus status) {
      switch (status) {
        case WAITING:
          return FROM_WAITING;
        case RUNNING:
          return FROM_RUNNING;
        default:
          return FROM_TERMINAL;
      }
    }
  }
}
