package dev.lora4j.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Through the starter, the client records into Boot's own registries and reports its health: a
 * task's polls show in {@code /actuator/metrics}, its observations as timers, and the {@code lora4j}
 * health counts the client's requests.
 */
class ObservabilityTest extends SimulatedAppTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonNode get(String path) {
    return JSON.readTree(http.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class)
        .returnResult().getResponseBody());
  }

  private static double statistic(JsonNode meter, String name) {
    for (JsonNode m : meter.get("measurements")) {
      if (m.get("statistic").asString().equals(name)) {
        return m.get("value").asDouble();
      }
    }
    throw new AssertionError("no " + name + " in " + meter);
  }

  @Test
  void aTasksPollsAndObservationsAppearInActuatorMetrics() {
    String handle = submit(Map.of("prompt", "a metered gecko"));
    assertThat(events(handle).collectList().block(TASK_TIMEOUT)).isNotEmpty();

    List<String> names = new ArrayList<>();
    get("/actuator/metrics").get("names").forEach(n -> names.add(n.asString()));
    assertThat(names).contains("lora4j.polls", "lora4j.updates", "lora4j.tasks.active", "lora4j.submit", "lora4j.poll");
    assertThat(statistic(get("/actuator/metrics/lora4j.polls"), "COUNT")).isPositive();
    assertThat(statistic(get("/actuator/metrics/lora4j.submit"), "COUNT")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void theLora4jHealthCountsTheClientsRequests() {
    String handle = submit(Map.of("prompt", "a healthy gecko"));
    assertThat(events(handle).collectList().block(TASK_TIMEOUT)).isNotEmpty();
    int received = simulator().requests().size();
    JsonNode lora4j = get("/actuator/health").get("components").get("lora4j");
    assertThat(lora4j.get("status").asString()).isEqualTo("UP");
    assertThat(lora4j.get("details").get("provider").asString()).isEqualTo("xalora");
    assertThat(lora4j.get("details").get("calls").asLong()).isPositive();
    assertThat(simulator().requests()).as("a health probe sends nothing").hasSize(received);
  }
}
