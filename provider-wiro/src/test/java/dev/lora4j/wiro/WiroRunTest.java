package dev.lora4j.wiro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WiroRunTest {

  @Test
  void keepsInputsInOrderAsGiven() {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("prompt", "echo me");
    inputs.put("steps", 12);
    inputs.put("scale", 2.5f);
    inputs.put("flags", List.of("a", 1, true));
    WiroRun run = WiroRun.builder("acme/echo").inputs(inputs)
        .callbackUrl(URI.create("https://example.test/done")).timeout(Duration.ofSeconds(30)).build();

    assertThat(run.tool()).isEqualTo("acme/echo");
    assertThat(run.inputs()).containsExactly(
        Map.entry("prompt", "echo me"), Map.entry("steps", 12), Map.entry("scale", new BigDecimal("2.5")),
        Map.entry("flags", List.of("a", 1, true)));
    assertThat(run.callbackUrl()).hasValue(URI.create("https://example.test/done"));
    assertThat(run.timeout()).hasValue(Duration.ofSeconds(30));
    assertThat(run).isEqualTo(WiroRun.builder(" acme/echo ").inputs(inputs)
        .callbackUrl(URI.create("https://example.test/done")).timeout(Duration.ofSeconds(30)).build());
  }

  @Test
  void rejectsAToolThatIsNotOwnerSlashTool() {
    for (String bad : List.of("echo", "acme/", "/echo", "acme/echo/x", "acme/ec ho", "")) {
      assertThatThrownBy(() -> WiroRun.of(bad, Map.of()))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("owner/tool").hasMessageContaining("'" + bad + "'");
    }
  }

  @Test
  void rejectsBlankNamesNullsObjectsAndACallbackUrlInput() {
    assertThatThrownBy(() -> WiroRun.of("acme/echo", Map.of(" ", "x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    assertThatThrownBy(() -> WiroRun.of("acme/echo", Map.of("nested", Map.of("a", 1))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested");
    assertThatThrownBy(() -> WiroRun.of("acme/echo", Map.of("callbackUrl", "https://x.test")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callbackUrl(URI)");
    assertThatThrownBy(() -> WiroRun.of("acme/echo", Map.of("n", Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    assertThatThrownBy(() -> WiroRun.builder("acme/echo").callbackUrl(URI.create("ftp://x.test/a")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toStringMasksInputsNamedLikeCredentials() {
    WiroRun run = WiroRun.of("acme/echo", Map.of("hf_token", "hf-secret-value", "prompt", "hi"));

    assertThat(run.toString()).doesNotContain("hf-secret-value").contains("hf_token=***").contains("prompt=hi");
  }
}
