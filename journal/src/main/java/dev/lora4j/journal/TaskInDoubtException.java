package dev.lora4j.journal;

import dev.lora4j.Lora4jNonTransientException;

/**
 * The task of a key is {@link JournalState#IN_DOUBT in doubt}: its submission may have reached the
 * provider, but the answer was never recorded. The journal does not submit it again by itself; the
 * application resolves it ({@link DurableTaskClient#resolve}, {@link DurableTaskClient#abandon} or
 * {@link DurableTaskClient#resubmit}).
 */
public class TaskInDoubtException extends Lora4jNonTransientException {

  private static final long serialVersionUID = 1L;

  /** The key. */
  private final String key;

  /**
   * Creates the exception.
   *
   * @param key the idempotency key
   * @param why why the entry is in doubt
   */
  public TaskInDoubtException(String key, String why) {
    super("the task of key '" + key + "' is in doubt: " + why
        + "; resolve it with resolve(key, handle), abandon(key) or resubmit(key)", null);
    this.key = key;
  }

  /**
   * The idempotency key.
   *
   * @return the key
   */
  public String key() {
    return key;
  }
}
