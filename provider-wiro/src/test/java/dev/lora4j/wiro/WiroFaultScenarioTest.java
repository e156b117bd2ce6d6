package dev.lora4j.wiro;

import static dev.lora4j.wiro.WiroTests.WAIT;
import static dev.lora4j.wiro.WiroTests.assertNoRepeatedUpdate;
import static dev.lora4j.wiro.WiroTests.quick;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.WatchOptions;
import dev.lora4j.testkit.EndpointFaults;
import dev.lora4j.testkit.FaultKind;
import dev.lora4j.testkit.FaultPlan;
import dev.lora4j.testkit.WiroSimulator;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The Wiro provider against a {@link WiroSimulator} that injects HTTP faults. */
class WiroFaultScenarioTest {

  /** Patient retries: at a 45% fault share, 40 attempts all failing has odds of about 1e-14. */
  private static final WatchOptions PATIENT = WatchOptions.defaults()
      .retry(RetryConfig.custom().maxAttempts(40).waitDuration(Duration.ofMillis(20)).build());

  private WiroSimulator sim;
  private TaskClient client;

  private void start(WiroSimulator.Builder builder, String tracking) {
    sim = builder.build().start();
    client = TaskClients.create(WiroTests.options(sim, tracking, Map.of()).build());
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private static FaultPlan detailFaults(long seed) {
    return FaultPlan.builder().seed(seed)
        .forEndpoint(WiroSimulator.TASK_DETAIL, EndpointFaults.builder()
            .serverErrors(0.15).drops(0.1).malformedBodies(0.1).rateLimits(0.1, Duration.ZERO)
            .latency(0.2, Duration.ofMillis(30)).build())
        .build();
  }

  @Test
  void everyStreamReachesTheTrueTerminalStatusDespiteDetailFaults() {
    start(quick().failureRate(0.3).seed(3), "polling");
    sim.faults(detailFaults(11));

    List<List<TaskUpdate>> streams = Flux.range(0, 6)
        .flatMap(i -> client.runAndWatch(FluxLoraFast.builder().prompt("fox " + i).width(64).height(64).build(), PATIENT)
            .collectList())
        .collectList().block(WAIT);

    assertThat(streams).hasSize(6);
    for (List<TaskUpdate> updates : streams) {
      assertNoRepeatedUpdate(updates);
      TaskUpdate last = updates.get(updates.size() - 1);
      String wireStatus = sim.status(last.handle().id()).orElseThrow();
      String pexit = sim.task(last.handle().id()).orElseThrow().get("pexit").asString();
      assertThat(wireStatus).isEqualTo("task_postprocess_end");
      assertThat(last.status()).isEqualTo(pexit.equals("0") ? TaskStatus.FINISHED : TaskStatus.FAILED);
    }
    assertThat(streams).extracting(u -> u.get(u.size() - 1).status()).contains(TaskStatus.FINISHED, TaskStatus.FAILED);
    assertThat(sim.requests(WiroSimulator.RUN)).hasSize(6);
    for (FaultKind kind : List.of(FaultKind.SERVER_ERROR, FaultKind.DROPPED_CONNECTION, FaultKind.MALFORMED_BODY, FaultKind.RATE_LIMIT)) {
      assertThat(sim.faultCount(WiroSimulator.TASK_DETAIL, kind)).as(kind.name()).isPositive();
    }
  }

  @Test
  void aFailedTerminalDetailOfASocketWatchIsTakenOverByPolling() {
    start(quick(), "websocket");
    sim.faults(FaultPlan.builder()
        .forEndpoint(WiroSimulator.TASK_DETAIL, EndpointFaults.builder().serverErrors(1.0).build()).build());

    CompletableFuture<TaskResult> run =
        client.run(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build(), PATIENT).toFuture();
    WiroTests.awaitCondition("the socket's Task/Detail fails",
        () -> sim.faultCount(WiroSimulator.TASK_DETAIL, FaultKind.SERVER_ERROR) >= 1);
    sim.faults(FaultPlan.none());
    TaskResult result = run.join();

    String id = sim.taskIds().get(0);
    assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    assertThat(result.outputs()).hasSize(1);
    assertThat(sim.calls(WiroSimulator.SOCKET, id)).isEqualTo(1);
    assertThat(sim.calls(WiroSimulator.TASK_DETAIL, id)).isGreaterThanOrEqualTo(2);
    assertThat(sim.requests(WiroSimulator.RUN)).hasSize(1);
  }

  @Test
  void waitsAtLeastRetryAfterOnA429() {
    start(quick(), "polling");
    TaskHandle handle = client.submit(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build()).block(WAIT);
    sim.faults(FaultPlan.builder().forEndpoint(WiroSimulator.TASK_DETAIL,
        EndpointFaults.builder().rateLimits(1.0, Duration.ofSeconds(1)).build()).build());
    Instant start = Instant.now();

    CompletableFuture<TaskUpdate> status = client.status(handle).toFuture();
    WiroTests.awaitCondition("the 429", () -> sim.faultCount(WiroSimulator.TASK_DETAIL, FaultKind.RATE_LIMIT) == 1);
    sim.faults(FaultPlan.none());
    TaskUpdate update = status.join();

    assertThat(update.handle()).isEqualTo(handle);
    assertThat(sim.requests(WiroSimulator.TASK_DETAIL)).hasSize(2);
    assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aRunThatMayHaveReachedWiroIsNeverSentAgain() {
    start(quick(), "polling");
    List<EndpointFaults> faults = List.of(
        EndpointFaults.builder().serverErrors(1.0).build(),
        EndpointFaults.builder().drops(1.0).build(),
        EndpointFaults.builder().malformedBodies(1.0).build());

    for (EndpointFaults fault : faults) {
      sim.faults(FaultPlan.builder().forEndpoint(WiroSimulator.RUN, fault).build());
      int before = sim.requests(WiroSimulator.RUN).size();

      StepVerifier.create(client.run(FluxLoraFast.of("a fox", WiroLora.MOVIE_POSTER)).retry(2))
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(ProviderUnavailableException.class,
              u -> assertThat(u.requestSent()).isTrue()))
          .verify(WAIT);
      assertThat(sim.requests(WiroSimulator.RUN)).as(fault.toString()).hasSize(before + 1);
    }
  }
}
