package dev.lora4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class WiroStatusTest {

  @Test
  void taskErrorIsAFinalStatusReachableOnlyBeforeTheModelStarts() {
    assertThat(WiroStatus.TASK_QUEUE.canMoveTo(WiroStatus.TASK_ERROR)).isTrue();
    assertThat(WiroStatus.TASK_PREPROCESS_END.canMoveTo(WiroStatus.TASK_ERROR)).isTrue();
    assertThat(WiroStatus.TASK_START.canMoveTo(WiroStatus.TASK_ERROR)).isFalse();
    assertThat(WiroStatus.TASK_OUTPUT.canMoveTo(WiroStatus.TASK_ERROR)).isFalse();
    assertThat(WiroStatus.TASK_ERROR.terminal()).isTrue();
    assertThat(WiroStatus.TASK_ERROR.running()).isFalse();
    assertThat(Arrays.stream(WiroStatus.values()).filter(WiroStatus.TASK_ERROR::canMoveTo)).isEmpty();
  }
}
