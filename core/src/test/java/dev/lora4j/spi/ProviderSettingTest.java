package dev.lora4j.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.ClientOptions;
import dev.lora4j.Option;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProviderSettingTest {

  private static final Option<Duration> WAIT = Option.valueOf("settingtest.wait", Duration.class, ClientOptions::parseDuration);

  @Test
  void takesNameSensitivityAndSystemPropertyFromItsOption() {
    ProviderSetting<String> key = ProviderSetting.required(ClientOptions.API_KEY, "ACME_API_KEY", "the account's API key");

    assertThat(key.name()).isEqualTo("apiKey");
    assertThat(key.option()).isSameAs(ClientOptions.API_KEY);
    assertThat(key.sensitive()).isTrue();
    assertThat(key.required()).isTrue();
    assertThat(key.systemProperty()).isEqualTo("lora4j.apiKey");
    assertThat(key.environmentVariable()).isEqualTo("ACME_API_KEY");
    assertThat(key.description()).isEqualTo("the account's API key");
    assertThat(key.defaultValue()).isEmpty();
    assertThat(key).hasToString("apiKey (system property lora4j.apiKey, environment variable ACME_API_KEY, required, sensitive)");
  }

  @Test
  void parsesTheDefaultWithTheOptionsParser() {
    ProviderSetting<URI> url = ProviderSetting.optional(ClientOptions.BASE_URL, "ACME_BASE_URL", "the base URL", "https://api.acme.test/v1");
    ProviderSetting<Duration> wait = ProviderSetting.optional(WAIT, "ACME_WAIT", "how long to wait", "3s");

    assertThat(url.defaultValue()).hasValue("https://api.acme.test/v1");
    assertThat(url.parsedDefault()).isEqualTo(URI.create("https://api.acme.test/v1"));
    assertThat(wait.parsedDefault()).isEqualTo(Duration.ofSeconds(3));
    assertThat(wait.required()).isFalse();
    assertThat(wait).hasToString("settingtest.wait (system property lora4j.settingtest.wait, environment variable ACME_WAIT, default 3s)");
  }

  @Test
  void aDefaultThatDoesNotParseIsRejectedWhenDeclared() {
    assertThatThrownBy(() -> ProviderSetting.optional(WAIT, "ACME_WAIT", "how long to wait", "soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the default of settingtest.wait is not a valid settingtest.wait: 'soon'");
  }

  @Test
  void blankPartsAreRejected() {
    assertThatThrownBy(() -> ProviderSetting.required(ClientOptions.API_KEY, " ", "the key"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("environmentVariable must not be blank");
    assertThatThrownBy(() -> ProviderSetting.required(ClientOptions.API_KEY, "ACME_API_KEY", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("description must not be blank");
  }

  @Test
  void aDescriptionFindsSettingsByOptionNameAndSaysWhatIsMissing() {
    ProviderSetting<String> key = ProviderSetting.required(ClientOptions.API_KEY, "ACME_API_KEY", "the key");
    ProviderSetting<URI> url = ProviderSetting.optional(ClientOptions.BASE_URL, "ACME_BASE_URL", "the base URL", null);
    ProviderDescription acme = ProviderDescription.of("acme", true, key, url);
    ClientOptions none = ClientOptions.builder().environment(Map.of()).systemProperties(new Properties()).build();
    ClientOptions withKey = none.mutate().environment(Map.of("ACME_API_KEY", "k")).build();

    assertThat(acme.setting("baseUrl")).containsSame(url);
    assertThat(acme.setting("apiSecret")).isEmpty();
    assertThat(acme.missing(none)).containsExactly(key);
    assertThat(acme.configured(none)).isFalse();
    assertThat(acme.configured(withKey)).isTrue();
    assertThat(acme.displayName()).isEqualTo("Acme");
    assertThat(acme.embeddedSimulator()).isTrue();
  }

  @Test
  void aDescriptionRejectsAnUpperCaseNameAndATwiceDeclaredSetting() {
    ProviderSetting<String> key = ProviderSetting.required(ClientOptions.API_KEY, "ACME_API_KEY", "the key");
    assertThatThrownBy(() -> ProviderDescription.of("Acme", false, key))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower case");
    assertThatThrownBy(() -> ProviderDescription.of("acme", false, key,
        ProviderSetting.required(ClientOptions.API_KEY, "ACME_KEY", "the key again")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("provider acme declares the setting apiKey twice");
  }

  @Test
  void setsItsOptionFromTextAndNamesTheSourceOfTextThatDoesNotParse() {
    ProviderSetting<Duration> wait = ProviderSetting.optional(WAIT, "ACME_WAIT", "how long to wait", "3s");
    ProviderSetting<String> key = ProviderSetting.required(ClientOptions.API_KEY, "ACME_API_KEY", "the API key");
    ClientOptions.Builder builder = ClientOptions.builder().environment(Map.of()).systemProperties(new Properties());

    assertThat(wait.set(builder, "--option settingtest.wait", " 500ms ")).isSameAs(builder);
    key.set(builder, "--option apiKey", "acme-key-1");
    ClientOptions options = builder.build();
    assertThat(options.value(WAIT)).hasValue(Duration.ofMillis(500));
    assertThat(options.value(ClientOptions.API_KEY)).hasValue("acme-key-1");
    assertThatThrownBy(() -> wait.set(ClientOptions.builder(), "--option settingtest.wait", "soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--option settingtest.wait")
        .hasMessageContaining("soon");
  }
}
