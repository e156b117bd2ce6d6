package dev.lora4j.journal;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TextToImage;
import dev.lora4j.testkit.RecordedRequest;
import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/** Clients of a Xalora simulator and counts of what it received, for the journal's tests. */
final class JournalFixture {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final String KEY = XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY;

  private JournalFixture() {}

  static TaskClient client(XaloraSimulator sim, Duration pollInterval) {
    return TaskClients.create(ClientOptions.builder().environment(Map.of()).systemProperties(new Properties())
        .provider("xalora").apiKey(KEY).baseUrl(sim.baseUrl()).pollInterval(pollInterval).build());
  }

  /** A request whose prompt names its key, so that the simulator's submissions can be counted per key. */
  static TextToImage request(String key) {
    return TextToImage.builder().prompt("a red fox, task " + key).lora("gecko").width(256).height(256).build();
  }

  static String promptOf(RecordedRequest r) {
    return r.params().path("task_details").path("parameters").path("prompt").asString();
  }

  /** How many submissions the simulator received per prompt. */
  static Map<String, Long> submissionsByPrompt(XaloraSimulator sim) {
    return sim.requests(XaloraSimulator.TASK_CREATE).stream()
        .collect(Collectors.groupingBy(JournalFixture::promptOf, Collectors.counting()));
  }

  static DurableOptions quick(String owner) {
    return DurableOptions.defaults().withOwner(owner).withLeaseTtl(Duration.ofMillis(1500))
        .withPollFallback(Duration.ofMillis(200));
  }
}
