package dev.lora4j.spi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class RedactorTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "api_key", "apiKey", "x-api-key", "X-API-KEY", "apiSecret", "api_secret", "secret",
        "client_secret", "password", "token", "access_token", "socketaccesstoken", "tasktoken",
        "x-signature", "signature", "Authorization", "credentials", "Cookie", "API KEY", "tok_en",
        "token_", "Secret.", "my.pass-word"
      })
  void recognizesCredentialNames(String name) {
    assertThat(Redactor.isCredentialName(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"max_tokens", "x-nonce", "nonce", "consumer_id", "task_id", "prompt", "tokens_used", "", "--", "en", "oken"})
  void leavesOtherNamesAlone(String name) {
    assertThat(Redactor.isCredentialName(name)).isFalse();
  }

  @Test
  void masksKnownSecretsWhereverTheyAppear() {
    Redactor redactor = Redactor.of(List.of("consumer#sk-123", "sk-123", " "));

    assertThat(redactor.redact("key consumer#sk-123, or just sk-123?"))
        .isEqualTo("key ***, or just ***?");
  }

  @Test
  void addingTheSameSecretsAgainReturnsTheSameRedactor() {
    Redactor redactor = Redactor.of(List.of("sk-123"));

    assertThat(redactor.withSecrets(List.of("sk-123", " "))).isSameAs(redactor);
    assertThat(redactor.withSecrets(List.of())).isSameAs(redactor);
    assertThatThrownBy(() -> redactor.withSecrets(java.util.Arrays.asList("sk-123", null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("a secret is null");
  }

  @Test
  void aSecretThatIsAnotherOnesFormStillGetsItsOwnForms() {
    // "a%2Bb" is the URL form of "a+b"; given itself, its own URL form "a%252Bb" is masked too
    Redactor redactor = Redactor.of(List.of("a+b")).withSecrets(List.of("a%2Bb"));

    assertThat(redactor.redact("x a%252Bb y")).isEqualTo("x *** y");
  }

  @Test
  void masksSecretsInTheirJsonEscapedForm() {
    Redactor redactor = Redactor.of(List.of("a\"b/c\\d"));

    assertThat(redactor.redact("{\"note\":\"a\\\"b/c\\\\d\"}")).isEqualTo("{\"note\":\"***\"}");
    assertThat(redactor.redact("{\"note\":\"a\\\"b\\/c\\\\d\"}")).isEqualTo("{\"note\":\"***\"}");
  }

  @Test
  void masksCredentialFieldsInJsonText() {
    String text =
        "{\"api_key\": \"k-1\", \"prompt\": \"a \\\"quoted\\\" cat\", \"token\":42,"
            + " \"password\" : \"p\\\"w\", \"apiKey\": null}";

    assertThat(Redactor.none().redact(text))
        .isEqualTo(
            "{\"api_key\": \"***\", \"prompt\": \"a \\\"quoted\\\" cat\", \"token\":\"***\","
                + " \"password\" : \"***\", \"apiKey\": null}");
  }

  @Test
  void masksACredentialCutShortAtTheEndOfMalformedJson() {
    assertThat(Redactor.none().redact("{\"task_id\":\"1\",\"api_key\":\"sk-live-abc"))
        .isEqualTo("{\"task_id\":\"1\",\"api_key\":\"***\"");
    assertThat(Redactor.none().redact("{\"api_key\":\"sk-live-abc\\"))
        .isEqualTo("{\"api_key\":\"***\"");
  }

  @Test
  void masksCredentialsInQueryAndFormStrings() {
    assertThat(Redactor.none().redact("GET /x?task=1&access_token=abc.def&page=2 failed"))
        .isEqualTo("GET /x?task=1&access_token=***&page=2 failed");
  }

  @Test
  void redactsJsonIntoACopy() {
    ObjectNode original = ProviderHttpClient.json().createObjectNode();
    original.put("consumer_id", "c-1").put("api_key", "k-1").putNull("token");
    original.putObject("task_details").putObject("parameters").put("prompt", "uses k-2 inside");
    original.putArray("list").addObject().put("x-signature", "s-1");

    JsonNode redacted = Redactor.of(List.of("k-2")).redact(original);

    assertThat(redacted.toString())
        .isEqualTo(
            "{\"consumer_id\":\"c-1\",\"api_key\":\"***\",\"token\":null,"
                + "\"task_details\":{\"parameters\":{\"prompt\":\"uses *** inside\"}},"
                + "\"list\":[{\"x-signature\":\"***\"}]}");
    assertThat(original.path("api_key").stringValue()).isEqualTo("k-1");
  }

  @Test
  void masksOnlyKnownSecretsInAnAnswerAndKeepsWhatAProviderNeeds() {
    JsonNode answer = ProviderHttpClient.json().readTree(
        "{\"taskid\":\"2221\",\"socketaccesstoken\":\"tok-1\",\"note\":\"echo sk-9 and sk-9\","
            + "\"sk-9\":{\"n\":42},\"list\":[\"https://cdn/x.png?key=sk-9\"],\"code\":4242}");

    JsonNode masked = Redactor.of(List.of("sk-9", "4242")).maskSecrets(answer);

    assertThat(masked.toString()).isEqualTo(
        "{\"taskid\":\"2221\",\"socketaccesstoken\":\"tok-1\",\"note\":\"echo *** and ***\","
            + "\"***\":{\"n\":42},\"list\":[\"https://cdn/x.png?key=***\"],\"code\":\"***\"}");
    assertThat(answer.path("note").stringValue()).as("the answer itself is not changed").isEqualTo("echo sk-9 and sk-9");
  }

  @Test
  void findsASecretThatOnlyANumberHolds() {
    JsonNode answer = ProviderHttpClient.json().readTree("{\"code\":4242,\"n\":7,\"big\":1e400}");

    assertThat(Redactor.of(List.of("4242")).maskSecrets(answer).toString())
        .isEqualTo("{\"code\":\"***\",\"n\":7,\"big\":1e400}".replace("1e400", answer.get("big").toString()));
    assertThat(Redactor.of(List.of("sk-9")).maskSecrets(answer)).isSameAs(answer);
  }

  @Test
  void masksNothingAndCopiesNothingWhenAnAnswerHoldsNoSecret() {
    JsonNode answer = ProviderHttpClient.json().readTree("{\"status\":\"running\",\"token\":\"t\"}");

    assertThat(Redactor.of(List.of("sk-9")).maskSecrets(answer)).isSameAs(answer);
    assertThat(Redactor.none().maskSecrets(answer)).isSameAs(answer);
  }

  @Test
  void masksTheUrlEncodedFormOfASecret() {
    Redactor redactor = Redactor.of(List.of("c#k y/z"));

    assertThat(redactor.redact("GET https://cdn/x?echo=c%23k+y%2Fz and c%23k%20y%2Fz")).isEqualTo("GET https://cdn/x?echo=*** and ***");
  }

  @Test
  void learnsSecretsFromTheCredentialFieldsOfABody() {
    ObjectNode body = ProviderHttpClient.json().createObjectNode().put("api_key", "per-task-key");

    Redactor redactor = Redactor.none().withSecretsFrom(body);

    assertThat(redactor.redact("the key per-task-key is unknown")).isEqualTo("the key *** is unknown");
    assertThat(Redactor.none().withSecretsFrom(ProviderHttpClient.json().createObjectNode()))
        .isSameAs(Redactor.none());
  }

  @Test
  void excerptsAfterRedactingSoACutSecretIsStillMasked() {
    Redactor redactor = Redactor.of(List.of("0123456789abcdef"));
    String text = "x".repeat(15) + "0123456789abcdef" + "y".repeat(50);

    assertThat(redactor.excerpt(text, 20)).isEqualTo("x".repeat(15) + "***" + "y…");
    assertThat(redactor.excerpt("short\r\n  text", 20)).isEqualTo("short text");
    assertThatThrownBy(() -> redactor.excerpt("x", 1))
        .hasMessage("maxChars must be at least 2, was 1");
  }

  @Test
  void excerptsALongTextFromItsStartOnly() {
    String secret = "s".repeat(3000);
    Redactor redactor = Redactor.of(List.of(secret));
    String text = "x".repeat(150) + secret + "{\"token\":\"" + "t".repeat(1_000_000);

    assertThat(redactor.excerpt(text, 200)).isEqualTo("x".repeat(150) + "***{\"token\":\"***\"");
  }

  @Test
  void toStringRevealsNoSecret() {
    assertThat(Redactor.of(List.of("sk-123")).toString()).doesNotContain("sk-123");
  }

  @Test
  void describesAUrlWithoutItsUserInfoQueryAndFragment() {
    assertThat(Redactor.describeUrl(URI.create("https://cdn.test/a.png"))).isEqualTo("https://cdn.test/a.png");
    assertThat(Redactor.describeUrl(URI.create("https://cdn.test:8443/a.png?X-Amz-Signature=s1#f")))
        .isEqualTo("https://cdn.test:8443/a.png?***");
    assertThat(Redactor.describeUrl(URI.create("http://me:pw@proxy.test/x"))).isEqualTo("http://***@proxy.test/x");
    assertThat(Redactor.describeUrl(URI.create("https://cdn.test/a.png#part"))).isEqualTo("https://cdn.test/a.png");
  }
}
