package dev.lora4j.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.WatchOptions;
import dev.lora4j.xalora.FluxLoraTask;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;

/**
 * Benchmark of what the optional Micrometer instrumentation costs: the client's CPU time per poll
 * while it watches N tasks (2,000 by default) against the Xalora simulator, in four set-ups, each
 * in a fresh client JVM of its own against a fresh {@link BenchSimulator} process:
 *
 * <ul>
 *   <li>{@code absent}: Micrometer's jars taken off the client's class path;
 *   <li>{@code none}: Micrometer on the class path, no registry given (the default);
 *   <li>{@code noop}: {@code observationRegistry(ObservationRegistry.NOOP)};
 *   <li>{@code simple}: a {@code SimpleMeterRegistry} as {@code meterRegistry} and an {@code
 *       ObservationRegistry} with a {@code DefaultMeterObservationHandler} of it.
 * </ul>
 *
 * The set-ups take turns, run after run, so that a noisy spell of a shared machine spreads over all
 * of them; each figure is the median of the runs. Two figures per set-up: the process's CPU time
 * per poll over the watch phase, and the same without the JIT compiler's and the GC's threads
 * ({@link ThreadCpu}), which is steadier. Not part of the test suite: it reports, never asserts.
 *
 * <pre>
 * ./mvnw -q -Pbench-instrumentation -pl examples -am verify -DskipTests [-Dbench.tasks=2000] [-Dbench.runs=3]
 *     [-Dbench.intervalMs=1000] [-Dbench.queueSeconds=20] [-Dbench.runSeconds=10]
 * </pre>
 */
public final class InstrumentationCost {

  /** The set-ups, in the order they take turns. */
  enum Setup { ABSENT, NONE, NOOP, SIMPLE }

  private InstrumentationCost() {}

