package dev.lora4j.xalora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ClientOptions;
import dev.lora4j.PollSchedule;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.TextToImage;
import dev.lora4j.WatchOptions;
import dev.lora4j.testkit.TaskTransitions;
import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Adaptive polling over real loopback HTTP against {@link XaloraSimulator} with spread durations. */
class XaloraScheduleScenarioTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final WatchOptions ADAPTIVE = WatchOptions.defaults()
      .pollSchedule(PollSchedule.adaptive(Duration.ofMillis(30), Duration.ofMillis(400)));

  private XaloraSimulator sim;
  private TaskClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void adaptiveScheduleFollowsTasksOfSpreadDurationsToFinishedNeverAheadOfTheSimulator() {
    sim = XaloraSimulator.builder()
        .queueTimeLogNormal(Duration.ofMillis(80), 0.4)
        .runTimeLogNormal(Duration.ofMillis(200), 0.3)
        .seed(3)
        .build()
        .start();
    client = TaskClients.create(ClientOptions.builder().environment(Map.of()).systemProperties(new Properties())
        .provider("xalora").apiKey(XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY)
        .baseUrl(sim.baseUrl()).build());

    for (int i = 0; i < 5; i++) {
      TextToImage request = TextToImage.builder().prompt("a gecko " + i).lora("gecko").width(64).height(64).build();
      List<TaskUpdate> updates = client.runAndWatch(request, ADAPTIVE).collectList().block(WAIT);

      TaskUpdate last = updates.get(updates.size() - 1);
      assertThat(last.status()).isEqualTo(TaskStatus.FINISHED);
      TaskTransitions real = sim.transitions(last.handle().id()).orElseThrow();
      assertThat(last.observedAt()).isAfterOrEqualTo(real.ended().orElseThrow());
      updates.stream().filter(u -> u.status() == TaskStatus.RUNNING).findFirst()
          .ifPresent(running -> assertThat(running.observedAt()).isAfterOrEqualTo(real.running().orElseThrow()));
    }
  }
}
