package dev.lora4j.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.TaskStatus;
import dev.lora4j.wiro.WiroLora;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

/** With lora4j.provider=wiro: Wiro's catalog on the page, and a task through its simulator. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "lora4j.provider=wiro", "demo.simulator.queue-time=300ms", "demo.simulator.run-time=700ms"})
@AutoConfigureWebTestClient
@Import(TestIsolation.class)
class WiroAppTest {

  @Autowired
  WebTestClient http;

  @LocalServerPort
  int port;

  @Test
  void theCatalogIsServed() {
    http.get().uri("/api/loras").exchange().expectStatus().isOk().expectBody()
        .jsonPath("$.provider").isEqualTo("wiro")
        .jsonPath("$.defaultLora").isEqualTo(WiroLora.VINTAGE_COMIC_BOOK_COVER.id())
        .jsonPath("$.choices.length()").isEqualTo(WiroLora.values().length)
        .jsonPath("$.choices[0].id").isEqualTo(WiroLora.MOVIE_POSTER.id())
        .jsonPath("$.choices[0].label").isEqualTo(WiroLora.MOVIE_POSTER.label())
        .jsonPath("$.choices[0].triggerWords[0]").isEqualTo(WiroLora.MOVIE_POSTER.triggerWords().get(0));
  }

  @Test
  void aTaskWithACatalogLoraFinishesWithItsImage() {
    String handle = Objects.requireNonNull(http.post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("prompt", "a lighthouse keeper and his cat", "lora", WiroLora.MOVIE_POSTER.id(),
            "width", 256, "height", 384))
        .exchange().expectStatus().isCreated()
        .expectBody(new ParameterizedTypeReference<Map<String, String>>() {}).returnResult().getResponseBody()).get("handle");
    assertThat(handle).startsWith("lora4j:wiro:");

    List<TaskEvent> events = WebClient.create("http://127.0.0.1:" + port).get()
        .uri("/api/tasks/{handle}/events", handle).accept(MediaType.TEXT_EVENT_STREAM)
        .retrieve().bodyToFlux(SimulatedAppTest.EVENT).filter(e -> e.event() != null).map(ServerSentEvent::data)
        .collectList().block(SimulatedAppTest.TASK_TIMEOUT);

    TaskEvent last = events.get(events.size() - 1);
    assertThat(last.status()).isEqualTo(TaskStatus.FINISHED);
    http.get().uri(last.outputs().get(0)).exchange()
        .expectStatus().isOk().expectHeader().contentType(MediaType.IMAGE_PNG);
  }

  @Test
  void aLoraOutsideTheCatalogIsTheProvidersBadRequest() {
    http.post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("prompt", "a cat", "lora", "no-such-lora"))
        .exchange().expectStatus().isBadRequest()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail).contains("678"));
  }
}
