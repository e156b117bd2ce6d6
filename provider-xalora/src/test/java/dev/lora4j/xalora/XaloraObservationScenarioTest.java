package dev.lora4j.xalora;

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
import dev.lora4j.TextToImage;
import dev.lora4j.WatchOptions;
import dev.lora4j.testing.StartedObservations;
import dev.lora4j.testkit.EndpointFaults;
import dev.lora4j.testkit.FaultPlan;
import dev.lora4j.testkit.XaloraSimulator;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationView;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/**
 * Observations and meters of a client given registries, over real loopback HTTP against {@link
 * XaloraSimulator}: names, keys, the task's children, one {@code lora4j.poll} per status read the
 * simulator received, outcomes, and nothing secret in any key value.
 */
class XaloraObservationScenarioTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String KEY = XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY;
  private static final WatchOptions QUICK = WatchOptions.defaults()
      .retry(RetryConfig.custom().maxAttempts(Integer.MAX_VALUE).waitDuration(Duration.ofMillis(10)).build());

  private final TestObservationRegistry observations = TestObservationRegistry.create();
  /** Every observation started, in order. */
  private final Queue<Observation.Context> started = StartedObservations.recordOn(observations);

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private XaloraSimulator sim;
  private TaskClient client;

  private void start(XaloraSimulator.Builder builder, String key) {
    sim = builder.build().start();
    client = TaskClients.create(ClientOptions.builder().environment(Map.of()).systemProperties(new Properties())
        .provider("xalora").apiKey(key).baseUrl(sim.baseUrl()).pollInterval(Duration.ofMillis(30))
        .observationRegistry(observations).meterRegistry(meters).build());
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

  private static XaloraSimulator.Builder quick() {
    return XaloraSimulator.builder().queueTime(Duration.ofMillis(60)).runTime(Duration.ofMillis(90)).seed(7);
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

  @Test
  void aFinishedRunIsOneTaskWhoseChildrenAreItsSubmitAndEveryPollSent() {
    start(quick(), KEY);

    TaskResult result = client.run(TextToImage.of("a red fox", "gecko")).block(WAIT);

    assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    TestObservationRegistryAssert.assertThat(observations)
        .hasObservationWithNameEqualTo("lora4j.task").that()
        .hasBeenStarted().hasBeenStopped()
        .hasContextualNameEqualTo("lora4j task")
        .hasLowCardinalityKeyValue("lora4j.provider", "xalora")
        .hasLowCardinalityKeyValue("lora4j.operation", "task")
        .hasLowCardinalityKeyValue("lora4j.request.kind", "text-to-image")
        .hasLowCardinalityKeyValue("lora4j.outcome", "finished")
        .hasLowCardinalityKeyValue("gen_ai.operation.name", "generate_content")
        .hasLowCardinalityKeyValue("gen_ai.provider.name", "xalora")
        .hasHighCardinalityKeyValue("lora4j.task.id", result.handle().id());
    Observation.Context task = named("lora4j.task").get(0);
    List<Observation.Context> submits = named("lora4j.submit");
    List<Observation.Context> polls = named("lora4j.poll");
    assertThat(named("lora4j.task")).hasSize(1);
    assertThat(submits).hasSize(1).allSatisfy(s -> {
      assertThat(parentOf(s)).isSameAs(task);
      assertThat(low(s, "lora4j.outcome")).isEqualTo("success");
      assertThat(low(s, "http.response.status_class")).isEqualTo("2xx");
      assertThat(low(s, "http.request.method")).isEqualTo("POST");
    });
    assertThat(polls).hasSize(sim.requests(XaloraSimulator.TASK_RESULT_QUERY).size()).isNotEmpty()
        .allSatisfy(p -> {
          assertThat(parentOf(p)).isSameAs(task);
          assertThat(low(p, "lora4j.operation")).isEqualTo("poll");
          assertThat(p.getHighCardinalityKeyValue("lora4j.task.id").getValue()).isEqualTo(result.handle().id());
        });
  }

  @Test
  void everyRetriedPollIsAnObservationWithTheFailureAsOutcome() {
    start(quick().faults(FaultPlan.builder().seed(5).forEndpoint(XaloraSimulator.TASK_RESULT_QUERY,
        EndpointFaults.builder().serverErrors(0.5).build()).build()), KEY);

    client.run(TextToImage.of("a red fox", "gecko"), QUICK).block(WAIT);

    List<Observation.Context> polls = named("lora4j.poll");
    assertThat(polls).hasSize(sim.requests(XaloraSimulator.TASK_RESULT_QUERY).size());
    assertThat(polls).extracting(p -> low(p, "http.response.status_class")).contains("5xx", "2xx");
    assertThat(polls).filteredOn(p -> "5xx".equals(low(p, "http.response.status_class")))
        .allSatisfy(p -> assertThat(p.getError()).isNotNull());
    assertThat(meters.get("lora4j.polls").counter().count()).isEqualTo(polls.size());
    assertThat(meters.get("lora4j.retries").tag("lora4j.operation", "poll").counter().count())
        .isEqualTo(polls.stream().filter(p -> p.getError() != null).count());
  }

  @Test
  void resilience4jRetryMetersOfEachClientCountItsRetriedPolls() {
    start(quick().faults(FaultPlan.builder().seed(5).forEndpoint(XaloraSimulator.TASK_RESULT_QUERY,
        EndpointFaults.builder().serverErrors(0.4).build()).build()), KEY);

    // the client's own poll retry, whose meters are bound; a watch's own RetryConfig is not
    client.run(TextToImage.of("a red fox", "gecko")).block(WAIT);

    List<Observation.Context> polls = named("lora4j.poll");
    long failed = polls.stream().filter(p -> "5xx".equals(low(p, "http.response.status_class"))).count();
    assertThat(failed).isPositive();
    var calls = meters.find("resilience4j.retry.calls").tag("name", "lora4j-xalora-poll");
    String self = calls.tag("kind", "successful_with_retry").functionCounter().getId().getTag("lora4j.client");
    assertThat(self).isNotBlank();
    double withRetry = calls.tag("kind", "successful_with_retry").functionCounter().count();
    // every read that succeeded after a retry was preceded by at least one 5xx attempt
    assertThat(withRetry).isPositive().isLessThanOrEqualTo(failed);
    assertThat(meters.find("resilience4j.retry.calls").tag("name", "lora4j-xalora-poll")
        .tag("kind", "failed_with_retry").functionCounter().count()).isZero();

    try (TaskClient other = TaskClients.create(ClientOptions.builder().environment(Map.of())
        .systemProperties(new Properties()).provider("xalora").apiKey(KEY).baseUrl(sim.baseUrl())
        .pollInterval(Duration.ofMillis(30)).meterRegistry(meters).build())) {
      assertThat(other.provider()).isEqualTo("xalora");
      assertThat(meters.find("resilience4j.retry.calls").tag("name", "lora4j-xalora-poll")
          .tag("kind", "successful_with_retry").functionCounters())
          .extracting(c -> c.getId().getTag("lora4j.client")).hasSize(2).doesNotHaveDuplicates().contains(self);
    }
    assertThat(meters.find("resilience4j.retry.calls").tag("name", "lora4j-xalora-poll")
        .tag("kind", "successful_with_retry").functionCounters())
        .as("a closed client's meters are removed")
        .extracting(c -> c.getId().getTag("lora4j.client")).containsExactly(self);
  }

  @Test
  void reactorNettyClientMetricsAreOptInAndTagTheEndpointNeverATaskId(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path folder) {
    start(quick(), KEY);
    client.run(TextToImage.of("a red fox", "gecko")).block(WAIT);
    assertThat(meters.find("lora4j.http.client.response.time").timers()).as("off by default").isEmpty();

    SimpleMeterRegistry http = new SimpleMeterRegistry();
    int before = sim.requests().size();
    try (TaskClient metered = TaskClients.create(ClientOptions.builder().environment(Map.of())
        .systemProperties(new Properties()).provider("xalora").apiKey(KEY).baseUrl(sim.baseUrl())
        .pollInterval(Duration.ofMillis(30)).meterRegistry(http).httpClientMetrics(true).build())) {
      TaskResult result = metered.run(TextToImage.of("a red fox", "gecko")).block(WAIT);
      metered.download(result.outputs().get(0), folder.resolve("fox.png")).block(WAIT);
    }

    var responses = http.find("lora4j.http.client.response.time").timers();
    assertThat(responses).extracting(t -> t.getId().getTag("uri")).containsOnly(
        "/" + XaloraSimulator.TASK_CREATE, "/" + XaloraSimulator.TASK_RESULT_QUERY, "download");
    assertThat(responses).extracting(t -> t.getId().getTag("status")).contains("200");
    assertThat(responses).allSatisfy(t -> assertThat(t.getId().getTag("lora4j.provider")).isEqualTo("xalora"));
    assertThat(responses.stream().mapToLong(t -> t.count()).sum()).as("one per request")
        .isEqualTo(sim.requests().size() - before);
    List<String> tags = new ArrayList<>();
    http.getMeters().forEach(m -> m.getId().getTags().forEach(t -> tags.add(t.getValue())));
    assertThat(tags).isNotEmpty();
    for (String id : sim.taskIds()) {
      assertThat(tags).as("no tag holds task %s", id).noneMatch(value -> value.contains(id));
    }
    assertThat(io.micrometer.core.instrument.Metrics.globalRegistry.getMeters())
        .as("nothing in the global registry").noneMatch(m -> m.getId().getName().contains("http.client"));
  }

  @Test
  void outcomesOfFailedCanceledAndTimedOutTasks() {
    start(quick().failureRate(1.0), KEY);
    assertThatThrownBy(() -> client.run(TextToImage.of("a red fox", "gecko")).block(WAIT))
        .isInstanceOf(TaskFailedException.class);
    sim.close();
    started.clear();

    start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(30)).seed(7), KEY);
    TaskHandle queued = client.submit(TextToImage.of("to cancel", "gecko")).block(WAIT);
    client.cancel(queued).block(WAIT);
    assertThatThrownBy(() -> client.await(queued).block(WAIT)).isInstanceOf(TaskCanceledException.class);
    assertThatThrownBy(() -> client.run(TextToImage.of("too slow", "gecko"),
        WatchOptions.defaults().timeout(Duration.ofMillis(200))).block(WAIT)).isInstanceOf(TaskTimeoutException.class);

    assertThat(named("lora4j.task")).extracting(t -> low(t, "lora4j.outcome"))
        .containsExactlyInAnyOrder("canceled", "timeout");
    assertThat(named("lora4j.cancel")).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(c -> assertThat(low(c, "lora4j.outcome")).isEqualTo("success"));
  }

  @Test
  void failedOutcomeAndMetersOfAFailedRun() {
    start(quick().failureRate(1.0), KEY);

    assertThatThrownBy(() -> client.run(TextToImage.of("a red fox", "gecko")).block(WAIT))
        .isInstanceOf(TaskFailedException.class);

    assertThat(named("lora4j.task")).singleElement()
        .satisfies(t -> assertThat(low(t, "lora4j.outcome")).isEqualTo("failed"));
    assertThat(meters.get("lora4j.task.polls").tag("lora4j.outcome", "failed").summary().count()).isEqualTo(1);
  }

  @Test
  void metersCountPollsUpdatesAndTimeTheQueueAndTheRun() {
    // queued long enough for every task to be seen waiting: a queue time is measured from there
    start(quick().queueTime(Duration.ofMillis(300)), KEY);

    List<TaskResult> done = Flux.range(0, 3).flatMap(i -> client.run(TextToImage.of("a fox " + i, "gecko")))
        .collectList().block(WAIT);

    assertThat(done).hasSize(3);
    int sent = sim.requests(XaloraSimulator.TASK_RESULT_QUERY).size();
    assertThat(meters.get("lora4j.polls").tag("lora4j.provider", "xalora").counter().count()).isEqualTo(sent);
    var perTask = meters.get("lora4j.task.polls").tag("lora4j.outcome", "finished").summary();
    assertThat(perTask.count()).isEqualTo(3);
    assertThat(perTask.totalAmount()).isEqualTo(sent);
    assertThat(meters.get("lora4j.updates").tag("lora4j.status", "finished").counter().count()).isEqualTo(3);
    assertThat(meters.get("lora4j.task.queue.time").tag("lora4j.request.kind", "text-to-image").timer().count())
        .isEqualTo(3);
    var run = meters.get("lora4j.task.run.time").tag("lora4j.outcome", "finished").timer();
    assertThat(run.count()).isEqualTo(3);
    assertThat(run.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isPositive();
    assertThat(meters.get("lora4j.tasks.active").gauges()).hasSize(5)
        .allSatisfy(g -> assertThat(g.value()).isZero());
  }

  @Test
  void noKeyValueHoldsThePromptOrACredential() {
    String consumer = "canary-consumer-a1";
    String clientKey = "canary-client-key-7f3a9c";
    String prompt = "a canary-prompt-31c4 fox";
    start(quick().credentials(consumer, clientKey).echoCredentials(true), consumer + "#" + clientKey);
    client.run(TextToImage.of(prompt, "gecko")).block(WAIT);
    TaskHandle queued = client.submit(TextToImage.of(prompt, "gecko")).block(WAIT);
    client.cancel(queued).onErrorComplete().block(WAIT);
    client.await(queued).onErrorComplete().block(WAIT);
    sim.close();
    client.close();
    start(quick().credentials(consumer, clientKey).echoCredentials(true).failureRate(1.0), consumer + "#" + clientKey);
    client.run(TextToImage.of(prompt, "gecko")).onErrorComplete().block(WAIT);

    List<String> seen = new ArrayList<>();
    started.forEach(context -> {
      seen.add(context.getName());
      seen.add(String.valueOf(context.getContextualName()));
      context.getAllKeyValues().forEach(kv -> seen.add(kv.getKey() + "=" + kv.getValue()));
    });
    meters.getMeters().forEach(m -> seen.add(m.getId().toString()));
    assertThat(seen).as("every observation kind was recorded")
        .contains("lora4j.task", "lora4j.submit", "lora4j.poll", "lora4j.cancel", "lora4j.outcome=failed");
    for (String secret : List.of(prompt, "canary-prompt", consumer, clientKey)) {
      assertThat(seen).noneMatch(text -> text.contains(secret));
    }
  }
}
