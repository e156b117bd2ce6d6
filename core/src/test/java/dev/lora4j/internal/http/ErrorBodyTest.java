package dev.lora4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.spi.http.ProviderHttpClient;
import dev.lora4j.spi.http.Redactor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ErrorBodyTest {

  private static ErrorBody read(String body) {
    return ErrorBody.read(
        body.getBytes(StandardCharsets.UTF_8), ProviderHttpClient.json(), Redactor.of(List.of("sk-1")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"message\":\"invalid credentials\",\"error\":\"ignored\"} | invalid credentials",
        "{\"error\":\"Unauthorized\"}                                | Unauthorized",
        "{\"error\":{\"code\":5,\"message\":\"nested\"}}             | nested",
        "{\"result\":false,\"errors\":[{\"code\":97,\"message\":\"Insufficient balance\"}]} | Insufficient balance",
        "{\"errors\":[\"plain string error\"]}                       | plain string error",
        "{\"detail\":\"Not Found\"}                                  | Not Found",
        "{\"detail\":[{\"msg\":\"field required\"}]}                 | field required",
        "{\"msg\":\"task timeout\"}                                  | task timeout",
        "\"just a string\"                                          | just a string",
        "{\"message\":\"  \",\"error\":\"blank message skipped\"}    | blank message skipped",
        "{\"message\":\"key sk-1 rejected\"}                         | key *** rejected",
      })
  void findsTheProviderMessage(String body, String message) {
    assertThat(read(body).message()).isEqualTo(message);
  }

  @Test
  void keepsTheJsonRedacted() {
    ErrorBody body = read("{\"errors\":[{\"code\":\"98\"}],\"api_key\":\"x\"}");

    assertThat(body.message()).isNull();
    assertThat(body.json()).isNotNull();
    assertThat(body.json().toString()).isEqualTo("{\"errors\":[{\"code\":\"98\"}],\"api_key\":\"***\"}");
  }

  @Test
  void excerptsTextThatIsNotJson() {
    ErrorBody body = read("  Bad Gateway\n\n upstream sk-1 down " + "!".repeat(500));

    assertThat(body.json()).isNull();
    assertThat(body.message()).startsWith("Bad Gateway upstream *** down !!!").hasSize(200);
    assertThat(read("{not json").message()).isEqualTo("{not json");
    assertThat(read("   ")).isEqualTo(new ErrorBody(null, null));
  }
}
