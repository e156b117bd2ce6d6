package dev.lora4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The faults a soak test needs beyond the basic ones (answers cut halfway, stale answers) and the
 * echo of credentials, over real HTTP against both simulators.
 */
class SimulatorFaultsAndEchoTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private final List<AutoCloseable> simulators = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable simulator : simulators) {
      simulator.close();
    }
  }

  private XaloraSimulator xalora(XaloraSimulator.Builder builder) {
    XaloraSimulator simulator = builder.build().start();
    simulators.add(simulator);
    return simulator;
  }

  private WiroSimulator wiro(WiroSimulator.Builder builder) {
    WiroSimulator simulator = builder.keyOnlyProject("key-only-1").build().start();
    simulators.add(simulator);
    return simulator;
  }

  private static URI at(XaloraSimulator simulator, String endpoint) {
    return URI.create(simulator.baseUrl() + "/" + endpoint);
  }

  private static ObjectNode query(String taskId, String apiKey) {
    return Http.JSON.createObjectNode().put("task_id", taskId).put("api_key", apiKey);
  }

  private static String create(XaloraSimulator simulator) {
    HttpResponse<String> created = Http.postJson(at(simulator, XaloraSimulator.TASK_CREATE), XaloraSimulatorTest.txt2img("a fox", 1, 64, 64));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    return Http.json(created).get("task_id").stringValue();
  }

  @Test
  void cutsAnAnswerHalfwayAfterTheRequestWasProcessed() {
    XaloraSimulator simulator = xalora(XaloraSimulator.builder().faults(FaultPlan.builder()
        .forEndpoint(XaloraSimulator.TASK_CREATE, EndpointFaults.builder().cutAnswers(1.0).build()).build()));

    assertThatThrownBy(() -> Http.postJson(at(simulator, XaloraSimulator.TASK_CREATE), XaloraSimulatorTest.txt2img("a", 1, 8, 8)))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(simulator.taskIds()).as("the task was created before the answer was cut").hasSize(1);
    assertThat(simulator.faultCount(XaloraSimulator.TASK_CREATE, FaultKind.CUT_ANSWER)).isEqualTo(1);
  }

  @Test
  void answersXaloraQueriesWithTheStateOneStepBehind() {
    XaloraSimulator simulator = xalora(XaloraSimulator.builder().queueTime(Duration.ZERO).runTime(Duration.ZERO)
        .faults(FaultPlan.builder().forEndpoint(XaloraSimulator.TASK_RESULT_QUERY,
            EndpointFaults.builder().staleAnswers(1.0).build()).build()));
    String id = create(simulator);
    Await.until("the task to finish", DEADLINE, () -> simulator.status(id).orElse("").equals("finished"));

    JsonNode stale = Http.json(Http.postJson(at(simulator, XaloraSimulator.TASK_RESULT_QUERY), query(id, XaloraSimulator.DEFAULT_API_KEY)));

    assertThat(stale.get("status").stringValue()).isEqualTo("running");
    assertThat(stale.get("result").isNull()).isTrue();
    assertThat(stale.get("task_id").stringValue()).isEqualTo(id);
    assertThat(simulator.faultCount(FaultKind.STALE_ANSWER)).isEqualTo(1);
  }

  @Test
  void answersWiroDetailsWithTheStateOneStepBehind() {
    WiroSimulator simulator = wiro(WiroSimulator.builder().queueTime(Duration.ZERO).runTime(Duration.ofMillis(20))
        .faults(FaultPlan.builder().forEndpoint(WiroSimulator.TASK_DETAIL,
            EndpointFaults.builder().staleAnswers(1.0).build()).build()));
    WiroCalls calls = new WiroCalls(simulator.baseUrl(), "key-only-1", "unused");
    String id = calls.postOk("Run/" + WiroSimulator.FLUX_LORA_FAST, Map.of("prompt", "a fox", "width", "64", "height", "64"))
        .get("taskid").stringValue();
    Await.until("the task to end", DEADLINE, () -> simulator.status(id).orElse("").equals("task_postprocess_end"));

    JsonNode task = calls.postOk(WiroSimulator.TASK_DETAIL, Map.of("taskid", id)).get("tasklist").get(0);

    assertThat(task.get("status").stringValue()).isEqualTo("task_start");
    assertThat(task.get("pexit").stringValue()).isEmpty();
    assertThat(task.get("outputs")).isEmpty();
  }

  @Test
  void echoesXaloraCredentialsIntoEveryTextFieldButIdsAndStatuses() {
    XaloraSimulator simulator = xalora(XaloraSimulator.builder().queueTime(Duration.ZERO).runTime(Duration.ZERO)
        .echoCredentials(true));
    String id = create(simulator);
    Await.until("the task to finish", DEADLINE, () -> simulator.status(id).orElse("").equals("finished"));
    String key = XaloraSimulator.DEFAULT_API_KEY;

    JsonNode answer = Http.json(Http.postJson(at(simulator, XaloraSimulator.TASK_RESULT_QUERY), query(id, key)));
    HttpResponse<String> refused = Http.postJson(at(simulator, XaloraSimulator.TASK_RESULT_QUERY), query(id, "wrong-key-7"));

    assertThat(answer.get("task_id").stringValue()).isEqualTo(id);
    assertThat(answer.get("status").stringValue()).isEqualTo("finished");
    assertThat(answer.get("miner_id").stringValue()).endsWith(" " + key);
    assertThat(answer.get("msg").stringValue()).isEqualTo(key);
    assertThat(answer.get("result").stringValue()).endsWith("?echo=" + key);
    assertThat(answer.get("echo").stringValue()).isEqualTo(key);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(Http.json(refused).get("error").stringValue()).endsWith("wrong-key-7");
    assertThat(Http.get(URI.create(answer.get("result").stringValue())).statusCode())
        .as("the output is still served").isEqualTo(200);
  }

  @Test
  void echoesWiroCredentialsIntoAnswersButNotIntoIdsTokensOrStatuses() {
    WiroSimulator simulator = wiro(WiroSimulator.builder().echoCredentials(true));
    WiroCalls calls = new WiroCalls(simulator.baseUrl(), "key-only-1", "unused");

    JsonNode run = calls.postOk("Run/" + WiroSimulator.FLUX_LORA_FAST, Map.of("prompt", "a fox"));
    String id = run.get("taskid").stringValue();
    JsonNode task = calls.postOk(WiroSimulator.TASK_DETAIL, Map.of("taskid", id)).get("tasklist").get(0);
    JsonNode refused = calls.postOk(WiroSimulator.TASK_CANCEL, Map.of("taskid", "no-such-task"));

    assertThat(run.get("echo").stringValue()).as("the key, and the signature the test client sends").startsWith("key-only-1 ");
    assertThat(run.get("socketaccesstoken").stringValue()).doesNotContain("key-only-1");
    assertThat(task.get("id").stringValue()).isEqualTo(id);
    assertThat(task.get("status").stringValue()).isEqualTo("task_queue");
    assertThat(task.get("uuid").stringValue()).contains(" key-only-1");
    assertThat(refused.get("errors").get(0).get("message").stringValue()).contains(" key-only-1");
  }
}
