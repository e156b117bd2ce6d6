package dev.lora4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark table: for each number of tasks and each poll schedule, in a fresh JVM and then a
 * warm one, the wall time, the client's CPU per HTTP call, the JIT's and the GC's shares of it,
 * polls per task, the detection delay of the terminal status, peak RSS, live heap per watched task
 * and threads. Each (tasks, schedule) runs in a fresh client JVM ({@link ScaleWorker}, two batches)
 * against a fresh simulator in its own JVM, R times; the table shows the medians of the R runs.
 * Progress goes to standard error, the table, in Markdown, to standard output.
 *
 * <pre>
 * ./mvnw -q -Pbench-table -pl examples -am verify -DskipTests [-Dbench.sizes=1000,10000] [-Dbench.runs=1]
 * java -cp examples/target/lora4j.jar dev.lora4j.bench.ScaleTable [sizes] [runs] [schedules]
 * </pre>
 *
 * <p>Arguments: sizes ({@code 1000,10000,50000}), runs (3), schedules
 * ({@code fixed:1000,adaptive:1400:15000}, as {@link PollSchedules#parse} reads them). System
 * properties: {@code bench.clientXmx} (the client JVM's heap, {@code 1g}), {@code
 * bench.simulatorXmx} (the simulator's, {@code 4g}). No assertions: shared machines are noisy.
 */
public final class ScaleTable {

  private static final List<String> BATCHES = List.of("fresh", "warm");

  private ScaleTable() {}

  /**
   * Runs every cell R times and prints the table of medians.
   *
   * @param args sizes, runs and schedules, each optional
   * @throws Exception if a child process cannot be started
   */
  public static void main(String[] args) throws Exception {
    String[] sizes = (args.length > 0 ? args[0] : "1000,10000,50000").split(",");
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    String[] schedules = (args.length > 2 ? args[2] : "fixed:1000,adaptive:1400:15000").split(",");
    for (String spec : schedules) {
      PollSchedules.parse(spec);
    }
    String clientXmx = System.getProperty("bench.clientXmx", "1g");
    String simulatorXmx = System.getProperty("bench.simulatorXmx", "4g");
    String loadBefore = loadAverage();

    Map<String, List<Map<String, Double>>> results = new LinkedHashMap<>();
    for (int run = 1; run <= runs; run++) {
      for (String size : sizes) {
        for (String spec : schedules) {
          System.err.printf(Locale.ROOT, "run %d of %d: %s tasks, %s (load %s)%n", run, runs, size, spec, loadAverage());
          for (Map<String, Double> batch : worker(clientXmx, simulatorXmx, Integer.parseInt(size.trim()), spec)) {
            String key = key(size.trim(), spec, BATCHES.get(Math.min(1, batch.getOrDefault("batch", 1.0).intValue() - 1)));
            results.computeIfAbsent(key, k -> new ArrayList<>()).add(batch);
          }
        }
      }
    }

    System.out.printf(Locale.ROOT, "Medians of %d run%s; client -Xmx%s; %s; load average (1, 5, 15 min) %s before, %s after.%n%n",
        runs, runs == 1 ? "" : "s", clientXmx,
        results.values().stream().flatMap(List::stream).allMatch(r -> r.getOrDefault("rssReset", 0.0) == 1.0)
            ? "peak RSS per batch" : "peak RSS over the JVM so far (it could not be reset per batch)",
        loadBefore, loadAverage());
    System.out.println(header());
    for (String size : sizes) {
      for (String spec : schedules) {
        for (String batch : BATCHES) {
          List<Map<String, Double>> all = results.get(key(size.trim(), spec, batch));
          System.out.println(row(size.trim(), spec, batch, all == null ? Map.of() : medians(all)));
        }
      }
    }
  }

  /** Runs one worker JVM; its result lines, batch by batch. */
  private static List<Map<String, Double>> worker(String clientXmx, String simulatorXmx, int tasks, String spec)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(SimulatorProcess.java(), "-Xmx" + clientXmx, "-Dbench.simulatorXmx=" + simulatorXmx,
        "-cp", System.getProperty("java.class.path"), ScaleWorker.class.getName(), Integer.toString(tasks), spec)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    List<Map<String, Double>> batches = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        String other = line;
        ResultLine.parse(line).ifPresentOrElse(batches::add, () -> System.err.println(other));
      }
    } finally {
      int exit = process.waitFor();
      if (exit != 0) {
        System.err.printf(Locale.ROOT, "  the worker for %d tasks, %s ended with exit code %d%n", tasks, spec, exit);
      }
    }
    return batches;
  }

  private static String key(String size, String spec, String batch) {
    return size + " " + spec + " " + batch;
  }

  /**
   * The median of each figure over several runs.
   *
   * @param runs one map of figures per run
   * @return per figure name, the median of its values ({@code NaN} ones left out)
   */
  static Map<String, Double> medians(List<Map<String, Double>> runs) {
    Map<String, Double> medians = new LinkedHashMap<>();
    for (String name : runs.get(0).keySet()) {
      medians.put(name, Stats.median(runs.stream().mapToDouble(r -> r.getOrDefault(name, Double.NaN)).toArray()));
    }
    return medians;
  }

  /** The Markdown header of the table, with its separator line. */
  static String header() {
    return "| tasks | schedule | JVM | wall | client CPU per HTTP call | JIT share | GC share | polls per task"
        + " | end detection delay p50 / p95 / max | peak RSS | live heap per watched task | threads |\n"
        + "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |";
  }

  /**
   * One row of the table.
   *
   * @param size the number of tasks, as given
   * @param spec the schedule, as given
   * @param batch {@code fresh} or {@code warm}
   * @param m the median figures of the row's runs, empty if none succeeded
   * @return the Markdown row
   */
  static String row(String size, String spec, String batch, Map<String, Double> m) {
    String tasks = String.format(Locale.ROOT, "%,d", Long.parseLong(size));
    if (m.isEmpty()) {
      return String.format(Locale.ROOT, "| %s | %s | %s | failed | | | | | | | | |", tasks, label(spec), batch);
    }
    double notEnded = m.get("tasks") - m.get("ended");
    return String.format(Locale.ROOT, "| %s | %s | %s | %.1f s%s | %.0f µs | %.0f%% | %.0f%% | %.1f | %.2f / %.2f / %.2f s"
            + " | %.0f MiB | %.2f KiB | %.0f |",
        tasks, label(spec), batch, m.get("wallS"), notEnded > 0 ? String.format(Locale.ROOT, " (%.0f not ended)", notEnded) : "",
        m.get("cpuPerCallUs"), m.get("jitShare"), m.get("gcShare"), m.get("pollsPerTask"),
        m.get("endP50S"), m.get("endP95S"), m.get("endMaxS"), m.get("peakRssMiB"), m.get("heapPerTaskKiB"), m.get("threads"));
  }

  /**
   * A schedule as the README writes it: {@code fixed:1000} is {@code `fixed(1s)`}, {@code
   * adaptive:1400:15000} is {@code `adaptive(1.4s, 15s)`}.
   *
   * @param spec the schedule, as {@link PollSchedules#parse} reads it
   * @return the label, in backquotes
   */
  static String label(String spec) {
    String[] parts = spec.split(":");
    List<String> seconds = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      seconds.add(new BigDecimal(parts[i]).movePointLeft(3).stripTrailingZeros().toPlainString() + "s");
    }
    return "`" + parts[0] + "(" + String.join(", ", seconds) + ")`";
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
