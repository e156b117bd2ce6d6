package dev.lora4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.internal.http.NetworkOptions;
import dev.lora4j.spi.http.ProviderHttpClient;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClientConfig;
import reactor.netty.transport.ProxyProvider;

class ClientOptionsNetworkTest {

  private static final URI BASE = URI.create("https://api.example.com");

  @Test
  void setsEachNetworkOption() {
    ClientOptions o = ClientOptions.builder()
        .connectTimeout(Duration.ofSeconds(2))
        .responseTimeout(Duration.ofSeconds(30))
        .maxConnections(8)
        .pendingAcquireMaxCount(100)
        .pendingAcquireTimeout(Duration.ofSeconds(5))
        .proxy("proxy.corp", 3128)
        .proxyCredentials("alice", "s3cret")
        .nonProxyHosts("*.internal")
        .build();

    assertThat(o.value(ClientOptions.CONNECT_TIMEOUT)).hasValue(Duration.ofSeconds(2));
    assertThat(o.value(ClientOptions.RESPONSE_TIMEOUT)).hasValue(Duration.ofSeconds(30));
    assertThat(o.value(ClientOptions.MAX_CONNECTIONS)).hasValue(8);
    assertThat(o.value(ClientOptions.PENDING_ACQUIRE_MAX_COUNT)).hasValue(100);
    assertThat(o.value(ClientOptions.PENDING_ACQUIRE_TIMEOUT)).hasValue(Duration.ofSeconds(5));
    assertThat(o.value(ClientOptions.PROXY_HOST)).hasValue("proxy.corp");
    assertThat(o.value(ClientOptions.PROXY_PORT)).hasValue(3128);
    assertThat(o.value(ClientOptions.PROXY_USERNAME)).hasValue("alice");
    assertThat(o.value(ClientOptions.PROXY_PASSWORD)).hasValue("s3cret");
    assertThat(o.value(ClientOptions.NON_PROXY_HOSTS)).hasValue("*.internal");
    assertThat(o.toString()).contains("proxyPassword=***", "proxyHost=proxy.corp").doesNotContain("s3cret");
  }

