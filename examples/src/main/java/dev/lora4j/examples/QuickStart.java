package dev.lora4j.examples;

import dev.lora4j.TaskClient;
import dev.lora4j.TaskResult;
import dev.lora4j.TextToImage;
import java.nio.file.Path;

/**
 * Quick start: one provider-neutral request, run to the end, its image saved. The same code runs on
 * every provider; which one is decided by the class path and the environment.
 */
public final class QuickStart {

  private QuickStart() {}

  /**
   * Generates one image and saves it.
   *
   * @param client a client of any provider
   * @param lora a LoRA that provider knows
   * @param folder where to save the image
   * @return the saved file
   */
  public static Path run(TaskClient client, String lora, Path folder) {
    TextToImage request = TextToImage.builder()
        .prompt("A photo of GECKO with dark green skin spots playing american football, cartoon, comic, anime")
        .lora(lora)
        .width(768)
        .height(1024)
        .build();
    TaskResult result = client.run(request).block();          // submit, then wait for FINISHED
    return client.download(result.outputs().get(0), folder.resolve("quick-start.png")).block();
  }

  /**
   * Runs the example: against the real provider when its credentials are set, else its simulator.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (ExampleClient example = ExampleClient.connect(null)) {
      String lora = example.exampleLora();
      System.out.println("Saved " + run(example.client(), lora, Path.of("lora4j-out")));
    }
  }
}
