package dev.lora4j.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskTimingTest {

  @Test
  void drawsDurationsWithinBoundsReproduciblyFromTheSeed() {
    Duration min = Duration.ofMillis(50);
    Duration max = Duration.ofMillis(200);
    TaskTiming timing = new TaskTiming(min, max, min, max, 0.0, 5);
    TaskTiming same = new TaskTiming(min, max, min, max, 0.0, 5);
    Set<Duration> seen = new HashSet<>();

    for (long ordinal = 0; ordinal < 100; ordinal++) {
      Duration queue = timing.queueTime(ordinal);
      assertThat(queue).isBetween(min, max);
      assertThat(timing.runTime(ordinal)).isBetween(min, max);
      assertThat(same.queueTime(ordinal)).isEqualTo(queue);
      seen.add(queue);
    }

    assertThat(seen).hasSizeGreaterThan(50);
  }

  @Test
  void failsRoughlyTheConfiguredShare() {
    TaskTiming timing = new TaskTiming(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0.25, 1);

    long failures = java.util.stream.LongStream.range(0, 1000).filter(timing::fails).count();

    assertThat(failures).isBetween(200L, 300L);
  }
}
