package dev.lora4j.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.TaskHandle;
import dev.lora4j.testkit.Simulator;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
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
import reactor.core.publisher.Flux;

/**
 * The application on a random port against its embedded Xalora simulator, with tasks queued 800 ms
 * and run 1 s; the test classes that extend this share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "demo.simulator.queue-time=800ms", "demo.simulator.run-time=1000ms"})
@AutoConfigureWebTestClient
@Import(TestIsolation.class)
abstract class SimulatedAppTest {

  static final Duration TASK_TIMEOUT = Duration.ofSeconds(20);
  static final ParameterizedTypeReference<ServerSentEvent<TaskEvent>> EVENT = new ParameterizedTypeReference<>() {};

  @Autowired
  WebTestClient http;

  @Autowired
  EmbeddedSimulator embedded;

  @LocalServerPort
  int port;

  WebClient web;

  @BeforeEach
  void clients() {
    http = http.mutate().responseTimeout(TASK_TIMEOUT).build();
    web = WebClient.create("http://127.0.0.1:" + port);
  }

  Simulator simulator() {
    return embedded.simulator().orElseThrow();
  }

  /** Submits a task and returns its encoded handle. */
  String submit(Map<String, Object> body) {
    Map<String, String> created = http.post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
        .exchange()
        .expectStatus().isCreated()
        .expectBody(new ParameterizedTypeReference<Map<String, String>>() {})
        .returnResult().getResponseBody();
    String handle = Objects.requireNonNull(created).get("handle");
    assertThat(TaskHandle.decode(handle).provider()).isEqualTo("xalora");
    return handle;
  }

  /** The task's status stream, over real HTTP; each subscription opens one stream. */
  Flux<ServerSentEvent<TaskEvent>> events(String handle) {
    return web.get().uri("/api/tasks/{handle}/events", handle).accept(MediaType.TEXT_EVENT_STREAM)
        .retrieve().bodyToFlux(EVENT).filter(e -> e.event() != null);
  }

  static String id(String handle) {
    return TaskHandle.decode(handle).id();
  }
}
