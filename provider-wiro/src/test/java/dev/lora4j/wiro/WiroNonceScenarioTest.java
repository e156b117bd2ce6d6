package dev.lora4j.wiro;

import static dev.lora4j.wiro.WiroTests.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskStatus;
import dev.lora4j.testkit.WiroSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;

/**
 * Several clients of one Wiro key in one JVM, each firing 2,000 signed requests at once, against a
 * simulator that refuses a reused nonce: every nonce is unique, and none is refused.
 */
class WiroNonceScenarioTest {

  private static final int REQUESTS_PER_CLIENT = 2_000;

  @ParameterizedTest(name = "{0} clients of one key")
  @ValueSource(ints = {2, 4})
  void clientsOfOneKeyNeverSendTheSameNonce(int clients) {
    List<TaskClient> opened = new ArrayList<>();
    try (WiroSimulator sim = WiroTests.quick().rejectReusedNonces(true).build().start()) {
      for (int i = 0; i < clients; i++) {
        opened.add(TaskClients.create(WiroTests.options(sim, "polling", Map.of()).build()));
      }
      TaskHandle task = opened.get(0).submit(FluxLoraFast.of("a fox", WiroLora.WPAP_ART)).block(WAIT);

      List<TaskStatus> statuses = Flux.fromIterable(opened)
          .flatMap(client -> Flux.range(0, REQUESTS_PER_CLIENT).flatMap(i -> client.status(task), 512))
          .map(update -> update.status())
          .collectList()
          .block(WAIT.multipliedBy(3));

      assertThat(statuses).as("every request answered: a reused nonce would be refused with a 401")
          .hasSize(clients * REQUESTS_PER_CLIENT);
      List<String> nonces = sim.requests(WiroSimulator.TASK_DETAIL).stream().map(r -> r.header("x-nonce")).toList();
      assertThat(nonces).hasSize(clients * REQUESTS_PER_CLIENT).doesNotHaveDuplicates();
    } finally {
      opened.forEach(TaskClient::close);
    }
  }
}
