package dev.lora4j.wiro;

import static dev.lora4j.wiro.WiroTests.WAIT;
import static dev.lora4j.wiro.WiroTests.quick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskCanceledException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskFailedException;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskTimeoutException;
import dev.lora4j.WatchOptions;
import dev.lora4j.testing.StartedObservations;
import dev.lora4j.testkit.EndpointFaults;
import dev.lora4j.testkit.FaultPlan;
import dev.lora4j.testkit.RecordedRequest;
import dev.lora4j.testkit.WiroSimulator;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Observations and meters of a Wiro client given registries, over real loopback HTTP and the status
 * WebSocket of {@link WiroSimulator}: the task and its children, one {@code lora4j.poll} per {@code
 * Task/Detail} read the simulator received (the socket's own reads included), outcomes, every
 * fallback from the socket to polling, and no canary credential, signature, socket token or prompt
 * in any key value or meter tag.
 */
class WiroObservationScenarioTest {

  private static final String KEY = "canary-wiro-key-5b2e8d";
  private static final String SECRET = "canary-wiro-secret-0c7f41";
  private static final WatchOptions QUICK = WatchOptions.defaults()
      .retry(RetryConfig.custom().maxAttempts(Integer.MAX_VALUE).waitDuration(Duration.ofMillis(10)).build());

  private final TestObservationRegistry observations = TestObservationRegistry.create();
  /** Every observation started, in order. */
  private final Queue<Observation.Context> started = StartedObservations.recordOn(observations);

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private WiroSimulator sim;
  private TaskClient client;

  private void start(WiroSimulator.Builder builder, String tracking) {
    start(builder, tracking, Map.of());
  }

  private void start(WiroSimulator.Builder builder, String tracking, Map<String, String> env) {
    sim = builder.build().start();
    client = TaskClients.create(WiroTests.options(sim, tracking, env)
        .observationRegistry(observations).meterRegistry(meters).build());
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
      client = null;
    }
    if (sim != null) {
      sim.close();
      sim = null;
    }
  }

  private List<Observation.Context> named(String name) {
    return started.stream().filter(c -> c.getName().equals(name)).collect(Collectors.toList());
  }

  private static String low(Observation.Context context, String key) {
    KeyValue value = context.getLowCardinalityKeyValue(key);
    return value == null ? null : value.getValue();
  }

  private static Observation.ContextView parentOf(Observation.Context context) {
    ObservationView parent = context.getParentObservation();
    return parent == null ? null : parent.getContextView();
  }

  private double fallbacks(String reason) {
    return meters.get("lora4j.push.fallbacks").tag("lora4j.reason", reason).counter().count();
  }

  @Test
  void aRunFollowedOnTheSocketIsOneTaskWhoseChildrenAreItsSubmitAndItsDetailReads() {
    // queued long enough for the socket to be open before task_accept, even on a slow machine
    start(quick().queueTime(Duration.ofMillis(600)), "auto");

    TaskResult result = client.run(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build()).block(WAIT);

    assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    String id = result.handle().id();
    assertThat(sim.calls(WiroSimulator.SOCKET, id)).isEqualTo(1);
    List<Observation.Context> tasks = named("lora4j.task");
    assertThat(tasks).singleElement().satisfies(t -> {
      assertThat(low(t, "lora4j.provider")).isEqualTo("wiro");
      assertThat(low(t, "lora4j.request.kind")).isEqualTo(FluxLoraFast.TOOL);
      assertThat(low(t, "lora4j.outcome")).isEqualTo("finished");
      assertThat(t.getHighCardinalityKeyValue("lora4j.task.id").getValue()).isEqualTo(id);
    });
    assertThat(named("lora4j.submit")).singleElement().satisfies(s -> {
      assertThat(parentOf(s)).isSameAs(tasks.get(0));
      assertThat(low(s, "http.response.status_class")).isEqualTo("2xx");
    });
    // the socket's reads of the task: after a silence and after the terminal frame; a silence read
    // still on its way when the terminal frame comes is canceled, received by the simulator or not
    List<Observation.Context> polls = named("lora4j.poll");
    int received = sim.requests(WiroSimulator.TASK_DETAIL).size();
    assertThat(polls).isNotEmpty().allSatisfy(p -> {
      assertThat(parentOf(p)).isSameAs(tasks.get(0));
      assertThat(low(p, "lora4j.outcome")).isIn("success", "canceled");
    });
    assertThat(received).isBetween((int) polls.stream().filter(p -> "success".equals(low(p, "lora4j.outcome"))).count(),
        polls.size());
    assertThat(meters.get("lora4j.polls").counter().count()).isEqualTo(polls.size());
    assertThat(fallbacks("error")).isZero();
    assertThat(fallbacks("closed")).isZero();
  }

  @Test
  void pollingCountsEveryDetailReadRetriesIncludedAndNoFallback() {
    start(quick().faults(FaultPlan.builder().seed(5).forEndpoint(WiroSimulator.TASK_DETAIL,
        EndpointFaults.builder().serverErrors(0.5).build()).build()), "polling");

    TaskResult result = client.run(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build(), QUICK)
        .block(WAIT);

    assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    List<Observation.Context> polls = named("lora4j.poll");
    assertThat(polls).hasSize(sim.requests(WiroSimulator.TASK_DETAIL).size());
    assertThat(polls).extracting(p -> low(p, "http.response.status_class")).contains("5xx", "2xx");
    assertThat(meters.get("lora4j.task.polls").tag("lora4j.outcome", "finished").summary().totalAmount())
        .isEqualTo(polls.size());
    assertThat(meters.get("lora4j.retries").tag("lora4j.operation", "poll").counter().count())
        .isEqualTo(polls.stream().filter(p -> p.getError() != null).count());
    assertThat(fallbacks("error") + fallbacks("closed")).isZero();
  }

  @Test
  void aSocketClosedBeforeTheEndIsOneClosedFallback() {
    start(quick().closeSocketsAfter(2), "websocket");

    TaskResult result = client.run(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build()).block(WAIT);

    assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    assertThat(sim.calls(WiroSimulator.SOCKET, result.handle().id())).isEqualTo(1);
    assertThat(fallbacks("closed")).isEqualTo(1);
    assertThat(fallbacks("error")).isZero();
    assertThat(named("lora4j.poll")).hasSize(sim.requests(WiroSimulator.TASK_DETAIL).size()).isNotEmpty();
  }

  @Test
  void anUnreachableSocketIsOneErrorFallback() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    start(quick(), "websocket", Map.of("WIRO_SOCKET_URL", "ws://127.0.0.1:" + closedPort + "/v1"));

    TaskResult result = client.run(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build()).block(WAIT);

    assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    assertThat(fallbacks("error")).isEqualTo(1);
    assertThat(fallbacks("closed")).isZero();
    assertThat(named("lora4j.task")).singleElement()
        .satisfies(t -> assertThat(low(t, "lora4j.outcome")).isEqualTo("finished"));
  }

  @Test
  void outcomesOfFailedCanceledAndTimedOutTasks() {
    start(quick().queueTime(Duration.ofMillis(600)).preExecutionFailureRate(1.0), "auto");
    assertThatThrownBy(() -> client.run(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build())
        .block(WAIT)).isInstanceOf(TaskFailedException.class);
    stop();

    start(WiroSimulator.builder().queueTime(Duration.ofSeconds(30)).seed(7), "polling");
    TaskHandle queued = client.submit(FluxLoraFast.builder().prompt("to cancel").build()).block(WAIT);
    client.cancel(queued).block(WAIT);
    assertThatThrownBy(() -> client.await(queued).block(WAIT)).isInstanceOf(TaskCanceledException.class);
    assertThatThrownBy(() -> client.run(FluxLoraFast.builder().prompt("too slow").build(),
        WatchOptions.defaults().timeout(Duration.ofMillis(200))).block(WAIT)).isInstanceOf(TaskTimeoutException.class);

    assertThat(named("lora4j.task")).extracting(t -> low(t, "lora4j.outcome"))
        .containsExactlyInAnyOrder("failed", "canceled", "timeout");
    assertThat(named("lora4j.cancel")).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(c -> assertThat(low(c, "lora4j.outcome")).isEqualTo("success"));
  }

  @Test
  void noKeyValueOrMeterTagHoldsAPromptACanaryASignatureOrASocketToken() {
    String prompt = "a canary-prompt-8e21 fox";
    Set<String> tokens = ConcurrentHashMap.newKeySet();
    for (String tracking : List.of("auto", "polling")) {
      start(WiroSimulator.builder().signatureProject(KEY, SECRET).echoCredentials(true)
          .queueTime(Duration.ofMillis(300)).runTime(Duration.ofMillis(150)).failureRate(0.4).seed(3), tracking,
          credentials());
      List<TaskResult> done = Flux.range(0, 4)
          .flatMap(i -> client.run(FluxLoraFast.builder().prompt(prompt + i).width(64).height(64).build(), QUICK)
              .onErrorResume(TaskFailedException.class, e -> reactor.core.publisher.Mono.just(e.result())))
          .collectList().block(WAIT);
      done.stream().map(r -> r.handle().token()).filter(t -> t != null).forEach(tokens::add);
      TaskHandle queued = client.submit(FluxLoraFast.builder().prompt(prompt).build()).block(WAIT);
      assertThat(queued.token()).as("a socket token").isNotBlank();
      tokens.add(queued.token());
      client.cancel(queued).onErrorComplete().block(WAIT);
      client.await(queued).onErrorComplete().block(WAIT);
      client.run(FluxLoraFast.builder().prompt(prompt).build(), WatchOptions.defaults().timeout(Duration.ofMillis(100)))
          .onErrorComplete().block(WAIT);
      List<String> signatures = sim.requests().stream().map(r -> r.header("x-signature"))
          .filter(s -> s != null).toList();
      assertThat(signatures).as("signed requests").hasSizeGreaterThan(5);
      List<String> forbidden = new ArrayList<>(List.of(prompt, "canary-prompt", KEY, SECRET));
      forbidden.addAll(signatures);
      forbidden.addAll(tokens);
      List<String> seen = seen();
      assertThat(seen).as("every observation kind was recorded")
          .contains("lora4j.task", "lora4j.submit", "lora4j.poll", "lora4j.cancel");
      for (String secret : forbidden) {
        assertThat(seen).as("no key value or meter id holds %s", secret).noneMatch(text -> text.contains(secret));
      }
      assertThat(sim.requests().stream().map(RecordedRequest::endpoint)).contains(WiroSimulator.TASK_DETAIL);
      stop();
      started.clear();
    }
  }

  private List<String> seen() {
    List<String> seen = new ArrayList<>();
    started.forEach(context -> {
      seen.add(context.getName());
      seen.add(String.valueOf(context.getContextualName()));
      context.getAllKeyValues().forEach(kv -> seen.add(kv.getKey() + "=" + kv.getValue()));
      if (context.getError() != null) {
        seen.add(String.valueOf(context.getError().getMessage()));
      }
    });
    meters.getMeters().forEach(m -> seen.add(m.getId().toString()));
    return seen;
  }

  private static Map<String, String> credentials() {
    Map<String, String> env = new HashMap<>();
    env.put("WIRO_API_KEY", KEY);
    env.put("WIRO_API_SECRET", SECRET);
    return env;
  }
}
