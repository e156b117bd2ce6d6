package dev.lora4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.AuthenticationException;
import dev.lora4j.ClientOptions;
import dev.lora4j.Option;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProviderContextTest {

  private static final Option<Duration> WAIT = Option.valueOf("contexttest.wait", Duration.class, ClientOptions::parseDuration);
  private static final Option<String> REGION = Option.valueOf("contexttest.region");

  private static final ProviderSetting<String> KEY =
      ProviderSetting.required(ClientOptions.API_KEY, "ACME_API_KEY", "the account's key, in the form team#key");
  private static final ProviderSetting<String> SECRET =
      ProviderSetting.optional(ClientOptions.API_SECRET, "ACME_API_SECRET", "the signing secret", null);
  private static final ProviderSetting<URI> URL =
      ProviderSetting.optional(ClientOptions.BASE_URL, "ACME_BASE_URL", "the base URL", "https://api.acme.test/v1");
  private static final ProviderSetting<Duration> WAIT_SETTING =
      ProviderSetting.optional(WAIT, "ACME_WAIT", "how long to wait", null);
  private static final ProviderSetting<String> REGION_SETTING =
      ProviderSetting.required(REGION, "ACME_REGION", "the data centre, such as eu-1");
  private static final ProviderDescription ACME = ProviderDescription.of("acme", false, KEY, SECRET, URL, WAIT_SETTING);

  private static ProviderContext context(Map<String, String> env, Properties props) {
    return ProviderContext.of(ACME, ClientOptions.builder().environment(env).systemProperties(props).build());
  }

  private static ProviderContext context(Map<String, String> env) {
    return context(env, new Properties());
  }

  @Test
  void readsTheEnvironmentVariableOfTheSettingAndSaysWhereItCameFrom() {
    ProviderContext context = context(Map.of("ACME_API_KEY", "team#key-123", "ACME_WAIT", "2s"));

    assertThat(context.require(KEY)).isEqualTo("team#key-123");
    assertThat(context.sourceOf(KEY)).hasValue("environment variable ACME_API_KEY");
    assertThat(context.value(WAIT_SETTING)).hasValue(Duration.ofSeconds(2));
    assertThat(context.value(SECRET)).isEmpty();
    assertThat(context.sourceOf(SECRET)).isEmpty();
    assertThat(context.description()).isSameAs(ACME);
  }

  @Test
  void theOptionBeatsTheSystemPropertyWhichBeatsTheEnvironment() {
    Properties props = new Properties();
    props.setProperty("lora4j.apiKey", "from-property");
    ProviderContext property = context(Map.of("ACME_API_KEY", "from-env"), props);
    ProviderContext option = ProviderContext.of(ACME, property.options().mutate().apiKey("from-option").build());

    assertThat(property.require(KEY)).isEqualTo("from-property");
    assertThat(property.sourceOf(KEY)).hasValue("system property lora4j.apiKey");
    assertThat(option.require(KEY)).isEqualTo("from-option");
    assertThat(option.sourceOf(KEY)).hasValue("option apiKey");
  }

  @Test
  void aMissingSensitiveSettingIsAnAuthenticationErrorNamingWhereToSetIt() {
    assertThatThrownBy(() -> context(Map.of()).require(KEY))
        .isInstanceOf(AuthenticationException.class)
        .hasMessage("no Acme credentials: set ACME_API_KEY, the system property lora4j.apiKey or the option apiKey"
            + " (the account's key, in the form team#key)");
  }

  @Test
  void aMissingOrdinarySettingIsAnIllegalArgumentNamingWhereToSetIt() {
    ProviderContext context = ProviderContext.of(ProviderDescription.of("acme", false, REGION_SETTING),
        ClientOptions.builder().environment(Map.of()).systemProperties(new Properties()).build());

    assertThatThrownBy(() -> context.require(REGION_SETTING))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(AuthenticationException.class)
        .hasMessage("no Acme setting contexttest.region: set ACME_REGION, the system property lora4j.contexttest.region"
            + " or the option contexttest.region (the data centre, such as eu-1)");
  }

  @Test
  void aBadValueIsNamedWithItsSourceAndASecretNeverAppears() {
    assertThatThrownBy(() -> context(Map.of("ACME_WAIT", "soon")).value(WAIT_SETTING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("environment variable ACME_WAIT is not a valid contexttest.wait: 'soon'");
    assertThatThrownBy(() -> context(Map.of("ACME_BASE_URL", "not a url with secret-77")).valueOrDefault(URL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("environment variable ACME_BASE_URL");
  }

  @Test
  void valueOrDefaultFallsBackToTheDeclaredDefaultTyped() {
    assertThat(context(Map.of()).valueOrDefault(URL)).isEqualTo(URI.create("https://api.acme.test/v1"));
    assertThat(context(Map.of("ACME_BASE_URL", "http://127.0.0.1:9/v1")).valueOrDefault(URL))
        .isEqualTo(URI.create("http://127.0.0.1:9/v1"));
    assertThatThrownBy(() -> context(Map.of()).valueOrDefault(WAIT_SETTING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the acme setting contexttest.wait has no default");
  }

  @Test
  void secretsAreTheValuesOfTheSensitiveSettingsThatAreSet() {
    assertThat(context(Map.of("ACME_API_KEY", " key-1 ", "ACME_WAIT", "2s")).secrets()).containsExactly("key-1");
    assertThat(context(Map.of("ACME_API_KEY", "key-1", "ACME_API_SECRET", "secret-2", "ACME_BASE_URL", "http://127.0.0.1:9"))
        .secrets()).containsExactly("key-1", "secret-2");
    assertThat(context(Map.of()).secrets()).isEmpty();
  }

  @Test
  void aSettingTheDescriptionDoesNotDeclareIsRejected() {
    assertThatThrownBy(() -> context(Map.of("ACME_REGION", "eu-1")).value(REGION_SETTING))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("provider acme does not declare the setting contexttest.region");
  }

  @Test
  void neverPrintsAValue() {
    ProviderContext context = context(Map.of("ACME_API_KEY", "key-visible-nowhere"));
    ProviderContext explicit = ProviderContext.of(ACME, context.options().mutate().apiKey("key-visible-nowhere").build());

    assertThat(context.toString()).doesNotContain("key-visible-nowhere").contains("acme");
    assertThat(explicit.toString()).doesNotContain("key-visible-nowhere").contains("apiKey=***");
  }
}
