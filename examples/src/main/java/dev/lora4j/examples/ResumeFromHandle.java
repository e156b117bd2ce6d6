package dev.lora4j.examples;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskResult;
import dev.lora4j.TextToImage;

/**
 * Resuming a task from its encoded handle: one process submits and saves the handle, another (here:
 * another client) decodes it and waits for the result. The handle holds no credentials.
 */
public final class ResumeFromHandle {

  private ResumeFromHandle() {}

  /**
   * Submits with one client and waits with another.
   *
   * @param submitter the client that submits
   * @param options how the second client connects (its own credentials)
   * @param lora a LoRA the provider knows
   * @return the result, as the second client saw it
   */
  public static TaskResult run(TaskClient submitter, ClientOptions options, String lora) {
    String saved = submitter.submit(TextToImage.of("a gecko", lora)).block().encode();  // e.g. lora4j:xalora:9034a6ca80
    System.out.println("Saved handle " + saved);

    try (TaskClient later = TaskClients.create(options)) {                              // another process, later
      TaskHandle handle = TaskHandle.decode(saved);
      return later.await(handle).block();
    }
  }

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (ExampleClient example = ExampleClient.connect(null)) {
      System.out.println(run(example.client(), example.options(), example.exampleLora()));
    }
  }
}
