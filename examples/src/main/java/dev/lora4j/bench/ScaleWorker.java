package dev.lora4j.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.lora4j.ClientOptions;
import dev.lora4j.PollSchedule;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.WatchOptions;
import dev.lora4j.xalora.FluxLoraTask;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One cell group of {@link ScaleTable}, in its own JVM: starts a fresh {@link BenchSimulator}
 * (the log-normal workload of {@link PollSchedules}) in a child process and one client, then runs
 * batches of N tasks in this JVM and client, the first in a fresh JVM, the next ones warm. Each
 * task is watched from the moment its submission is answered (at most 256 submissions in flight).
 * Prints one {@link ResultLine} per batch on standard output and progress on standard error.
 *
 * <p>Arguments: {@code tasks schedule [batches (2)]}, the schedule as {@link PollSchedules#parse}
 * reads it. System property {@code bench.simulatorXmx} (default {@code 4g}) sets the simulator's
 * heap. No assertions: shared machines are noisy.
 */
public final class ScaleWorker {

  private static final int SUBMISSIONS_IN_FLIGHT = 256;
  /** The client's default bound on requests waiting for one of its connections. */
  private static final int DEFAULT_PENDING_ACQUIRES = 20_000;

  private ScaleWorker() {}

  /**
   * Runs the batches.
   *
   * @param args tasks, schedule, and optionally the number of batches
   * @throws Exception if the simulator cannot be started
   */
  public static void main(String[] args) throws Exception {
    int tasks = Integer.parseInt(args[0]);
    PollSchedule schedule = PollSchedules.parse(args[1]);
    int batches = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    String simulatorXmx = "-Xmx" + System.getProperty("bench.simulatorXmx", "4g");
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "bench-sampler");
      t.setDaemon(true);
      return t;
    });
    try (SimulatorProcess simulator = SimulatorProcess.start(List.of(simulatorXmx), PollSchedules.LOG_NORMAL)) {
      ClientOptions.Builder options = ClientOptions.builder().environment(Map.of()).systemProperties(new Properties())
          .provider("xalora").apiKey("sim-consumer#sim-key").baseUrl(simulator.baseUrl());
      if (tasks > DEFAULT_PENDING_ACQUIRES / 2) {
        // every watched task may have a poll waiting for a connection at once
        options.pendingAcquireMaxCount(2 * tasks);
      }
      try (TaskClient client = TaskClients.create(options.build())) {
        for (int batch = 1; batch <= batches; batch++) {
          Map<String, Double> figures = batch(client, simulator, sampler, schedule, tasks);
          figures.put("batch", (double) batch);
          System.out.println(ResultLine.format(figures));
          System.out.flush();
          System.err.printf(Locale.ROOT, "  %d tasks %s batch %d: %.0f ended, %.1f s, %.1f polls per task%n", tasks,
              args[1], batch, figures.get("ended"), figures.get("wallS"), figures.get("pollsPerTask"));
        }
      }
    } finally {
      sampler.shutdownNow();
    }
  }

  private static Map<String, Double> batch(TaskClient client, SimulatorProcess simulator,
      ScheduledExecutorService sampler, PollSchedule schedule, int tasks) throws InterruptedException, ExecutionException {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // allocated before the heap is measured: the benchmark's own bookkeeping per task is not counted
    String[] ids = new String[tasks];
    long[] ended = new long[tasks];
    Arrays.fill(ended, -1);
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger peakThreads = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(tasks);
    WatchOptions watch = WatchOptions.defaults().pollSchedule(schedule).timeout(Duration.ofMinutes(15));
    ThreadCpu threadCpu = new ThreadCpu();

    long heapBefore = heapAfterGc(memory);
    boolean rssReset = resetPeakRss();
    Map<ThreadCpu.Kind, Long> kinds0 = sampler.submit(threadCpu::totals).get();
    var sampling = sampler.scheduleAtFixedRate(() -> {
      peakThreads.accumulateAndGet(threads.getThreadCount(), Math::max);
      threadCpu.sample();
    }, 0, 1, TimeUnit.SECONDS);
    long requests0 = simulator.requests();
    long polls0 = simulator.polls();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();

    Flux.range(0, tasks)
        .flatMap(i -> client.submit(FluxLoraTask.builder().prompt("gecko " + i).loraName("gecko").width(64).height(64).build())
            .doOnNext(handle -> {
              ids[i] = handle.id();
              client.watch(handle, watch).subscribe(
                  update -> {
                    if (update.status().isTerminal()) {
                      ended[i] = Arrivals.micros(Instant.now());
                    }
                  },
                  e -> {
                    failed.incrementAndGet();
                    done.countDown();
                  },
                  done::countDown);
            })
            .onErrorResume(e -> {
              failed.incrementAndGet();
              done.countDown();
              return Mono.empty();
            }), SUBMISSIONS_IN_FLIGHT)
        .then()
        .block();
    long submitNanos = System.nanoTime() - t0;
    // every task is submitted and those not ended yet are watched: what survives a GC is what watching costs
    long watching = done.getCount();
    long heapWatching = heapAfterGc(memory);
    done.await();
    long wallNanos = System.nanoTime() - t0;
    long cpu1 = os.getProcessCpuTime();
    sampling.cancel(false);
    Map<ThreadCpu.Kind, Long> kinds1 = sampler.submit(threadCpu::totals).get();
    peakThreads.accumulateAndGet(threads.getThreadCount(), Math::max);
    double peakRss = peakRssBytes();
    long requests = simulator.requests() - requests0;
    long polls = simulator.polls() - polls0;

    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < tasks; i++) {
      if (ids[i] != null) {
        index.put(ids[i], i);
      }
    }
    double[] delays = DetectionDelays.sorted(simulator.transitions(), DetectionDelays.ENDED, id -> {
      Integer i = index.get(id);
      return i == null ? -1 : ended[i];
    });
    long all = 0;
    for (ThreadCpu.Kind kind : ThreadCpu.Kind.values()) {
      all += kinds1.get(kind) - kinds0.get(kind);
    }

    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("tasks", (double) tasks);
    figures.put("ended", (double) Arrays.stream(ended).filter(t -> t >= 0).count());
    figures.put("failed", (double) failed.get());
    figures.put("wallS", wallNanos / 1e9);
    figures.put("submitS", submitNanos / 1e9);
    figures.put("httpCalls", (double) requests);
    figures.put("cpuPerCallUs", (cpu1 - cpu0) / 1e3 / Math.max(1, requests));
    figures.put("jitShare", threadCpu.available() ? 100.0 * (kinds1.get(ThreadCpu.Kind.JIT) - kinds0.get(ThreadCpu.Kind.JIT)) / Math.max(1, all) : Double.NaN);
    figures.put("gcShare", threadCpu.available() ? 100.0 * (kinds1.get(ThreadCpu.Kind.GC) - kinds0.get(ThreadCpu.Kind.GC)) / Math.max(1, all) : Double.NaN);
    figures.put("pollsPerTask", (double) polls / tasks);
    figures.put("endP50S", Stats.percentile(delays, 50));
    figures.put("endP95S", Stats.percentile(delays, 95));
    figures.put("endMaxS", Stats.percentile(delays, 100));
    figures.put("peakRssMiB", peakRss / 1048576.0);
    figures.put("rssReset", rssReset ? 1.0 : 0.0);
    figures.put("watchedAtHeapSample", (double) watching);
    figures.put("heapPerTaskKiB", watching == 0 ? Double.NaN : (heapWatching - heapBefore) / 1024.0 / watching);
    figures.put("threads", (double) peakThreads.get());
    return figures;
  }

  private static long heapAfterGc(MemoryMXBean memory) {
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** Sets the kernel's peak resident set size of this process back to its current size (Linux). */
  private static boolean resetPeakRss() {
    try {
      Files.writeString(Path.of("/proc/self/clear_refs"), "5");
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** The peak resident set size ({@code VmHWM}), in bytes; {@code NaN} where it cannot be read. */
  private static double peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: no figure
    }
    return Double.NaN;
  }
}
