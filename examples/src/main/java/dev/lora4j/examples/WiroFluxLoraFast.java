package dev.lora4j.examples;

import dev.lora4j.TaskClient;
import dev.lora4j.TaskResult;
import dev.lora4j.wiro.FluxLoraFast;
import dev.lora4j.wiro.WiroLora;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Wiro's {@code text-to-image-flux-lora-fast} tool with a LoRA from its catalog and its trigger words. */
public final class WiroFluxLoraFast {

  private WiroFluxLoraFast() {}

  /**
   * Generates two samples in the vintage comic book cover style and saves them.
   *
   * @param client a Wiro client
   * @param folder where to save the images
   * @return the saved files
   */
  public static List<Path> run(TaskClient client, Path folder) {
    FluxLoraFast request = FluxLoraFast.builder()
        .lora(WiroLora.VINTAGE_COMIC_BOOK_COVER)                      // catalog id 1236
        .promptWithTriggerWords("a gecko playing american football")  // adds "vintage comic book cover, 1950s pulp art style"
        .width(768).height(1024)
        .steps(20)
        .samples(2)
        .build();
    TaskResult result = client.run(request).block();
    List<Path> saved = new ArrayList<>();
    for (var output : result.outputs()) {
      saved.add(client.download(output, folder.resolve("wiro-" + result.handle().id() + "-" + output.name())).block());
    }
    return saved;
  }

  /**
   * Runs the example: on Wiro when {@code WIRO_API_KEY} is set, else on the Wiro simulator.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (ExampleClient example = ExampleClient.connect("wiro")) {
      run(example.client(), Path.of("lora4j-out")).forEach(p -> System.out.println("Saved " + p));
    }
  }
}
