package dev.lora4j.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.TaskStatus;
import dev.lora4j.testkit.XaloraSimulator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** The task API over real HTTP, against the embedded simulator. */
class TaskApiTest extends SimulatedAppTest {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @Test
  void submitAnswers201WithTheHandleAndItsLocation() {
    http.post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON)
        .bodyValue(Map.of("prompt", "a gecko", "lora", "gecko", "width", 256, "height", 256))
        .exchange()
        .expectStatus().isCreated()
        .expectHeader().contentType(MediaType.APPLICATION_JSON)
        .expectHeader().value(HttpHeaders.LOCATION, location -> assertThat(location).startsWith("/api/tasks/lora4j:xalora:"))
        .expectBody().jsonPath("$.handle").value(String.class, handle -> assertThat(handle).startsWith("lora4j:xalora:"));
  }

  @Test
  void eventStreamEndsWithTheTerminalUpdateAfterTheStatusesInOrder() {
    String handle = submit(Map.of("prompt", "a gecko", "width", 320, "height", 256));

    List<TaskEvent> events = events(handle).map(ServerSentEvent::data).collectList().block(TASK_TIMEOUT);

    assertThat(events).isNotEmpty();
    assertThat(events.stream().map(TaskEvent::status).distinct())
        .containsExactly(TaskStatus.WAITING, TaskStatus.RUNNING, TaskStatus.FINISHED);
    assertThat(events.stream().filter(TaskEvent::terminal)).hasSize(1);
    TaskEvent last = events.get(events.size() - 1);
    assertThat(last.terminal()).isTrue();
    assertThat(last.handle()).isEqualTo(handle);
    assertThat(last.outputs()).containsExactly("/api/tasks/" + handle + "/outputs/0");
    assertThat(events.get(0).queuePosition()).isNotNull();
    assertThat(events).extracting(TaskEvent::elapsedMs).isSorted();
  }

  @Test
  void outputIsThePngOfTheRequestedSize() throws IOException {
    String handle = submit(Map.of("prompt", "a gecko in the rain", "width", 320, "height", 448));
    TaskEvent last = events(handle).map(ServerSentEvent::data).last().block(TASK_TIMEOUT);
    String url = Objects.requireNonNull(last).outputs().get(0);

    byte[] png = http.get().uri(url).exchange()
        .expectStatus().isOk()
        .expectHeader().contentType(MediaType.IMAGE_PNG)
        .expectHeader().valueEquals("X-Content-Type-Options", "nosniff")
        .expectBody(byte[].class).returnResult().getResponseBody();

    assertThat(Arrays.copyOf(Objects.requireNonNull(png), 8)).isEqualTo(PNG_SIGNATURE);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(320);
    assertThat(image.getHeight()).isEqualTo(448);
    // served again from the application's copy, without downloading it again
    http.get().uri(url).exchange().expectStatus().isOk();
    assertThat(simulator().calls(XaloraSimulator.FILES, id(handle))).isEqualTo(1);
  }

  @Test
  void deleteCancelsAndTheStreamEndsCanceled() {
    String handle = submit(Map.of("prompt", "a gecko that changes its mind"));
    Flux<TaskEvent> events = events(handle).map(ServerSentEvent::data).cache();
    assertThat(events.blockFirst(TASK_TIMEOUT).status()).isEqualTo(TaskStatus.WAITING);

    http.delete().uri("/api/tasks/{handle}", handle).exchange().expectStatus().isNoContent().expectBody().isEmpty();

    List<TaskEvent> all = events.collectList().block(TASK_TIMEOUT);
    TaskEvent last = all.get(all.size() - 1);
    assertThat(last.status()).isEqualTo(TaskStatus.CANCELED);
    assertThat(last.terminal()).isTrue();
    assertThat(all).extracting(TaskEvent::status).doesNotContain(TaskStatus.FINISHED);
    assertThat(simulator().status(id(handle))).contains("canceled");
    http.get().uri("/api/tasks/{handle}/outputs/0", handle).exchange()
        .expectStatus().isEqualTo(409)
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void statusIsQueriedOnce() {
    String handle = submit(Map.of("prompt", "a gecko"));
    int before = simulator().calls(XaloraSimulator.TASK_RESULT_QUERY, id(handle));
    http.get().uri("/api/tasks/{handle}", handle).exchange()
        .expectStatus().isOk()
        .expectBody().jsonPath("$.status").isEqualTo("WAITING").jsonPath("$.terminal").isEqualTo(false);
    assertThat(simulator().calls(XaloraSimulator.TASK_RESULT_QUERY, id(handle))).isEqualTo(before + 1);
  }

  @Test
  void missingPromptIs400NamingTheField() {
    badRequest(Map.of("width", 512)).jsonPath("$.field").isEqualTo("prompt").jsonPath("$.detail").isEqualTo("prompt is required");
    badRequest(Map.of("prompt", "   ")).jsonPath("$.field").isEqualTo("prompt");
  }

  @Test
  void sizeOutOfTextToImagesRangeIs400NamingTheField() {
    badRequest(Map.of("prompt", "a gecko", "width", 5000)).jsonPath("$.field").isEqualTo("width")
        .jsonPath("$.detail").isEqualTo("width must be between 64 and 2048, was 5000");
    badRequest(Map.of("prompt", "a gecko", "height", 10)).jsonPath("$.field").isEqualTo("height");
  }

  @Test
  void wrongTypeIs400NamingTheField() {
    badRequest(Map.of("prompt", "a gecko", "width", "wide")).jsonPath("$.field").isEqualTo("width")
        .jsonPath("$.detail").isEqualTo("width must be a whole number");
  }

  @Test
  void malformedJsonIs400() {
    badRequest("{\"prompt\": \"a gecko\",").jsonPath("$.detail").value(String.class,
        detail -> assertThat(detail).startsWith("The body is not valid JSON"));
    http.post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON).exchange()
        .expectStatus().isBadRequest()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail).startsWith("A JSON body is required"));
    http.post().uri("/api/tasks").contentType(MediaType.TEXT_PLAIN).bodyValue("a gecko").exchange()
        .expectStatus().isEqualTo(415)
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void unknownHandleIs404() {
    String unknown = "lora4j:xalora:0000000000";
    for (String path : List.of("/api/tasks/{handle}", "/api/tasks/{handle}/events", "/api/tasks/{handle}/outputs/0")) {
      http.get().uri(path, unknown).accept(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON).exchange()
          .expectStatus().isNotFound()
          .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody().jsonPath("$.status").isEqualTo(404).jsonPath("$.detail").value(String.class,
              detail -> assertThat(detail).contains("0000000000"));
    }
    http.delete().uri("/api/tasks/{handle}", unknown).exchange()
        .expectStatus().isNotFound()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  @Test
  void undecodableHandleOrAnotherProvidersIs404() {
    for (String handle : List.of("not-a-handle", "lora4j:xalora", "lora4j:wiro:abc")) {
      http.get().uri("/api/tasks/{handle}/events", handle).accept(MediaType.TEXT_EVENT_STREAM).exchange()
          .expectStatus().isNotFound()
          .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .expectBody().jsonPath("$.detail").value(String.class, detail -> assertThat(detail).startsWith("No such task"));
    }
  }

  @Test
  void unknownOutputIndexIs404() {
    String handle = submit(Map.of("prompt", "a gecko", "width", 128, "height", 128));
    events(handle).blockLast(TASK_TIMEOUT);
    for (String index : List.of("1", "-1", "first")) {
      http.get().uri("/api/tasks/{handle}/outputs/{index}", handle, index).exchange()
          .expectStatus().isNotFound()
          .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
  }

  @Test
  void infoLorasPageAndHealth() {
    http.get().uri("/api/info").exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.provider").isEqualTo("xalora").jsonPath("$.simulated").isEqualTo(true);
    http.get().uri("/api/loras").exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.provider").isEqualTo("xalora").jsonPath("$.defaultLora").isEqualTo("gecko")
        .jsonPath("$.choices").isEmpty();
    http.get().uri("/").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk()
        .expectBody(String.class).value(page -> assertThat(page).contains("id=\"prompt\"", "Generate", "app.js"));
    http.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("UP");
    http.get().uri("/api/nothing-here").exchange().expectStatus().isNotFound()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
  }

  private WebTestClient.BodyContentSpec badRequest(Object body) {
    return http.post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
        .expectStatus().isBadRequest()
        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .expectBody().jsonPath("$.status").isEqualTo(400).jsonPath("$.title").isEqualTo("Invalid request");
  }
}
