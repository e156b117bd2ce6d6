package dev.lora4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.bench.Arrivals;
import dev.lora4j.testkit.EndpointFaults;
import dev.lora4j.testkit.FaultKind;
import dev.lora4j.testkit.FaultPlan;
import dev.lora4j.testkit.RecordedRequest;
import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * The request budget of one client over real loopback HTTP against the Xalora simulator: the
 * simulator never sees more than the budget (plus 5%) in any one-second window, every task still
 * ends, submissions overtake queued polls, no task's polls starve, and under a simulator that
 * answers 429 above a rate the client settles below that rate with few 429s.
 */
class RequestBudgetScenarioTest {

  private static final String KEY = XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY;

  private static XaloraSimulator simulator(FaultPlan faults) {
    return simulator(faults, Duration.ofMillis(500), Duration.ofMillis(1000));
  }

  private static XaloraSimulator simulator(FaultPlan faults, Duration queue, Duration run) {
    return XaloraSimulator.builder()
        .queueTime(queue, queue.multipliedBy(2))
        .runTime(run, run.multipliedBy(2))
        .seed(7)
        .faults(faults)
        .build()
        .start();
  }

  private static TaskClient client(XaloraSimulator sim, Duration poll, UnaryOperator<ClientOptions.Builder> settings) {
    ClientOptions.Builder options = ClientOptions.builder()
        .environment(Map.of("XALORA_API_KEY", KEY, "XALORA_WORKFLOW_URL", sim.baseUrl().toString()))
        .systemProperties(new Properties())
        .pollInterval(poll);
    return TaskClients.create(settings.apply(options).build());
  }

  private static TaskRequest request(int i) {
    return TextToImage.builder().prompt("a gecko number " + i).lora("gecko").width(64).height(64).build();
  }

  /** Submits and watches {@code tasks} tasks, {@code perSecond} submissions a second (0: all at once); their terminal statuses by id. */
  private static Map<String, TaskStatus> runAll(TaskClient client, int tasks, int perSecond) {
    Map<String, TaskStatus> ended = new ConcurrentHashMap<>();
    Flux<Integer> indices = Flux.range(0, tasks);
    if (perSecond > 0) {
      indices = indices.delayElements(Duration.ofNanos(1_000_000_000L / perSecond));
    }
    // The client does not retry a submission answered 429 (see Retries); the application does.
    indices.flatMap(i -> client.submit(request(i))
            .retryWhen(Retry.backoff(20, Duration.ofMillis(500)).filter(RateLimitedException.class::isInstance))
            .flatMap(handle -> client.watch(handle).last().doOnNext(u -> ended.put(handle.id(), u.status()))), tasks)
        .then()
        .block(Duration.ofMinutes(3));
    return ended;
  }

  /** The most requests received in any window of one second, sliding. */
  static int maxInOneSecond(List<RecordedRequest> requests) {
    return Arrivals.maxInOneSecond(Arrivals.of(requests));
  }

  /** The longest time between two polls of one task, over all tasks. */
  private static Duration longestPollGap(List<RecordedRequest> polls) {
    Map<String, Instant> last = new HashMap<>();
    long longest = 0;
    for (RecordedRequest poll : polls) {
      String id = poll.param("task_id");
      Instant before = last.put(id, poll.receivedAt());
      if (before != null) {
        longest = Math.max(longest, Duration.between(before, poll.receivedAt()).toMillis());
      }
    }
    return Duration.ofMillis(longest);
  }

  /**
   * Once the simulator has received {@code polls} polls, submits three tasks and checks that they
   * are among the first five requests the simulator receives from then on.
   */
  private static void assertSubmissionsGoFirst(XaloraSimulator sim, TaskClient client, int polls) {
    Flux.interval(Duration.ofMillis(20))
        .filter(tick -> sim.requests(XaloraSimulator.TASK_RESULT_QUERY).size() >= polls)
        .next()
        .block(Duration.ofSeconds(20));
    Instant asked = Instant.now();

    Flux.range(100, 3).flatMap(i -> client.submit(request(i))).collectList().block(Duration.ofSeconds(10));

    List<String> after = new ArrayList<>();
    for (RecordedRequest r : sim.requests()) {
      if (!r.receivedAt().isBefore(asked)) {
        after.add(r.endpoint());
      }
    }
    List<String> first = after.subList(0, Math.min(5, after.size()));
    assertThat(first).as("the first requests the simulator saw after the submissions were made: " + first)
        .filteredOn(XaloraSimulator.TASK_CREATE::equals).hasSize(3);
  }

