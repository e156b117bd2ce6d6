package dev.lora4j.xalora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkflowTaskTest {

  @Test
  void fluxLoraDefaultsToWorkflowThreeAndSendsOnlyWhatWasSet() {
    FluxLoraTask t = FluxLoraTask.of("a gecko", "gecko");
    assertThat(t.workflowId()).isEqualTo("3");
    assertThat(t.taskType()).isEqualTo("txt2img");
    assertThat(t.jobIdPrefix()).isEqualTo("sdk-workflow");
    assertThat(t.parameters()).containsExactly(
        java.util.Map.entry("prompt", "a gecko"), java.util.Map.entry("lora_name", "gecko"));
    assertThat(t.timeoutSeconds()).isEmpty();
    assertThat(t.timeout()).isEmpty();
  }

  @Test
  void buildersRejectBadValuesNamingThem() {
    assertThatThrownBy(() -> FluxLoraTask.builder().width(4096)).hasMessage("width must be between 64 and 2048, was 4096");
    assertThatThrownBy(() -> FluxLoraTask.builder().noiseSeed(-1)).hasMessage("noiseSeed must not be negative, was -1");
    assertThatThrownBy(() -> FluxLoraTask.builder().jobIdPrefix("a b")).hasMessageContaining("\"a b\"");
    assertThatThrownBy(() -> FluxLoraTask.builder().timeoutSeconds(0)).hasMessage("timeoutSeconds must be between 1 and 86400, was 0");
    assertThatThrownBy(() -> FluxLoraTask.builder().loraName("gecko").build()).hasMessage("prompt is required");
    assertThatThrownBy(() -> FluxLoraTask.builder().prompt("p").build()).hasMessage("loraName is required");
    assertThatThrownBy(() -> UpscalerTask.builder().image("ftp://x/y.png")).hasMessageContaining("ftp://x/y.png");
    assertThatThrownBy(() -> UpscalerTask.builder().image("https://x.test/y.png").build())
        .hasMessageContaining("workflowId is required for upscaler tasks");
    assertThatThrownBy(() -> Text2VideoTask.builder().workflowId("1").build()).hasMessage("prompt is required");
    assertThatThrownBy(() -> Text2VideoTask.builder().quality(101)).hasMessage("quality must be between 1 and 100, was 101");
  }

  @Test
  void neverPrintsAPerTaskApiKey() {
    FluxLoraTask t = FluxLoraTask.builder().prompt("p").loraName("l").consumerId("c").apiKey("s3cr3t").build();
    assertThat(t.apiKey()).hasValue("s3cr3t");
    assertThat(t.toString()).contains("apiKey=***").doesNotContain("s3cr3t");
  }

  @Test
  void aWorkflowsKindIsItsTaskType() {
    assertThat(FluxLoraTask.builder().prompt("p").loraName("gecko").build().kind()).isEqualTo("txt2img");
    assertThat(UpscalerTask.builder().workflowId("2").image("https://x.test/y.png").build().kind()).isEqualTo("upscaler");
    assertThat(Text2VideoTask.builder().workflowId("1").prompt("p").build().kind()).isEqualTo("txt2vid");
  }
}
