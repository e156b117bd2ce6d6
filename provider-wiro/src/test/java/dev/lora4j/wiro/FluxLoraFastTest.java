package dev.lora4j.wiro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
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
  void checksOnlyWhatHoldsForAnyValueAndNamesTheValue() {
    FluxLoraFast.Builder b = FluxLoraFast.builder();
    assertThatThrownBy(() -> b.steps(0)).hasMessage("steps must be at least 1, was 0");
    assertThatThrownBy(() -> b.scale(-0.5)).hasMessage("scale must not be negative, was -0.5");
    assertThatThrownBy(() -> b.scale(Double.NaN)).hasMessage("scale must not be negative, was NaN");
    assertThatThrownBy(() -> b.samples(0)).hasMessage("samples must be at least 1, was 0");
    assertThatThrownBy(() -> b.width(0)).hasMessage("width must be at least 1, was 0");
    assertThatThrownBy(() -> b.height(-4)).hasMessage("height must be at least 1, was -4");
    assertThatThrownBy(() -> b.seed(-1)).hasMessage("seed must not be negative, was -1");
    assertThatThrownBy(() -> b.timeout(Duration.ZERO)).hasMessage("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> b.loraModel("movie")).hasMessageContaining("numeric").hasMessageContaining("'movie'");
    assertThatThrownBy(() -> b.privateLoraUrl(URI.create("http://example.test/a.safetensors")))
        .hasMessageContaining("https");
    assertThatThrownBy(() -> b.privateLoraUrl(URI.create("https://example.test/a.bin")))
        .hasMessageContaining(".safetensors");
    assertThatThrownBy(() -> b.promptWithTriggerWords("p")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class).hasMessage("prompt is required");
  }

  @Test
  void leavesTheToolsRangesToWiro() {
    FluxLoraFast request = FluxLoraFast.builder().prompt("p").steps(80).scale(30).samples(8).width(4096).build();

    assertThat(request.inputs()).containsEntry("steps", 80).containsEntry("scale", "30")
        .containsEntry("samples", 8).containsEntry("width", 4096);
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
  void theCanonicalConstructorChecksLikeTheBuilderAndTakesOneLora() {
    FluxLoraFast built = FluxLoraFast.builder().loraModel("1236").prompt("p").steps(30).build();
    FluxLoraFast made = new FluxLoraFast("p", Optional.of(" 1236 "), Optional.empty(), Optional.empty(), OptionalInt.of(30),
        OptionalDouble.empty(), OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty(),
        Optional.empty(), Optional.empty());
    assertThat(made).isEqualTo(built).hasSameHashCodeAs(built);
    assertThat(made.inputs()).isEqualTo(built.inputs());
    assertThatThrownBy(() -> new FluxLoraFast("p", Optional.of("1236"), Optional.empty(),
        Optional.of(URI.create("https://example.test/a.safetensors")), OptionalInt.empty(), OptionalDouble.empty(),
        OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one LoRA");
    assertThatThrownBy(() -> new FluxLoraFast("p", Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.of(0),
        OptionalDouble.empty(), OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty(),
        Optional.empty(), Optional.empty()))
        .hasMessage("steps must be at least 1, was 0");
    assertThatThrownBy(() -> new FluxLoraFast("p", Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.empty(),
        OptionalDouble.empty(), OptionalInt.empty(), OptionalLong.empty(), OptionalInt.empty(), OptionalInt.empty(),
        Optional.of(URI.create("ftp://example.test/done")), Optional.empty()))
        .hasMessageContaining("callbackUrl must be an absolute http(s) URL");
  }

  @Test
  void toStringShowsTheInputsButNotTheQueryOfAPrivateLoraUrl() {
    FluxLoraFast request = FluxLoraFast.builder().prompt("p").seed(7)
        .privateLoraUrl(URI.create("https://example.test/my.safetensors?X-Amz-Signature=s3cr3t&sig=s3cr3t"))
        .timeout(Duration.ofMinutes(1)).build();

    assertThat(request).hasToString("FluxLoraFast{inputs={selectedLoraModel=[], "
        + "selectedLoraModelPrivateUrl=https://example.test/my.safetensors?***, prompt=p, seed=7}, timeout=PT1M}");
    assertThat(FluxLoraFast.builder().prompt("p").build()).hasToString("FluxLoraFast{inputs={prompt=p}}");
  }

  @Test
  void aRejectedPrivateLoraUrlIsNamedWithoutItsQuery() {
    assertThatThrownBy(() -> FluxLoraFast.builder().privateLoraUrl(URI.create("https://example.test/my.bin?sig=s3cr3t-41")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("privateLoraUrl must be an https URL of a .safetensors file, was https://example.test/my.bin?***");
  }
}
