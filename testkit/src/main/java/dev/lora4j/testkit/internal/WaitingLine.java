package dev.lora4j.testkit.internal;

import java.util.Arrays;

/**
 * The tasks still waiting in a simulator's queue, by ordinal, answering "how many waiting tasks
 * were created before this one" in logarithmic time: a status query of each of 10,000 waiting
 * tasks must not scan the other 9,999. A Fenwick tree over ordinals that grows as they do.
 * Thread-safe.
 */
public final class WaitingLine {

  private long[] tree = new long[1024];
  private boolean[] waiting = new boolean[1024];

  /** Creates an empty line. */
  public WaitingLine() {
  }

  /**
   * Puts a task in the line.
   *
   * @param ordinal the task's ordinal, zero or more
   */
  public synchronized void join(long ordinal) {
    int i = index(ordinal);
    grow(i);
    if (!waiting[i]) {
      waiting[i] = true;
      add(i, 1);
    }
  }

  /**
   * Takes a task out of the line; nothing happens if it is not in it.
   *
   * @param ordinal the task's ordinal
   */
  public synchronized void leave(long ordinal) {
    int i = index(ordinal);
    if (i < waiting.length && waiting[i]) {
      waiting[i] = false;
      add(i, -1);
    }
  }

  /**
   * The position of a task in the line: 1 for the first, counting the waiting tasks created
   * before it.
   *
   * @param ordinal the task's ordinal
   * @return one more than the number of waiting tasks with a smaller ordinal
   */
  public synchronized int position(long ordinal) {
    int i = Math.min(index(ordinal), waiting.length);
    long before = 0;
    for (int k = i; k > 0; k -= k & -k) {
      before += tree[k - 1];
    }
    return (int) before + 1;
  }

  private void add(int i, int delta) {
    for (int k = i + 1; k <= tree.length; k += k & -k) {
      tree[k - 1] += delta;
    }
  }

  private void grow(int i) {
    if (i < waiting.length) {
      return;
    }
    int size = waiting.length;
    while (size <= i) {
      size *= 2;
    }
    waiting = Arrays.copyOf(waiting, size);
    tree = new long[size];
    for (int k = 0; k < size; k++) {
      if (waiting[k]) {
        add(k, 1);
      }
    }
  }

  private static int index(long ordinal) {
    if (ordinal < 0 || ordinal >= Integer.MAX_VALUE) {
      throw new IllegalArgumentException("ordinal must be between 0 and " + (Integer.MAX_VALUE - 1) + ", was " + ordinal);
    }
    return (int) ordinal;
  }
}
