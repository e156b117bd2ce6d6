package dev.lora4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The metadata IDEs read: every property documented, the credentials and hints present. */
class ConfigurationMetadataTest {

  private static JsonNode metadata() throws Exception {
    try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the configuration processor wrote the metadata").isNotNull();
      return JsonMapper.builder().build().readTree(in);
    }
  }

  @Test
  void everyPropertyHasATypeAndADescription() throws Exception {
    List<String> names = new ArrayList<>();
    for (JsonNode property : metadata().get("properties")) {
      String name = property.get("name").asString();
      names.add(name);
      assertThat(property.path("description").asString()).as(name).isNotBlank();
      assertThat(property.path("type").asString()).as(name).isNotBlank();
    }
    assertThat(names).contains("lora4j.provider", "lora4j.api-key", "lora4j.api-secret", "lora4j.base-url",
        "lora4j.poll-interval", "lora4j.connect-timeout", "lora4j.response-timeout", "lora4j.max-connections",
        "lora4j.pending-acquire-max-count", "lora4j.pending-acquire-timeout", "lora4j.request-budget",
        "lora4j.adaptive-rate", "lora4j.proxy.host", "lora4j.proxy.port", "lora4j.proxy.username",
        "lora4j.proxy.password", "lora4j.non-proxy-hosts", "lora4j.wiro.socket-url", "lora4j.wiro.tracking",
        "lora4j.options", "lora4j.enabled", "lora4j.health.failure-threshold", "lora4j.observability.observations",
        "lora4j.observability.metrics", "lora4j.observability.http-client-metrics");
  }

  @Test
  void theProviderAndTheWiroTrackingModeHaveHints() throws Exception {
    List<String> hinted = new ArrayList<>();
    for (JsonNode hint : metadata().get("hints")) {
      hinted.add(hint.get("name").asString() + "=" + hint.get("values").size());
    }
    assertThat(hinted).contains("lora4j.provider=2", "lora4j.wiro.tracking=3");
  }
}
