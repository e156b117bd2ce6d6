package dev.lora4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.testkit.EndpointFaults;
import dev.lora4j.testkit.FaultKind;
import dev.lora4j.testkit.FaultPlan;
import dev.lora4j.testkit.WiroSimulator;
import dev.lora4j.testkit.XaloraSimulator;
import dev.lora4j.wiro.FluxLoraFast;
import dev.lora4j.wiro.WiroLora;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * A thousand billed tasks per provider, followed with the default watch settings while the
 * provider's status endpoint answers 20% HTTP 500, 5% 429 with {@code Retry-After: 1}, 2% answers
 * cut halfway, 1% truncated JSON and 3% stale answers: every task ends at the status the provider
 * holds for it, none is submitted twice, and no watch ends with an error.
 */
class FaultSoakScenarioTest {

  private static final int TASKS = 1_000;
  private static final Duration POLL = Duration.ofMillis(250);

  /** The fault mix the issue measured lost tasks with. */
  private static EndpointFaults mix() {
    return EndpointFaults.builder()
        .serverErrors(0.20)
        .rateLimits(0.05, Duration.ofSeconds(1))
        .cutAnswers(0.02)
        .malformedBodies(0.01)
        .staleAnswers(0.03)
        .build();
  }

  /**
   * What the soak saw: each task's terminal status by id, every watch that ended otherwise, when
   * the last submission answered and when the last watch ended.
   */
  private record Outcome(Map<String, TaskStatus> ended, List<Throwable> lost, Duration submitted, Duration took) {}

  private static Outcome soak(TaskClient client, IntFunction<TaskRequest> request) {
    Map<String, TaskStatus> ended = new ConcurrentHashMap<>();
    List<Throwable> lost = new CopyOnWriteArrayList<>();
    long start = System.nanoTime();
    AtomicLong lastSubmitted = new AtomicLong(start);
    Flux.range(0, TASKS)
        .flatMap(i -> client.submit(request.apply(i))
            .doOnNext(handle -> lastSubmitted.accumulateAndGet(System.nanoTime(), Math::max))
            .flatMap(handle -> client.watch(handle).last().doOnNext(u -> ended.put(handle.id(), u.status())))
            .onErrorResume(e -> {
              lost.add(e);
              return Mono.empty();
            }), TASKS)
        .then()
        .block();
    return new Outcome(ended, lost, Duration.ofNanos(lastSubmitted.get() - start), Duration.ofNanos(System.nanoTime() - start));
  }

  private static void report(String provider, Outcome outcome, long requests, Map<FaultKind, Long> faults) {
    System.out.printf("soak %s: %d tasks, %d ended, %d lost, %d status requests, faults %s,"
            + " all submitted after %d ms, all ended after %d ms%n",
        provider, TASKS, outcome.ended().size(), outcome.lost().size(), requests, faults,
        outcome.submitted().toMillis(), outcome.took().toMillis());
  }

  private static ClientOptions options(Map<String, String> env) {
    return ClientOptions.builder().environment(env).systemProperties(new Properties()).pollInterval(POLL).build();
  }

