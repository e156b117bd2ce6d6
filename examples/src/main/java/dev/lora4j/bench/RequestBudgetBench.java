package dev.lora4j.bench;

import dev.lora4j.ClientOptions;
import dev.lora4j.RateLimitedException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TextToImage;
import dev.lora4j.observation.Lora4jObservation;
import dev.lora4j.testkit.FaultKind;
import dev.lora4j.testkit.FaultPlan;
import dev.lora4j.testkit.RecordedRequest;
import dev.lora4j.testkit.XaloraSimulator;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * The request budget at the scale, each run against a fresh Xalora simulator in a child
 * process (2 s to 4 s queued, 5 s to 10 s running, 1 s poll interval): 10,000 tasks under a budget
 * of 2,000 requests a second, reporting the most requests the simulator received in any one-second
 * window and whether every task ended; then 5,000 tasks under the same budget against a simulator
 * answering 429 above 1,000 requests a second, reporting the rate the client settled at (median
 * requests a second over the busy seconds) and the share of 429 answers. Each is run three times,
 * the medians printed last. Asserts nothing: the machine is shared and noisy.
 *
 * <p>The most requests in one second is counted twice: as the client sent them (the start of each
 * HTTP attempt's {@code lora4j.*} observation, once its permit is granted) and as the simulator
 * received them. The two differ when either process stalls (a pause of the simulator lets requests
 * pile up in its socket and then handles them all at once); a provider's gateway counts them as
 * they arrive, much like the first. The first count needs Micrometer's observation API on the class
 * path, as the {@code bench-budget} profile has it; without it, that count is printed as -1.
 */
public final class RequestBudgetBench {

  /**
   * Whether Micrometer's observation API is on the class path (the {@code bench-budget} profile puts
   * it there; the lora4j command's jar has none): without it, requests are counted only as
   * received.
   */
  private static final boolean MICROMETER = present("io.micrometer.observation.ObservationRegistry");

  private RequestBudgetBench() {}

  private static boolean present(String className) {
    try {
      Class.forName(className, false, RequestBudgetBench.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /**
   * Runs the benchmark, or with {@code simulator} as the first argument the child simulator.
   *
   * @param args {@code [tasks (10000) [budget (2000) [limitTasks (5000) [limit (1000) [runs (3)]]]]]},
   *     or {@code simulator <rateLimit or 0>}
   * @throws Exception if the simulator cannot be started
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("simulator")) {
      simulator(Integer.parseInt(args[1]));
      return;
    }
    int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int budget = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int limitTasks = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
    int limit = args.length > 3 ? Integer.parseInt(args[3]) : 1_000;
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;

    List<long[]> budgetRuns = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      long[] r = run(tasks, budget, 0);
      System.out.printf(Locale.ROOT, "budget %d/s, %d tasks, run %d: %d ended, wall %.1f s, %d requests,"
          + " at most %d in one second as sent, %d as received%n", budget, tasks, i, r[0], r[1] / 1000.0, r[2], r[6],
          r[3]);
      budgetRuns.add(r);
    }
    List<long[]> limitRuns = new ArrayList<>();
    for (int i = 1; i <= runs; i++) {
      long[] r = run(limitTasks, budget, limit);
      System.out.printf(Locale.ROOT, "budget %d/s, %d tasks, 429 above %d/s, run %d: %d ended, wall %.1f s,"
              + " %d requests, %d answered 429 (%.2f%%), settled at %d a second%n",
          budget, limitTasks, limit, i, r[0], r[1] / 1000.0, r[2], r[4], 100.0 * r[4] / r[2], r[5]);
      limitRuns.add(r);
    }
    System.out.printf(Locale.ROOT, "median of %d: budget %d/s, %d tasks: all ended %s, at most %d requests in one"
            + " second as sent and %d as received (limit of the target: %d), wall %.1f s%n",
        runs, budget, tasks, budgetRuns.stream().allMatch(r -> r[0] == tasks), median(budgetRuns, 6),
        median(budgetRuns, 3), budget * 105 / 100, median(budgetRuns, 1) / 1000.0);
    System.out.printf(Locale.ROOT, "median of %d: 429 above %d/s: all ended %s, settled at %d a second,"
            + " 429 share %.2f%%%n",
        runs, limit, limitRuns.stream().allMatch(r -> r[0] == limitTasks), median(limitRuns, 5),
        limitRuns.stream().mapToDouble(r -> 100.0 * r[4] / r[2]).sorted().toArray()[runs / 2]);
  }

  /**
   * One run: {ended, wall ms, requests, most in one second as received, 429 answers, median per
   * second, most in one second as sent}.
   */
  private static long[] run(int tasks, int budget, int limit) throws Exception {
    Process child = new ProcessBuilder(
        java(), "-Xmx2g", "-cp", System.getProperty("java.class.path"), RequestBudgetBench.class.getName(),
        "simulator", Integer.toString(limit))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try {
      BufferedReader from = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      PrintWriter to = new PrintWriter(new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8), true);
      String baseUrl = from.readLine();
      ClientOptions.Builder builder = ClientOptions.builder().environment(Map.of()).systemProperties(new Properties())
          .provider("xalora").apiKey("sim-consumer#sim-key").baseUrl(baseUrl).pollInterval(Duration.ofSeconds(1))
          .requestBudget(budget);
      LongSupplier sent = MICROMETER ? SendTimes.install(builder) : () -> -1;
      ClientOptions options = builder.build();
      AtomicInteger ended = new AtomicInteger();
      long start = System.nanoTime();
      try (TaskClient client = TaskClients.create(options)) {
        Flux.range(0, tasks)
            .flatMap(i -> client.submit(TextToImage.builder().prompt("a gecko number " + i).lora("gecko")
                    .width(64).height(64).build())
                // the client never resends a submission answered 429; the application may
                .retryWhen(Retry.backoff(30, Duration.ofMillis(500)).filter(RateLimitedException.class::isInstance))
                .flatMap(handle -> client.watch(handle).last())
                .filter(update -> update.status().isTerminal())
                .doOnNext(update -> ended.incrementAndGet())
                .onErrorResume(e -> {
                  System.err.println("task lost: " + e);
                  return reactor.core.publisher.Mono.empty();
                }), tasks)
            .blockLast(Duration.ofMinutes(10));
      }
      long wall = (System.nanoTime() - start) / 1_000_000;
      to.println("stats");
      long[] stats = Arrays.stream(from.readLine().trim().split(" ")).mapToLong(Long::parseLong).toArray();
      return new long[] {ended.get(), wall, stats[0], stats[1], stats[2], stats[3], sent.getAsLong()};
    } finally {
      child.destroy();
    }
  }

  private static void simulator(int limit) throws IOException {
    FaultPlan faults = limit > 0 ? FaultPlan.builder().rateLimit(limit).build() : FaultPlan.none();
    XaloraSimulator sim = XaloraSimulator.builder()
        .queueTime(Duration.ofSeconds(2), Duration.ofSeconds(4))
        .runTime(Duration.ofSeconds(5), Duration.ofSeconds(10))
        .seed(42)
        .faults(faults)
        .build()
        .start();
    System.out.println(sim.baseUrl());
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    while (in.readLine() != null) {
      List<RecordedRequest> requests = sim.requests();
      long[] micros = Arrivals.of(requests);
      System.out.println(requests.size() + " " + Arrivals.maxInOneSecond(micros) + " " + sim.faultCount(FaultKind.RATE_LIMIT)
          + " " + medianPerSecond(micros));
      System.out.flush();
    }
    sim.close();
  }

  /** The median count of the whole seconds from the third on, up to the last quarter of the run. */
  private static int medianPerSecond(long[] micros) {
    if (micros.length == 0) {
      return 0;
    }
    int[] per = Arrivals.perSecond(micros);
    int seconds = per.length;
    int[] busy = seconds > 8 ? Arrays.copyOfRange(per, 3, seconds * 3 / 4) : per;
    Arrays.sort(busy);
    return busy[busy.length / 2];
  }

  /** When each HTTP attempt started, from its observation: the time its request went out. */
  private static final class SendTimes implements ObservationHandler<Observation.Context> {
    private final Queue<Long> micros = new ConcurrentLinkedQueue<>();

    /** Observes the client's requests; the result gives the most in one second as sent. */
    static LongSupplier install(ClientOptions.Builder builder) {
      SendTimes sent = new SendTimes();
      ObservationRegistry observations = ObservationRegistry.create();
      observations.observationConfig().observationHandler(sent);
      builder.observationRegistry(observations);
      return sent::maxInOneSecond;
    }

    @Override
    public void onStart(Observation.Context context) {
      if (!context.getName().equals(Lora4jObservation.TASK.getName())) {
        micros.add(Arrivals.micros(Instant.now()));
      }
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      return context.getName().startsWith("lora4j.");
    }

    long maxInOneSecond() {
      return Arrivals.maxInOneSecond(micros.stream().mapToLong(Long::longValue).sorted().toArray());
    }
  }

  private static long median(List<long[]> runs, int field) {
    return runs.stream().mapToLong(r -> r[field]).sorted().toArray()[runs.size() / 2];
  }

  private static String java() {
    return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
