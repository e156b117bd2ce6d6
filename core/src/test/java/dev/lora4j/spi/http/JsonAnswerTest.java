package dev.lora4j.spi.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class JsonAnswerTest {

  private final TaskUpdate running = TaskUpdate.builder(TaskHandle.of("p", "t1"), TaskStatus.RUNNING).build();

  @Test
  void putsTheAnswersRetryAfterOnTheUpdate() {
    TaskUpdate hinted = new JsonAnswer(JsonNodeFactory.instance.objectNode(), Duration.ofSeconds(7)).pollHintOn(running);

    assertThat(hinted.pollAfter()).hasValue(Duration.ofSeconds(7));
    assertThat(hinted.sameStateAs(running)).isTrue();
  }

  @Test
  void leavesTheUpdateAsItIsWithoutRetryAfter() {
    assertThat(new JsonAnswer(JsonNodeFactory.instance.objectNode(), null).pollHintOn(running)).isSameAs(running);
  }
}
