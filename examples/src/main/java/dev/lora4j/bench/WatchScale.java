package dev.lora4j.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskResult;
import dev.lora4j.WatchOptions;
import dev.lora4j.xalora.FluxLoraTask;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;

/**
 * Benchmark of the scale target: one client watches N tasks at once (10,000 by default) against
 * the Xalora simulator, run in a child process so that only the client is measured here. Reports
 * the submit and watch times, the client's heap after GC per watched task, its live threads,
 * whether every task reached FINISHED, the number of HTTP calls the simulator received, and the
 * client's process CPU time per HTTP call (over the watch phase, and over submit and watch), and
 * the bytes its threads allocated per HTTP call while watching; with a run time of 30 s or more,
 * also per poll alone, from 10 s into the watch until 15 s before the run time, when every task is
 * watched and none has ended.
 *
 * <pre>
 * ./mvnw -q -DskipTests package
 * java -Xmx1g -cp examples/target/lora4j.jar dev.lora4j.bench.WatchScale [tasks] [pollIntervalMs] [runSeconds] [batches]
 * </pre>
 *
 * Or {@code ./mvnw -q -Pbench -pl examples -am verify -DskipTests}. Not part of the test suite: the
 * machines running it are shared and noisy, so it reports figures rather than asserting them.
 */
public final class WatchScale {

  /** When the window of polls alone opens, in seconds into the watch. */
  private static final long STEADY_FROM_SECONDS = 10;
  /** How long before the run time of a task the window closes: submitting may take that long. */
  private static final long STEADY_MARGIN_SECONDS = 15;

  private WatchScale() {}

  /**
   * Runs the benchmark.
   *
   * @param args tasks (10000), poll interval in ms (2000), simulated run time in s (20), batches
   *     run one after the other in the same JVM and client (1; from the second on, the JVM is warm)
   * @throws Exception if the simulator cannot be started
   */
  public static void main(String[] args) throws Exception {
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Duration interval = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 2_000);
    int runSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int batches = args.length > 3 ? Integer.parseInt(args[3]) : 1;

