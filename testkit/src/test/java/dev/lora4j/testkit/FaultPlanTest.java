package dev.lora4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

  private static final EndpointFaults SOME = EndpointFaults.builder().serverErrors(0.5).build();
  private static final EndpointFaults MORE = EndpointFaults.builder().drops(0.5).build();
  private static final EndpointFaults DEFAULT = EndpointFaults.builder().latency(1.0, Duration.ofMillis(5)).build();

  @Test
  void longestMatchingKeyWinsAndAllCoversTheRest() {
    FaultPlan plan = FaultPlan.builder()
        .all(DEFAULT)
        .forEndpoint("Run", SOME)
        .forEndpoint("Run/acme/echo", MORE)
        .build();

    assertThat(plan.faultsFor("Run/wiro/text-to-image-flux-lora-fast")).isEqualTo(SOME);
    assertThat(plan.faultsFor("Run/acme/echo")).isEqualTo(MORE);
    assertThat(plan.faultsFor("Task/Detail")).isEqualTo(DEFAULT);
    assertThat(plan.faultsFor("Runner")).isEqualTo(DEFAULT);
  }

  @Test
  void noneInjectsNothing() {
    assertThat(FaultPlan.none().faultsFor("task_create")).isEqualTo(EndpointFaults.none());
  }

  @Test
  void keepsEndpointsInInsertionOrder() {
    FaultPlan plan = FaultPlan.builder().forEndpoint("b", SOME).forEndpoint("a", MORE).build();

    assertThat(plan.endpoints().keySet()).containsExactly("b", "a");
  }

  @Test
  void rejectsEndpointKeysWithSlashesAtTheEnds() {
    assertThatThrownBy(() -> FaultPlan.builder().forEndpoint("/Task/Detail", SOME))
        .hasMessage("endpoint must be a path without leading or trailing '/', was '/Task/Detail'");
    assertThatThrownBy(() -> FaultPlan.builder().forEndpoint(" ", SOME))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsRetryAfterThatIsNotWholeSeconds() {
    assertThatThrownBy(() -> EndpointFaults.builder().rateLimits(0.1, Duration.ofMillis(1500)))
        .hasMessage("retryAfter must be whole seconds, was PT1.5S");
  }
}
