package dev.lora4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.ClientOptions;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {

  private static final URI HTTPS = URI.create("https://api.example.com/v1");
  private static final URI HTTP = URI.create("http://api.example.com/v1");

  private static ClientOptions.Builder env(String... kv) {
    Map<String, String> env = new java.util.HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return ClientOptions.builder().environment(env).systemProperties(new Properties());
  }

  @Test
  void readsHttpsProxyWithPercentEncodedCredentialsForAnHttpsBaseUrl() {
    ProxySettings proxy = ProxySettings.resolve(
        env("HTTPS_PROXY", "http://bob:p%40ss%3Aword@proxy.corp:3128", "HTTP_PROXY", "http://other:1").build(),
        HTTPS).orElseThrow();

    assertThat(proxy.host()).isEqualTo("proxy.corp");
    assertThat(proxy.port()).isEqualTo(3128);
    assertThat(proxy.username()).isEqualTo("bob");
    assertThat(proxy.password()).isEqualTo("p@ss:word");
    assertThat(proxy.source()).isEqualTo("environment variable HTTPS_PROXY");
    assertThat(proxy.toString()).doesNotContain("p@ss").contains("password ***");
  }

  @Test
  void httpBaseUrlsUseHttpProxyUnlessTheProcessIsACgiScript() {
    assertThat(ProxySettings.resolve(env("http_proxy", "proxy.corp").build(), HTTP))
        .hasValueSatisfying(p -> assertThat(p.host() + ":" + p.port()).isEqualTo("proxy.corp:80"));
    assertThat(ProxySettings.resolve(env("HTTP_PROXY", "proxy.corp:8080").build(), HTTPS)).isEmpty();
    assertThat(ProxySettings.resolve(env("HTTP_PROXY", "proxy.corp:8080", "REQUEST_METHOD", "GET").build(), HTTP))
        .isEmpty();
  }

  @Test
  void environmentProxiesBypassNoProxyTheOptionAndLoopback() {
    NonProxyHosts bypass = ProxySettings.resolve(
        env("HTTPS_PROXY", "http://proxy.corp:3128", "no_proxy", ".internal")
            .nonProxyHosts("*.lan").build(),
        HTTPS).orElseThrow().nonProxyHosts();

    assertThat(bypass.matches("db.internal")).isTrue();
    assertThat(bypass.matches("nas.lan")).isTrue();
    assertThat(bypass.matches("localhost")).isTrue();
    assertThat(bypass.matches("127.0.0.1")).isTrue();
    assertThat(bypass.matches("api.example.com")).isFalse();
  }

  @Test
  void theProxyOptionWinsOverTheEnvironment() {
    ProxySettings proxy = ProxySettings.resolve(
        env("HTTPS_PROXY", "http://proxy.corp:3128", "LORA4J_PROXY_USERNAME", "carol")
            .proxy("10.0.0.5", 8888).build(),
        HTTPS).orElseThrow();

    assertThat(proxy.host() + ":" + proxy.port()).isEqualTo("10.0.0.5:8888");
    assertThat(proxy.username()).isEqualTo("carol");
    assertThat(proxy.nonProxyHosts().matches("localhost")).as("an explicit proxy is used for loopback too").isFalse();
    assertThat(proxy.source()).isEqualTo("option proxyHost");
  }

  @Test
  void aMalformedProxyUrlIsRejectedWithoutShowingIt() {
    assertThatThrownBy(() -> ProxySettings.resolve(env("HTTPS_PROXY", "socks5://u:s3cret@proxy:1080").build(), HTTPS))
        .hasMessageContaining("environment variable HTTPS_PROXY must be a proxy URL")
        .hasMessageContaining("only http:// proxies")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> ProxySettings.resolve(env("HTTPS_PROXY", "http://u:s3cret@[bad").build(), HTTPS))
        .hasMessageNotContaining("s3cret");
  }

  @Test
  void aPasswordWithoutAUserIsRejectedWithoutShowingIt() {
    assertThatThrownBy(() -> ProxySettings.resolve(
            env("LORA4J_PROXY_HOST", "proxy.corp", "LORA4J_PROXY_PASSWORD", "s3cret").build(), HTTPS))
        .hasMessage("a proxy password is set (environment variable LORA4J_PROXY_HOST) but no proxy user name");
  }

  @Test
  void noSettingMeansNoProxy() {
    assertThat(ProxySettings.resolve(env().build(), HTTPS)).isEmpty();
  }
}
