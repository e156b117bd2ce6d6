package dev.lora4j.wiro.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.InvalidRequestException;
import dev.lora4j.TaskRequest;
import dev.lora4j.TextToImage;
import dev.lora4j.UnsupportedRequestException;
import dev.lora4j.wiro.FluxLoraFast;
import dev.lora4j.wiro.WiroLora;
import dev.lora4j.wiro.WiroRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WiroRequestsTest {

  @Test
  void mapsTheNeutralRequestWithTheLoraByIdLabelOrUrl() {
    TextToImage neutral = TextToImage.builder().prompt("a fox").lora("1239").seed(7).guidance(2.5).samples(2)
        .steps(10).width(320).height(256).timeout(Duration.ofMinutes(2)).build();

    FluxLoraFast byId = WiroRequests.fluxLoraFast(neutral);
    assertThat(byId.inputs()).containsExactly(
        Map.entry("selectedLoraModel", "1239"), Map.entry("prompt", "a fox"), Map.entry("steps", 10),
        Map.entry("scale", "2.5"), Map.entry("samples", 2), Map.entry("seed", "7"), Map.entry("width", 320),
        Map.entry("height", 256));
    assertThat(byId.timeout()).hasValue(Duration.ofMinutes(2));

    assertThat(WiroRequests.fluxLoraFast(TextToImage.of("a fox", "  freshideas/movie-poster-style-lora-flux V1.0 ")).loraModel())
        .hasValue("678");
    assertThat(WiroRequests.fluxLoraFast(TextToImage.of("a fox", "https://cdn.example.test/x/style.SafeTensors?sig=1"))
        .inputs())
        .containsEntry("selectedLoraModel", List.of())
        .containsEntry("selectedLoraModelPrivateUrl", "https://cdn.example.test/x/style.SafeTensors?sig=1");
  }

  @Test
  void anUnknownLoraIsAnInvalidRequestListingTheCatalog() {
    for (String bad : List.of("gecko", "655", "http://example.test/a.safetensors", "https://example.test/a.ckpt", "not a uri")) {
      assertThatThrownBy(() -> WiroRequests.MAPPING.map(TextToImage.of("p", bad)))
          .as(bad)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("'" + bad + "'")
          .hasMessageContaining("678 (FreshIdeas/Movie-poster-style-LoRA-Flux v1.0)")
          .hasMessageContaining("1214 (WizardWhitebeard/Vintage-Mascot-Logotypes)")
          .hasMessageContaining(".safetensors");
    }
  }

  @Test
  void neutralValuesGoToWiroUncheckedSinceTheToolPageDocumentsNoRange() {
    WiroRun run = WiroRequests.MAPPING.map(TextToImage.builder().prompt("p").lora("678").guidance(30).steps(80).samples(8).build());

    assertThat(run.tool()).isEqualTo(FluxLoraFast.TOOL);
    assertThat(run.inputs()).containsEntry("scale", "30").containsEntry("steps", 80).containsEntry("samples", 8);
  }

  @Test
  void runsTheTypedRequestsAndListsThemForAnyOther() {
    WiroRun echo = WiroRun.of("acme/echo", Map.of("text", "hello"));
    assertThat(WiroRequests.MAPPING.map(echo)).isSameAs(echo);
    assertThat(WiroRequests.MAPPING.map(FluxLoraFast.of("a dog", WiroLora.WPAP_ART)).inputs())
        .containsEntry("selectedLoraModel", "1328");
    assertThatThrownBy(() -> WiroRequests.MAPPING.map(new TaskRequest() {}))
        .isInstanceOf(UnsupportedRequestException.class)
        .hasMessageStartingWith("the wiro provider runs TextToImage, FluxLoraFast and WiroRun, not ");
  }
}
