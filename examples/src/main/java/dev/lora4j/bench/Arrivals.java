package dev.lora4j.bench;

import dev.lora4j.testkit.RecordedRequest;
import java.time.Instant;
import java.util.List;

/**
 * When requests reached a simulator, in epoch microseconds, and the counts the benchmarks and the
 * request-budget tests draw from them: the most in any sliding second, and how many fell in each
 * whole second.
 */
public final class Arrivals {

  private static final long SECOND = 1_000_000;

  private Arrivals() {}

  /**
   * Returns an instant in epoch microseconds.
   *
   * @param instant the instant
   * @return microseconds since the epoch
   */
  public static long micros(Instant instant) {
    return instant.getEpochSecond() * SECOND + instant.getNano() / 1_000;
  }

  /**
   * Returns when each request was received, in epoch microseconds, earliest first.
   *
   * @param requests the requests, as a simulator recorded them
   * @return the sorted arrival times
   */
  public static long[] of(List<RecordedRequest> requests) {
    return requests.stream().mapToLong(r -> micros(r.receivedAt())).sorted().toArray();
  }

  /**
   * Returns the most arrivals in any window of one second, sliding.
   *
   * @param micros arrival times, earliest first
   * @return the count, 0 for none
   */
  public static int maxInOneSecond(long[] micros) {
    int max = 0;
    int from = 0;
    for (int to = 0; to < micros.length; to++) {
      while (micros[to] - micros[from] >= SECOND) {
        from++;
      }
      max = Math.max(max, to - from + 1);
    }
    return max;
  }

  /**
   * Returns the arrivals in each whole second counted from the first arrival.
   *
   * @param micros arrival times, earliest first; not empty
   * @return one count per second, the first second first
   */
  public static int[] perSecond(long[] micros) {
    int seconds = (int) ((micros[micros.length - 1] - micros[0]) / SECOND) + 1;
    int[] counts = new int[seconds];
    for (long t : micros) {
      counts[(int) ((t - micros[0]) / SECOND)]++;
    }
    return counts;
  }
}
