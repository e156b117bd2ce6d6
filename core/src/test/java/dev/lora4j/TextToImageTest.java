package dev.lora4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TextToImageTest {

  @Test
  void leavesEveryUnsetParameterToTheProvider() {
    TextToImage t = TextToImage.of("a gecko", "gecko");
    assertThat(t.prompt()).isEqualTo("a gecko");
    assertThat(t.lora()).isEqualTo("gecko");
    assertThat(t.width()).isEmpty();
    assertThat(t.height()).isEmpty();
    assertThat(t.steps()).isEmpty();
    assertThat(t.guidance()).isEmpty();
    assertThat(t.seed()).isEmpty();
    assertThat(t.samples()).isEmpty();
    assertThat(t.timeout()).isEmpty();
  }

  @Test
  void keepsEveryParameterSet() {
    TextToImage t = TextToImage.builder().prompt("p").lora(" 678 ").width(768).height(1024).steps(20)
        .guidance(3.5).seed(966993914913986L).samples(2).timeout(Duration.ofMinutes(2)).build();
    assertThat(t.lora()).isEqualTo("678");
    assertThat(t.width()).hasValue(768);
    assertThat(t.height()).hasValue(1024);
    assertThat(t.steps()).hasValue(20);
    assertThat(t.guidance()).hasValue(3.5);
    assertThat(t.seed()).hasValue(966993914913986L);
    assertThat(t.samples()).hasValue(2);
    assertThat(t.timeout()).hasValue(Duration.ofMinutes(2));
    assertThat(t).isEqualTo(TextToImage.builder().prompt("p").lora("678").width(768).height(1024).steps(20)
        .guidance(3.5).seed(966993914913986L).samples(2).timeout(Duration.ofMinutes(2)).build());
  }

  @Test
  void rejectsBadValuesNamingTheFieldAndTheValue() {
    TextToImage.Builder b = TextToImage.builder();
    assertThatThrownBy(() -> b.prompt("  ")).hasMessage("prompt must not be blank, was \"  \"");
    assertThatThrownBy(() -> b.lora("")).hasMessage("lora must not be blank, was \"\"");
    assertThatThrownBy(() -> b.width(0)).hasMessage("width must be between 64 and 2048, was 0");
    assertThatThrownBy(() -> b.height(4096)).hasMessage("height must be between 64 and 2048, was 4096");
    assertThatThrownBy(() -> b.steps(-1)).hasMessage("steps must be between 1 and 150, was -1");
    assertThatThrownBy(() -> b.guidance(Double.NaN)).hasMessage("guidance must be between 0 and 50, was NaN");
    assertThatThrownBy(() -> b.seed(-5)).hasMessage("seed must not be negative, was -5");
    assertThatThrownBy(() -> b.samples(9)).hasMessage("samples must be between 1 and 8, was 9");
    assertThatThrownBy(() -> b.timeout(Duration.ZERO)).hasMessage("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> b.prompt("x".repeat(10_001))).hasMessage("prompt must be at most 10000 characters, was 10001");
  }

  @Test
  void buildNamesWhatIsMissing() {
    assertThatThrownBy(() -> TextToImage.builder().lora("gecko").build()).hasMessage("prompt is required");
    assertThatThrownBy(() -> TextToImage.builder().prompt("a gecko").build()).hasMessage("lora is required");
  }

  @Test
  void theCanonicalConstructorChecksLikeTheBuilder() {
    TextToImage built = TextToImage.builder().prompt("p").lora("678").width(768).seed(7).build();
    assertThat(new TextToImage("p", " 678 ", OptionalInt.of(768), OptionalInt.empty(), OptionalInt.empty(),
        OptionalDouble.empty(), OptionalLong.of(7), OptionalInt.empty(), Optional.empty()))
        .isEqualTo(built).hasSameHashCodeAs(built);
    assertThatThrownBy(() -> new TextToImage("p", "678", OptionalInt.of(4096), OptionalInt.empty(), OptionalInt.empty(),
        OptionalDouble.empty(), OptionalLong.empty(), OptionalInt.empty(), Optional.empty()))
        .hasMessage("width must be between 64 and 2048, was 4096");
    assertThatThrownBy(() -> new TextToImage(" ", "678", OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
        OptionalDouble.empty(), OptionalLong.empty(), OptionalInt.empty(), Optional.empty()))
        .hasMessage("prompt must not be blank, was \" \"");
    assertThatThrownBy(() -> new TextToImage("p", "678", OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(),
        OptionalDouble.empty(), OptionalLong.empty(), OptionalInt.empty(), Optional.of(Duration.ZERO)))
        .hasMessage("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> new TextToImage("p", "678", null, OptionalInt.empty(), OptionalInt.empty(),
        OptionalDouble.empty(), OptionalLong.empty(), OptionalInt.empty(), Optional.empty()))
        .isInstanceOf(NullPointerException.class).hasMessage("width");
  }

  @Test
  void toStringNamesTheParametersThatAreSet() {
    assertThat(TextToImage.builder().prompt("a gecko").lora("gecko").width(768).guidance(3.5)
        .timeout(Duration.ofMinutes(2)).build())
        .hasToString("TextToImage{prompt=\"a gecko\", lora=gecko, width=768, guidance=3.5, timeout=PT2M}");
    assertThat(TextToImage.of("a gecko", "gecko")).hasToString("TextToImage{prompt=\"a gecko\", lora=gecko}");
  }

  @Test
  void isOfTheKindTextToImageAndOtherRequestsOfTheirClass() {
    assertThat(TextToImage.of("a gecko", "gecko").kind()).isEqualTo("text-to-image");
    assertThat(new Custom().kind()).isEqualTo("Custom");
    TaskRequest anonymous = new TaskRequest() {};
    assertThat(anonymous.kind()).isEqualTo(anonymous.getClass().getName());
  }

  private static final class Custom implements TaskRequest {}
}
