package dev.lora4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RangeTest {

  private static final Range DIMENSION = Range.of(64, 2048);

  @Test
  void acceptsBothBoundsAndReturnsTheValue() {
    assertThat(DIMENSION.check("width", 64)).isEqualTo(64);
    assertThat(DIMENSION.check("width", 2048)).isEqualTo(2048);
    assertThat(DIMENSION.check("width", 2048L)).isEqualTo(2048L);
    assertThat(Range.of(0, 50).check("guidance", 0.0)).isEqualTo(0.0);
    assertThat(Range.of(0, 50).check("guidance", -0.0)).as("minus zero is zero").isEqualTo(-0.0);
    assertThat(Range.NON_NEGATIVE.check("seed", Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void aFailedCheckNamesTheFieldTheRangeAndTheValue() {
    assertThatThrownBy(() -> DIMENSION.check("width", 4096))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("width must be between 64 and 2048, was 4096");
    assertThatThrownBy(() -> DIMENSION.check("height", 63L)).hasMessage("height must be between 64 and 2048, was 63");
    assertThatThrownBy(() -> Range.of(0, 50).check("guidance", 50.5)).hasMessage("guidance must be between 0 and 50, was 50.5");
    assertThatThrownBy(() -> Range.POSITIVE.check("steps", 0)).hasMessage("steps must be at least 1, was 0");
    assertThatThrownBy(() -> Range.NON_NEGATIVE.check("seed", -1L)).hasMessage("seed must not be negative, was -1");
  }

  @Test
  void notANumberLiesInNoRange() {
    assertThat(Range.NON_NEGATIVE.contains(Double.NaN)).isFalse();
    assertThatThrownBy(() -> Range.NON_NEGATIVE.check("scale", Double.NaN)).hasMessage("scale must not be negative, was NaN");
    assertThatThrownBy(() -> Range.NON_NEGATIVE.check("scale", Double.POSITIVE_INFINITY))
        .hasMessage("scale must not be negative, was Infinity");
  }

  @Test
  void rejectsAnEmptyRangeAndDescribesItself() {
    assertThatThrownBy(() -> Range.of(5, 4)).hasMessage("a range's min must not exceed its max, was 5 > 4");
    assertThat(DIMENSION).hasToString("64 to 2048").isEqualTo(Range.of(64, 2048));
    assertThat(Range.POSITIVE).hasToString("at least 1");
  }

  @Test
  void aPositiveDurationIsLongerThanZero() {
    assertThat(PositiveDuration.check("timeout", Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
    assertThatThrownBy(() -> PositiveDuration.check("timeout", Duration.ZERO)).hasMessage("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> PositiveDuration.check("interval", Duration.ofSeconds(-1)))
        .hasMessage("interval must be positive, was PT-1S");
    assertThatThrownBy(() -> PositiveDuration.check("interval", null))
        .isInstanceOf(NullPointerException.class).hasMessage("interval");
  }

  @Test
  void tellsWhetherADurationIsPositiveWithoutThrowing() {
    assertThat(PositiveDuration.isPositive(Duration.ofNanos(1))).isTrue();
    assertThat(PositiveDuration.isPositive(Duration.ZERO)).isFalse();
    assertThat(PositiveDuration.isPositive(Duration.ofMillis(-5))).isFalse();
  }

  @Test
  void anOptionalValueIsCheckedWhenPresent() {
    assertThat(DIMENSION.checkIfPresent("width", OptionalInt.empty())).isEmpty();
    assertThat(DIMENSION.checkIfPresent("width", OptionalInt.of(768))).hasValue(768);
    assertThat(Range.NON_NEGATIVE.checkIfPresent("seed", OptionalLong.of(0))).hasValue(0L);
    assertThat(PositiveDuration.checkIfPresent("timeout", Optional.empty())).isEmpty();
    assertThatThrownBy(() -> DIMENSION.checkIfPresent("width", OptionalInt.of(4096)))
        .hasMessage("width must be between 64 and 2048, was 4096");
    assertThatThrownBy(() -> Range.NON_NEGATIVE.checkIfPresent("seed", OptionalLong.of(-1)))
        .hasMessage("seed must not be negative, was -1");
    assertThatThrownBy(() -> Range.of(0, 50).checkIfPresent("guidance", OptionalDouble.of(Double.NaN)))
        .hasMessage("guidance must be between 0 and 50, was NaN");
    assertThatThrownBy(() -> PositiveDuration.checkIfPresent("timeout", Optional.of(Duration.ZERO)))
        .hasMessage("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> DIMENSION.checkIfPresent("height", (OptionalInt) null))
        .isInstanceOf(NullPointerException.class).hasMessage("height");
  }
}
