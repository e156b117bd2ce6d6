package dev.lora4j.wiro.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.AuthenticationException;
import dev.lora4j.InvalidRequestException;
import dev.lora4j.ProtocolException;
import dev.lora4j.RateLimitedException;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskNotFoundException;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.spi.http.ProviderHttpClient;
import dev.lora4j.spi.http.Redactor;
import dev.lora4j.wiro.WiroDetails;
import dev.lora4j.wiro.WiroTool;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WiroCodecTest {

  private static final String KEY = "the-api-key-123";
  private final WiroCodec codec = new WiroCodec(
      ProviderHttpClient.json(), Redactor.of(List.of(KEY)), "the API key from environment variable WIRO_API_KEY");
  private final TaskHandle handle = new TaskHandle("wiro", "2221", "tok-abc");

  private static JsonNode json(String text) {
    return ProviderHttpClient.json().readTree(text);
  }

  private static String task(String status, String pexit, String debugError, String startTime) {
    return """
        {"id":"2221","uuid":"15bce51f","socketaccesstoken":"tok-abc","status":"%s","pexit":"%s",
         "debugerror":"%s","starttime":"%s","endtime":"1734513813","elapsedseconds":"6.0000",
         "totalcost":"0.003510000000","cps":"0.000585","modelid":"598",
         "outputs":[{"id":"6b","name":"0.png","contenttype":"image/png","size":"202472",
                     "accesskey":"dFKlMApaSgMeHKsJ","url":"https://cdn1.wiro.ai/abc/0.png"}]}"""
        .formatted(status, pexit, debugError, startTime);
  }

  @Test
  void mapsStatusesAsTheSpecsTable() {
    assertThat(WiroCodec.status("task_queue", "")).isEqualTo(TaskStatus.WAITING);
    for (String running : List.of("task_accept", "task_preprocess_start", "task_preprocess_end", "task_assign",
        "task_start", "task_output", "task_output_full", "task_error_full", "task_end",
        "task_postprocess_start")) {
      assertThat(WiroCodec.status(running, "")).as(running).isEqualTo(TaskStatus.RUNNING);
    }
    assertThat(WiroCodec.status("task_error", "")).isEqualTo(TaskStatus.FAILED);
    assertThat(WiroCodec.status("task_postprocess_end", "0")).isEqualTo(TaskStatus.FINISHED);
    assertThat(WiroCodec.status("task_postprocess_end", "1")).isEqualTo(TaskStatus.FAILED);
    assertThat(WiroCodec.status("task_postprocess_end", "")).isEqualTo(TaskStatus.FAILED);
    assertThat(WiroCodec.status("task_cancel", "0")).isEqualTo(TaskStatus.CANCELED);
    assertThat(WiroCodec.status("task_teleport", "")).isEqualTo(TaskStatus.RUNNING);
  }

  @Test
  void aFinishedTaskCarriesOutputsTimingCostAndARedactedRawPayload() {
    TaskUpdate update = codec.update(handle, json(task("task_postprocess_end", "0", "", "1734513809")));

    assertThat(update.status()).isEqualTo(TaskStatus.FINISHED);
    assertThat(update.providerStatus()).isEqualTo("task_postprocess_end");
    TaskResult result = update.result().orElseThrow();
    assertThat(result.outputs()).containsExactly(
        TaskOutput.of(URI.create("https://cdn1.wiro.ai/abc/0.png"), "image/png", "0.png", 202472));
    assertThat(result.detail(WiroDetails.ELAPSED)).hasValue(Duration.ofSeconds(6));
    assertThat(result.detail(WiroDetails.COST)).hasValue(new BigDecimal("0.003510000000"));
    assertThat(result.detail(WiroDetails.COST_PER_SECOND)).hasValue(new BigDecimal("0.000585"));
    assertThat(result.detail(WiroDetails.UUID)).hasValue("15bce51f");
    assertThat(result.detail(WiroDetails.PEXIT)).hasValue("0");
    assertThat(result.detail(WiroDetails.MODEL_ID)).hasValue("598");
    assertThat(result.detail(WiroDetails.STARTED_AT)).hasValue(Instant.ofEpochSecond(1734513809));
    assertThat(result.detail(WiroDetails.ENDED_AT)).hasValue(Instant.ofEpochSecond(1734513813));
    assertThat(result.error()).isEmpty();
    assertThat(result.raw().orElseThrow()).doesNotContain("tok-abc", "dFKlMApaSgMeHKsJ").contains("task_postprocess_end");
  }

  @Test
  void aResultNamesTheModelThatRanRedacted() {
    String task = task("task_postprocess_end", "0", "", "1734513809").replace("\"modelid\":\"598\",",
        "\"modelid\":\"598\",\"modelslugowner\":\"wiro\",\"modelslugproject\":\"flux-2-dev\","
            + "\"modeldescription\":\"FLUX.2 [dev], key " + KEY + "\",");

    TaskResult result = codec.update(handle, json(task)).result().orElseThrow();

    assertThat(result.detail(WiroDetails.MODEL_SLUG_OWNER)).hasValue("wiro");
    assertThat(result.detail(WiroDetails.MODEL_SLUG_PROJECT)).hasValue("flux-2-dev");
    assertThat(result.detail(WiroDetails.MODEL_DESCRIPTION)).as("redacted").hasValue("FLUX.2 [dev], key ***");
  }

  @Test
  void aNonZeroExitFailsWithTheDebugErrorAsReason() {
    TaskUpdate update = codec.update(handle, json(task("task_postprocess_end", "1", "CUDA out of memory", "1")));

    assertThat(update.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(update.result().orElseThrow().error()).hasValue("CUDA out of memory");
  }

  @Test
  void aCanceledTaskIsCanceledDespiteItsZeroExit() {
    TaskUpdate update = codec.update(handle, json(task("task_cancel", "0", "", "0")));

    assertThat(update.status()).isEqualTo(TaskStatus.CANCELED);
    assertThat(update.result().orElseThrow().status()).isEqualTo(TaskStatus.CANCELED);
  }

  @Test
  void taskErrorInTaskDetailIsATerminalFailureWithTheDebugErrorAsReason() {
    TaskUpdate beforeStart = codec.update(handle, json(task("task_error", "", "model not found " + KEY, "0")));
    TaskUpdate afterStart = codec.update(handle, json(task("task_error", "", "output folder missing", "1734513809")));

    assertThat(beforeStart.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(beforeStart.providerStatus()).isEqualTo("task_error");
    assertThat(beforeStart.result().orElseThrow().error()).hasValue("model not found ***");
    assertThat(afterStart.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(afterStart.result().orElseThrow().error()).hasValue("output folder missing");
  }

  @Test
  void taskErrorWithoutADebugErrorFailsSayingSo() {
    TaskUpdate update = codec.update(handle, json(task("task_error", "", " ", "0")));

    assertThat(update.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(update.result().orElseThrow().error())
        .hasValue("wiro reported task_error (a failure before the model ran) without a debugerror");
  }

  @Test
  void anUnknownStatusIsRunningWithTheRawStatusKept() {
    TaskUpdate update = codec.update(handle, json(task("task_warp_drive", "", "", "0")));

    assertThat(update.status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(update.providerStatus()).isEqualTo("task_warp_drive");
  }

  @Test
  void mapsBusinessErrorCodesGivenAsNumbersOrText() {
    assertThatThrownBy(() -> codec.handle("Run/wiro/x", json("{\"result\":false,\"errors\":[{\"code\":0,\"message\":\"Request parameter [prompt] required\"}]}")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("[prompt] required");
    assertThatThrownBy(() -> codec.handle("Run/wiro/x", json("{\"result\":false,\"errors\":[{\"code\":1,\"message\":\"slug-owner-project-not-exist\"}]}")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("no such tool");
    assertThatThrownBy(() -> codec.task("9", json("{\"result\":false,\"errors\":[{\"code\":\"1\",\"message\":\"There is no task yet.\"}]}")))
        .isInstanceOf(TaskNotFoundException.class);
    assertThatThrownBy(() -> codec.handle("Run/wiro/x", json("{\"result\":false,\"errors\":[{\"code\":\"96\",\"message\":\"limit\"}]}")))
        .isInstanceOfSatisfying(RateLimitedException.class, e -> {
          assertThat(e.isTransient()).isTrue();
          assertThat(e.statusCode()).as("the status of the answer that said so").hasValue(200);
          assertThat(e.providerMessage()).hasValue("limit");
        });
    assertThatThrownBy(() -> codec.handle("Run/wiro/x", json("{\"result\":false,\"errors\":[{\"code\":97,\"message\":\"Insufficient balance\"}]}")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("insufficient balance");
    for (String code : List.of("98", "99")) {
      assertThatThrownBy(() -> codec.handle("Run/wiro/x", json("{\"result\":false,\"errors\":[{\"code\":" + code + ",\"message\":\"sign in " + KEY + "\"}]}")))
          .isInstanceOf(AuthenticationException.class)
          .hasMessageContaining("environment variable WIRO_API_KEY")
          .hasMessageNotContaining(KEY);
    }
  }

  @Test
  void anErrorWithoutAMessageInErrorsFallsBackToTheTopLevelMessageRedacted() {
    assertThatThrownBy(() -> codec.handle("Run/wiro/x",
        json("{\"result\":false,\"errors\":[],\"message\":\"Insufficient balance for " + KEY + "\"}")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("wiro Run/wiro/x refused: Insufficient balance for ***")
        .satisfies(e -> assertThat(((InvalidRequestException) e).providerMessage())
            .hasValue("Insufficient balance for ***"));
    assertThatThrownBy(() -> codec.handle("Run/wiro/x",
        json("{\"result\":false,\"errors\":[{\"code\":97}],\"message\":\"Insufficient balance\"}")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("wiro Run/wiro/x refused with code 97: Insufficient balance (insufficient balance on the Wiro account)");
    assertThatThrownBy(() -> codec.handle("Run/wiro/x",
        json("{\"result\":false,\"errors\":[{\"code\":0,\"message\":\"first\"}],\"message\":\"second\"}")))
        .hasMessage("wiro Run/wiro/x refused with code 0: first");
  }

  @Test
  void anEmptyOrMissingTaskListIsNoSuchTask() {
    assertThatThrownBy(() -> codec.task("9", json("{\"result\":true,\"errors\":[],\"tasklist\":[]}")))
        .isInstanceOf(TaskNotFoundException.class).hasMessageContaining("9");
    assertThatThrownBy(() -> codec.task("9", json("{\"result\":true,\"errors\":[]}")))
        .isInstanceOf(TaskNotFoundException.class);
  }

  @Test
  void aCancelOrKillIsRefusedOnlyByCodeOne() {
    assertThat(codec.refusal("Task/Cancel", json("{\"result\":true,\"errors\":[],\"tasklist\":[{}]}"))).isNull();
    assertThat(codec.refusal("Task/Cancel",
        json("{\"result\":false,\"errors\":[{\"code\":1,\"message\":\"Task is not in a cancellable state.\"}]}")))
        .isEqualTo("Task is not in a cancellable state.");
    assertThat(codec.refusal("Task/Kill", json("{\"result\":false,\"errors\":[{\"code\":\"1\"}]}"))).isEqualTo("code 1");
    assertThatThrownBy(() -> codec.refusal("Task/Kill", json("{\"result\":false,\"errors\":[{\"code\":98,\"message\":\"x\"}]}")))
        .isInstanceOf(AuthenticationException.class);
  }

  @Test
  void aRunAnswerBecomesAHandleWithTheSocketToken() {
    assertThat(codec.handle("Run/wiro/x", json("{\"errors\":[],\"taskid\":2221,\"socketaccesstoken\":\"eDcC\",\"result\":true}")))
        .isEqualTo(new TaskHandle("wiro", "2221", "eDcC"));
    assertThat(codec.handle("Run/wiro/x", json("{\"result\":true,\"taskid\":\"7\"}")).token()).isNull();
    assertThatThrownBy(() -> codec.handle("Run/wiro/x", json("{\"result\":true}"))).isInstanceOf(ProtocolException.class);
  }

  @Test
  void readsProgressFromObjectsAndJsonStrings() {
    assertThat(codec.progress(json("{\"percentage\":\"50\",\"stepCurrent\":\"1\",\"stepTotal\":\"4\"}"))).isEqualTo(0.5);
    assertThat(codec.progress(json("{\"stepCurrent\":3,\"stepTotal\":4}"))).isEqualTo(0.75);
    assertThat(codec.progress(json("\"{\\\"percentage\\\":\\\"100\\\"}\""))).isEqualTo(1.0);
    assertThat(codec.progress(json("{\"percentage\":\"250%\"}"))).isEqualTo(1.0);
    assertThat(codec.progress(json("\"Loading model weights\""))).isNaN();
    assertThat(codec.progress(json("{\"stepCurrent\":3,\"stepTotal\":0}"))).isNaN();
    assertThat(codec.progress(null)).isNaN();
  }

  @Test
  void mapsSocketFrames() {
    WiroCodec.Frame progress = codec.frame(handle,
        "{\"type\":\"task_output\",\"id\":\"2221\",\"tasktoken\":\"tok-abc\",\"result\":true,\"message\":{\"percentage\":\"40\"}}");
    assertThat(progress.terminal()).isFalse();
    assertThat(progress.update().status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(progress.update().progress()).hasValue(0.4);

    WiroCodec.Frame line = codec.frame(handle, "{\"type\":\"task_error\",\"id\":\"2221\",\"message\":\"warn: slow\"}");
    assertThat(line.update().status()).isEqualTo(TaskStatus.RUNNING);
    assertThat(line.update().message()).hasValue("warn: slow");

    assertThat(codec.frame(handle, "{\"type\":\"task_queue\",\"id\":\"2221\",\"message\":\"\"}").update().status())
        .isEqualTo(TaskStatus.WAITING);
    assertThat(codec.frame(handle, "{\"type\":\"task_postprocess_end\",\"id\":\"2221\",\"message\":[]}").terminal()).isTrue();
    assertThat(codec.frame(handle, "{\"type\":\"task_cancel\",\"id\":\"2221\"}").terminal()).isTrue();
    assertThat(codec.frame(handle, "{\"type\":\"task_start\",\"id\":\"9999\"}")).isNull();
    assertThatThrownBy(() -> codec.frame(handle, "{\"type\":\"task_info\",\"result\":false,\"message\":\"There is no task yet.\"}"))
        .isInstanceOf(ProtocolException.class);
    assertThatThrownBy(() -> codec.frame(handle, "{not json")).isInstanceOf(ProtocolException.class);
  }

  @Test
  void acceptsTheDocumentedFrameMessageShapesAndTheOlderOnes() {
    String head = "{\"id\":\"2221\",\"tasktoken\":\"tok-abc\",\"result\":true,\"type\":";
    for (String message : List.of("null", "\"\"")) {
      WiroCodec.Frame lifecycle = codec.frame(handle, head + "\"task_assign\",\"message\":" + message + "}");
      assertThat(lifecycle.update().status()).isEqualTo(TaskStatus.RUNNING);
      assertThat(lifecycle.update().providerStatus()).isEqualTo("task_assign");
      assertThat(lifecycle.update().message()).isEmpty();
      assertThat(lifecycle.update().progress()).isEmpty();
    }
    assertThat(codec.frame(handle, head + "\"task_queue\",\"message\":null}").update().status())
        .isEqualTo(TaskStatus.WAITING);
    assertThat(codec.frame(handle, head + "\"task_output\",\"message\":\"Processing complete.\"}").update().message())
        .hasValue("Processing complete.");
    assertThat(codec.frame(handle, head + "\"task_output\",\"message\":{\"type\":\"progressGenerate\","
        + "\"percentage\":\"60\",\"stepCurrent\":\"6\",\"stepTotal\":\"10\"}}").update().progress()).hasValue(0.6);
    assertThat(codec.frame(handle, head + "\"task_output\",\"message\":\"{\\\"stepCurrent\\\":\\\"3\\\","
        + "\\\"stepTotal\\\":\\\"4\\\"}\"}").update().progress()).hasValue(0.75);
    for (String full : List.of("{\"raw\":\"0%|\\n100%| 10/10\\nDone.\"}", "\"0%|\\n100%| 10/10\\nDone.\"")) {
      for (String type : List.of("task_output_full", "task_error_full")) {
        WiroCodec.Frame frame = codec.frame(handle, head + "\"" + type + "\",\"message\":" + full + "}");
        assertThat(frame.terminal()).isFalse();
        assertThat(frame.update().status()).as(type + " " + full).isEqualTo(TaskStatus.RUNNING);
        assertThat(frame.update().providerStatus()).isEqualTo(type);
      }
    }
    assertThat(codec.frame(handle, head + "\"task_postprocess_end\",\"message\":[{\"name\":\"0.png\","
        + "\"contenttype\":\"image/png\",\"url\":\"https://cdn1.wiro.ai/a/0.png\"}]}").terminal()).isTrue();
  }

  @Test
  void readsAToolsInputs() {
    WiroTool tool = codec.tool("wiro/t", json("""
        {"result":true,"errors":[],"tool":[{"title":"T","description":"D","parameters":[{"title":"","items":[
          {"id":"prompt","type":"textarea","required":true,"default":"x"},
          {"id":"steps","type":"number","required":false,"default":"20","min":"1","max":"50","step":"1"},
          {"id":"lora","type":"select","default":"655","options":[{"value":"678","label":"L"}]}]}]}]}"""));

    assertThat(tool.title()).isEqualTo("T");
    assertThat(tool.inputs()).extracting(WiroTool.Input::id).containsExactly("prompt", "steps", "lora");
    assertThat(tool.input("prompt").orElseThrow().required()).isTrue();
    assertThat(tool.input("steps").orElseThrow()).isEqualTo(
        new WiroTool.Input("steps", "number", false, "20", "1", "50", "1", List.of()));
    assertThat(tool.input("lora").orElseThrow().options()).containsExactly("678");
  }

  @Test
  void readsRangesGivenAsJsonNumbersAndFallsBackToTheGenerateSettingsNames() {
    WiroTool tool = codec.tool("wiro/t", json("""
        {"result":true,"errors":[],"tool":[{"title":"T","parameters":[{"title":"","items":[
          {"id":"scale","type":"range","default":"3.5","min":0,"max":20,"step":0.1},
          {"id":"strength","type":"float","minvalue":"0.00","maxvalue":"1"},
          {"id":"width","type":"number","min":"64","minvalue":"1","max":2048,"maxvalue":"9"},
          {"id":"seed","type":"text"}]}]}]}"""));

    assertThat(tool.input("scale").orElseThrow()).isEqualTo(
        new WiroTool.Input("scale", "range", false, "3.5", "0", "20", "0.1", List.of()));
    assertThat(tool.input("strength").orElseThrow()).isEqualTo(
        new WiroTool.Input("strength", "float", false, null, "0.00", "1", null, List.of()));
    assertThat(tool.input("width").orElseThrow()).isEqualTo(
        new WiroTool.Input("width", "number", false, null, "64", "2048", null, List.of()));
    assertThat(tool.input("seed").orElseThrow()).isEqualTo(
        new WiroTool.Input("seed", "text", false, null, null, null, null, List.of()));
  }
}
