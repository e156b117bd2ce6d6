package dev.lora4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class Lora4jExceptionTest {

  @Test
  void anErrorReportedInTheBodyOfA200CarriesStatus200() {
    RateLimitedException limit = new RateLimitedException("concurrency limit", 200, "limit", null);

    assertThat(limit.statusCode()).hasValue(200);
    assertThat(limit.providerMessage()).hasValue("limit");
    assertThat(limit.isTransient()).isTrue();
    assertThat(new RateLimitedException("slow down", 429, null, Duration.ofSeconds(3)).retryAfter()).hasValue(Duration.ofSeconds(3));
  }

  @Test
  void anExceptionNoResponseCausedHasNoStatus() {
    assertThat(new UnsupportedRequestException("no").statusCode()).isEmpty();
    assertThat(new ProviderNotFoundException("none").statusCode()).isEmpty();
    assertThat(new InvalidRequestException("width must be between 64 and 2048, was 4096").statusCode()).isEmpty();
    assertThat(new AuthenticationException("no key", new IllegalStateException()).statusCode()).isEmpty();
    assertThat(new TaskNotFoundException("gone", 404, "no such task").statusCode()).hasValue(404);
  }

  @Test
  void onlyExceptionsAResponseCanCauseTakeAStatusCode() {
    for (Class<?> type : List.of(AuthenticationException.class, InvalidRequestException.class, TaskNotFoundException.class)) {
      assertThat(constructors(type)).as(type.getSimpleName())
          .containsExactlyInAnyOrder("(String)", "(String, Throwable)", "(String, int, String)");
    }
    for (Class<?> type : List.of(ProviderNotFoundException.class, UnsupportedRequestException.class)) {
      assertThat(constructors(type)).as(type.getSimpleName()).containsExactlyInAnyOrder("(String)", "(String, Throwable)");
    }
  }

  @Test
  void bothBranchesTellWhetherToTryAgain() {
    assertThat(new ProviderUnavailableException("down", 503, null).isTransient()).isTrue();
    assertThat(new UnsupportedRequestException("no")).isInstanceOf(Lora4jNonTransientException.class);
    assertThat(new UnsupportedRequestException("no").isTransient()).isFalse();
  }

  private static List<String> constructors(Class<?> type) {
    return Arrays.stream(type.getConstructors()).map(Constructor::getParameterTypes)
        .map(p -> "(" + String.join(", ", Arrays.stream(p).map(Class::getSimpleName).toList()) + ")")
        .toList();
  }
}
