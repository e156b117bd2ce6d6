package dev.lora4j.testkit.internal;

/**
 * A provider's rate limit as a sliding one-second window: admits a request while fewer than the
 * limit were admitted in the second before it. Thread-safe.
 */
final class RateWindow {

  private static final long SECOND = 1_000_000_000L;

  private final long[] admitted;
  private int head;
  private int size;

  RateWindow(int perSecond) {
    this.admitted = new long[perSecond];
  }

  /**
   * Admits a request arriving at {@code nowNanos} ({@link System#nanoTime()}), counting it, or
   * refuses it without counting it.
   */
  synchronized boolean admit(long nowNanos) {
    while (size > 0 && nowNanos - admitted[head] >= SECOND) {
      head = (head + 1) % admitted.length;
      size--;
    }
    if (size == admitted.length) {
      return false;
    }
    admitted[(head + size) % admitted.length] = nowNanos;
    size++;
    return true;
  }
}
