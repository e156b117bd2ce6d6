package dev.lora4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskHandleTest {

  @Test
  void encodesToOneReadableLineAndDecodesBack() {
    TaskHandle h = new TaskHandle("wiro", "2221", "eDcCm5yyUfIvMFspTwww49OUfgXkQt");
    assertThat(h.encode()).isEqualTo("lora4j:wiro:2221:eDcCm5yyUfIvMFspTwww49OUfgXkQt");
    assertThat(TaskHandle.decode(h.encode())).isEqualTo(h);
  }

  @Test
  void roundTripsIdsWithSeparatorsAndNoToken() {
    TaskHandle h = TaskHandle.of("xalora", "a:b/c d%");
    assertThat(h.encode()).doesNotContain(" ").startsWith("lora4j:xalora:");
    assertThat(TaskHandle.decode("  " + h.encode() + "\n")).isEqualTo(h);
    assertThat(TaskHandle.decode(h.encode()).token()).isNull();
  }

  @Test
  void rejectsWhatIsNotAHandleQuotingIt() {
    assertThatThrownBy(() -> TaskHandle.decode("9034a6ca80"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'9034a6ca80'");
    assertThatThrownBy(() -> TaskHandle.decode("lora4j:xalora"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lora4j:<provider>:<id>");
    assertThatThrownBy(() -> TaskHandle.decode("lora4j::id"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("provider must not be blank");
  }

  @Test
  void toStringHidesTheToken() {
    assertThat(new TaskHandle("wiro", "2221", "eDcCm5yyUfIvMFspTwww49OUfgXkQt").toString())
        .isEqualTo("TaskHandle[provider=wiro, id=2221, token=***]");
    assertThat(TaskHandle.of("xalora", "9034a6ca80").toString()).isEqualTo("TaskHandle[provider=xalora, id=9034a6ca80]");
  }

  @Test
  void aRejectedHandleIsQuotedWithoutItsToken() {
    assertThatThrownBy(() -> TaskHandle.decode("lora4j:wiro:2221:s3cr3tToken:extra"))
        .hasMessageContaining("'lora4j:wiro:2221:***'").hasMessageNotContaining("s3cr3tToken");
    assertThatThrownBy(() -> TaskHandle.decode("lora4j::2221:s3cr3tToken"))
        .hasMessageContaining("provider must not be blank").hasMessageNotContaining("s3cr3tToken");
  }

  @Test
  void rejectsBlankParts() {
    assertThatThrownBy(() -> TaskHandle.of("xalora", " ")).hasMessage("id must not be blank");
    assertThatThrownBy(() -> new TaskHandle("wiro", "1", "")).hasMessage("token must be null or non-empty");
  }
}
