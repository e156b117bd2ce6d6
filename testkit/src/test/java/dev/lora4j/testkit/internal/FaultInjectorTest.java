package dev.lora4j.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.testkit.EndpointFaults;
import dev.lora4j.testkit.FaultKind;
import dev.lora4j.testkit.FaultPlan;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {

  private static final FaultPlan PLAN = FaultPlan.builder()
      .seed(99)
      .all(EndpointFaults.builder().serverErrors(0.3).drops(0.2).build())
      .build();

  @Test
  void drawsForOneEndpointDoNotDependOnRequestsToOthers() {
    FaultInjector alone = new FaultInjector(PLAN);
    FaultInjector interleaved = new FaultInjector(PLAN);
    List<FaultKind> expected = new ArrayList<>();
    List<FaultKind> actual = new ArrayList<>();

    for (int i = 0; i < 50; i++) {
      expected.add(alone.decide("Task/Detail").failure());
      interleaved.decide("Run/wiro/x");
      if (i % 3 == 0) {
        interleaved.decide("files");
      }
      actual.add(interleaved.decide("Task/Detail").failure());
    }

    assertThat(actual).isEqualTo(expected);
    assertThat(expected).contains(FaultKind.SERVER_ERROR, FaultKind.DROPPED_CONNECTION, null);
  }

  @Test
  void installingAPlanRestartsTheSequence() {
    FaultInjector injector = new FaultInjector(PLAN);
    List<FaultKind> first = new ArrayList<>();
    List<FaultKind> second = new ArrayList<>();

    for (int i = 0; i < 20; i++) {
      first.add(injector.decide("task_create").failure());
    }
    injector.install(PLAN);
    for (int i = 0; i < 20; i++) {
      second.add(injector.decide("task_create").failure());
    }

    assertThat(second).isEqualTo(first);
    assertThat(injector.count("task_create", FaultKind.SERVER_ERROR)
        + injector.count("task_create", FaultKind.DROPPED_CONNECTION))
        .isEqualTo(first.stream().filter(kind -> kind != null).count() * 2);
  }

  @Test
  void differentSeedsGiveDifferentSequences() {
    FaultInjector a = new FaultInjector(PLAN);
    FaultInjector b = new FaultInjector(FaultPlan.builder().seed(100).all(PLAN.all()).build());
    List<FaultKind> fromA = new ArrayList<>();
    List<FaultKind> fromB = new ArrayList<>();

    for (int i = 0; i < 50; i++) {
      fromA.add(a.decide("x").failure());
      fromB.add(b.decide("x").failure());
    }

    assertThat(fromB).isNotEqualTo(fromA);
  }
}
