package dev.lora4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The simulators' rate limit over real HTTP, and the arrival times of recorded requests. */
class RateLimitFaultTest {

  @Test
  void answers429AboveTheRateOverAllEndpointsAndRecordsWhenRequestsArrived() {
    try (XaloraSimulator sim = XaloraSimulator.builder()
        .faults(FaultPlan.builder().rateLimit(5).build()).build().start()) {
      URI create = URI.create(sim.baseUrl() + "/" + XaloraSimulator.TASK_CREATE);
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(Http.postJson(create, XaloraSimulatorTest.txt2img("a fox " + i, 1, 64, 64)));
      }

      assertThat(answers.subList(0, 5)).allMatch(a -> a.statusCode() == 200);
      assertThat(answers.subList(5, 8)).allMatch(a -> a.statusCode() == 429);
      assertThat(answers.get(5).headers().firstValue("Retry-After")).contains("1");
      assertThat(sim.taskIds()).as("refused requests are not processed").hasSize(5);
      assertThat(sim.faultCount(FaultKind.RATE_LIMIT)).isEqualTo(3);
      List<RecordedRequest> recorded = sim.requests();
      assertThat(recorded).hasSize(8);
      for (int i = 1; i < recorded.size(); i++) {
        assertThat(recorded.get(i).receivedAt()).isAfterOrEqualTo(recorded.get(i - 1).receivedAt());
      }
      assertThat(recorded.get(7).fault()).isEqualTo(FaultKind.RATE_LIMIT);
      assertThat(sim.faults().rateLimit()).hasValue(5);
    }
  }

  @Test
  void rejectsARateBelowOne() {
    assertThatThrownBy(() -> FaultPlan.builder().rateLimit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rateLimit must be at least 1 request per second, was 0");
    assertThat(FaultPlan.none().rateLimit()).isEmpty();
  }
}
