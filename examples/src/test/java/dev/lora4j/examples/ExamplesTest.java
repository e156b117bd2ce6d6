package dev.lora4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.testkit.WiroSimulator;
import dev.lora4j.testkit.XaloraSimulator;
import dev.lora4j.xalora.WorkflowTaskResult;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Every example program the README quotes, run against the Xalora simulator. */
class ExamplesTest {

  private XaloraSimulator sim;
  private ClientOptions options;
  private TaskClient client;

  @BeforeEach
  void start() {
    start(XaloraSimulator.builder().queueTime(Duration.ofMillis(50)).runTime(Duration.ofMillis(100)));
  }

  private void start(XaloraSimulator.Builder builder) {
    sim = builder.build().start();
    options = ClientOptions.builder().environment(Map.of()).systemProperties(new Properties())
        .provider("xalora").apiKey("sim-consumer#sim-key").baseUrl(sim.baseUrl())
        .pollInterval(Duration.ofMillis(40)).build();
    client = TaskClients.create(options);
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  @Test
  void quickStartSavesTheImage(@TempDir Path dir) throws Exception {
    Path saved = QuickStart.run(client, "gecko", dir);
    BufferedImage image = ImageIO.read(saved.toFile());
    assertThat(image.getWidth()).isEqualTo(768);
    assertThat(image.getHeight()).isEqualTo(1024);
  }

  @Test
  void streamingStatusEndsWithOneTerminalUpdate() {
    sim.close();
    client.close();
    // queued longer than the first poll can take, even on a slow machine
    start(XaloraSimulator.builder().queueTime(Duration.ofMillis(600)).runTime(Duration.ofMillis(100)));
    List<TaskUpdate> updates = StreamingStatus.run(client, "gecko");
    assertThat(updates).extracting(TaskUpdate::status).containsSubsequence(TaskStatus.WAITING, TaskStatus.FINISHED);
    assertThat(updates).filteredOn(u -> u.status().isTerminal()).hasSize(1);
  }

  @Test
  void resumeFromHandleAwaitsWithAnotherClient() {
    TaskResult result = ResumeFromHandle.run(client, options, "gecko");
    assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    assertThat(result.handle().id()).isEqualTo(sim.taskIds().get(0));
  }

  @Test
  void manyPromptsRunsEveryPromptOnce() {
    List<TaskResult> results = ManyPrompts.run(client, "gecko", List.of("a", "b", "c", "d", "e"), 2);
    assertThat(results).hasSize(5).allMatch(r -> r.status() == TaskStatus.FINISHED);
    assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).hasSize(5);
  }

  @Test
  void xaloraTypedTasksRunEveryWorkflow() {
    List<TaskResult> results = XaloraTypedTasks.typedTasks(client);
    assertThat(results).extracting(r -> r.outputs().get(0).contentType().orElse(""))
        .containsExactly("image/png", "image/png", "image/gif");
  }

  @Test
  void wiroFluxLoraFastSavesTwoSamplesWithTheTriggerWords(@TempDir Path dir) throws Exception {
    try (WiroSimulator wiro = WiroSimulator.builder().queueTime(Duration.ofMillis(50)).runTime(Duration.ofMillis(100)).build().start();
         TaskClient wiroClient = TaskClients.create(ClientOptions.builder().systemProperties(new Properties())
             .environment(Map.of("WIRO_API_KEY", WiroSimulator.DEFAULT_API_KEY, "WIRO_API_SECRET", WiroSimulator.DEFAULT_API_SECRET,
                 "WIRO_BASE_URL", wiro.baseUrl().toString(), "WIRO_SOCKET_URL", wiro.socketUrl().toString()))
             .provider("wiro").build())) {
      List<Path> saved = WiroFluxLoraFast.run(wiroClient, dir);

      assertThat(saved).hasSize(2);
      assertThat(ImageIO.read(saved.get(0).toFile()).getHeight()).isEqualTo(1024);
      JsonNode inputs = wiro.requests(WiroSimulator.RUN).get(0).params();
      assertThat(inputs.get("selectedLoraModel").asString()).isEqualTo("1236");
      assertThat(inputs.get("prompt").asString()).contains("vintage comic book cover").contains("a gecko playing american football");
    }
  }

  @Test
  void xaloraWorkflowsRunTheSeedFunctions() {
    WorkflowTaskResult done = XaloraTypedTasks.workflows(options);
    assertThat(done.status()).isEqualTo("finished");
    assertThat(sim.requests(XaloraSimulator.TASK_CANCEL)).hasSize(1);
  }
}
