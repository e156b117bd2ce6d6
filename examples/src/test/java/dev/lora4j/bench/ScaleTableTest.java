package dev.lora4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleTableTest {

  @Test
  void labelsSchedulesInSeconds() {
    assertThat(ScaleTable.label("fixed:1000")).isEqualTo("`fixed(1s)`");
    assertThat(ScaleTable.label("adaptive:1400:15000")).isEqualTo("`adaptive(1.4s, 15s)`");
  }

  @Test
  void mediansAreTakenFigureByFigure() {
    Map<String, Double> medians = ScaleTable.medians(List.of(
        Map.of("wallS", 30.0, "threads", 15.0),
        Map.of("wallS", 10.0, "threads", 17.0),
        Map.of("wallS", 20.0, "threads", 16.0)));
    assertThat(medians).containsEntry("wallS", 20.0).containsEntry("threads", 16.0);
  }

  @Test
  void rowShowsEveryColumnAndTasksThatDidNotEnd() {
    Map<String, Double> m = new HashMap<>(Map.ofEntries(
        Map.entry("tasks", 10_000.0), Map.entry("ended", 9_998.0), Map.entry("wallS", 41.26),
        Map.entry("cpuPerCallUs", 96.4), Map.entry("jitShare", 21.2), Map.entry("gcShare", 3.6),
        Map.entry("pollsPerTask", 22.57), Map.entry("endP50S", 0.504), Map.entry("endP95S", 0.951),
        Map.entry("endMaxS", 1.3), Map.entry("peakRssMiB", 612.4), Map.entry("heapPerTaskKiB", 2.345),
        Map.entry("threads", 16.0)));
    assertThat(ScaleTable.row("10000", "fixed:1000", "warm", m)).isEqualTo(
        "| 10,000 | `fixed(1s)` | warm | 41.3 s (2 not ended) | 96 µs | 21% | 4% | 22.6 | 0.50 / 0.95 / 1.30 s"
            + " | 612 MiB | 2.35 KiB | 16 |");
    assertThat(ScaleTable.header().lines().findFirst().orElseThrow().split("\\|")).hasSize(13);
    m.put("ended", 10_000.0);
    assertThat(ScaleTable.row("10000", "fixed:1000", "warm", m)).startsWith("| 10,000 | `fixed(1s)` | warm | 41.3 s | 96 µs |");
  }

  @Test
  void rowOfACellWithNoResultSaysItFailed() {
    assertThat(ScaleTable.row("50000", "adaptive:1400:15000", "fresh", Map.of()))
        .startsWith("| 50,000 | `adaptive(1.4s, 15s)` | fresh | failed |");
  }
}
