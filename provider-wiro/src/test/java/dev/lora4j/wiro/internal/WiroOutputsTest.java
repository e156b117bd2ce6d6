package dev.lora4j.wiro.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskResult;
import dev.lora4j.spi.http.ProviderHttpClient;
import dev.lora4j.spi.http.Redactor;
import org.junit.jupiter.api.Test;

/** Only web URLs become outputs, as on every provider. */
class WiroOutputsTest {

  private final WiroCodec codec = new WiroCodec(ProviderHttpClient.json(), Redactor.none(), "test credentials");

  @Test
  void dropsEveryOutputWhoseUrlIsNotHttpOrHttps() {
    TaskResult result = codec.update(new TaskHandle("wiro", "2221", null), ProviderHttpClient.json().readTree("""
        {"id":"2221","status":"task_postprocess_end","pexit":"0","outputs":[
          {"name":"passwd","contenttype":"text/plain","size":"10","url":"file:///etc/passwd"},
          {"name":"x.png","contenttype":"image/png","size":"10","url":"javascript:alert(1)"},
          {"name":"0.png","contenttype":"image/png","size":"202472","url":"https://cdn1.wiro.ai/abc/0.png"},
          {"name":"log","contenttype":"raw","size":"3"}]}""")).result().orElseThrow();

    assertThat(result.outputs()).extracting(TaskOutput::name).containsExactly("0.png");
    assertThat(result.outputs()).extracting(Object::toString).noneMatch(s -> s.contains("null"));
  }
}
