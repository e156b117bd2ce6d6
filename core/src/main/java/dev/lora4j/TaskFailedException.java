package dev.lora4j;

/**
 * The task ended in {@link TaskStatus#FAILED}. Signalled by {@link TaskClient#await} and {@link
 * TaskClient#run}; {@link TaskClient#watch} emits the failed update instead.
 */
public class TaskFailedException extends Lora4jNonTransientException {

  private static final long serialVersionUID = 1L;

  private final transient TaskResult result;

  /**
   * Creates the exception.
   *
   * @param result the failed task's result, with the provider's reason in {@link TaskResult#error()}
   */
  public TaskFailedException(TaskResult result) {
    super(
        "task " + result.handle().id() + " on " + result.handle().provider() + " failed"
            + result.error().map(e -> ": " + e).orElse(""),
        null);
    this.result = result;
  }

  /**
   * Returns the failed task's result.
   *
   * @return the result, with the provider's reason in {@link TaskResult#error()}
   */
  public TaskResult result() {
    return result;
  }
}
