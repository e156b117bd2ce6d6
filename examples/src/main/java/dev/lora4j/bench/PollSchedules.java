package dev.lora4j.bench;

import dev.lora4j.ClientOptions;
import dev.lora4j.PollSchedule;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskStatus;
import dev.lora4j.WatchOptions;
import dev.lora4j.xalora.FluxLoraTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares poll schedules on a workload with spread durations: each task queues for a log-normal
 * time (median 4 s, sigma 0.5) and runs for another (median 16 s, sigma 0.3), about 20 s in all at
 * the median, with Xalora queue positions that fall as the tasks ahead leave. For each schedule a
 * fresh simulator runs in a child process ({@link BenchSimulator}) and one client watches two
 * batches of N tasks submitted at once: the first cold (the client has seen nothing), the second
 * warm (it has seen the first batch's durations). Prints, per batch, the polls per task and the
 * detection delay (time from the simulator's real change to the client emitting the update) of
 * the start and of the end, p50/p95/max; with several runs, the median of the runs' figures.
 *
 * <p>Arguments: {@code [tasks (1000)] [runs (3)] [schedules (fixed:1000,adaptive:1400:15000,fixed:3000)]},
 * a schedule being {@code fixed:MS} or {@code adaptive:MIN_MS:MAX_MS}. No assertions: shared
 * machines are noisy.
 */
public final class PollSchedules {

  /** BenchSimulator's arguments for the workload above. */
  static final String[] LOG_NORMAL = {"lognormal", "4000", "0.5", "16000", "0.3"};

  private static final long[] NONE = {-1, -1};

  private PollSchedules() {}

  /**
   * Runs the comparison and prints its table.
   *
   * @param args tasks, runs and schedules, each optional
   * @throws Exception if the simulator cannot be started or a watch fails
   */
  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String[] schedules = (args.length > 2 ? args[2] : "fixed:1000,adaptive:1400:15000,fixed:3000").split(",");
    Map<String, List<double[]>> results = new HashMap<>();
    for (int run = 1; run <= runs; run++) {
      for (String spec : schedules) {
        List<double[]> batches = runOnce(parse(spec), tasks);
        for (int b = 0; b < batches.size(); b++) {
          String row = spec + (b == 0 ? " cold" : " warm");
          results.computeIfAbsent(row, k -> new ArrayList<>()).add(batches.get(b));
          System.out.printf(Locale.ROOT, "run %d  %s%n", run, format(row, batches.get(b)));
        }
      }
    }
    System.out.printf(Locale.ROOT, "%nmedian of %d runs, %d tasks per batch%n", runs, tasks);
    System.out.printf(Locale.ROOT, "%-30s %8s | %-22s | %-22s%n", "schedule", "polls", "end delay p50/p95/max s",
        "start delay p50/p95/max s");
    for (String spec : schedules) {
      for (String phase : List.of(" cold", " warm")) {
        List<double[]> all = results.get(spec + phase);
        double[] median = new double[all.get(0).length];
        for (int i = 0; i < median.length; i++) {
          int index = i;
          median[i] = Stats.median(all.stream().mapToDouble(r -> r[index]).toArray());
        }
        System.out.println(format(spec + phase, median));
      }
    }
  }

  private static String format(String row, double[] r) {
    return String.format(Locale.ROOT, "%-30s %8.1f | %6.2f %6.2f %6.2f | %6.2f %6.2f %6.2f", row, r[0], r[1], r[2],
        r[3], r[4], r[5], r[6]);
  }

  /**
   * Reads a schedule.
   *
   * @param spec {@code fixed:MS} or {@code adaptive:MIN_MS:MAX_MS}
   * @return the schedule
   */
  static PollSchedule parse(String spec) {
    String[] parts = spec.split(":");
    return switch (parts[0]) {
      case "fixed" -> PollSchedule.fixed(Duration.ofMillis(Long.parseLong(parts[1])));
      case "adaptive" -> PollSchedule.adaptive(
          Duration.ofMillis(Long.parseLong(parts[1])), Duration.ofMillis(Long.parseLong(parts[2])));
      default -> throw new IllegalArgumentException("schedule must be fixed:MS or adaptive:MIN:MAX, was " + spec);
    };
  }

  /** One simulator, one client, two batches; per batch the figures of {@link #format}. */
  private static List<double[]> runOnce(PollSchedule schedule, int tasks) throws Exception {
    try (SimulatorProcess simulator = SimulatorProcess.start(List.of("-Xmx2g"), LOG_NORMAL)) {
      ClientOptions options = ClientOptions.builder().environment(Map.of()).systemProperties(new Properties())
          .provider("xalora").apiKey("sim-consumer#sim-key").baseUrl(simulator.baseUrl()).build();
      List<double[]> figures = new ArrayList<>();
      try (TaskClient client = TaskClients.create(options)) {
        for (int batch = 0; batch < 2; batch++) {
          long polls0 = simulator.polls();
          Map<String, long[]> seen = batch(client, schedule, tasks);
          long polls = simulator.polls() - polls0;
          figures.add(figures(seen, simulator.transitions(), polls, tasks));
        }
      }
      return figures;
    }
  }

  /** Submits and watches a batch; per task id, when the client emitted running and the end (µs). */
  private static Map<String, long[]> batch(TaskClient client, PollSchedule schedule, int tasks)
      throws InterruptedException {
    Map<String, long[]> seen = new ConcurrentHashMap<>();
    WatchOptions watch = WatchOptions.defaults().pollSchedule(schedule).timeout(Duration.ofMinutes(10));
    Watches.each(tasks, i -> client.runAndWatch(
        FluxLoraTask.builder().prompt("gecko " + i).loraName("gecko").width(64).height(64).build(), watch), update -> {
          long at = Arrivals.micros(Instant.now());
          long[] times = seen.computeIfAbsent(update.handle().id(), id -> new long[] {-1, -1});
          if (update.status() == TaskStatus.RUNNING && times[0] < 0) {
            times[0] = at;
          } else if (update.status().isTerminal()) {
            times[1] = at;
          }
        });
    return seen;
  }

  private static double[] figures(Map<String, long[]> seen, List<String> lines, long polls, int tasks) {
    double[] e = DetectionDelays.sorted(lines, DetectionDelays.ENDED, id -> seen.getOrDefault(id, NONE)[1]);
    double[] s = DetectionDelays.sorted(lines, DetectionDelays.RUNNING, id -> seen.getOrDefault(id, NONE)[0]);
    return new double[] {(double) polls / tasks, Stats.percentile(e, 50), Stats.percentile(e, 95),
        Stats.percentile(e, 100), Stats.percentile(s, 50), Stats.percentile(s, 95), Stats.percentile(s, 100)};
  }
}
