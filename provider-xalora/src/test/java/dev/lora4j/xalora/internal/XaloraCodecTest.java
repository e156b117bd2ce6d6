package dev.lora4j.xalora.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.AuthenticationException;
import dev.lora4j.ProtocolException;
import dev.lora4j.ResultDetail;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.TextToImage;
import dev.lora4j.UnsupportedRequestException;
import dev.lora4j.spi.http.ProviderHttpClient;
import dev.lora4j.spi.http.Redactor;
import dev.lora4j.xalora.FluxLoraTask;
import dev.lora4j.xalora.WorkflowTask;
import dev.lora4j.xalora.XaloraDetails;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class XaloraCodecTest {

  private static final TaskHandle H = TaskHandle.of("xalora", "9034a6ca80");
  private static final Redactor REDACTOR = Redactor.of(List.of("s3cr3t"));
  private final XaloraCodec codec = new XaloraCodec(ProviderHttpClient.json(), new Random(1));

  private TaskUpdate read(String json) {
    return codec.update(H, ProviderHttpClient.json().readTree(json), REDACTOR);
  }

  @Test
  void readsTheSeedsExampleAnswer() {
    TaskUpdate u = read("""
        {"task_id":"9034a6ca80","task_type":"txt2img","workflow_id":"3","status":"finished","timeout_seconds":300,
         "create_timestamp":1738916890,
         "result":"https://sequencer-v2.Xalora.xyz/files/flux-lora/flux-lora-0x737c-9034a6ca80.jpg",
         "miner_id":"0x737c3fcc8def561dbE0D3de8Cc3B0646574b7651","queue_position":1,"inference_latency":18.42825,"msg":""}""");
    assertThat(u.status()).isEqualTo(TaskStatus.FINISHED);
    assertThat(u.providerStatus()).isEqualTo("finished");
    assertThat(u.queuePosition()).as("only while waiting").isEmpty();
    var result = u.result().orElseThrow();
    assertThat(result.outputs()).extracting(TaskOutput::name).containsExactly("flux-lora-0x737c-9034a6ca80.jpg");
    assertThat(result.outputs().get(0).contentType()).hasValue("image/jpeg");
    assertThat(result.detail(XaloraDetails.INFERENCE_LATENCY)).hasValue(Duration.ofNanos(18_428_250_000L));
    assertThat(result.detail(XaloraDetails.UPLOAD_LATENCY)).as("not in the answer").isEmpty();
    assertThat(result.detail(XaloraDetails.MINER_ID)).hasValue("0x737c3fcc8def561dbE0D3de8Cc3B0646574b7651");
    assertThat(result.detail(XaloraDetails.WORKFLOW_ID)).hasValue("3");
    assertThat(result.detail(XaloraDetails.TASK_TYPE)).hasValue("txt2img");
    assertThat(result.detail(XaloraDetails.CREATED_AT)).hasValue(Instant.ofEpochSecond(1738916890));
    assertThat(result.details().keySet()).extracting(ResultDetail::name)
        .containsExactly("inferenceLatency", "minerId", "workflowId", "taskType", "createdAt");
    assertThat(result.error()).isEmpty();
    assertThat(result.raw()).get().asString().contains("\"task_id\":\"9034a6ca80\"");
  }

  @Test
  void needsOnlyTaskIdAndStatusAndReadsAnyResultShape() {
    assertThat(read("{\"task_id\":\"1\",\"status\":\"waiting\",\"queue_position\":3}").queuePosition()).hasValue(3);
    assertThat(read("{\"task_id\":\"1\",\"status\":\"finished\",\"result\":[\"https://a.test/0.png\",\"https://a.test/1.png\"]}")
        .result().orElseThrow().outputs()).hasSize(2);
    assertThat(read("{\"task_id\":\"1\",\"status\":\"finished\",\"result\":{\"video\":{\"url\":\"https://a.test/v.mp4\"}}}")
        .result().orElseThrow().outputs()).singleElement()
        .satisfies(o -> assertThat(o.contentType()).hasValue("video/mp4"));
    assertThat(read("{\"task_id\":\"1\",\"status\":\"finished\",\"result\":\"done\"}").result().orElseThrow()
        .detail(XaloraDetails.RESULT_TEXT)).hasValue("done");
    assertThat(read("{\"task_id\":\"1\",\"status\":\"finished\",\"result\":null,\"miner_id\":null}").result().orElseThrow().outputs()).isEmpty();
  }

  @Test
  void onlyWebUrlsBecomeOutputs() {
    var result = read("""
        {"task_id":"1","status":"finished",
         "result":["file:///etc/passwd","javascript:alert(1)","https://a.test/0.png","/relative/1.png"]}""")
        .result().orElseThrow();

    assertThat(result.outputs()).extracting(o -> o.url().toString()).containsExactly("https://a.test/0.png");
    assertThat(result.detail(XaloraDetails.RESULT_TEXT)).isEmpty();
    assertThat(read("{\"task_id\":\"1\",\"status\":\"finished\",\"result\":\"file:///etc/passwd\"}")
        .result().orElseThrow()).satisfies(r -> {
          assertThat(r.outputs()).isEmpty();
          assertThat(r.detail(XaloraDetails.RESULT_TEXT)).as("a URL is never kept as text either").isEmpty();
        });
  }

  @Test
  void aFailedTaskCarriesItsMsgAsTheReason() {
    TaskUpdate u = read("{\"task_id\":\"1\",\"status\":\"failed\",\"msg\":\"miner crashed\"}");
    assertThat(u.result().orElseThrow().error()).hasValue("miner crashed");
    assertThat(u.message()).hasValue("miner crashed");
  }

  @Test
  void textDetailsEchoingTheKeyAreMasked() {
    TaskUpdate u = read("{\"task_id\":\"1\",\"status\":\"finished\",\"miner_id\":\"miner-s3cr3t\",\"result\":\"key s3cr3t\","
        + "\"create_timestamp\":\"1738916890\",\"upload_latency\":0.5}");
    var result = u.result().orElseThrow();
    assertThat(result.detail(XaloraDetails.MINER_ID)).hasValue("miner-***");
    assertThat(result.detail(XaloraDetails.RESULT_TEXT)).hasValue("key ***");
    assertThat(result.detail(XaloraDetails.CREATED_AT)).as("numeric text too").hasValue(Instant.ofEpochSecond(1738916890));
    assertThat(result.detail(XaloraDetails.UPLOAD_LATENCY)).hasValue(Duration.ofMillis(500));
  }

  @Test
  void aMsgEchoingTheKeyIsMasked() {
    TaskUpdate u = read("{\"task_id\":\"1\",\"status\":\"failed\",\"msg\":\"api_key s3cr3t is over quota\"}");
    assertThat(u.message()).hasValue("api_key *** is over quota");
    assertThat(u.result().orElseThrow().error()).hasValue("api_key *** is over quota");
    assertThat(u.result().orElseThrow().raw()).get().asString().doesNotContain("s3cr3t");
  }

  @Test
  void mapsEveryStatusAndTreatsAnUnknownOneAsRunning() {
    assertThat(List.of("waiting", "running", "finished", "failed", "canceled", "cancelled", "uploading"))
        .extracting(XaloraCodec::status)
        .containsExactly(TaskStatus.WAITING, TaskStatus.RUNNING, TaskStatus.FINISHED, TaskStatus.FAILED,
            TaskStatus.CANCELED, TaskStatus.CANCELED, TaskStatus.RUNNING);
  }

  @Test
  void anAnswerWithoutStatusIsAProtocolErrorWithARedactedExcerpt() {
    assertThatThrownBy(() -> read("{\"task_id\":\"1\",\"api_key\":\"s3cr3t\"}"))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("without a status")
        .hasMessageNotContaining("s3cr3t");
    assertThatThrownBy(() -> codec.taskId(ProviderHttpClient.json().readTree("{\"msg\":\"ok\"}"), REDACTOR))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("without a task_id");
  }

  @Test
  void makesJobIdsOfThePrefixAndTenHexCharacters() {
    assertThat(codec.jobId("sdk-workflow")).matches("sdk-workflow-[0-9a-f]{10}");
    assertThat(codec.jobId("a")).isNotEqualTo(codec.jobId("a"));
  }

  @Test
  void parsesCombinedCredentialsNeverEchoingThem() {
    assertThat(XaloraCredentials.parse("cid#key-with-dash", "x")).isEqualTo(new XaloraCredentials("cid", "key-with-dash"));
    assertThat(XaloraCredentials.parse("cid-legacykey", "x")).isEqualTo(new XaloraCredentials("cid", "legacykey"));
    assertThatThrownBy(() -> XaloraCredentials.parse("justonesecretword", "environment variable XALORA_API_KEY"))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("environment variable XALORA_API_KEY")
        .hasMessageNotContaining("justonesecretword");
    assertThatThrownBy(() -> XaloraCredentials.parse("cid#", "x")).isInstanceOf(AuthenticationException.class);
    assertThat(new XaloraCredentials("cid", "s3cr3t").toString()).doesNotContain("s3cr3t");
  }

  @Test
  void mapsTextToImageToFluxLora() {
    FluxLoraTask t = XaloraRequests.fluxLora(TextToImage.builder().prompt("p").lora("gecko").width(512).height(768)
        .steps(20).seed(5).guidance(4.5).timeout(Duration.ofMillis(90_500)).build());
    assertThat(t.loraName()).isEqualTo("gecko");
    assertThat(t.noiseSeed()).hasValue(5);
    assertThat(t.guidance()).hasValue(4.5);
    assertThat(t.timeoutSeconds()).hasValue(91);
    assertThat(t.workflowId()).isEqualTo("3");
    assertThat(t.parameters()).containsOnlyKeys("prompt", "lora_name", "width", "height", "steps", "noise_seed", "guidance");
    assertThatThrownBy(() -> XaloraRequests.MAPPING.map(TextToImage.builder().prompt("p").lora("l").samples(2).build()))
        .isInstanceOf(UnsupportedRequestException.class).hasMessageContaining("samples must be 1, was 2");
    assertThatThrownBy(() -> XaloraRequests.MAPPING.map(new dev.lora4j.TaskRequest() {}))
        .isInstanceOf(UnsupportedRequestException.class)
        .hasMessageStartingWith("the xalora provider runs TextToImage, FluxLoraTask, UpscalerTask and Text2VideoTask, not ");
  }

  @Test
  void runsTheTypedTasksAsTheyAre() {
    FluxLoraTask flux = FluxLoraTask.of("p", "gecko");
    assertThat(XaloraRequests.MAPPING.map(flux)).isSameAs(flux);
    assertThat(XaloraRequests.fluxLora(TextToImage.builder().prompt("p").lora("l").timeout(Duration.ofDays(3)).build())
        .timeoutSeconds()).as("capped at the sequencer's maximum").hasValue(WorkflowTask.MAX_TIMEOUT_SECONDS);
  }
}