    try (SimulatorProcess simulator = SimulatorProcess.start(
        List.of("-Xmx2g", System.getProperty("bench.simulatorJvmOption", "-Dbench.simulator=true")),
        Integer.toString(runSeconds))) {
      String baseUrl = simulator.baseUrl();
      LongSupplier requests = simulator::requests;
      ClientOptions options = ClientOptions.builder().environment(Map.of()).systemProperties(new Properties())
          .provider("xalora").apiKey("sim-consumer#sim-key").baseUrl(baseUrl).pollInterval(interval).build();
      try (TaskClient client = TaskClients.create(options)) {
        for (int batch = 1; batch <= batches; batch++) {
          if (batches > 1) {
            System.out.printf(Locale.ROOT, "batch %d of %d (%s JVM)%n", batch, batches, batch == 1 ? "fresh" : "warm");
          }
          run(client, tasks, interval, runSeconds, requests);
        }
      }
    }
  }

  private static void run(TaskClient client, int tasks, Duration interval, int runSeconds, LongSupplier requests)
      throws InterruptedException {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long heapBefore = heapAfterGc(memory);
    int threadsBefore = threads.getThreadCount();

    ThreadCpu threadCpu = new ThreadCpu();
    Map<ThreadCpu.Kind, Long> kinds0 = threadCpu.totals();
    long requests0 = requests.getAsLong();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    List<TaskHandle> handles = Flux.range(0, tasks)
        .flatMap(i -> client.submit(FluxLoraTask.builder().prompt("gecko " + i).loraName("gecko").width(64).height(64).build()), 256)
        .collectList()
        .block();
    long submitNanos = System.nanoTime() - t0;
    long cpu1 = os.getProcessCpuTime();
    long requests1 = requests.getAsLong();

    AtomicInteger finished = new AtomicInteger();
    AtomicLong liveHeap = new AtomicLong();
    AtomicInteger peakThreads = new AtomicInteger();
    // five seconds in, every task is being watched: what survives a GC then is what watching costs
    // from 10 s in (every watch subscribed) until 15 s before the first task submitted can end,
    // only polls happen: what is allocated then is the cost of polls alone
    long steadyFrom = STEADY_FROM_SECONDS;
    long steadyUntil = runSeconds - STEADY_MARGIN_SECONDS;
    long[] steady = new long[4];
    var sampler = Flux.interval(Duration.ofSeconds(1)).subscribe(t -> {
      if (steadyUntil > steadyFrom && (t == steadyFrom || t == steadyUntil)) {
        steady[t == steadyFrom ? 0 : 2] = allocatedBytes(threads);
        steady[t == steadyFrom ? 1 : 3] = requests.getAsLong();
      }
      if (t == 5) {
        liveHeap.set(heapAfterGc(memory));
      }
      peakThreads.accumulateAndGet(threads.getThreadCount(), Math::max);
      threadCpu.sample();
    });
    long allocated1 = allocatedBytes(threads);
    long t1 = System.nanoTime();
    AtomicInteger watchedCount = new AtomicInteger();
    WatchOptions watchOptions = WatchOptions.defaults().interval(interval).timeout(Duration.ofMinutes(10));
    Watches.each(handles.size(), i -> client.await(handles.get(i), watchOptions).map(TaskResult::status), status -> {
      finished.incrementAndGet();
      watchedCount.incrementAndGet();
    });
    long watched = watchedCount.get();
    long watchNanos = System.nanoTime() - t1;
    long cpu2 = os.getProcessCpuTime();
    long allocated2 = allocatedBytes(threads);
    long requests2 = requests.getAsLong();
    sampler.dispose();
    Map<ThreadCpu.Kind, Long> kinds2 = threadCpu.totals();
    long heapWatching = liveHeap.get();

    System.out.printf(Locale.ROOT, "tasks submitted:        %d in %.1f s (%.0f/s)%n", handles.size(),
        submitNanos / 1e9, handles.size() / (submitNanos / 1e9));
    System.out.printf(Locale.ROOT, "tasks watched at once:  %d, %d finished, in %.1f s (poll interval %s)%n",
        watched, finished.get(), watchNanos / 1e9, interval);
    System.out.printf(Locale.ROOT, "client heap after GC:   %.1f MiB before, %.1f MiB while watching (%.1f KiB per watched task)%n",
        heapBefore / 1048576.0, heapWatching / 1048576.0, (heapWatching - heapBefore) / 1024.0 / Math.max(1, tasks));
    System.out.printf(Locale.ROOT, "client threads:         %d before, peak %d while watching%n", threadsBefore, peakThreads.get());
    // the heap samples' System.gc() runs inside the measured phases; they are few and the same every run
    System.out.printf(Locale.ROOT, "HTTP calls:             %d submitting, %d watching (%.1f polls per task)%n",
        requests1 - requests0, requests2 - requests1, (requests2 - requests1) / (double) Math.max(1, tasks));
    System.out.printf(Locale.ROOT, "client CPU per call:    %.0f µs watching, %.0f µs submitting and watching%n",
        perCallMicros(cpu2 - cpu1, requests2 - requests1), perCallMicros(cpu2 - cpu0, requests2 - requests0));
    System.out.printf(Locale.ROOT, "client allocation:      %.1f KiB per call watching%n",
        (allocated2 - allocated1) / 1024.0 / Math.max(1, requests2 - requests1));
    if (steady[3] > steady[1]) {
      System.out.printf(Locale.ROOT, "client allocation:      %.1f KiB per poll from %d s to %d s in, polls only (%d polls)%n",
          (steady[2] - steady[0]) / 1024.0 / (steady[3] - steady[1]), steadyFrom, steadyUntil, steady[3] - steady[1]);
    }
    if (threadCpu.available()) {
      double all = kinds2.values().stream().mapToLong(Long::longValue).sum() - kinds0.values().stream().mapToLong(Long::longValue).sum();
      System.out.printf(Locale.ROOT, "client CPU by threads:  %.0f%% JIT compiler, %.0f%% GC and VM, over submit and watch%n",
          100.0 * (kinds2.get(ThreadCpu.Kind.JIT) - kinds0.get(ThreadCpu.Kind.JIT)) / Math.max(1, all),
          100.0 * (kinds2.get(ThreadCpu.Kind.GC) - kinds0.get(ThreadCpu.Kind.GC)) / Math.max(1, all));
    }
  }

  /** The bytes the live threads have allocated so far (those of threads that ended are lost). */
  private static long allocatedBytes(ThreadMXBean threads) {
    if (!(threads instanceof com.sun.management.ThreadMXBean counted) || !counted.isThreadAllocatedMemorySupported()) {
      return 0;
    }
    long sum = 0;
    for (long bytes : counted.getThreadAllocatedBytes(threads.getAllThreadIds())) {
      sum += Math.max(0, bytes);
    }
    return sum;
  }

  private static double perCallMicros(long cpuNanos, long calls) {
    return cpuNanos / 1e3 / Math.max(1, calls);
  }

  private static long heapAfterGc(MemoryMXBean memory) {
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
