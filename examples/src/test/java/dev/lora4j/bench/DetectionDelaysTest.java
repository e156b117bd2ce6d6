package dev.lora4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectionDelaysTest {

  private static final List<String> TRANSITIONS = List.of(
      "a 1000000 5000000",
      "b 2000000 -1",
      "c -1 3000000",
      "d 1000000 4000000");

  @Test
  void endDelaysAreEmittedMinusRealEndInSecondsSmallestFirst() {
    Map<String, Long> emitted = Map.of("a", 5_750_000L, "c", 3_250_000L, "d", 4_500_000L);
    assertThat(DetectionDelays.sorted(TRANSITIONS, DetectionDelays.ENDED, id -> emitted.getOrDefault(id, -1L)))
        .containsExactly(0.25, 0.5, 0.75);
  }

  @Test
  void leavesOutTasksNotWatchedOrWithoutTheChange() {
    Map<String, Long> emitted = Map.of("a", 1_100_000L, "b", 2_300_000L, "c", 9_000_000L);
    assertThat(DetectionDelays.sorted(TRANSITIONS, DetectionDelays.RUNNING, id -> emitted.getOrDefault(id, -1L)))
        .containsExactly(0.1, 0.3);
  }
}
