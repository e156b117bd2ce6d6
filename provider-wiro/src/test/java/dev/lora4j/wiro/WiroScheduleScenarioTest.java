package dev.lora4j.wiro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.PollSchedule;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.TextToImage;
import dev.lora4j.WatchOptions;
import dev.lora4j.testkit.TaskTransitions;
import dev.lora4j.testkit.WiroSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Adaptive polling over real loopback HTTP against {@link WiroSimulator} with spread durations. */
class WiroScheduleScenarioTest {

  private static final WatchOptions ADAPTIVE = WatchOptions.defaults()
      .pollSchedule(PollSchedule.adaptive(Duration.ofMillis(30), Duration.ofMillis(400)));

  @Test
  void adaptiveScheduleFollowsPolledTasksToFinishedNeverAheadOfTheSimulator() {
    try (WiroSimulator sim = WiroSimulator.builder()
            .queueTimeLogNormal(Duration.ofMillis(80), 0.4)
            .runTimeLogNormal(Duration.ofMillis(250), 0.3)
            .seed(5)
            .build()
            .start();
        TaskClient client = TaskClients.create(WiroTests.options(sim, "polling", Map.of()).build())) {
      for (int i = 0; i < 4; i++) {
        TextToImage request = TextToImage.builder().prompt("a fox " + i).lora("678").width(64).height(64).build();
        List<TaskUpdate> updates = client.runAndWatch(request, ADAPTIVE).collectList().block(WiroTests.WAIT);

        TaskUpdate last = updates.get(updates.size() - 1);
        assertThat(last.status()).isEqualTo(TaskStatus.FINISHED);
        TaskTransitions real = sim.transitions(last.handle().id()).orElseThrow();
        assertThat(last.observedAt()).isAfterOrEqualTo(real.ended().orElseThrow());
      }
    }
  }
}
