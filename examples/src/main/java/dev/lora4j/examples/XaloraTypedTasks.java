package dev.lora4j.examples;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskResult;
import dev.lora4j.xalora.FluxLoraTask;
import dev.lora4j.xalora.Text2VideoTask;
import dev.lora4j.xalora.UpscalerTask;
import dev.lora4j.xalora.WorkflowTaskResult;
import dev.lora4j.xalora.XaloraWorkflows;
import java.time.Duration;
import java.util.List;

/** Xalora's typed tasks on the neutral client, and the Node.js SDK's four functions. */
public final class XaloraTypedTasks {

  private XaloraTypedTasks() {}

  /**
   * Runs a FluxLora, an Upscaler and a Text2Video task.
   *
   * @param client a Xalora client
   * @return their results
   */
  public static List<TaskResult> typedTasks(TaskClient client) {
    FluxLoraTask flux = FluxLoraTask.builder()
        .prompt("A photo of GECKO with dark green skin spots playing american football, cartoon, comic, anime")
        .loraName("gecko")
        .timeoutSeconds(300)          // the sequencer cancels the task after 5 minutes
        .build();
    TaskResult image = client.run(flux).block();
    TaskResult upscaled = client.run(UpscalerTask.builder()
        .workflowId("2")
        .image(image.outputs().get(0).url())
        .build()).block();
    TaskResult video = client.run(Text2VideoTask.builder()
        .workflowId("1")
        .prompt("a gecko running on a beach")
        .width(256).height(256).length(8).fps(8)
        .build()).block();
    return List.of(image, upscaled, video);
  }

  /**
   * The seed SDK's functions: execute, query, wait, cancel.
   *
   * @param options how to connect to Xalora
   * @return the finished task, as {@code executeWorkflowAndWaitForResult} returned it
   */
  public static WorkflowTaskResult workflows(ClientOptions options) {
    try (XaloraWorkflows workflows = XaloraWorkflows.create(options)) {
      String taskId = workflows.executeWorkflow(FluxLoraTask.of("a gecko", "gecko")).block();
      System.out.println(taskId + ": " + workflows.queryTaskResult(taskId).block().status());
      System.out.println(workflows.cancelTask(taskId).block().msg());

      return workflows.executeWorkflowAndWaitForResult(
          FluxLoraTask.of("a gecko", "gecko"), Duration.ofMinutes(10), Duration.ofSeconds(3)).block();
    }
  }

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (ExampleClient example = ExampleClient.connect("xalora")) {
      typedTasks(example.client()).forEach(System.out::println);
      System.out.println(workflows(example.options()));
    }
  }
}
