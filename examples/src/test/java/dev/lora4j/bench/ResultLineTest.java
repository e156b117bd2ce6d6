package dev.lora4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultLineTest {

  @Test
  void readsBackTheFiguresItFormatted() {
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("wallS", 21.375);
    figures.put("heapPerTaskKiB", Double.NaN);
    figures.put("batch", 2.0);
    String line = ResultLine.format(figures);
    assertThat(line).isEqualTo("result wallS=21.375 heapPerTaskKiB=NaN batch=2.0");
    assertThat(ResultLine.parse(line)).hasValueSatisfying(parsed -> {
      assertThat(parsed).containsOnlyKeys("wallS", "heapPerTaskKiB", "batch");
      assertThat(parsed.get("wallS")).isEqualTo(21.375);
      assertThat(parsed.get("heapPerTaskKiB")).isNaN();
      assertThat(parsed.get("batch")).isEqualTo(2.0);
    });
  }

  @Test
  void otherLinesAreNotResults() {
    assertThat(ResultLine.parse("[main] INFO something result=1")).isEmpty();
  }

  @Test
  void namesTheFieldThatIsNotANumber() {
    assertThatThrownBy(() -> ResultLine.parse("result wallS=fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a result field must be name=number, was 'wallS=fast'");
  }

  @Test
  void rejectsANameThatWouldNotReadBack() {
    assertThatThrownBy(() -> ResultLine.format(Map.of("wall s", 1.0)))
        .hasMessage("a figure's name must be a non-empty word without '=', was 'wall s'");
  }
}
