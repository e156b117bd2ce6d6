package dev.lora4j.examples;

import dev.lora4j.TaskClient;
import dev.lora4j.TaskUpdate;
import dev.lora4j.TextToImage;
import dev.lora4j.WatchOptions;
import java.time.Duration;
import java.util.List;

/**
 * Streaming status updates: one update per change, ending with exactly one terminal update that
 * carries the result.
 */
public final class StreamingStatus {

  private StreamingStatus() {}

  /**
   * Submits a task and prints each status change.
   *
   * @param client a client of any provider
   * @param lora a LoRA that provider knows
   * @return the updates, in order
   */
  public static List<TaskUpdate> run(TaskClient client, String lora) {
    WatchOptions options = WatchOptions.defaults()
        .interval(Duration.ofSeconds(1))           // poll every second
        .timeout(Duration.ofMinutes(5));           // then cancel the task and signal TaskTimeoutException
    return client.runAndWatch(TextToImage.of("a gecko playing american football", lora), options)
        .doOnNext(u -> System.out.println(u.status() + " (" + u.providerStatus() + ")"
            + u.queuePosition().stream().mapToObj(q -> ", queue position " + q).findFirst().orElse("")))
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
      run(example.client(), example.exampleLora());
    }
  }
}
