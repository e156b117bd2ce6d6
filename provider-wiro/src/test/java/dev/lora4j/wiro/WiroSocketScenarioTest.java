package dev.lora4j.wiro;

import static dev.lora4j.wiro.WiroTests.WAIT;
import static dev.lora4j.wiro.WiroTests.assertNoRepeatedUpdate;
import static dev.lora4j.wiro.WiroTests.download;
import static dev.lora4j.wiro.WiroTests.quick;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskFailedException;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.WatchOptions;
import dev.lora4j.spi.ProviderFacades;
import dev.lora4j.testkit.RecordedRequest;
import dev.lora4j.testkit.WiroSimulator;
import dev.lora4j.wiro.internal.WiroProvider;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

/** The Wiro provider following tasks over the status WebSocket of {@link WiroSimulator}. */
class WiroSocketScenarioTest {

  private WiroSimulator sim;
  private TaskClient client;
  private WiroProvider provider;

  private void start(WiroSimulator.Builder builder, String tracking) {
    start(builder, tracking, Map.of());
  }

  private void start(WiroSimulator.Builder builder, String tracking, Map<String, String> env) {
    sim = builder.build().start();
    ClientOptions options = WiroTests.options(sim, tracking, env).build();
    ProviderFacades.Facade<WiroProvider> facade = ProviderFacades.open(new WiroProviderFactory(), WiroProvider.class, options);
    provider = facade.provider();
    client = facade.taskClient();
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

  @Test
  void followsTheTaskOverTheSocketAndReadsTaskDetailOnceAtTheEnd() throws Exception {
    // queued long enough for the socket to be open before task_accept, even on a slow machine
    start(quick().queueTime(Duration.ofMillis(600)), "auto");

    List<TaskUpdate> updates = client.runAndWatch(FluxLoraFast.builder().prompt("a fox").width(96).height(64).build())
        .collectList().block(WAIT);

    String id = sim.taskIds().get(0);
    assertThat(sim.calls(WiroSimulator.SOCKET, id)).isEqualTo(1);
    assertThat(sim.calls(WiroSimulator.TASK_DETAIL, id)).isEqualTo(1);
    List<String> order = sim.requests().stream().map(RecordedRequest::endpoint)
        .filter(e -> !e.equals(WiroSimulator.FILES)).toList();
    assertThat(order).last().isEqualTo(WiroSimulator.TASK_DETAIL);
    assertThat(order).containsSubsequence(WiroSimulator.SOCKET, WiroSimulator.TASK_DETAIL);

    RecordedRequest registration = sim.requests(WiroSimulator.SOCKET).get(0);
    assertThat(registration.header("x-api-key")).isNull();
    assertThat(registration.header("x-signature")).isNull();
    assertThat(registration.param("type")).isEqualTo("task_info");
    assertThat(registration.param("tasktoken")).isEqualTo(updates.get(0).handle().token());

    assertThat(updates).extracting(TaskUpdate::providerStatus)
        .containsSubsequence("task_accept", "task_start", "task_output", "task_end", "task_postprocess_end");
    assertThat(updates).filteredOn(u -> u.progress().isPresent()).extracting(u -> u.progress().getAsDouble())
        .containsSubsequence(0.5, 1.0);
    assertThat(updates).anySatisfy(u -> assertThat(u.message()).hasValue("Loading model weights and LoRA"));
    assertNoRepeatedUpdate(updates);
    TaskUpdate last = updates.get(updates.size() - 1);
    assertThat(last.status()).isEqualTo(TaskStatus.FINISHED);
    TaskResult result = last.result().orElseThrow();
    assertThat(result.detail(WiroDetails.PEXIT)).hasValue("0");
    assertThat(download(result.outputs().get(0)).getWidth()).isEqualTo(96);
    WiroTests.awaitCondition("the socket is closed", () -> provider.openSockets() == 0);
  }

  @Test
  void anEarlySocketCloseFallsBackToPollingWithoutRepeatingAnUpdate() {
    start(quick().closeSocketsAfter(2), "websocket");

    List<TaskUpdate> updates = client.runAndWatch(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build())
        .collectList().block(WAIT);

    String id = sim.taskIds().get(0);
    assertThat(sim.calls(WiroSimulator.SOCKET, id)).isEqualTo(1);
    assertThat(sim.calls(WiroSimulator.TASK_DETAIL, id)).isPositive();
    assertNoRepeatedUpdate(updates);
    assertThat(updates).extracting(TaskUpdate::status).containsOnlyOnce(TaskStatus.FINISHED);
    assertThat(updates.get(updates.size() - 1).status()).isEqualTo(TaskStatus.FINISHED);
    assertThat(updates.get(updates.size() - 1).result().orElseThrow().outputs()).hasSize(1);
  }

  @Test
  void aTaskThatFailsBeforeItRunsEndsFailedAfterTheSocketClosesAndSignalsItsDebugError() {
    // queued long enough for the socket to be open before the failure, even on a slow machine
    start(quick().queueTime(Duration.ofMillis(600)).preExecutionFailureRate(1.0), "auto");

    StepVerifier.create(client.run(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build(),
            WatchOptions.defaults().timeout(Duration.ofHours(1))))
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(TaskFailedException.class);
          TaskResult result = ((TaskFailedException) e).result();
          assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
          assertThat(result.error()).hasValue(WiroSimulator.PRE_EXECUTION_ERROR);
          assertThat(result.outputs()).isEmpty();
        })
        .verify(WAIT);
    String id = sim.taskIds().get(0);
    assertThat(sim.calls(WiroSimulator.SOCKET, id)).isEqualTo(1);
    assertThat(sim.calls(WiroSimulator.TASK_DETAIL, id)).isPositive();
    assertThat(sim.requests().stream().map(RecordedRequest::endpoint).toList())
        .containsSubsequence(WiroSimulator.SOCKET, WiroSimulator.TASK_DETAIL);
    WiroTests.awaitCondition("the socket is closed", () -> provider.openSockets() == 0);
  }

  @Test
  void pollingModeOpensNoSocket() {
    start(quick(), "polling");

    TaskResult result = client.run(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build()).block(WAIT);

    assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    assertThat(sim.requests(WiroSimulator.SOCKET)).isEmpty();
    assertThat(sim.requests(WiroSimulator.TASK_DETAIL)).isNotEmpty();
  }

  @Test
  void websocketModeReadsTheTokenOfAHandleWithoutOne() {
    start(quick().queueTime(Duration.ofMillis(200)), "websocket");
    TaskHandle submitted = client.submit(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build()).block(WAIT);
    TaskHandle resumed = TaskHandle.of("wiro", submitted.id());

    TaskResult result = client.await(resumed).block(WAIT);

    assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    assertThat(sim.calls(WiroSimulator.SOCKET, submitted.id())).isEqualTo(1);
    assertThat(sim.requests(WiroSimulator.SOCKET).get(0).param("tasktoken")).isEqualTo(submitted.token());
    assertThat(sim.calls(WiroSimulator.TASK_DETAIL, submitted.id())).isEqualTo(2);
  }

  @Test
  void autoModePollsAHandleWithoutAToken() {
    start(quick(), "auto");
    TaskHandle submitted = client.submit(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build()).block(WAIT);

    TaskResult result = client.await(TaskHandle.of("wiro", submitted.id())).block(WAIT);

    assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    assertThat(sim.requests(WiroSimulator.SOCKET)).isEmpty();
  }

  @Test
  void anUnreachableSocketFallsBackToPolling() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    start(quick(), "websocket", Map.of("WIRO_SOCKET_URL", "ws://127.0.0.1:" + closedPort + "/v1"));

    TaskResult result = client.run(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build()).block(WAIT);

    assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    assertThat(sim.requests(WiroSimulator.TASK_DETAIL)).isNotEmpty();
  }

  @Test
  void aTaskCanceledWhileWatchedOverTheSocketEndsCanceled() {
    start(WiroSimulator.builder().queueTime(Duration.ofSeconds(30)), "auto");
    TaskHandle handle = client.submit(FluxLoraFast.builder().prompt("a fox").build()).block(WAIT);

    StepVerifier.create(client.watch(handle))
        .expectNextMatches(u -> u.status() == TaskStatus.WAITING)
        .then(() -> client.cancel(handle).block(WAIT))
        .expectNextMatches(u -> u.status() == TaskStatus.CANCELED && u.result().isPresent())
        .verifyComplete();
    assertThat(sim.calls(WiroSimulator.TASK_CANCEL, handle.id())).isEqualTo(1);
    assertThat(sim.calls(WiroSimulator.TASK_DETAIL, handle.id())).isEqualTo(1);
  }

  @Test
  void disposingTheWatchClosesTheSocket() {
    start(WiroSimulator.builder().queueTime(Duration.ofSeconds(30)), "auto");
    TaskHandle handle = client.submit(FluxLoraFast.builder().prompt("a fox").build()).block(WAIT);
    List<TaskUpdate> seen = new CopyOnWriteArrayList<>();

    Disposable watch = client.watch(handle).subscribe(seen::add);
    WiroTests.awaitCondition("the first update over the socket", () -> !seen.isEmpty());
    assertThat(provider.openSockets()).isEqualTo(1);
    watch.dispose();

    WiroTests.awaitCondition("the socket is closed", () -> provider.openSockets() == 0);
    assertThat(sim.status(handle.id())).hasValue("task_queue");
    assertThat(sim.calls(WiroSimulator.TASK_DETAIL, handle.id())).isZero();
  }

  @Test
  void closingTheClientClosesItsSockets() {
    start(WiroSimulator.builder().queueTime(Duration.ofSeconds(30)), "auto");
    TaskHandle handle = client.submit(FluxLoraFast.builder().prompt("a fox").build()).block(WAIT);
    List<TaskUpdate> seen = new CopyOnWriteArrayList<>();
    client.watch(handle).subscribe(seen::add, e -> { });
    WiroTests.awaitCondition("the first update over the socket", () -> !seen.isEmpty());

    client.close();

    WiroTests.awaitCondition("the socket is closed", () -> provider.openSockets() == 0);
  }

  @Test
  void manyTasksAreWatchedAtOnceOverTheirOwnSockets() {
    start(quick(), "auto");
    int tasks = 12;

    List<TaskResult> results = reactor.core.publisher.Flux.range(0, tasks)
        .flatMap(i -> client.run(FluxLoraFast.builder().prompt("fox " + i).width(64).height(64).build()))
        .collectList().block(WAIT);

    assertThat(results).hasSize(tasks).allSatisfy(r -> assertThat(r.status()).isEqualTo(TaskStatus.FINISHED));
    for (String id : sim.taskIds()) {
      assertThat(sim.calls(WiroSimulator.SOCKET, id)).isEqualTo(1);
      assertThat(sim.calls(WiroSimulator.TASK_DETAIL, id)).isEqualTo(1);
    }
    WiroTests.awaitCondition("every socket is closed", () -> provider.openSockets() == 0);
    assertThat(TaskClients.providers()).containsExactly("wiro");
  }
}