  /**
   * Runs the benchmark, or (with {@code child} first) one client of it.
   *
   * @param args tasks (2000), runs of each set-up (3), poll interval in ms (1000), median queue
   *     time in s (20) and median run time in s (10) of the simulator's tasks, log-normal with a
   *     spread of 0.1: a task is still queued when the watches start, however long the submissions
   *     took on a busy machine, so every set-up sends about as many polls per task; or {@code child
   *     SETUP BASE_URL TASKS INTERVAL_MS} for a client
   * @throws Exception if a process cannot be started or talked to
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(Setup.valueOf(args[1]), args[2], Integer.parseInt(args[3]), Duration.ofMillis(Long.parseLong(args[4])));
      return;
    }
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long intervalMs = args.length > 2 ? Long.parseLong(args[2]) : 1_000;
    int queueSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
    int runSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 10;

    Map<Setup, List<double[]>> results = new EnumMap<>(Setup.class);
    for (int run = 1; run <= runs; run++) {
      for (Setup setup : Setup.values()) {
        double[] r = runOnce(setup, tasks, intervalMs, queueSeconds, runSeconds);
        System.out.printf(Locale.ROOT, "run %d %-6s %s%n", run, name(setup), format(r));
        results.computeIfAbsent(setup, s -> new ArrayList<>()).add(r);
      }
    }
    System.out.printf(Locale.ROOT, "%nmedians of %d runs, %d tasks queued about %d s and running about %d s, poll interval %d ms:%n",
        runs, tasks, queueSeconds, runSeconds, intervalMs);
    for (Setup setup : Setup.values()) {
      List<double[]> r = results.get(setup);
      System.out.printf(Locale.ROOT, "%-6s %s%n", name(setup),
          format(new double[] {median(r, 0), median(r, 1), median(r, 2), median(r, 3)}));
    }
  }

  private static String name(Setup setup) {
    return setup.name().toLowerCase(Locale.ROOT);
  }

  private static String format(double[] r) {
    return String.format(Locale.ROOT, "%6.0f polls, %5.1f µs CPU per poll, %5.1f µs without JIT and GC, %d unfinished",
        r[0], r[1], r[2], (long) r[3]);
  }

  private static double median(List<double[]> runs, int column) {
    double[] values = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /** One set-up once: polls, µs per poll, µs per poll without JIT and GC, tasks not finished. */
  private static double[] runOnce(Setup setup, int tasks, long intervalMs, int queueSeconds, int runSeconds)
      throws Exception {
    Process simulator = new ProcessBuilder(java(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
        BenchSimulator.class.getName(), "lognormal", Long.toString(queueSeconds * 1000L), "0.1",
        Long.toString(runSeconds * 1000L), "0.1")
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    Process client = null;
    try {
      BufferedReader fromSimulator =
          new BufferedReader(new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
      PrintWriter toSimulator =
          new PrintWriter(new OutputStreamWriter(simulator.getOutputStream(), StandardCharsets.UTF_8), true);
      String baseUrl = fromSimulator.readLine();
      while (baseUrl != null && !baseUrl.startsWith("http")) {
        baseUrl = fromSimulator.readLine();
      }
      client = new ProcessBuilder(java(), "-Xmx512m", "-cp", classPath(setup), InstrumentationCost.class.getName(),
          "child", setup.name(), baseUrl, Integer.toString(tasks), Long.toString(intervalMs))
          .redirectError(ProcessBuilder.Redirect.INHERIT)
          .start();
      BufferedReader fromClient = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      PrintWriter toClient = new PrintWriter(new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8), true);
      expect(fromClient, "submitted");
      toSimulator.println("polls");
      long polls0 = Long.parseLong(fromSimulator.readLine().trim());
      toClient.println("go");
      String[] done = expect(fromClient, "done").split(" ");
      toSimulator.println("polls");
      long polls = Long.parseLong(fromSimulator.readLine().trim()) - polls0;
      long cpu = Long.parseLong(done[1]);
      long appCpu = Long.parseLong(done[2]);
      long unfinished = Long.parseLong(done[3]);
      client.waitFor();
      return new double[] {polls, cpu / 1e3 / Math.max(1, polls), appCpu / 1e3 / Math.max(1, polls), unfinished};
    } finally {
      if (client != null) {
        client.destroy();
      }
      simulator.destroy();
    }
  }

  /** Reads lines until one starts with {@code word}, and returns it. */
  private static String expect(BufferedReader in, String word) throws IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.startsWith(word)) {
        return line;
      }
    }
    throw new IOException("the client process ended before it said '" + word + "'");
  }

  /** This JVM's class path, without Micrometer's jars for {@link Setup#ABSENT}. */
  private static String classPath(Setup setup) {
    String all = System.getProperty("java.class.path");
    if (setup != Setup.ABSENT) {
      return all;
    }
    return Arrays.stream(all.split(File.pathSeparator))
        .filter(entry -> !Path.of(entry).getFileName().toString().startsWith("micrometer-")
            && !Path.of(entry).getFileName().toString().startsWith("context-propagation")
            && !Path.of(entry).getFileName().toString().startsWith("resilience4j-micrometer"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /**
   * The client: submits every task, says {@code submitted}, waits for {@code go}, watches them all
   * to their end and says {@code done CPU_NANOS APP_CPU_NANOS UNFINISHED} for the watch phase.
   */
  private static void child(Setup setup, String baseUrl, int tasks, Duration interval) throws Exception {
    ClientOptions.Builder options = ClientOptions.builder().environment(Map.of()).systemProperties(new Properties())
        .provider("xalora").apiKey("sim-consumer#sim-key").baseUrl(baseUrl).pollInterval(interval);
    if (setup == Setup.NOOP || setup == Setup.SIMPLE) {
      Registries.apply(setup, options);
    }
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    try (TaskClient client = TaskClients.create(options.build())) {
      List<TaskHandle> handles = Flux.range(0, tasks)
          .flatMap(i -> client.submit(FluxLoraTask.builder().prompt("gecko " + i).loraName("gecko")
              .width(64).height(64).build()), 256)
          .collectList()
          .block();
      System.out.println("submitted");
      System.out.flush();
      if (!"go".equals(in.readLine())) {
        return;
      }
      ThreadCpu threads = new ThreadCpu();
      var sampler = Flux.interval(Duration.ofSeconds(1)).subscribe(t -> threads.sample());
      Map<ThreadCpu.Kind, Long> kinds0 = threads.totals();
      long cpu0 = os.getProcessCpuTime();
      AtomicInteger finished = new AtomicInteger();
      WatchOptions watch = WatchOptions.defaults().interval(interval).timeout(Duration.ofMinutes(10));
      Watches.each(handles.size(), i -> client.await(handles.get(i), watch).map(TaskResult::status), status -> {
        if (status == TaskStatus.FINISHED) {
          finished.incrementAndGet();
        }
      });
      long cpu = os.getProcessCpuTime() - cpu0;
      sampler.dispose();
      Map<ThreadCpu.Kind, Long> kinds = threads.totals();
      long app = threads.available() ? kinds.get(ThreadCpu.Kind.OTHER) - kinds0.get(ThreadCpu.Kind.OTHER) : cpu;
      System.out.println("done " + cpu + " " + app + " " + (tasks - finished.get()));
      System.out.flush();
    }
  }

  /** Micrometer's types, in a class of their own that the {@code absent} set-up never loads. */
  private static final class Registries {

    private Registries() {}

    static void apply(Setup setup, ClientOptions.Builder options) {
      switch (setup) {
        case NOOP -> options.observationRegistry(ObservationRegistry.NOOP);
        case SIMPLE -> {
          MeterRegistry meters = new SimpleMeterRegistry();
          ObservationRegistry observations = ObservationRegistry.create();
          observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
          options.meterRegistry(meters).observationRegistry(observations);
        }
        default -> {
          // no registry: the default
        }
      }
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
