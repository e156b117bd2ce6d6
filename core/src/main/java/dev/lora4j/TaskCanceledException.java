package dev.lora4j;

/**
 * The task ended in {@link TaskStatus#CANCELED}, by this client, another client, or the provider.
 * Signalled by {@link TaskClient#await} and {@link TaskClient#run}; {@link TaskClient#watch} emits
 * the canceled update instead.
 */
public class TaskCanceledException extends Lora4jNonTransientException {

  private static final long serialVersionUID = 1L;

  private final transient TaskResult result;

  /**
   * Creates the exception.
   *
   * @param result the canceled task's result
   */
  public TaskCanceledException(TaskResult result) {
    super(
        "task " + result.handle().id() + " on " + result.handle().provider() + " was canceled"
            + result.error().map(e -> ": " + e).orElse(""),
        null);
    this.result = result;
  }

  /**
   * Returns the canceled task's result.
   *
   * @return the result
   */
  public TaskResult result() {
    return result;
  }
}
