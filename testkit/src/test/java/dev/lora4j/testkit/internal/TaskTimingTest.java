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

  @Test
  void logNormalDrawsAreReproducibleAndSpreadAroundTheirMedian() {
    Duration median = Duration.ofSeconds(20);
    TaskTiming timing = new TaskTiming(median, median, median, median, 0.0, 5, 0.5, 0.3);
    TaskTiming same = new TaskTiming(median, median, median, median, 0.0, 5, 0.5, 0.3);
    double[] logs = new double[2_000];
    int below = 0;
    for (int i = 0; i < logs.length; i++) {
      assertThat(timing.runTime(i)).isEqualTo(same.runTime(i));
      logs[i] = Math.log(timing.queueTime(i).toMillis() / 20_000.0);
      if (timing.runTime(i).compareTo(median) < 0) {
        below++;
      }
    }
    double mean = java.util.Arrays.stream(logs).average().orElseThrow();
    double sd = Math.sqrt(java.util.Arrays.stream(logs).map(x -> (x - mean) * (x - mean)).sum() / logs.length);
    assertThat(mean).isBetween(-0.05, 0.05);
    assertThat(sd).isBetween(0.45, 0.55);
    assertThat(below).as("half the run times below the median").isBetween(900, 1_100);
  }

  @Test
  void rejectsANegativeSigma() {
    Duration d = Duration.ofSeconds(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TaskTiming(d, d, d, d, 0.0, 1, -0.1, 0.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queueTime sigma must be between 0.0 and 10.0, was -0.1");
  }
}