  @Test
  @Timeout(120)
  void neverExceedsTheBudgetInAnySecondAndEveryTaskEnds() {
    int tasks = 2_000;
    int budget = 500;
    try (XaloraSimulator sim = simulator(FaultPlan.none(), Duration.ofSeconds(1), Duration.ofSeconds(3));
         TaskClient client = client(sim, Duration.ofSeconds(1), o -> o.requestBudget(budget))) {

      Map<String, TaskStatus> ended = runAll(client, tasks, 0);

      List<RecordedRequest> requests = sim.requests();
      int max = maxInOneSecond(requests);
      Duration gap = longestPollGap(sim.requests(XaloraSimulator.TASK_RESULT_QUERY));
      System.out.printf("budget %d/s: %d tasks, %d requests, at most %d in one second, longest gap between polls %d ms%n",
          budget, tasks, requests.size(), max, gap.toMillis());
      assertThat(ended).hasSize(tasks);
      assertThat(ended.values()).allMatch(TaskStatus::isTerminal);
      assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).hasSize(tasks);
      assertThat(max).as("requests in the busiest second").isLessThanOrEqualTo((int) (budget * 1.05));
      assertThat(max).as("the budget is used, not undercut").isGreaterThan((int) (budget * 0.8));
      // every queued poll waits at most for the others (tasks / budget), after the submissions
      // that went first (tasks / budget again), plus the interval
      Duration bound = Duration.ofMillis(2_000L * tasks / budget + 1_000 + 2_000);
      assertThat(gap).as("the longest wait between two polls of one task").isLessThanOrEqualTo(bound);
    }
  }

  @Test
  @Timeout(60)
  void submissionsGoBeforeQueuedPolls() {
    try (XaloraSimulator sim = simulator(FaultPlan.none());
         TaskClient client = client(sim, Duration.ofMillis(100), o -> o.requestBudget(20))) {
      // 30 watched tasks polling every 100 ms want 300 requests a second: polls queue up
      List<TaskHandle> handles = Flux.range(0, 30).flatMap(i -> client.submit(request(i))).collectList().block();
      handles.forEach(h -> client.watch(h).subscribe());
      assertSubmissionsGoFirst(sim, client, 20);
    }
  }

  @Test
  @Timeout(60)
  void withEveryConnectionBusySubmissionsStillGoBeforeQueuedPolls() {
    // status answers take 300 ms and the pool has 2 connections: polls queue for a connection,
    // not for a permit (the budget allows 1000 a second)
    FaultPlan slowStatus = FaultPlan.builder()
        .forEndpoint(XaloraSimulator.TASK_RESULT_QUERY, EndpointFaults.builder().latency(1.0, Duration.ofMillis(300)).build())
        .build();
    try (XaloraSimulator sim = simulator(FaultPlan.none());
         TaskClient client = client(sim, Duration.ofMillis(100), o -> o.requestBudget(1000).maxConnections(2))) {
      List<TaskHandle> handles = Flux.range(0, 30).flatMap(i -> client.submit(request(i))).collectList().block();
      sim.faults(slowStatus);
      handles.forEach(h -> client.watch(h).subscribe());
      // at most the two polls already granted a connection may come first
      assertSubmissionsGoFirst(sim, client, 10);
    }
  }

  @Test
  @Timeout(120)
  void settlesBelowTheProvidersRateLimitWithFew429s() {
    int limit = 200;
    int tasks = 400;
    try (XaloraSimulator sim = simulator(FaultPlan.none());
         TaskClient client = client(sim, Duration.ofSeconds(1), o -> o.requestBudget(2 * limit))) {
      int warm = warmUp(client, sim, limit);

      Map<String, TaskStatus> ended = runAll(client, tasks, 0);

      report("budget " + 2 * limit + "/s", sim, warm, limit, tasks);
      assertThat(ended).hasSize(tasks);
      assertSettled(sim, warm, limit);
    }
  }

  @Test
  @Timeout(120)
  void withoutABudgetTheAdaptiveRateStillSettlesBelowTheLimit() {
    int limit = 200;
    int tasks = 300;
    try (XaloraSimulator sim = simulator(FaultPlan.none());
         TaskClient client = client(sim, Duration.ofMillis(250), o -> o.adaptiveRate(true))) {
      int warm = warmUp(client, sim, limit);

      // submitted at half the limit, since nothing can stop a first burst of submissions above it
      Map<String, TaskStatus> ended = runAll(client, tasks, limit / 2);

      report("no budget, adaptive", sim, warm, limit, tasks);
      assertThat(ended).hasSize(tasks);
      assertSettled(sim, warm, limit);
    }
  }

  /**
   * Runs a first batch below the limit, so that a cold JVM (client and simulator share it) does not
   * hold requests back and then let them arrive in one burst; then installs the rate limit.
   *
   * @return how many requests the warm-up made
   */
  private static int warmUp(TaskClient client, XaloraSimulator sim, int limit) {
    runAll(client, 100, limit / 2);
    int made = sim.requests().size();
    sim.faults(FaultPlan.builder().rateLimit(limit).build());
    return made;
  }

  private static void report(String setting, XaloraSimulator sim, int warm, int limit, int tasks) {
    List<RecordedRequest> requests = measured(sim, warm);
    System.out.printf("%s against a limit of %d/s: %d tasks, %d requests, %d answered 429, median %d a second%n",
        setting, limit, tasks, requests.size(), sim.faultCount(FaultKind.RATE_LIMIT), medianPerSecond(requests));
  }

  private static List<RecordedRequest> measured(XaloraSimulator sim, int warm) {
    List<RecordedRequest> all = sim.requests();
    return all.subList(warm, all.size());
  }

  private static void assertSettled(XaloraSimulator sim, int warm, int limit) {
    List<RecordedRequest> requests = measured(sim, warm);
    double share = (double) sim.faultCount(FaultKind.RATE_LIMIT) / requests.size();
    assertThat(share).as("share of requests answered 429").isLessThan(0.05);
    assertThat(medianPerSecond(requests)).as("requests a second, once settled").isLessThan(limit);
  }

  /** The median of the requests received in each whole second after the first three, before the last three. */
  static int medianPerSecond(List<RecordedRequest> requests) {
    long[] micros = Arrivals.of(requests);
    if (micros.length == 0) {
      return 0;
    }
    int[] perSecond = Arrivals.perSecond(micros);
    int seconds = perSecond.length;
    int[] settled = seconds > 6 ? Arrays.copyOfRange(perSecond, 3, seconds - 3) : perSecond;
    Arrays.sort(settled);
    return settled[settled.length / 2];
  }
}
