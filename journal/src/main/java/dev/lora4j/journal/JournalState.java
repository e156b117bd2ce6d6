package dev.lora4j.journal;

/**
 * Where a journaled task stands in the journal (not at the provider: that is its {@link
 * dev.lora4j.TaskStatus}).
 *
 * <pre>
 * PENDING   -&gt; SUBMITTED (the provider answered with a handle)
 *           -&gt; IN_DOUBT  (the request may have reached the provider, its answer was not recorded)
 *           -&gt; (removed) (the provider certainly did not create the task: the key is free again)
 * SUBMITTED -&gt; FINISHED  (a terminal status was recorded)
 * IN_DOUBT  -&gt; SUBMITTED (resolve with the task's handle) | ABANDONED | PENDING (resubmit)
 * </pre>
 */
public enum JournalState {
  /** The intent is recorded; the submission is being sent and its answer is not recorded yet. */
  PENDING,
  /** The provider answered with the task's handle; the task is followed until it ends. */
  SUBMITTED,
  /**
   * The submission may have reached the provider but its answer was never recorded (a crash, a
   * timeout, a 5xx). Never resubmitted by the journal: see {@link DurableTaskClient#resolve}, {@link
   * DurableTaskClient#abandon} and {@link DurableTaskClient#resubmit}.
   */
  IN_DOUBT,
  /** The task ended; its terminal status and result are recorded. */
  FINISHED,
  /** The application gave up an in-doubt entry without resubmitting it. */
  ABANDONED;

  /**
   * Tells whether nothing more will happen to the entry by itself.
   *
   * @return {@code true} for {@link #FINISHED} and {@link #ABANDONED}
   */
  public boolean isClosed() {
    return this == FINISHED || this == ABANDONED;
  }
}
