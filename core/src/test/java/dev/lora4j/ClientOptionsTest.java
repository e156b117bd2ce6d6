package dev.lora4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  @Test
  void looksUpTheBuilderThenTheSystemPropertyThenTheEnvironment() {
    Map<String, String> env = Map.of("XALORA_API_KEY", "env#key");
    ClientOptions fromEnv = ClientOptions.builder().environment(env).systemProperties(props()).build();
    ClientOptions fromProperty = fromEnv.mutate().systemProperties(props("lora4j.apiKey", "prop#key")).build();
    ClientOptions explicit = fromProperty.mutate().apiKey("opt#key").build();

    assertThat(fromEnv.value(ClientOptions.API_KEY, "XALORA_API_KEY")).hasValue("env#key");
    assertThat(fromProperty.value(ClientOptions.API_KEY, "XALORA_API_KEY")).hasValue("prop#key");
    assertThat(explicit.value(ClientOptions.API_KEY, "XALORA_API_KEY")).hasValue("opt#key");
    assertThat(fromEnv.sourceOf(ClientOptions.API_KEY, "XALORA_API_KEY")).hasValue("environment variable XALORA_API_KEY");
    assertThat(fromProperty.sourceOf(ClientOptions.API_KEY, "XALORA_API_KEY")).hasValue("system property lora4j.apiKey");
    assertThat(explicit.sourceOf(ClientOptions.API_KEY)).hasValue("option apiKey");
  }

  @Test
  void blankFallbacksCountAsUnset() {
    ClientOptions o = ClientOptions.builder().environment(Map.of("WIRO_API_KEY", " "))
        .systemProperties(props("lora4j.apiKey", "")).build();
    assertThat(o.value(ClientOptions.API_KEY, "WIRO_API_KEY")).isEmpty();
    assertThat(o.sourceOf(ClientOptions.API_KEY, "WIRO_API_KEY")).isEmpty();
  }

  @Test
  void parsesTypedFallbacks() {
    ClientOptions o = ClientOptions.builder()
        .environment(Map.of("LORA4J_POLL_INTERVAL", "500ms", "LORA4J_PROVIDER", " Wiro "))
        .systemProperties(props("lora4j.baseUrl", "http://127.0.0.1:8080/v1")).build();
    assertThat(o.pollInterval()).hasValue(Duration.ofMillis(500));
    assertThat(o.provider()).hasValue("wiro");
    assertThat(o.value(ClientOptions.BASE_URL)).hasValue(URI.create("http://127.0.0.1:8080/v1"));
    assertThat(ClientOptions.parseDuration("PT3S")).isEqualTo(Duration.ofSeconds(3));
    assertThat(ClientOptions.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void aBadFallbackNamesItsSourceAndValue() {
    ClientOptions o = ClientOptions.builder().environment(Map.of("LORA4J_POLL_INTERVAL", "soon"))
        .systemProperties(props()).build();
    assertThatThrownBy(o::pollInterval)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("environment variable LORA4J_POLL_INTERVAL is not a valid pollInterval: 'soon'");
  }

  @Test
  void neverPrintsASensitiveValue() {
    Option<String> token = Option.sensitiveValueOf("test.token");
    ClientOptions o = ClientOptions.builder().provider("xalora").apiKey("consumer#s3cr3t").apiSecret("hush")
        .option(token, "tok3n").build();
    assertThat(o.toString()).contains("provider=xalora", "apiKey=***", "apiSecret=***", "test.token=***")
        .doesNotContain("s3cr3t", "hush", "tok3n");
  }

  @Test
  void aBadSensitiveFallbackDoesNotEchoIt() {
    Option<Integer> pin = Option.valueOf("test.pin", Integer.class, Integer::valueOf);
    ClientOptions o = ClientOptions.builder().environment(Map.of("PIN", "12a")).systemProperties(props()).build();
    assertThatThrownBy(() -> o.value(pin, "PIN")).hasMessageContaining("'12a'");
    Option<String> secret = Option.sensitiveValueOf("test.secret");
    assertThat(Option.sensitiveValueOf("test.secret")).isSameAs(secret);
    assertThatThrownBy(() -> Option.valueOf("test.secret")).hasMessageContaining("already exists as sensitive");
  }

  @Test
  void anOptionIsOneTypeForEveryCaller() {
    Option<Integer> port = Option.valueOf("test.port", Integer.class, Integer::valueOf);
    assertThat(Option.valueOf("test.port", Integer.class, Integer::parseInt)).isSameAs(port);
    assertThatThrownBy(() -> Option.valueOf("test.port"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option test.port already exists with values of java.lang.Integer, not java.lang.String");
    @SuppressWarnings({"unchecked", "rawtypes"})
    Option<Object> raw = (Option) port;
    assertThatThrownBy(() -> ClientOptions.builder().option(raw, "8080"))
        .hasMessage("option test.port takes a java.lang.Integer, was a java.lang.String");
  }

  @Test
  void aPollIntervalFromTheEnvironmentMustBePositive() {
    for (String bad : new String[] {"0s", "PT-1S", "0ms"}) {
      ClientOptions o = ClientOptions.builder().environment(Map.of("LORA4J_POLL_INTERVAL", bad))
          .systemProperties(props()).build();
      assertThatThrownBy(o::pollInterval)
          .hasMessageContaining("environment variable LORA4J_POLL_INTERVAL is not a valid pollInterval: '" + bad + "'")
          .hasMessageContaining("must be positive");
    }
  }

  @Test
  void buildersRejectBadValuesNamingThem() {
    ClientOptions.Builder b = ClientOptions.builder();
    assertThatThrownBy(() -> b.baseUrl("ftp://example.com")).hasMessageContaining("ftp://example.com");
    assertThatThrownBy(() -> b.baseUrl("not a url")).hasMessageContaining("not a url");
    assertThatThrownBy(() -> b.pollInterval(Duration.ZERO)).hasMessage("pollInterval must be positive, was PT0S");
    assertThatThrownBy(() -> b.apiKey(" ")).hasMessage("apiKey must not be blank");
    assertThatThrownBy(() -> b.provider("")).hasMessage("provider must not be blank");
  }
}
