package dev.lora4j.cli;

import dev.lora4j.TaskClient;
import dev.lora4j.TaskHandle;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Mono;

/**
 * Cancels the task being waited for when the JVM is shutting down because of Ctrl-C: a task left
 * running keeps a GPU busy and is billed. Armed while a command waits, disarmed after; while an
 * output downloads, it removes the file reserved for it instead. A journaled task is not canceled:
 * the guard only says how to resume it.
 */
final class InterruptGuard {

  private static final Duration CANCEL_TIMEOUT = Duration.ofSeconds(10);

  private final AtomicReference<Runnable> onInterrupt = new AtomicReference<>();
  private final PrintStream err;

  private InterruptGuard(PrintStream err) {
    this.err = err;
  }

  /** A guard whose shutdown hook is installed: for the real process. */
  static InterruptGuard install(PrintStream err) {
    InterruptGuard guard = new InterruptGuard(err);
    Runtime.getRuntime().addShutdownHook(new Thread(guard::interrupted, "lora4j-interrupt"));
    return guard;
  }

  /** A guard without a hook: for runs inside another program, such as tests. */
  static InterruptGuard none(PrintStream err) {
    return new InterruptGuard(err);
  }

  /**
   * Cancels the task on Ctrl-C from now on.
   *
   * @param client the client to cancel with
   * @param submission the task's handle: a cached submission, which the interrupt waits for when
   *     it is still in flight, so that a task submitted at the moment of Ctrl-C is canceled too
   */
  void arm(TaskClient client, Mono<TaskHandle> submission) {
    onInterrupt.set(() -> {
      err.println();
      TaskHandle handle;
      try {
        handle = submission.block(CANCEL_TIMEOUT);
      } catch (RuntimeException e) {
        err.println("Interrupted: the task was not submitted (" + e.getMessage() + ").");
        return;
      }
      if (handle == null) {
        return;
      }
      err.println("Interrupted: canceling task " + handle.id() + " on " + handle.provider() + " ...");
      try {
        client.cancel(handle).block(CANCEL_TIMEOUT);
        err.println("Canceled task " + handle.id() + ".");
      } catch (RuntimeException e) {
        err.println("Could not cancel task " + handle.id() + ": " + e.getMessage()
            + " (try again with: lora4j cancel " + handle.encode() + ")");
      }
    });
  }

  /**
   * Runs {@code cleanup} on Ctrl-C from now on, in place of a cancel: for what an interrupted step
   * must not leave behind, such as the file reserved for a download.
   */
  void armCleanup(Runnable cleanup) {
    onInterrupt.set(cleanup);
  }

  /**
   * Prints {@code message} on Ctrl-C from now on, and cancels nothing: for a journaled task, which
   * is left running for a later {@code resume}.
   */
  void armNotice(String message) {
    onInterrupt.set(() -> {
      err.println();
      err.println(message);
    });
  }

  void disarm() {
    onInterrupt.set(null);
  }

  /** Runs the armed action once; what a shutdown hook calls. */
  void interrupted() {
    Runnable action = onInterrupt.getAndSet(null);
    if (action != null) {
      action.run();
    }
  }
}