  @Test
  @Timeout(600)
  void everyXaloraTaskReachesItsTrueTerminalStatusThroughFaults() {
    try (XaloraSimulator sim = XaloraSimulator.builder()
            .queueTime(Duration.ofMillis(500), Duration.ofMillis(1500)).runTime(Duration.ofSeconds(1), Duration.ofSeconds(3))
            .failureRate(0.1).seed(42)
            .faults(FaultPlan.builder().seed(8).forEndpoint(XaloraSimulator.TASK_RESULT_QUERY, mix()).build())
            .build().start();
         TaskClient client = TaskClients.create(options(Map.of(
             "XALORA_API_KEY", XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY,
             "XALORA_WORKFLOW_URL", sim.baseUrl().toString())))) {

      Outcome outcome = soak(client, i -> TextToImage.builder().prompt("a gecko number " + i).lora("gecko")
          .width(64).height(64).build());

      Map<FaultKind, Long> faults = new java.util.EnumMap<>(FaultKind.class);
      for (FaultKind kind : FaultKind.values()) {
        faults.put(kind, sim.faultCount(XaloraSimulator.TASK_RESULT_QUERY, kind));
      }
      report("xalora", outcome, sim.requests(XaloraSimulator.TASK_RESULT_QUERY).size(), faults);
      assertThat(outcome.lost()).as("watches that ended without the task's terminal status").isEmpty();
      assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).as("each task submitted once").hasSize(TASKS);
      assertThat(outcome.ended()).hasSize(TASKS);
      outcome.ended().forEach((id, status) -> assertThat(status).as("task " + id)
          .isEqualTo(TaskStatus.valueOf(sim.status(id).orElseThrow().toUpperCase(java.util.Locale.ROOT))));
      assertThat(outcome.ended().values()).contains(TaskStatus.FINISHED, TaskStatus.FAILED);
      assertThat(faults.get(FaultKind.SERVER_ERROR)).isPositive();
      assertThat(faults.get(FaultKind.RATE_LIMIT)).isPositive();
      assertThat(faults.get(FaultKind.CUT_ANSWER)).isPositive();
      assertThat(faults.get(FaultKind.MALFORMED_BODY)).isPositive();
      assertThat(faults.get(FaultKind.STALE_ANSWER)).isPositive();
    }
  }

  @Test
  @Timeout(600)
  void everyWiroTaskReachesItsTrueTerminalStatusThroughFaults() {
    try (WiroSimulator sim = WiroSimulator.builder()
            .queueTime(Duration.ofMillis(500), Duration.ofMillis(1500)).runTime(Duration.ofSeconds(1), Duration.ofSeconds(3))
            .failureRate(0.1).preExecutionFailureRate(0.05).seed(42)
            .faults(FaultPlan.builder().seed(8).forEndpoint(WiroSimulator.TASK_DETAIL, mix()).build())
            .build().start();
         TaskClient client = TaskClients.create(options(Map.of(
             "WIRO_API_KEY", WiroSimulator.DEFAULT_API_KEY, "WIRO_API_SECRET", WiroSimulator.DEFAULT_API_SECRET,
             "WIRO_BASE_URL", sim.baseUrl().toString(), "WIRO_SOCKET_URL", sim.socketUrl().toString(),
             "WIRO_TRACKING", "polling")))) {

      Outcome outcome = soak(client, i -> FluxLoraFast.builder().prompt("a gecko number " + i).lora(WiroLora.WPAP_ART)
          .width(64).height(64).build());

      Map<FaultKind, Long> faults = new java.util.EnumMap<>(FaultKind.class);
      for (FaultKind kind : FaultKind.values()) {
        faults.put(kind, sim.faultCount(WiroSimulator.TASK_DETAIL, kind));
      }
      report("wiro", outcome, sim.requests(WiroSimulator.TASK_DETAIL).size(), faults);
      assertThat(outcome.lost()).as("watches that ended without the task's terminal status").isEmpty();
      assertThat(sim.requests(WiroSimulator.RUN)).as("each task submitted once").hasSize(TASKS);
      assertThat(outcome.ended()).hasSize(TASKS);
      outcome.ended().forEach((id, status) -> assertThat(status).as("task " + id).isEqualTo(trueStatus(sim.task(id).orElseThrow())));
      assertThat(outcome.ended().values()).contains(TaskStatus.FINISHED, TaskStatus.FAILED);
      assertThat(faults.get(FaultKind.STALE_ANSWER)).isPositive();
      assertThat(faults.get(FaultKind.CUT_ANSWER)).isPositive();
    }
  }

  /** The status a Wiro task really has, by the wire spec's table. */
  private static TaskStatus trueStatus(JsonNode task) {
    String status = task.get("status").stringValue();
    switch (status) {
      case "task_postprocess_end":
        return task.get("pexit").stringValue().equals("0") ? TaskStatus.FINISHED : TaskStatus.FAILED;
      case "task_error":
        return TaskStatus.FAILED;
      case "task_cancel":
        return TaskStatus.CANCELED;
      default:
        throw new AssertionError("task " + task.get("id") + " has not ended: " + status);
    }
  }
}
