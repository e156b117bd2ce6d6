package dev.lora4j.xalora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.AuthenticationException;
import dev.lora4j.CallOutcome;
import dev.lora4j.ClientOptions;
import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskStatus;
import dev.lora4j.TextToImage;
import dev.lora4j.testkit.EndpointFaults;
import dev.lora4j.testkit.FaultKind;
import dev.lora4j.testkit.FaultPlan;
import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code ClientOptions.Builder.callListener}: one outcome per HTTP attempt, over loopback. */
class XaloraCallListenerScenarioTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String KEY = XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY;

  private XaloraSimulator sim;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  private TaskClient client(String key, List<CallOutcome> seen, Runnable alsoThrow) {
    return TaskClients.create(ClientOptions.builder().environment(Map.of()).systemProperties(new Properties())
        .provider("xalora").apiKey(key).baseUrl(sim.baseUrl()).pollInterval(Duration.ofMillis(30))
        .callListener(o -> alsoThrow.run())
        .callListener(seen::add)
        .build());
  }

  @Test
  void everyAttemptIsReportedRetriesIncludedAndAThrowingListenerChangesNothing() {
    sim = XaloraSimulator.builder().queueTime(Duration.ofMillis(40)).runTime(Duration.ofMillis(80)).seed(3)
        .faults(FaultPlan.builder().seed(11).forEndpoint(XaloraSimulator.TASK_RESULT_QUERY,
            EndpointFaults.builder().serverErrors(0.3).build()).build())
        .build().start();
    List<CallOutcome> seen = new CopyOnWriteArrayList<>();
    try (TaskClient client = client(KEY, seen, () -> {
      throw new IllegalStateException("a listener that fails");
    })) {
      TaskHandle handle = client.submit(TextToImage.of("a red fox", "gecko")).block(WAIT);
      assertThat(client.await(handle).block(WAIT).status()).isEqualTo(TaskStatus.FINISHED);
    }
    long queries = sim.requests(XaloraSimulator.TASK_RESULT_QUERY).size();
    long errors = sim.faultCount(XaloraSimulator.TASK_RESULT_QUERY, FaultKind.SERVER_ERROR);
    assertThat(errors).as("the plan injected server errors").isPositive();
    assertThat(seen).filteredOn(o -> o.call().equals(XaloraSimulator.TASK_CREATE)).singleElement()
        .satisfies(o -> {
          assertThat(o.succeeded()).isTrue();
          assertThat(o.statusCode()).isEqualTo(200);
          assertThat(o.provider()).isEqualTo("xalora");
        });
    List<CallOutcome> polls = seen.stream().filter(o -> o.call().equals(XaloraSimulator.TASK_RESULT_QUERY)).toList();
    assertThat(polls).hasSize((int) queries);
    assertThat(polls).filteredOn(o -> !o.succeeded()).hasSize((int) errors)
        .allSatisfy(o -> {
          assertThat(o.statusCode()).isGreaterThanOrEqualTo(500);
          assertThat(o.error()).isInstanceOf(ProviderUnavailableException.class);
        });
    assertThat(seen).allSatisfy(o -> assertThat(o.duration()).isPositive());
  }

  @Test
  void aRejectedKeyIsReportedWithoutTheKey() {
    sim = XaloraSimulator.builder().build().start();
    List<CallOutcome> seen = new CopyOnWriteArrayList<>();
    String wrong = XaloraSimulator.DEFAULT_CONSUMER_ID + "#not-the-key-canary-5150";
    try (TaskClient client = client(wrong, seen, () -> {})) {
      client.submit(TextToImage.of("a red fox", "gecko")).onErrorResume(e -> reactor.core.publisher.Mono.empty())
          .block(WAIT);
    }
    assertThat(seen).singleElement().satisfies(o -> {
      assertThat(o.statusCode()).isEqualTo(401);
      assertThat(o.error()).isInstanceOf(AuthenticationException.class);
      assertThat(o.toString() + o.error().getMessage()).doesNotContain("canary-5150");
    });
  }
}
