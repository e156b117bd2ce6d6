package dev.lora4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TaskUpdateTest {

  private static final TaskHandle H = TaskHandle.of("xalora", "9034a6ca80");

  @Test
  void sameStateIgnoresOnlyTheObservationTime() {
    TaskUpdate a = TaskUpdate.builder(H, TaskStatus.WAITING).queuePosition(2).observedAt(Instant.EPOCH).build();
    TaskUpdate b = a.toBuilder().observedAt(Instant.EPOCH.plusSeconds(3)).build();
    assertThat(a.sameStateAs(b)).isTrue();
    assertThat(a).isNotEqualTo(b);
    assertThat(a.sameStateAs(a.toBuilder().queuePosition(1).build())).isFalse();
    assertThat(a.sameStateAs(a.toBuilder().providerStatus("queued").build())).isFalse();
    assertThat(a.sameStateAs(a.toBuilder().progress(0.1).build())).isFalse();
  }

  @Test
  void defaultsTheProviderStatusToTheNeutralOne() {
    assertThat(TaskUpdate.builder(H, TaskStatus.RUNNING).build().providerStatus()).isEqualTo("running");
  }

  @Test
  void onlyATerminalUpdateOfTheSameTaskCarriesAResult() {
    TaskResult finished = TaskResult.builder(H, TaskStatus.FINISHED)
        .output(TaskOutput.of(URI.create("https://example.test/files/a.jpg"))).build();
    assertThatThrownBy(() -> TaskUpdate.builder(H, TaskStatus.RUNNING).result(finished).build())
        .hasMessageContaining("only a terminal update carries a result");
    assertThatThrownBy(() -> TaskUpdate.builder(H, TaskStatus.FAILED).result(finished).build())
        .hasMessageContaining("same task and status");
    assertThat(TaskUpdate.builder(H, TaskStatus.FINISHED).result(finished).build().result()).contains(finished);
  }

  @Test
  void rejectsOutOfRangeProgressAndQueuePosition() {
    assertThatThrownBy(() -> TaskUpdate.builder(H, TaskStatus.RUNNING).progress(1.5))
        .hasMessage("progress must be between 0.0 and 1.0, was 1.5");
    assertThatThrownBy(() -> TaskUpdate.builder(H, TaskStatus.WAITING).queuePosition(-1))
        .hasMessage("queuePosition must not be negative, was -1");
  }

  @Test
  void anOutputIsNamedAfterItsUrlUnlessTheProviderNamedIt() {
    assertThat(TaskOutput.of(URI.create("https://cdn.test/x/0.png")).name()).isEqualTo("0.png");
    assertThat(TaskOutput.of(URI.create("https://cdn.test/x/0.png"), "image/png", "first.png", 202472).name())
        .isEqualTo("first.png");
    assertThat(TaskOutput.of(URI.create("https://cdn.test/"), null, null, -1).size()).isEmpty();
    assertThatThrownBy(() -> TaskOutput.of(URI.create("relative/0.png"))).hasMessageContaining("absolute");
  }

  @Test
  void anOutputIsAlwaysAWebUrl() {
    assertThatThrownBy(() -> TaskOutput.of(URI.create("file:///etc/passwd")))
        .hasMessage("url must be an absolute http or https URL with a host, was a file URL");
    assertThatThrownBy(() -> TaskOutput.of(URI.create("javascript:alert(1)"), null, "x.png", -1))
        .hasMessage("url must be an absolute http or https URL with a host, was a javascript URL");
    assertThatThrownBy(() -> TaskOutput.of(URI.create("https:/no-host/0.png")))
        .hasMessage("url must be an absolute http or https URL with a host, was an https URL without a host");
    assertThat(TaskOutput.of(URI.create("HTTP://cdn.test/0.png")).toString()).contains("url=HTTP://cdn.test/0.png");
  }

  @Test
  void anOutputPrintsItsUrlWithoutTheQuery() {
    assertThat(TaskOutput.of(URI.create("https://cdn.test/x/0.png?sig=s3cr3t")).toString())
        .contains("url=https://cdn.test/x/0.png?...").doesNotContain("s3cr3t");
  }

  @Test
  void anOutputNameCanNeverLeaveTheFolderItIsSavedIn() {
    URI url = URI.create("https://cdn.test/x/0.png");
    assertThat(TaskOutput.of(url, null, "a/../../escaped.png", -1).name()).isEqualTo("escaped.png");
    assertThat(TaskOutput.of(url, null, "..\\..\\win.png", -1).name()).isEqualTo("win.png");
    assertThat(TaskOutput.of(url, null, "..", -1).name()).isEqualTo("0.png");
    assertThat(TaskOutput.of(URI.create("https://cdn.test/x/.."), null, "sub/", -1).name()).isEqualTo("output");
  }
}
