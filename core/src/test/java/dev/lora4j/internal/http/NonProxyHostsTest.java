package dev.lora4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class NonProxyHostsTest {

  @Test
  void aNameCoversItselfAndItsSubdomains() {
    NonProxyHosts hosts = NonProxyHosts.parse("example.com, .internal");

    assertThat(hosts.matches("example.com")).isTrue();
    assertThat(hosts.matches("API.Example.com")).isTrue();
    assertThat(hosts.matches("db.internal")).isTrue();
    assertThat(hosts.matches("notexample.com")).isFalse();
    assertThat(hosts.matches("example.org")).isFalse();
  }

  @Test
  void wildcardsCidrRangesAndPortsFollowTheJdkAndNoProxyConventions() {
    NonProxyHosts hosts = NonProxyHosts.parse("*.corp|127.*|10.0.0.0/8|[::1]|cache.local:8080|fd00::/8");

    assertThat(hosts.matches("git.corp")).isTrue();
    assertThat(hosts.matches("corp")).isFalse();
    assertThat(hosts.matches("127.0.0.2")).isTrue();
    assertThat(hosts.matches("10.200.3.4")).isTrue();
    assertThat(hosts.matches("11.0.0.1")).isFalse();
    assertThat(hosts.matches("[::1]")).isTrue();
    assertThat(hosts.matches("cache.local")).isTrue();
    assertThat(hosts.matches("fd12::5")).isTrue();
    assertThat(hosts.test(InetSocketAddress.createUnresolved("10.1.1.1", 443))).isTrue();
    assertThat(NonProxyHosts.parse("*").matches("anything.example")).isTrue();
    assertThat(NonProxyHosts.none().matches("localhost")).isFalse();
  }

  @Test
  void combinesLists() {
    NonProxyHosts hosts = NonProxyHosts.parse("a.example").and(NonProxyHosts.parse("b.example"));

    assertThat(hosts.matches("a.example")).isTrue();
    assertThat(hosts.matches("b.example")).isTrue();
    assertThat(hosts.text()).isEqualTo("a.example,b.example");
  }

  @Test
  void rejectsBlankListsEmptyEntriesAndBadRanges() {
    assertThatThrownBy(() -> NonProxyHosts.parse(" ")).hasMessage("nonProxyHosts must not be blank");
    assertThatThrownBy(() -> NonProxyHosts.parse("a,,b"))
        .hasMessage("nonProxyHosts must not hold an empty entry, was 'a,,b'");
    assertThatThrownBy(() -> NonProxyHosts.parse("10.0.0.0/40"))
        .hasMessageStartingWith("nonProxyHosts entry '10.0.0.0/40' is not a CIDR range");
  }
}
