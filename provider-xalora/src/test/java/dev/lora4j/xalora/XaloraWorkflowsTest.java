package dev.lora4j.xalora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskNotFoundException;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskTimeoutException;
import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The seed SDK's four functions over real loopback HTTP. */
class XaloraWorkflowsTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private XaloraSimulator sim;
  private XaloraWorkflows workflows;

  private void start(XaloraSimulator.Builder builder) {
    sim = builder.build().start();
    workflows = XaloraWorkflows.create(ClientOptions.builder().environment(Map.of()).systemProperties(new Properties())
        .apiKey("sim-consumer#sim-key").baseUrl(sim.baseUrl()).build());
  }

  @AfterEach
  void stop() {
    workflows.close();
    sim.close();
  }

  @Test
  void executeWorkflowReturnsTheTaskIdAndQueryTaskResultReadsIt() {
    start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(30)));

    String taskId = workflows.executeWorkflow(FluxLoraTask.of("a gecko", "gecko")).block(WAIT);
    assertThat(sim.taskIds()).containsExactly(taskId);

    WorkflowTaskResult state = workflows.queryTaskResult(taskId).block(WAIT);
    assertThat(state.taskId()).isEqualTo(taskId);
    assertThat(state.status()).isEqualTo("waiting");
    assertThat(state.queuePosition()).isPresent();
    assertThat(state.result()).isEmpty();
  }

  @Test
  void executeWorkflowAndWaitForResultEndsFinishedWithTheResultUrl() {
    start(XaloraSimulator.builder().queueTime(Duration.ofMillis(50)).runTime(Duration.ofMillis(100)));

    WorkflowTaskResult done = workflows.executeWorkflowAndWaitForResult(
        FluxLoraTask.of("a gecko", "gecko"), Duration.ofSeconds(15), Duration.ofMillis(40)).block(WAIT);

    assertThat(done.status()).isEqualTo("finished");
    assertThat(done.taskStatus()).isEqualTo(TaskStatus.FINISHED);
    assertThat(done.result()).get().asString().startsWith(sim.baseUrl().toString()).endsWith(".png");
    assertThat(done.minerId()).isPresent();
    assertThat(done.inferenceLatency()).isPresent();
    assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).hasSize(1);
  }

  @Test
  void executeWorkflowAndWaitForResultStopsOnCanceledUnlikeTheNodeSdk() {
    start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(30)));

    WorkflowTaskResult canceled = workflows.executeWorkflowAndWaitForResult(
        FluxLoraTask.builder().prompt("p").loraName("gecko").timeoutSeconds(1).build(),
        Duration.ofSeconds(15), Duration.ofMillis(50)).block(WAIT);

    assertThat(canceled.status()).isEqualTo("canceled");
  }

  @Test
  void executeWorkflowAndWaitForResultCancelsOnTimeout() {
    start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(30)));

    StepVerifier.create(workflows.executeWorkflowAndWaitForResult(
            FluxLoraTask.of("a gecko", "gecko"), Duration.ofMillis(300), Duration.ofMillis(50)))
        .expectError(TaskTimeoutException.class)
        .verify(WAIT);
    assertThat(sim.status(sim.taskIds().get(0))).hasValue("canceled");
  }

  @Test
  void cancelTaskReturnsTheSequencersAnswer() {
    start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(30)));
    String taskId = workflows.executeWorkflow(FluxLoraTask.of("a gecko", "gecko")).block(WAIT);

    CancelResponse response = workflows.cancelTask(taskId).block(WAIT);

    assertThat(response.taskId()).isEqualTo(taskId);
    assertThat(response.msg()).isNotBlank();
    assertThat(sim.status(taskId)).hasValue("canceled");
    assertThat(workflows.queryTaskResult(taskId).block(WAIT).status()).isEqualTo("canceled");
    StepVerifier.create(workflows.cancelTask("ffffffffff")).expectError(TaskNotFoundException.class).verify(WAIT);
  }
}
