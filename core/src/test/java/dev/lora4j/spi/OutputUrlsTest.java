package dev.lora4j.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputUrlsTest {

  @ParameterizedTest
  @ValueSource(strings = {"https://cdn.test/x/0.png", "http://127.0.0.1:8080/files/1/0.png?sig=abc", "  https://cdn.test/1.png "})
  void keepsWebUrls(String text) {
    assertThat(OutputUrls.parse("wiro", "2221", "outputs[].url", text)).hasValue(URI.create(text.strip()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "file:///etc/passwd", "javascript:alert(1)", "data:image/png;base64,AAAA", "ftp://cdn.test/0.png",
    "/files/1/0.png", "https:/no-host", "http://[broken", "", "   "})
  void dropsEverythingElse(String text) {
    assertThat(OutputUrls.parse("wiro", "2221", "outputs[].url", text)).isEmpty();
  }
}
