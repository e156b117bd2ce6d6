package dev.lora4j.xalora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkflowTaskResultTest {

  @Test
  void printsTheResultUrlWithoutItsQuery() {
    TaskHandle handle = TaskHandle.of("xalora", "9034a6ca80");
    TaskUpdate finished = TaskUpdate.builder(handle, TaskStatus.FINISHED).providerStatus("finished")
        .result(TaskResult.builder(handle, TaskStatus.FINISHED)
            .output(TaskOutput.of(URI.create("https://cdn.test/out/0.png?signature=s3cr3t-token"))).build())
        .build();

    WorkflowTaskResult result = WorkflowTaskResult.of(finished);

    assertThat(result.result()).hasValue("https://cdn.test/out/0.png?signature=s3cr3t-token");
    assertThat(result.toString()).contains("https://cdn.test/out/0.png?...").doesNotContain("s3cr3t-token");
  }

  @Test
  void readsTheMinerAndTheLatenciesFromTheResultsDetails() {
    TaskHandle handle = TaskHandle.of("xalora", "9034a6ca80");
    TaskUpdate finished = TaskUpdate.builder(handle, TaskStatus.FINISHED).providerStatus("finished")
        .result(TaskResult.builder(handle, TaskStatus.FINISHED)
            .detail(XaloraDetails.MINER_ID, "0x737c")
            .detail(XaloraDetails.INFERENCE_LATENCY, Duration.ofMillis(18_428))
            .detail(XaloraDetails.UPLOAD_LATENCY, Duration.ofMillis(510))
            .build())
        .build();

    WorkflowTaskResult result = WorkflowTaskResult.of(finished);

    assertThat(result.minerId()).hasValue("0x737c");
    assertThat(result.inferenceLatency()).hasValue(Duration.ofMillis(18_428));
    assertThat(result.uploadLatency()).hasValue(Duration.ofMillis(510));
  }

  @Test
  void aRunningTaskHasNoMinerNorLatencies() {
    TaskHandle handle = TaskHandle.of("xalora", "9034a6ca80");
    WorkflowTaskResult running = WorkflowTaskResult.of(TaskUpdate.builder(handle, TaskStatus.RUNNING).build());
    WorkflowTaskResult bare = WorkflowTaskResult.of(TaskUpdate.builder(handle, TaskStatus.FINISHED)
        .result(TaskResult.builder(handle, TaskStatus.FINISHED).build()).build());

    assertThat(running.minerId()).isEmpty();
    assertThat(running.inferenceLatency()).isEmpty();
    assertThat(bare.uploadLatency()).isEmpty();
    assertThat(bare.minerId()).isEmpty();
  }
}
