package dev.lora4j.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Detection delays: for each task, the time from the simulator's real change (a line of
 * {@link SimulatorProcess#transitions()}) to the client emitting the update that shows it.
 */
final class DetectionDelays {

  /** The column of the change to the running state in a transitions line. */
  static final int RUNNING = 1;
  /** The column of the change to the terminal state in a transitions line. */
  static final int ENDED = 2;

  private DetectionDelays() {}

  /**
   * The delays of one change, in seconds, smallest first; tasks the client did not watch, or whose
   * change either side did not see, are left out.
   *
   * @param transitions lines {@code id running ended}, epoch microseconds, {@code -1} for none
   * @param column {@link #RUNNING} or {@link #ENDED}
   * @param emittedAt per task id, when the client emitted the change in epoch microseconds, or a
   *     negative number if it did not (or the task is not one of the batch's)
   * @return the sorted delays
   */
  static double[] sorted(List<String> transitions, int column, ToLongFunction<String> emittedAt) {
    double[] delays = new double[transitions.size()];
    int n = 0;
    for (String line : transitions) {
      String[] f = line.split(" ");
      long real = Long.parseLong(f[column]);
      long emitted = emittedAt.applyAsLong(f[0]);
      if (real >= 0 && emitted >= 0) {
        delays[n++] = (emitted - real) / 1e6;
      }
    }
    double[] d = Arrays.copyOf(delays, n);
    Arrays.sort(d);
    return d;
  }
}
