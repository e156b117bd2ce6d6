package dev.lora4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.TaskRequest;
import dev.lora4j.TextToImage;
import org.junit.jupiter.api.Test;

/** Which durations a watch that came with a request learns from and into. */
class WorkloadOfTest {

  private static TaskRequest ofKind(String kind) {
    return new TaskRequest() {
      @Override
      public String kind() {
        return kind;
      }
    };
  }

  @Test
  void requestsOfOneKindShareTheirDurationsWhateverTheirClass() {
    assertThat(DefaultTaskClient.workloadOf(TextToImage.of("a gecko", "gecko"))).isEqualTo("text-to-image");
    assertThat(DefaultTaskClient.workloadOf(ofKind(" acme/upscaler "))).isEqualTo("acme/upscaler");
    assertThat(DefaultTaskClient.workloadOf(ofKind("acme/upscaler")))
        .isEqualTo(DefaultTaskClient.workloadOf(ofKind("acme/upscaler")))
        .isNotEqualTo(DefaultTaskClient.workloadOf(ofKind("acme/video")));
  }

  @Test
  void aBlankOrMissingKindLearnsWithTheWatchesThatCameWithoutARequest() {
    assertThat(DefaultTaskClient.workloadOf(ofKind(" "))).isEqualTo(WorkloadDurations.ANY);
    assertThat(DefaultTaskClient.workloadOf(ofKind(null))).isEqualTo(WorkloadDurations.ANY);
  }
}
