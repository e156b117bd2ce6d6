package dev.lora4j.wiro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.InvalidRequestException;
import dev.lora4j.TextToImage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FluxLoraFastTest {

  @Test
  void sendsEverySetInputInTheToolPagesOrderWithScaleAndSeedAsText() {
    FluxLoraFast request = FluxLoraFast.builder()
        .seed(42).height(768).width(512).samples(2).scale(4.0).steps(30)
        .lora(WiroLora.VINTAGE_COMIC_BOOK_COVER)
        .promptWithTriggerWords("a robot reading a newspaper")
        .build();

    assertThat(request.inputs()).containsExactly(
        Map.entry("selectedLoraModel", "1236"),
        Map.entry("prompt", "vintage comic book cover, 1950s pulp art style, a robot reading a newspaper"),
        Map.entry("steps", 30),
        Map.entry("scale", "4"),
        Map.entry("samples", 2),
        Map.entry("seed", "42"),
        Map.entry("width", 512),
        Map.entry("height", 768));
    assertThat(request.lora()).hasValue(WiroLora.VINTAGE_COMIC_BOOK_COVER);
  }

  @Test
  void leavesUnsetInputsOutForWirosDefaults() {
    FluxLoraFast request = FluxLoraFast.builder().prompt("just a prompt").build();

    assertThat(request.inputs()).containsExactly(Map.entry("prompt", "just a prompt"));
    assertThat(request.toRun().tool()).isEqualTo(FluxLoraFast.TOOL);
    assertThat(request.toRun().inputs()).isEqualTo(request.inputs());
  }

  @Test
  void aPrivateLoraUrlSendsNoCatalogModel() {
    URI url = URI.create("https://example.test/loras/my-style.safetensors");
    FluxLoraFast request = FluxLoraFast.builder().lora(WiroLora.WPAP_ART).privateLoraUrl(url).prompt("p").scale(3.5).build();

    assertThat(request.inputs()).containsExactly(
        Map.entry("selectedLoraModel", List.of()),
        Map.entry("selectedLoraModelPrivateUrl", url.toString()),
        Map.entry("prompt", "p"),
        Map.entry("scale", "3.5"));
    assertThat(request.loraModel()).isEmpty();
    assertThat(request.privateLoraUrl()).hasValue(url);
  }

  @Test
  void checksEveryRangeAndNamesTheValue() {
    FluxLoraFast.Builder b = FluxLoraFast.builder();
    assertThatThrownBy(() -> b.steps(51)).hasMessage("steps must be between 1 and 50, was 51");
    assertThatThrownBy(() -> b.scale(20.5)).hasMessage("scale must be between 0 and 20, was 20.5");
    assertThatThrownBy(() -> b.samples(5)).hasMessage("samples must be between 1 and 4, was 5");
    assertThatThrownBy(() -> b.width(63)).hasMessage("width must be between 64 and 2048, was 63");
    assertThatThrownBy(() -> b.height(4096)).hasMessage("height must be between 64 and 2048, was 4096");
    assertThatThrownBy(() -> b.seed(-1)).hasMessage("seed must not be negative, was -1");
    assertThatThrownBy(() -> b.loraModel("movie")).hasMessageContaining("numeric").hasMessageContaining("'movie'");
    assertThatThrownBy(() -> b.privateLoraUrl(URI.create("http://example.test/a.safetensors")))
        .hasMessageContaining("https");
    assertThatThrownBy(() -> b.privateLoraUrl(URI.create("https://example.test/a.bin")))
        .hasMessageContaining(".safetensors");
    assertThatThrownBy(() -> b.promptWithTriggerWords("p")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessage("prompt is required");
  }

  @Test
  void triggerWordsAreNotRepeated() {
    assertThat(WiroLora.MOVIE_POSTER.withTriggerWords("fresh ideas movie poster style of a cat"))
        .isEqualTo("fresh ideas movie poster style of a cat");
    assertThat(WiroLora.VINTAGE_COMIC_BOOK_COVER.withTriggerWords("1950s pulp art style, a ship"))
        .isEqualTo("vintage comic book cover, 1950s pulp art style, a ship");
    assertThat(FluxLoraFast.of("a dog", WiroLora.WPAP_ART).prompt()).isEqualTo("wp4p, a dog");
  }

  @Test
  void mapsTheNeutralRequestWithTheLoraByIdLabelOrUrl() {
    TextToImage neutral = TextToImage.builder().prompt("a fox").lora("1239").seed(7).guidance(2.5).samples(2)
        .steps(10).width(320).height(256).timeout(Duration.ofMinutes(2)).build();

    FluxLoraFast byId = FluxLoraFast.from(neutral);
    assertThat(byId.inputs()).containsExactly(
        Map.entry("selectedLoraModel", "1239"), Map.entry("prompt", "a fox"), Map.entry("steps", 10),
        Map.entry("scale", "2.5"), Map.entry("samples", 2), Map.entry("seed", "7"), Map.entry("width", 320),
        Map.entry("height", 256));
    assertThat(byId.timeout()).hasValue(Duration.ofMinutes(2));

    assertThat(FluxLoraFast.from(TextToImage.of("a fox", "  freshideas/movie-poster-style-lora-flux V1.0 ")).loraModel())
        .hasValue("678");
    assertThat(FluxLoraFast.from(TextToImage.of("a fox", "https://cdn.example.test/x/style.SafeTensors?sig=1"))
        .inputs())
        .containsEntry("selectedLoraModel", List.of())
        .containsEntry("selectedLoraModelPrivateUrl", "https://cdn.example.test/x/style.SafeTensors?sig=1");
  }

  @Test
  void anUnknownLoraListsTheCatalog() {
    for (String bad : List.of("gecko", "655", "http://example.test/a.safetensors", "https://example.test/a.ckpt")) {
      assertThatThrownBy(() -> FluxLoraFast.from(TextToImage.of("p", bad)))
          .as(bad)
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("'" + bad + "'")
          .hasMessageContaining("678 (FreshIdeas/Movie-poster-style-LoRA-Flux v1.0)")
          .hasMessageContaining("1214 (WizardWhitebeard/Vintage-Mascot-Logotypes)")
          .hasMessageContaining(".safetensors");
    }
  }

  @Test
  void aNeutralValueOutsideThisToolsRangeIsAnInvalidRequest() {
    assertThatThrownBy(() -> FluxLoraFast.from(TextToImage.builder().prompt("p").lora("678").guidance(30).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("scale must be between 0 and 20, was 30.0")
        .hasMessageContaining("guidance");
    assertThatThrownBy(() -> FluxLoraFast.from(TextToImage.builder().prompt("p").lora("678").steps(80).build()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("steps must be between 1 and 50, was 80");
  }
}
