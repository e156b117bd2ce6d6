package dev.lora4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void percentileIsTheNearestRank() {
    double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(Stats.percentile(sorted, 50)).isEqualTo(5);
    assertThat(Stats.percentile(sorted, 95)).isEqualTo(10);
    assertThat(Stats.percentile(sorted, 91)).isEqualTo(10);
    assertThat(Stats.percentile(sorted, 90)).isEqualTo(9);
    assertThat(Stats.percentile(sorted, 100)).isEqualTo(10);
    assertThat(Stats.percentile(sorted, 0)).isEqualTo(1);
  }

  @Test
  void percentileOfNothingIsNaN() {
    assertThat(Stats.percentile(new double[0], 50)).isNaN();
  }

  @Test
  void percentileRejectsAShareOutsideZeroToHundred() {
    assertThatThrownBy(() -> Stats.percentile(new double[] {1}, 101)).hasMessage("p must be between 0 and 100, was 101");
  }

  @Test
  void medianOfAnOddCountIsTheMiddleValue() {
    double[] values = {9, 1, 5};
    assertThat(Stats.median(values)).isEqualTo(5);
    assertThat(values).containsExactly(9, 1, 5);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Stats.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void medianLeavesOutValuesThatAreNotNumbers() {
    assertThat(Stats.median(new double[] {Double.NaN, 7, 3, Double.NaN})).isEqualTo(5);
    assertThat(Stats.median(new double[] {Double.NaN})).isNaN();
  }
}
