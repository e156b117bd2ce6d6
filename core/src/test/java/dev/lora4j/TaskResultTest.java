package dev.lora4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TaskResultTest {

  private static final ResultDetail<String> WORKER = ResultDetail.of("worker", String.class);
  private static final ResultDetail<Duration> ELAPSED = ResultDetail.of("elapsed", Duration.class);
  private static final TaskHandle HANDLE = TaskHandle.of("acme", "7");

  @Test
  void readsADetailWithItsType() {
    TaskResult result = TaskResult.builder(HANDLE, TaskStatus.FINISHED)
        .detail(WORKER, "gpu-3").detail(ELAPSED, Duration.ofSeconds(6)).build();

    Duration elapsed = result.detail(ELAPSED).orElseThrow();
    assertThat(elapsed).isEqualTo(Duration.ofSeconds(6));
    assertThat(result.detail(WORKER)).hasValue("gpu-3");
  }

  @Test
  void anAbsentDetailIsEmpty() {
    TaskResult result = TaskResult.builder(HANDLE, TaskStatus.FAILED).detail(WORKER, "gpu-3").build();

    assertThat(result.detail(ELAPSED)).isEmpty();
    assertThat(TaskResult.builder(HANDLE, TaskStatus.CANCELED).build().details()).isEmpty();
  }

  @Test
  void aKeyOfTheSameNameDeclaredElsewhereIsAnotherKey() {
    ResultDetail<Integer> sameName = ResultDetail.of("worker", Integer.class);
    TaskResult result = TaskResult.builder(HANDLE, TaskStatus.FINISHED).detail(WORKER, "gpu-3").build();

    assertThat(result.detail(sameName)).as("never a String handed out as an Integer").isEmpty();
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void aValueOfTheWrongTypeIsRefusedEvenThroughARawKey() {
    ResultDetail raw = ELAPSED;
    TaskResult.Builder b = TaskResult.builder(HANDLE, TaskStatus.FINISHED);

    assertThatThrownBy(() -> b.detail(raw, "six seconds"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("detail elapsed takes a java.time.Duration, was a java.lang.String");
    assertThatThrownBy(() -> b.detail(ELAPSED, Duration.ofSeconds(-1))).hasMessage("detail elapsed must not be negative, was PT-1S");
  }

  @Test
  void listsEveryDetailInOrderForDisplay() {
    TaskResult result = TaskResult.builder(HANDLE, TaskStatus.FINISHED)
        .detail(ELAPSED, Duration.ofSeconds(6)).detail(WORKER, "gpu-3").detail(ELAPSED, Duration.ofSeconds(7)).build();

    assertThat(result.details()).containsExactly(
        org.assertj.core.api.Assertions.entry(ELAPSED, Duration.ofSeconds(7)),
        org.assertj.core.api.Assertions.entry(WORKER, "gpu-3"));
    assertThat(result.details().keySet()).extracting(ResultDetail::name).containsExactly("elapsed", "worker");
    assertThat(result.toString()).contains("details={elapsed=PT7S, worker=gpu-3}");
    assertThatThrownBy(() -> result.details().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void resultsWithTheSameDetailsAreEqual() {
    TaskResult a = TaskResult.builder(HANDLE, TaskStatus.FINISHED).detail(WORKER, "gpu-3").build();
    TaskResult b = TaskResult.builder(HANDLE, TaskStatus.FINISHED).detail(WORKER, "gpu-3").build();
    TaskResult c = TaskResult.builder(HANDLE, TaskStatus.FINISHED).detail(WORKER, "gpu-4").build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
  }

  @Test
  void aDetailNeedsANonBlankName() {
    assertThatThrownBy(() -> ResultDetail.of(" ", String.class)).hasMessage("a detail's name must not be blank");
    assertThat(WORKER).hasToString("worker");
    assertThat(WORKER.type()).isEqualTo(String.class);
  }
}
