package dev.lora4j.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BodiesTest {

  private static JsonNode parse(String contentType, String body) {
    return Bodies.multipart(contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void foldsFieldsAndKeepsUtf8AndFileNames() {
    String body = "--XyZ\r\n"
        + "Content-Disposition: form-data; name=\"prompt\"\r\n\r\n"
        + "un lion \u00e9toil\u00e9\r\n"
        + "--XyZ\r\n"
        + "Content-Disposition: form-data; name=\"inputImage\"; filename=\"cat.png\"\r\n"
        + "Content-Type: image/png\r\n\r\n"
        + "\u0089PNG binary\r\n"
        + "--XyZ\r\n"
        + "Content-Disposition: form-data; name=\"tag\"\r\n\r\n"
        + "a\r\n"
        + "--XyZ\r\n"
        + "Content-Disposition: form-data; name=\"tag\"\r\n\r\n"
        + "b\r\n"
        + "--XyZ--\r\n";

    JsonNode form = parse("multipart/form-data; boundary=\"XyZ\"", body);

    assertThat(form.get("prompt").stringValue()).isEqualTo("un lion \u00e9toil\u00e9");
    assertThat(form.get("inputImage").stringValue()).isEqualTo("cat.png");
    assertThat(form.get("tag").size()).isEqualTo(2);
    assertThat(form.get("tag").get(1).stringValue()).isEqualTo("b");
  }

  @Test
  void rejectsABodyWithoutTheClosingDelimiter() {
    String body = "--XyZ\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nhello\r\n";

    assertThat(parse("multipart/form-data; boundary=XyZ", body).isMissingNode()).isTrue();
  }

  @Test
  void recognisesJsonMediaTypes() {
    assertThat(Bodies.isJson("application/json; charset=utf-8")).isTrue();
    assertThat(Bodies.isJson("application/problem+json")).isTrue();
    assertThat(Bodies.isJson("text/json")).isFalse();
    assertThat(Bodies.isJson(null)).isFalse();
  }
}
