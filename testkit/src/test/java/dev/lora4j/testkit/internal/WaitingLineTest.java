package dev.lora4j.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WaitingLineTest {

  @Test
  void countsTheWaitingTasksCreatedBefore() {
    WaitingLine line = new WaitingLine();
    for (int i = 0; i < 5; i++) {
      line.join(i);
    }
    line.leave(1);
    line.leave(3);

    assertThat(line.position(0)).isEqualTo(1);
    assertThat(line.position(2)).isEqualTo(2);
    assertThat(line.position(4)).isEqualTo(3);
  }

  @Test
  void leavingTwiceOrNeverJoinedChangesNothing() {
    WaitingLine line = new WaitingLine();
    line.join(0);
    line.join(1);
    line.leave(0);
    line.leave(0);
    line.leave(5_000);

    assertThat(line.position(1)).isEqualTo(1);
    assertThat(line.position(9_000)).isEqualTo(2);
  }

  @Test
  void agreesWithACountAcrossGrowth() {
    WaitingLine line = new WaitingLine();
    BitSet expected = new BitSet();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 5_000; i++) {
      line.join(i);
      expected.set(i);
      if (random.nextInt(3) == 0) {
        int gone = random.nextInt(i + 1);
        line.leave(gone);
        expected.clear(gone);
      }
    }
    for (int probe : new int[] {0, 1, 1023, 1024, 1025, 2047, 4096, 4999}) {
      assertThat(line.position(probe)).as("position of %d", probe).isEqualTo(expected.get(0, probe).cardinality() + 1);
    }
  }

  @Test
  void refusesANegativeOrdinal() {
    assertThatThrownBy(() -> new WaitingLine().join(-1)).hasMessage("ordinal must be between 0 and 2147483646, was -1");
  }
}
