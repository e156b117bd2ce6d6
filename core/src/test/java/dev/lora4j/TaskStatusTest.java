package dev.lora4j;

import static dev.lora4j.TaskStatus.CANCELED;
import static dev.lora4j.TaskStatus.FAILED;
import static dev.lora4j.TaskStatus.FINISHED;
import static dev.lora4j.TaskStatus.RUNNING;
import static dev.lora4j.TaskStatus.WAITING;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class TaskStatusTest {

  @Test
  void onlyFinishedFailedAndCanceledAreTerminal() {
    assertThat(EnumSet.allOf(TaskStatus.class)).filteredOn(TaskStatus::isTerminal)
        .containsExactlyInAnyOrder(FINISHED, FAILED, CANCELED);
  }

  @Test
  void transitionTableMatchesTheDocumentedOne() {
    assertThat(EnumSet.allOf(TaskStatus.class)).filteredOn(WAITING::canMoveTo)
        .containsExactlyInAnyOrder(RUNNING, FINISHED, FAILED, CANCELED);
    assertThat(EnumSet.allOf(TaskStatus.class)).filteredOn(RUNNING::canMoveTo)
        .containsExactlyInAnyOrder(FINISHED, FAILED, CANCELED);
    for (TaskStatus terminal : EnumSet.of(FINISHED, FAILED, CANCELED)) {
      assertThat(EnumSet.allOf(TaskStatus.class)).filteredOn(terminal::canMoveTo).isEmpty();
    }
  }

  @Test
  void stayingInTheSameStatusIsNotATransition() {
    assertThat(WAITING.canMoveTo(WAITING)).isFalse();
    assertThat(RUNNING.canMoveTo(RUNNING)).isFalse();
  }
}
