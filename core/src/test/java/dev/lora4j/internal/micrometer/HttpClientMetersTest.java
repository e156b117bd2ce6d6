package dev.lora4j.internal.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.ClientOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class HttpClientMetersTest {

  @Test
  void endpointKeepsNamesAndHidesIdsAndQueries() {
    assertThat(HttpClientMeters.endpoint("/Task/Detail")).isEqualTo("/Task/Detail");
    assertThat(HttpClientMeters.endpoint("/task_result_query")).isEqualTo("/task_result_query");
    assertThat(HttpClientMeters.endpoint("/Run/wiro/text-to-image-flux-lora-fast")).isEqualTo("/Run/wiro/text-to-image-flux-lora-fast");
    assertThat(HttpClientMeters.endpoint("/v1/tasks/9034a6ca80")).isEqualTo("/v1/tasks/{id}");
    assertThat(HttpClientMeters.endpoint("/files/8d1f03/out.png?sig=abc")).isEqualTo("/files/{id}/out.png");
    assertThat(HttpClientMeters.endpoint("/a%20b/" + "x".repeat(65))).isEqualTo("/{id}/{id}");
    assertThat(HttpClientMeters.endpoint("/a/b/c/d/e/f/g/h")).isEqualTo("/a/b/c/d/e/f/...");
    assertThat(HttpClientMeters.endpoint("")).isEqualTo("/");
  }

  @Test
  void httpClientMetricsNeedAMeterRegistry() {
    assertThatThrownBy(() -> ClientOptions.builder().httpClientMetrics(true).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("httpClientMetrics(true) needs a meterRegistry, none was given");
    assertThat(ClientOptions.builder().meterRegistry(new SimpleMeterRegistry()).httpClientMetrics(true).build()
        .mutate().build()).isNotNull();
  }
}
