package dev.lora4j.xalora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.AuthenticationException;
import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TextToImage;
import dev.lora4j.WatchOptions;
import dev.lora4j.testing.Exposure;
import dev.lora4j.testkit.EndpointFaults;
import dev.lora4j.testkit.FaultPlan;
import dev.lora4j.testkit.XaloraSimulator;
import io.github.resilience4j.retry.RetryConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * Canary credentials against a simulator that echoes every credential it receives in every field
 * it answers, through faults: a full run, failed, canceled and timed-out tasks, a task with its own
 * key, unknown tasks, rejected and malformed keys, the workflow facade and a download, with lora4j
 * logging at TRACE. No log line, no exception (causes and suppressed included) and no public value
 * shows a canary.
 */
class XaloraCanaryScenarioTest {

  private static final String CONSUMER = "canary-consumer-a1";
  private static final String CLIENT_KEY = "canary-client-key-7f3a9c";
  private static final String TASK_CONSUMER = "canary-task-consumer-b2";
  private static final String TASK_KEY = "canary-task-key-5c2e81";
  private static final String WRONG_KEY = "canary-wrong-key-d40b17";
  private static final String MALFORMED = "canarymalformedkey9e6f";
  private static final Duration WAIT = Duration.ofSeconds(30);
  /**
   * Watches that retry the injected faults every 10 ms: this test is about what a user can see, and
   * the default backoff would make a streak of six faults (it happens) outlast {@link #WAIT}.
   */
  private static final WatchOptions QUICK = WatchOptions.defaults()
      .retry(RetryConfig.custom().maxAttempts(Integer.MAX_VALUE).waitDuration(Duration.ofMillis(10)).build());

  @TempDir
  Path folder;

  private static ClientOptions options(XaloraSimulator sim, String key) {
    return ClientOptions.builder().environment(Map.of()).systemProperties(new Properties()).provider("xalora")
        .apiKey(key).baseUrl(sim.baseUrl()).pollInterval(Duration.ofMillis(30)).build();
  }

  @Test
  void noCanaryReachesALogLineAnExceptionOrAPublicValue() throws Exception {
    Exposure seen = new Exposure();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (XaloraSimulator sim = XaloraSimulator.builder()
        .credentials(CONSUMER, CLIENT_KEY).credentials(TASK_CONSUMER, TASK_KEY)
        .queueTime(Duration.ofMillis(40)).runTime(Duration.ofMillis(80)).failureRate(0.5).seed(3)
        .echoCredentials(true)
        .faults(FaultPlan.builder().seed(11).forEndpoint(XaloraSimulator.TASK_RESULT_QUERY, EndpointFaults.builder()
            .serverErrors(0.15).rateLimits(0.05, Duration.ZERO).malformedBodies(0.1).cutAnswers(0.05)
            .staleAnswers(0.05).build()).build())
        .build().start()) {
      try (TaskClient client = TaskClients.create(options(sim, CONSUMER + "#" + CLIENT_KEY))) {
        List<TaskResult> done = Flux.range(0, 8)
            .flatMap(i -> seen.follow(client.runAndWatch(TextToImage.of("a fox " + i, "gecko"), QUICK)))
            .collectList()
            .block(WAIT);
        assertThat(done).extracting(TaskResult::status).contains(TaskStatus.FINISHED, TaskStatus.FAILED);
        TaskResult finished = done.stream().filter(r -> r.status() == TaskStatus.FINISHED).findFirst().orElseThrow();
        seen.call(client.download(finished.outputs().get(0), folder.resolve("out.png"))).block(WAIT);

        FluxLoraTask own = FluxLoraTask.builder().prompt("a fox").loraName("gecko").consumerId(TASK_CONSUMER).apiKey(TASK_KEY).build();
        seen.add(own);
        seen.call(client.run(own, QUICK)).block(WAIT);

        TaskHandle queued = client.submit(TextToImage.of("to cancel", "gecko")).block(WAIT);
        client.cancel(queued).block(WAIT);
        seen.call(client.await(queued, QUICK)).block(WAIT);
        seen.call(client.await(client.submit(TextToImage.of("too slow", "gecko")).block(WAIT),
            QUICK.timeout(Duration.ofMillis(20)))).block(WAIT);
        seen.call(client.status(TaskHandle.of("xalora", "nosuchtask"))).block(WAIT);
        seen.add(client);
      }
      try (XaloraWorkflows workflows = XaloraWorkflows.create(options(sim, CONSUMER + "#" + CLIENT_KEY))) {
        String id = workflows.executeWorkflow(FluxLoraTask.builder().prompt("a fox").loraName("gecko").build()).block(WAIT);
        seen.call(workflows.executeWorkflowAndWaitForResult(FluxLoraTask.builder().prompt("a fox").loraName("gecko").build(),
            Duration.ofSeconds(20), Duration.ofMillis(30))).block(WAIT);
        seen.call(workflows.queryTaskResult(id)).block(WAIT);
        seen.call(workflows.cancelTask(id)).block(WAIT);
      }
      try (TaskClient wrong = TaskClients.create(options(sim, CONSUMER + "#" + WRONG_KEY))) {
        seen.call(wrong.submit(TextToImage.of("a fox", "gecko"))).block(WAIT);
      }
      assertThatThrownBy(() -> TaskClients.create(options(sim, MALFORMED)))
          .isInstanceOf(AuthenticationException.class)
          .satisfies(seen::error);
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    assertThat(log).as("TRACE logging is on and the simulator echoed").contains("response body").contains("\"echo\":\"***\"");
    assertThat(seen.texts()).as("echoed values were masked, not absent").anyMatch(t -> t.contains("***"));
    for (String canary : List.of(CLIENT_KEY, TASK_KEY, WRONG_KEY, MALFORMED)) {
      assertThat(log).as("the log").doesNotContain(canary);
      assertThat(seen.containing(List.of(canary))).as("what a user can see").isEmpty();
    }
    assertThat(Files.size(folder.resolve("out.png"))).isPositive();
  }
}
