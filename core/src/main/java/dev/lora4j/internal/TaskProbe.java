package dev.lora4j.internal;

import dev.lora4j.TaskUpdate;
import reactor.util.context.ContextView;

/**
 * What a client records of one task it follows: started once, fed every update the state machine
 * lets through, ended once. Thread-safe.
 */
public interface TaskProbe {

  /** Records nothing. */
  TaskProbe NONE = new TaskProbe() {
    @Override
    public void start(ContextView subscriber) {}

    @Override
    public void accepted(TaskUpdate update) {}

    @Override
    public void timingOut() {}

    @Override
    public void end(String outcome) {}
  };

  /**
   * Starts the task's observation, as a child of the one current in {@code subscriber}, if any; a
   * later call does nothing.
   *
   * @param subscriber the context of the subscriber that starts it
   */
  void start(ContextView subscriber);

  /**
   * Records an update the state machine let through: a transition, maybe the end.
   *
   * @param update the update
   */
  void accepted(TaskUpdate update);

  /** Records that a watch of the task timed out: the outcome, unless a terminal status comes. */
  void timingOut();

  /**
   * Ends the task's observation, if it has not ended, with {@code outcome} unless a terminal status
   * or a timeout decided it.
   *
   * @param outcome such as {@code disposed} or an exception's simple name
   */
  void end(String outcome);
}
