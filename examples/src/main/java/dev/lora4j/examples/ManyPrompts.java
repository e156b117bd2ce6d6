package dev.lora4j.examples;

import dev.lora4j.TaskClient;
import dev.lora4j.TaskResult;
import dev.lora4j.TextToImage;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * Many prompts at bounded concurrency: at most {@code concurrency} tasks are in flight at once, on
 * one client, without a thread per task.
 */
public final class ManyPrompts {

  private ManyPrompts() {}

  /**
   * Runs every prompt, a few at a time.
   *
   * @param client a client of any provider
   * @param lora a LoRA that provider knows
   * @param prompts the prompts
   * @param concurrency how many tasks may run at once
   * @return the results, in completion order
   */
  public static List<TaskResult> run(TaskClient client, String lora, List<String> prompts, int concurrency) {
    return Flux.fromIterable(prompts)
        .flatMap(prompt -> client.run(TextToImage.of(prompt, lora)), concurrency)
        .doOnNext(r -> System.out.println(r.handle().id() + " -> " + r.outputs().get(0).url()))
        .collectList()
        .block();
  }

  /**
   * Runs the example.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    try (ExampleClient example = ExampleClient.connect(null)) {
      run(example.client(), example.exampleLora(),
          List.of("a gecko surfing", "a gecko skiing", "a gecko reading", "a gecko cooking", "a gecko singing"), 2);
    }
  }
}