  @Test
  void fallsBackToSystemPropertiesThenLora4jEnvironmentVariables() {
    Properties props = new Properties();
    props.setProperty("lora4j.connectTimeout", "1500ms");
    props.setProperty("lora4j.maxConnections", "4");
    ClientOptions o = ClientOptions.builder().systemProperties(props).environment(Map.of(
            "LORA4J_CONNECT_TIMEOUT", "9s",
            "LORA4J_RESPONSE_TIMEOUT", "PT90S",
            "LORA4J_PENDING_ACQUIRE_MAX_COUNT", "7",
            "LORA4J_PENDING_ACQUIRE_TIMEOUT", "3s",
            "LORA4J_PROXY_HOST", "proxy.corp",
            "LORA4J_PROXY_PORT", "8080",
            "LORA4J_PROXY_USERNAME", "bob",
            "LORA4J_PROXY_PASSWORD", "pw",
            "LORA4J_NON_PROXY_HOSTS", "localhost|*.lan"))
        .build();

    NetworkOptions n = NetworkOptions.read(o, BASE);

    assertThat(n.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(n.maxConnections()).isEqualTo(4);
    assertThat(n.responseTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(n.pendingAcquireMaxCount()).isEqualTo(7);
    assertThat(n.pendingAcquireTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(n.proxy()).isNotNull();
    assertThat(n.proxy().toString())
        .isEqualTo("proxy proxy.corp:8080 as bob (password ***) from environment variable LORA4J_PROXY_HOST,"
            + " bypassed for localhost|*.lan");
  }

  @Test
  void nothingSetKeepsEveryDefault() {
    NetworkOptions n = NetworkOptions.read(
        ClientOptions.builder().systemProperties(new Properties()).environment(Map.of()).build(), BASE);

    assertThat(n).isEqualTo(new NetworkOptions(null, null, null, null, null, null));
    try (ProviderHttpClient client = ProviderHttpClient.builder("xalora", BASE)
        .options(ClientOptions.builder().systemProperties(new Properties()).environment(Map.of()).build())
        .build()) {
      assertThat(client.webSocketClient().configuration().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS))
          .isEqualTo((int) ProviderHttpClient.DEFAULT_CONNECT_TIMEOUT.toMillis());
    }
  }

  @Test
  void theWebSocketClientHasTheConnectTimeoutAndProxyOfTheCalls() {
    ClientOptions o = ClientOptions.builder().systemProperties(new Properties()).environment(Map.of())
        .connectTimeout(Duration.ofMillis(1234)).proxy("proxy.corp", 3128).build();
    try (ProviderHttpClient client = ProviderHttpClient.builder("wiro", BASE).options(o).build()) {
      HttpClientConfig socket = client.webSocketClient().configuration();

      assertThat(socket.options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS)).isEqualTo(1234);
      assertThat(socket.hasProxy()).isTrue();
      ProxyProvider proxy = socket.proxyProviderSupplier().get();
      assertThat(proxy.getType()).isEqualTo(ProxyProvider.Proxy.HTTP);
      assertThat(proxy.getSocketAddress().get().toString()).contains("proxy.corp").contains("3128");
    }
  }

  @Test
  void settersNameTheBadValue() {
    ClientOptions.Builder b = ClientOptions.builder();

    assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO)).hasMessage("connectTimeout must be positive, was PT0S");
    assertThatThrownBy(() -> b.connectTimeout(Duration.ofDays(30)))
        .hasMessage("connectTimeout must be between 1 ms and 2147483647 ms, was PT720H");
    assertThatThrownBy(() -> b.responseTimeout(Duration.ofSeconds(-1)))
        .hasMessage("responseTimeout must be positive, was PT-1S");
    assertThatThrownBy(() -> b.maxConnections(0)).hasMessage("maxConnections must be at least 1, was 0");
    assertThatThrownBy(() -> b.pendingAcquireMaxCount(-3)).hasMessage("pendingAcquireMaxCount must be at least 1, was -3");
    assertThatThrownBy(() -> b.pendingAcquireTimeout(Duration.ZERO))
        .hasMessage("pendingAcquireTimeout must be positive, was PT0S");
    assertThatThrownBy(() -> b.proxy("proxy.corp", 70000)).hasMessage("proxyPort must be between 1 and 65535, was 70000");
    assertThatThrownBy(() -> b.proxy("http://proxy.corp", 80))
        .hasMessage("proxyHost must be a host name or IP address, was 'http://proxy.corp'");
    assertThatThrownBy(() -> b.proxy("u:s3cret@proxy.corp", 80))
        .hasMessage("proxyHost must be a host name or IP address, was a value with user info");
    assertThatThrownBy(() -> b.proxyCredentials(" ", "pw")).hasMessage("proxyUsername must not be blank");
    assertThatThrownBy(() -> b.proxyCredentials("alice", "")).hasMessage("proxyPassword must not be empty");
    assertThatThrownBy(() -> b.nonProxyHosts("a,,b")).hasMessage("nonProxyHosts must not hold an empty entry, was 'a,,b'");
  }

  @Test
  void aBadFallbackNamesItsSourceAndNeverThePassword() {
    ClientOptions o = ClientOptions.builder().systemProperties(new Properties())
        .environment(Map.of("LORA4J_MAX_CONNECTIONS", "many", "LORA4J_PROXY_PORT", "0"))
        .build();

    assertThatThrownBy(() -> NetworkOptions.read(o, BASE))
        .hasMessageStartingWith("environment variable LORA4J_MAX_CONNECTIONS is not a valid maxConnections: 'many'");
    ClientOptions badPort = o.mutate()
        .environment(Map.of("LORA4J_PROXY_HOST", "proxy.corp", "LORA4J_PROXY_PORT", "0", "LORA4J_PROXY_PASSWORD", "s3cret"))
        .build();
    assertThatThrownBy(() -> ProviderHttpClient.builder("xalora", BASE).options(badPort))
        .hasMessage("environment variable LORA4J_PROXY_PORT is not a valid proxyPort: '0'"
            + " (proxyPort must be between 1 and 65535, was 0)");
  }
}
