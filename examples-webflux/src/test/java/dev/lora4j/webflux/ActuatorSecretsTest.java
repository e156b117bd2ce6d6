package dev.lora4j.webflux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.testkit.XaloraSimulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With an account configured (lora4j.api-key, here of a simulator the test runs itself, reached as
 * the "real" provider at lora4j.base-url), the application starts no simulator, and Actuator's
 * configprops and env endpoints, told to show every value, still do not show the key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.endpoints.web.exposure.include=*",
    "management.endpoint.configprops.show-values=always",
    "management.endpoint.env.show-values=always"})
@AutoConfigureWebTestClient
@Import(TestIsolation.class)
class ActuatorSecretsTest {

  private static final String CONSUMER = "canary-consumer-5e1d";
  private static final String KEY = "canary-key-9f27c4";
  private static final XaloraSimulator ACCOUNT =
      XaloraSimulator.builder().credentials(CONSUMER, KEY).build().start();

  @DynamicPropertySource
  static void account(DynamicPropertyRegistry registry) {
    registry.add("lora4j.provider", () -> "xalora");
    registry.add("lora4j.api-key", () -> CONSUMER + "#" + KEY);
    registry.add("lora4j.base-url", () -> ACCOUNT.baseUrl().toString());
  }

  @AfterAll
  static void stop() {
    ACCOUNT.close();
  }

  @Autowired
  WebTestClient http;

  @Autowired
  EmbeddedSimulator embedded;

  @Test
  void withCredentialsNoSimulatorRunsAndTheClientUsesThem() {
    assertThat(embedded.running()).isFalse();
    http.get().uri("/api/info").exchange().expectStatus().isOk()
        .expectBody().jsonPath("$.simulated").isEqualTo(false).jsonPath("$.provider").isEqualTo("xalora");
    http.post().uri("/api/tasks").contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("prompt", "a canary"))
        .exchange().expectStatus().isCreated();
    assertThat(ACCOUNT.taskIds()).hasSize(1);
  }

  @Test
  void configpropsAndEnvDoNotShowTheApiKey() {
    for (String path : List.of("/actuator/configprops", "/actuator/configprops/lora4j", "/actuator/env",
        "/actuator/env/lora4j.api-key")) {
      String body = http.get().uri(path).exchange().expectStatus().isOk()
          .expectBody(String.class).returnResult().getResponseBody();
      assertThat(body).as(path).isNotBlank().doesNotContain(KEY).doesNotContain(CONSUMER);
    }
    // the values are shown at all (else the test would prove nothing): the base URL is
    http.get().uri("/actuator/env/lora4j.base-url").exchange().expectStatus().isOk()
        .expectBody(String.class).value(body -> assertThat(body).contains(ACCOUNT.baseUrl().toString()));
    http.get().uri("/actuator/configprops/lora4j").exchange().expectStatus().isOk()
        .expectBody(String.class).value(body -> assertThat(body).contains(ACCOUNT.baseUrl().toString()).contains("apiKey"));
  }
}
