package dev.lora4j.wiro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.WatchOptions;
import dev.lora4j.testing.Exposure;
import dev.lora4j.testkit.EndpointFaults;
import dev.lora4j.testkit.FaultPlan;
import dev.lora4j.testkit.RecordedRequest;
import dev.lora4j.testkit.WiroSimulator;
import io.github.resilience4j.retry.RetryConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * Canary credentials against a Wiro simulator that echoes the key, the secret and each request's
 * signature in every field it answers, and the key, secret and token in every socket frame, through
 * faults: runs followed on the socket and by polling, failed and pre-execution failures, a cancel,
 * a timeout, an unknown task, a business error, a wrong secret, a tool description and a download,
 * with lora4j logging at TRACE. No log line, no exception (causes and suppressed included) and no
 * public value shows a canary, a signature or a socket token.
 */
class WiroCanaryScenarioTest {

  private static final String KEY = "canary-wiro-key-4e1d7a";
  private static final String SECRET = "canary-wiro-secret-93ab5f";
  private static final String WRONG_SECRET = "canary-wrong-secret-61c0e2";
  private static final Duration WAIT = Duration.ofSeconds(30);
  /**
   * Watches that retry the injected faults every 10 ms: this test is about what a user can see, and
   * the default backoff would make a streak of six faults (it happens) outlast {@link #WAIT}.
   */
  private static final WatchOptions QUICK = WatchOptions.defaults()
      .retry(RetryConfig.custom().maxAttempts(Integer.MAX_VALUE).waitDuration(Duration.ofMillis(10)).build());

  @TempDir
  Path folder;

  private static ClientOptions options(WiroSimulator sim, String tracking, String secret) {
    Map<String, String> env = new HashMap<>(Map.of(
        "WIRO_API_KEY", KEY, "WIRO_API_SECRET", secret, "WIRO_BASE_URL", sim.baseUrl().toString(),
        "WIRO_SOCKET_URL", sim.socketUrl().toString(), "WIRO_TRACKING", tracking));
    return ClientOptions.builder().environment(env).systemProperties(new Properties())
        .pollInterval(Duration.ofMillis(30)).build();
  }

  @Test
  void noCanarySignatureOrTokenReachesALogLineAnExceptionOrAPublicValue() {
    Exposure seen = new Exposure();
    Set<String> tokens = ConcurrentHashMap.newKeySet();
    List<String> signatures = new ArrayList<>();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (WiroSimulator sim = WiroSimulator.builder().signatureProject(KEY, SECRET)
        .queueTime(Duration.ofMillis(40)).runTime(Duration.ofMillis(150))
        .failureRate(0.3).preExecutionFailureRate(0.2).seed(5).echoCredentials(true)
        .faults(FaultPlan.builder().seed(13).forEndpoint(WiroSimulator.TASK_DETAIL, EndpointFaults.builder()
            .serverErrors(0.15).rateLimits(0.05, Duration.ZERO).malformedBodies(0.1).cutAnswers(0.05)
            .staleAnswers(0.05).build()).build())
        .build().start()) {
      for (String tracking : List.of("auto", "polling")) {
        try (TaskClient client = TaskClients.create(options(sim, tracking, SECRET))) {
          List<TaskResult> done = Flux.range(0, 6)
              .flatMap(i -> seen.follow(client.runAndWatch(FluxLoraFast.of("a fox " + i, WiroLora.WPAP_ART), QUICK)
                  .doOnNext(u -> {
                    if (u.handle().token() != null) {
                      tokens.add(u.handle().token());
                    }
                  })))
              .collectList()
              .block(WAIT);
          assertThat(done).extracting(TaskResult::status).contains(TaskStatus.FINISHED, TaskStatus.FAILED);
          TaskResult finished = done.stream().filter(r -> r.status() == TaskStatus.FINISHED).findFirst().orElseThrow();
          seen.call(client.download(finished.outputs().get(0), folder.resolve(tracking + ".png"))).block(WAIT);

          TaskHandle queued = client.submit(FluxLoraFast.of("to cancel", WiroLora.WPAP_ART)).block(WAIT);
          tokens.add(queued.token());
          seen.call(client.cancel(queued)).block(WAIT);
          seen.call(client.cancel(queued)).block(WAIT);
          seen.call(client.await(queued, QUICK)).block(WAIT);
          seen.call(client.await(client.submit(FluxLoraFast.of("too slow", WiroLora.WPAP_ART)).block(WAIT),
              QUICK.timeout(Duration.ofMillis(20)))).block(WAIT);
          seen.call(client.status(new TaskHandle("wiro", "99", null))).block(WAIT);
          seen.add(client);
        }
      }
      sim.rejectRuns(97, 1.0);
      try (TaskClient client = TaskClients.create(options(sim, "auto", SECRET))) {
        seen.call(client.submit(FluxLoraFast.of("no money", WiroLora.WPAP_ART))).block(WAIT);
      }
      sim.acceptRuns();
      try (WiroClient wiro = WiroClient.create(options(sim, "auto", SECRET))) {
        seen.call(wiro.tool(WiroSimulator.FLUX_LORA_FAST)).block(WAIT);
      }
      try (TaskClient wrong = TaskClients.create(options(sim, "auto", WRONG_SECRET))) {
        seen.call(wrong.submit(FluxLoraFast.of("a fox", WiroLora.WPAP_ART))).block(WAIT);
      }
      for (RecordedRequest r : sim.requests()) {
        if (r.header("x-signature") != null) {
          signatures.add(r.header("x-signature"));
        }
      }
    } finally {
      System.setErr(original);
    }
    String log = captured.toString(StandardCharsets.UTF_8);

    assertThat(log).as("TRACE logging is on and the simulator echoed").contains("response body").contains("\"echo\":\"***");
    assertThat(seen.texts()).as("echoed values were masked, not absent").anyMatch(t -> t.contains("***"));
    assertThat(signatures).hasSizeGreaterThan(50);
    assertThat(tokens).hasSizeGreaterThan(10);
    List<String> forbidden = new ArrayList<>(List.of(KEY, SECRET, WRONG_SECRET));
    forbidden.addAll(signatures);
    forbidden.addAll(tokens);
    for (String secret : forbidden) {
      assertThat(log).as("the log").doesNotContain(secret);
      assertThat(seen.containing(List.of(secret))).as("what a user can see").isEmpty();
    }
  }
}
