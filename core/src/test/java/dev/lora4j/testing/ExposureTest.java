package dev.lora4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.ResultDetail;
import dev.lora4j.TaskFailedException;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExposureTest {

  private static final TaskHandle HANDLE = TaskHandle.of("xalora", "9034a6ca80");

  @Test
  void collectsAResultsTextsAndFindsTheOnesHoldingASecret() {
    Exposure seen = new Exposure();
    seen.result(TaskResult.builder(HANDLE, TaskStatus.FINISHED)
        .output(TaskOutput.of(URI.create("https://cdn.test/0.png?key=leaked-1"), "image/png", "0.png", 3))
        .detail(ResultDetail.of("minerId", String.class), "miner leaked-2").raw("{\"msg\":\"fine\"}").build());

    assertThat(seen.texts()).contains("miner leaked-2", "https://cdn.test/0.png?key=leaked-1", "{\"msg\":\"fine\"}");
    assertThat(seen.containing(List.of("leaked-1", "leaked-2", " ")))
        .hasSize(3)
        .contains("miner leaked-2", "https://cdn.test/0.png?key=leaked-1")
        .anyMatch(t -> t.startsWith("TaskResult{") && t.contains("minerId=miner leaked-2"));
  }

  @Test
  void followsCausesSuppressedExceptionsAndTheResultOfATaskExceptionEachOnce() {
    TaskResult failed = TaskResult.builder(HANDLE, TaskStatus.FAILED).error("reason leaked-3").build();
    TaskFailedException cause = new TaskFailedException(failed);
    RuntimeException top = new RuntimeException("top leaked-4", cause);
    cause.addSuppressed(new ProviderUnavailableException("suppressed leaked-5", 503, "provider leaked-6"));
    cause.addSuppressed(top);

    Exposure seen = new Exposure();
    seen.error(top);

    assertThat(seen.containing(List.of("leaked-3", "leaked-4", "leaked-5", "leaked-6")))
        .anyMatch(t -> t.contains("leaked-3")).anyMatch(t -> t.contains("leaked-4"))
        .anyMatch(t -> t.contains("leaked-5")).anyMatch(t -> t.contains("leaked-6"));
    assertThat(seen.texts()).filteredOn(t -> t.equals("top leaked-4")).as("a cycle is followed once").hasSize(1);
  }
}
