package dev.lora4j.wiro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  @Test
  void toStringShowsWebUrlsWithoutTheirUserInfoAndQuery() {
    WiroRun run = WiroRun.builder("acme/echo")
        .input("weights", "https://user:pw-77@cdn.test/w.safetensors?X-Amz-Signature=sig-88")
        .input("page", "https://cdn.test/plain")
        .callbackUrl(URI.create("https://hooks.test/done?token=cb-99"))
        .build();

    assertThat(run.toString())
        .doesNotContain("pw-77", "sig-88", "cb-99")
        .contains("weights=https://***@cdn.test/w.safetensors?***", "page=https://cdn.test/plain",
            "callbackUrl=https://hooks.test/done?***");
  }

  @Test
  void theCanonicalConstructorChecksAndCopiesLikeTheBuilder() {
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("steps", 12);
    inputs.put("scale", 2.5f);
    WiroRun run = new WiroRun(" acme/echo ", inputs, Optional.empty(), Optional.of(Duration.ofSeconds(30)));
    inputs.put("prompt", "added later");

    assertThat(run).isEqualTo(WiroRun.builder("acme/echo").input("steps", 12).input("scale", 2.5f)
        .timeout(Duration.ofSeconds(30)).build());
    assertThat(run.inputs()).containsExactly(Map.entry("steps", 12), Map.entry("scale", new BigDecimal("2.5")));
    assertThatThrownBy(() -> new WiroRun("echo", Map.of(), Optional.empty(), Optional.empty()))
        .hasMessageContaining("owner/tool");
    assertThatThrownBy(() -> new WiroRun("acme/echo", Map.of("callbackUrl", "https://x.test"), Optional.empty(), Optional.empty()))
        .hasMessageContaining("callbackUrl(URI)");
    assertThatThrownBy(() -> new WiroRun("acme/echo", Map.of(), Optional.of(URI.create("ftp://x.test/a")), Optional.empty()))
        .hasMessage("callbackUrl must be an absolute http(s) URL, was ftp://x.test/a");
    assertThatThrownBy(() -> new WiroRun("acme/echo", Map.of(), Optional.empty(), Optional.of(Duration.ZERO)))
        .hasMessage("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> new WiroRun("acme/echo", null, Optional.empty(), Optional.empty()))
        .isInstanceOf(NullPointerException.class).hasMessage("inputs");
  }

  @Test
  void toStringKeepsItsShape() {
    WiroRun run = WiroRun.builder("acme/echo").input("prompt", "hi").input("api_key", "k")
        .callbackUrl(URI.create("https://example.test/done")).timeout(Duration.ofSeconds(30)).build();

    assertThat(run).hasToString(
        "WiroRun{acme/echo, inputs={prompt=hi, api_key=***}, callbackUrl=https://example.test/done, timeout=PT30S}");
  }

  @Test
  void aRunsKindIsItsToolSoThatToolsLearnTheirDurationsApart() {
    assertThat(WiroRun.of(" wiro/upscaler ", Map.of()).kind()).isEqualTo("wiro/upscaler");
    assertThat(WiroRun.of("acme/video-gen", Map.of()).kind()).isEqualTo("acme/video-gen");
    assertThat(FluxLoraFast.builder().prompt("p").build().kind()).isEqualTo(FluxLoraFast.TOOL);
  }
}
