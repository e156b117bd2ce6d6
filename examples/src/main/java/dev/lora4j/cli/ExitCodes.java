package dev.lora4j.cli;

import dev.lora4j.TaskCanceledException;
import dev.lora4j.TaskFailedException;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskTimeoutException;
import dev.lora4j.journal.TaskInDoubtException;

/** The exit codes of the {@code lora4j} command. */
final class ExitCodes {

  /** The task finished (or the command did what it was asked). */
  static final int FINISHED = 0;
  /** A usage or configuration error: a bad argument, a missing credential, an unreachable host. */
  static final int ERROR = 1;
  /** The task failed. */
  static final int FAILED = 2;
  /** The task was canceled. */
  static final int CANCELED = 3;
  /** The task did not end within the timeout (and was canceled, unless it is journaled). */
  static final int TIMED_OUT = 4;
  /**
   * A journaled task is in doubt: its submission may have reached the provider, but the answer was
   * never recorded; the journal never submits it again by itself.
   */
  static final int IN_DOUBT = 5;
  /** Interrupted with Ctrl-C (the JVM's own code for SIGINT). */
  static final int INTERRUPTED = 130;

  private ExitCodes() {}

  static int of(TaskStatus terminal) {
    switch (terminal) {
      case FINISHED:
        return FINISHED;
      case FAILED:
        return FAILED;
      case CANCELED:
        return CANCELED;
      default:
        throw new IllegalArgumentException("not terminal: " + terminal);
    }
  }

  static int of(Throwable error) {
    if (error instanceof TaskFailedException) {
      return FAILED;
    }
    if (error instanceof TaskCanceledException) {
      return CANCELED;
    }
    if (error instanceof TaskTimeoutException) {
      return TIMED_OUT;
    }
    if (error instanceof TaskInDoubtException) {
      return IN_DOUBT;
    }
    return ERROR;
  }
}
