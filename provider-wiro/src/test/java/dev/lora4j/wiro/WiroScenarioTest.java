package dev.lora4j.wiro;

import static dev.lora4j.wiro.WiroTests.WAIT;
import static dev.lora4j.wiro.WiroTests.assertNoRepeatedUpdate;
import static dev.lora4j.wiro.WiroTests.download;
import static dev.lora4j.wiro.WiroTests.json;
import static dev.lora4j.wiro.WiroTests.quick;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.AuthenticationException;
import dev.lora4j.InvalidRequestException;
import dev.lora4j.RateLimitedException;
import dev.lora4j.TaskCanceledException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskFailedException;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskNotFoundException;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.TextToImage;
import dev.lora4j.WatchOptions;
import dev.lora4j.testkit.RecordedRequest;
import dev.lora4j.testkit.WiroSimulator;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** The Wiro provider polling {@code Task/Detail} over real loopback HTTP against {@link WiroSimulator}. */
class WiroScenarioTest {

  private WiroSimulator sim;
  private TaskClient client;

  private void start(WiroSimulator.Builder builder) {
    start(builder, Map.of());
  }

  private void start(WiroSimulator.Builder builder, Map<String, String> env) {
    sim = builder.build().start();
    client = TaskClients.create(WiroTests.options(sim, "polling", env).build());
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (sim != null) {
      sim.close();
    }
  }

  private RecordedRequest onlyRun() {
    List<RecordedRequest> runs = sim.requests(WiroSimulator.RUN);
    assertThat(runs).hasSize(1);
    return runs.get(0);
  }

  @Test
  void signsEveryRequestWithItsOwnNonce() {
    start(quick().rejectReusedNonces(true));

    TaskResult result = client.run(TextToImage.builder().prompt("a fox").lora("678").width(64).height(64).build()).block(WAIT);

    assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    List<RecordedRequest> calls = sim.requests().stream().filter(r -> !r.endpoint().equals(WiroSimulator.FILES)).toList();
    assertThat(calls).hasSizeGreaterThanOrEqualTo(2).allSatisfy(r -> {
      assertThat(r.header("x-api-key")).isEqualTo(WiroSimulator.DEFAULT_API_KEY);
      assertThat(r.header("x-nonce")).matches("[0-9]{13,}");
      assertThat(r.header("x-signature")).matches("[0-9a-f]{64}");
    });
    assertThat(calls.stream().map(r -> r.header("x-nonce")).distinct()).hasSameSizeAs(calls);
  }

  @Test
  void aWrongSecretFailsTheFirstCallWithoutShowingIt() {
    start(quick(), Map.of("WIRO_API_SECRET", "not-the-secret-s3cr3t"));

    StepVerifier.create(client.submit(FluxLoraFast.of("a fox", WiroLora.MOVIE_POSTER)))
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(AuthenticationException.class)
              .hasMessageContaining("401")
              .hasMessageContaining("Project authorization is not valid.")
              .hasMessageContaining("environment variable WIRO_API_KEY")
              .hasMessageContaining("environment variable WIRO_API_SECRET");
          assertThat(e.getMessage()).doesNotContain("not-the-secret-s3cr3t", WiroSimulator.DEFAULT_API_KEY);
        })
        .verify(WAIT);
    assertThat(sim.requests(WiroSimulator.RUN)).hasSize(1);
    assertThat(sim.taskIds()).isEmpty();
  }

  @Test
  void aSignatureProjectWithoutASecretSaysWhatIsMissing() {
    start(quick(), Map.of("WIRO_API_SECRET", ""));

    StepVerifier.create(client.submit(FluxLoraFast.of("a fox", WiroLora.MOVIE_POSTER)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(AuthenticationException.class)
            .hasMessageContaining("x-signature and x-nonce headers are required")
            .hasMessageContaining("no API secret is configured"))
        .verify(WAIT);
  }

  @Test
  void aKeyOnlyProjectGetsTheKeyAlone() {
    start(quick().keyOnlyProject("key-only-project"),
        Map.of("WIRO_API_KEY", "key-only-project", "WIRO_API_SECRET", ""));

    TaskResult result = client.run(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build()).block(WAIT);

    assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    assertThat(sim.requests(WiroSimulator.TASK_DETAIL)).isNotEmpty();
    assertThat(sim.requests()).filteredOn(r -> !r.endpoint().equals(WiroSimulator.FILES)).allSatisfy(r -> {
      assertThat(r.header("x-api-key")).isEqualTo("key-only-project");
      assertThat(r.header("x-nonce")).isNull();
      assertThat(r.header("x-signature")).isNull();
    });
  }

  @Test
  void runsTextToImageToAFinishedPngOfTheRequestedSize() throws Exception {
    // each phase outlasts several polls, so that every status is seen even on a slow machine
    start(quick().queueTime(Duration.ofMillis(500)).runTime(Duration.ofMillis(500)));
    TextToImage request = TextToImage.builder().prompt("a fox").lora("678").width(320).height(192).seed(42).guidance(3.5).build();

    List<TaskUpdate> updates = client.runAndWatch(request).collectList().block(WAIT);

    assertThat(updates).extracting(TaskUpdate::status)
        .containsSubsequence(TaskStatus.WAITING, TaskStatus.RUNNING, TaskStatus.FINISHED);
    assertNoRepeatedUpdate(updates);
    TaskUpdate last = updates.get(updates.size() - 1);
    assertThat(last.providerStatus()).isEqualTo("task_postprocess_end");
    TaskResult result = last.result().orElseThrow();
    assertThat(result.outputs()).hasSize(1);
    assertThat(result.outputs().get(0).contentType()).hasValue("image/png");
    BufferedImage image = download(result.outputs().get(0));
    assertThat(image.getWidth()).isEqualTo(320);
    assertThat(image.getHeight()).isEqualTo(192);
    assertThat(result.detail(WiroDetails.ELAPSED)).isPresent();
    assertThat(result.detail(WiroDetails.COST)).isPresent();
    assertThat(result.detail(WiroDetails.UUID)).isPresent();
    assertThat(result.detail(WiroDetails.PEXIT)).hasValue("0");
    assertThat(result.detail(WiroDetails.MODEL_SLUG_OWNER)).hasValue("wiro");
    assertThat(result.detail(WiroDetails.MODEL_SLUG_PROJECT)).hasValue("text-to-image-flux-lora-fast");
    assertThat(result.detail(WiroDetails.MODEL_DESCRIPTION))
        .hasValueSatisfying(d -> assertThat(d).startsWith("Flux is a tool that generates images"));
    assertThat(result.raw().orElseThrow()).doesNotContain(last.handle().token());
    assertThat(json(onlyRun().body())).isEqualTo(json("""
        {"selectedLoraModel":"678","prompt":"a fox","scale":"3.5","seed":"42","width":320,"height":192}"""));
  }

  @Test
  void downloadsAnOutputWhoseSizeMatchesTheReportedOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    start(quick());
    TaskResult result = client.run(TextToImage.builder().prompt("a fox").lora("678").width(128).height(128).build())
        .block(WAIT);
    dev.lora4j.TaskOutput output = result.outputs().get(0);
    assertThat(output.size()).as("Wiro reports the size").isPresent();

    java.nio.file.Path file = client.download(output, dir.resolve("fox.png")).block(WAIT);

    assertThat(java.nio.file.Files.size(file)).isEqualTo(output.size().getAsLong());
    assertThat(javax.imageio.ImageIO.read(file.toFile()).getWidth()).isEqualTo(128);
  }

  @Test
  void sendsTheExactFluxLoraFastBodyWithTriggerWordsAndMakesEverySample() throws Exception {
    start(quick());
    FluxLoraFast request = FluxLoraFast.builder()
        .lora(WiroLora.MOVIE_POSTER)
        .promptWithTriggerWords("a lighthouse keeper and his cat")
        .steps(12).scale(4.5).samples(2).seed(3572004920L).width(128).height(96)
        .callbackUrl(URI.create("https://example.test/wiro-done"))
        .build();

    TaskResult result = client.run(request).block(WAIT);

    assertThat(onlyRun().path()).isEqualTo("/v1/Run/wiro/text-to-image-flux-lora-fast");
    assertThat(onlyRun().header("content-type")).startsWith("application/json");
    assertThat(json(onlyRun().body())).isEqualTo(json("""
        {"selectedLoraModel":"678",
         "prompt":"FRESH IDEAS Movie poster style, a lighthouse keeper and his cat",
         "steps":12,"scale":"4.5","samples":2,"seed":"3572004920","width":128,"height":96,
         "callbackUrl":"https://example.test/wiro-done"}"""));
    assertThat(result.outputs()).hasSize(2).extracting(o -> o.name()).containsExactly("0.png", "1.png");
    for (var output : result.outputs()) {
      BufferedImage image = download(output);
      assertThat(image.getWidth()).isEqualTo(128);
      assertThat(image.getHeight()).isEqualTo(96);
    }
  }

  @Test
  void sendsAPrivateLoraUrlWithNoCatalogModel() {
    start(quick());
    String url = "https://models.example.test/loras/ink-style.safetensors";

    TaskHandle handle = client.submit(TextToImage.builder().prompt("an inked city").lora(url).samples(1).build()).block(WAIT);

    assertThat(handle.token()).isNotBlank();
    assertThat(json(onlyRun().body())).isEqualTo(json("""
        {"selectedLoraModel":[],"selectedLoraModelPrivateUrl":"%s","prompt":"an inked city","samples":1}""".formatted(url)));
  }

  @Test
  void namesTheLoraByItsCatalogLabelInAnyCase() {
    start(quick());

    client.submit(TextToImage.of("a mascot", "wizardwhitebeard/vintage-mascot-logotypes")).block(WAIT);

    assertThat(onlyRun().param("selectedLoraModel")).isEqualTo("1214");
  }

  @Test
  void anUnknownLoraIsRefusedBeforeAnythingIsSent() {
    start(quick());

    StepVerifier.create(client.submit(TextToImage.of("a fox", "gecko")))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(InvalidRequestException.class)
            .hasMessageContaining("'gecko'")
            .hasMessageContaining("678 (FreshIdeas/Movie-poster-style-LoRA-Flux v1.0)")
            .hasMessageContaining("1328 (ChronoKnight/WPAP-ART-Style)"))
        .verify(WAIT);
    assertThat(sim.requests(WiroSimulator.RUN)).isEmpty();
  }

  @Test
  void aNeutralValueOutsideTheToolsRangeIsRefusedByWiroAsAnInvalidRequest() {
    start(quick());

    StepVerifier.create(client.submit(TextToImage.builder().prompt("a fox").lora("678").steps(80).build()))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(InvalidRequestException.class, invalid -> {
          assertThat(invalid.statusCode()).as("a business error in a 200 answer").hasValue(200);
          assertThat(invalid.providerMessage()).hasValue("Request parameter [steps] must be between 1 and 50");
        }))
        .verify(WAIT);
    assertThat(sim.taskIds()).as("no task was created").isEmpty();
  }

  @Test
  void runsAnyToolAsAGenericRun() throws Exception {
    start(quick().tool("acme/echo"));

    TaskResult result = client.run(WiroRun.of("acme/echo", Map.of("prompt", "hello", "loud", true, "times", 3))).block(WAIT);

    assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
    assertThat(onlyRun().path()).isEqualTo("/v1/Run/acme/echo");
    assertThat(json(onlyRun().body()).get("times").asInt()).isEqualTo(3);
    assertThat(json(onlyRun().body()).get("loud").asBoolean()).isTrue();
    BufferedImage image = download(result.outputs().get(0));
    assertThat(image.getWidth()).isEqualTo(256);
    assertThat(image.getHeight()).isEqualTo(256);
  }

  @Test
  void aFailedTaskEndsFailedWithItsDebugErrorAndAwaitSignalsIt() {
    start(quick().failureRate(1.0));

    List<TaskUpdate> updates = client.runAndWatch(FluxLoraFast.of("a fox", WiroLora.MOVIE_POSTER)).collectList().block(WAIT);
    TaskUpdate last = updates.get(updates.size() - 1);
    assertThat(last.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(last.providerStatus()).isEqualTo("task_postprocess_end");
    assertThat(last.result().orElseThrow().detail(WiroDetails.PEXIT)).hasValue("1");
    assertThat(last.result().orElseThrow().error()).hasValueSatisfying(e -> assertThat(e).contains("CUDA out of memory"));
    assertThat(last.result().orElseThrow().outputs()).isEmpty();

    StepVerifier.create(client.await(last.handle()))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TaskFailedException.class)
            .hasMessageContaining("CUDA out of memory"))
        .verify(WAIT);
  }

  @Test
  void aTaskThatFailsBeforeItRunsSignalsTaskFailedWithItsDebugError() {
    start(quick().preExecutionFailureRate(1.0));

    StepVerifier.create(client.run(FluxLoraFast.of("a fox", WiroLora.MOVIE_POSTER),
            WatchOptions.defaults().timeout(Duration.ofHours(1))))
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(TaskFailedException.class);
          TaskResult result = ((TaskFailedException) e).result();
          assertThat(result.status()).isEqualTo(TaskStatus.FAILED);
          assertThat(result.error()).hasValue(WiroSimulator.PRE_EXECUTION_ERROR);
          assertThat(result.outputs()).isEmpty();
          assertThat(result.detail(WiroDetails.COST)).hasValueSatisfying(c -> assertThat(c).isEqualByComparingTo("0"));
          assertThat(result.detail(WiroDetails.STARTED_AT)).as("it never started").isEmpty();
        })
        .verify(WAIT);
    String id = sim.taskIds().get(0);
    assertThat(sim.status(id)).hasValue("task_error");
    assertThat(sim.requests(WiroSimulator.SOCKET)).isEmpty();
  }

  @Test
  void cancelsAQueuedTaskWithTaskCancel() {
    start(WiroSimulator.builder().queueTime(Duration.ofSeconds(30)));
    TaskHandle handle = client.submit(FluxLoraFast.of("a fox", WiroLora.MOVIE_POSTER)).block(WAIT);

    StepVerifier.create(client.watch(handle))
        .expectNextMatches(u -> u.status() == TaskStatus.WAITING && u.providerStatus().equals("task_queue"))
        .then(() -> client.cancel(handle).block(WAIT))
        .expectNextMatches(u -> u.status() == TaskStatus.CANCELED && u.providerStatus().equals("task_cancel"))
        .verifyComplete();
    assertThat(sim.calls(WiroSimulator.TASK_CANCEL, handle.id())).isEqualTo(1);
    assertThat(sim.calls(WiroSimulator.TASK_KILL, handle.id())).isZero();
    StepVerifier.create(client.await(handle)).expectError(TaskCanceledException.class).verify(WAIT);
  }

  @Test
  void killsARunningTaskWithTaskKill() {
    start(WiroSimulator.builder().queueTime(Duration.ZERO).runTime(Duration.ofSeconds(30)));
    TaskHandle handle = client.submit(FluxLoraFast.of("a fox", WiroLora.MOVIE_POSTER)).block(WAIT);

    StepVerifier.create(client.watch(handle))
        .thenConsumeWhile(u -> u.status() != TaskStatus.RUNNING)
        .then(() -> client.cancel(handle).block(WAIT))
        .thenConsumeWhile(u -> !u.status().isTerminal())
        .expectNextMatches(u -> u.status() == TaskStatus.CANCELED)
        .verifyComplete();
    assertThat(sim.status(handle.id())).hasValue("task_cancel");
    assertThat(sim.calls(WiroSimulator.TASK_KILL, handle.id())).isEqualTo(1);
    assertThat(sim.calls(WiroSimulator.TASK_CANCEL, handle.id())).isZero();
  }

  @Test
  void fallsBackToKillWhenCancelSaysTheTaskIsNotCancellable() {
    start(WiroSimulator.builder().queueTime(Duration.ZERO).runTime(Duration.ofSeconds(30)));
    TaskHandle handle = client.submit(FluxLoraFast.of("a fox", WiroLora.MOVIE_POSTER)).block(WAIT);
    WiroTests.awaitCondition("the task runs", () -> !sim.status(handle.id()).orElse("task_queue").equals("task_queue"));

    client.cancel(handle).block(WAIT);

    assertThat(sim.calls(WiroSimulator.TASK_CANCEL, handle.id())).isEqualTo(1);
    assertThat(sim.calls(WiroSimulator.TASK_KILL, handle.id())).isEqualTo(1);
    assertThat(sim.status(handle.id())).hasValue("task_cancel");
  }

  @Test
  void aCancelAfterStatusReportedARunningTaskKillsItAtOnce() {
    start(WiroSimulator.builder().queueTime(Duration.ZERO).runTime(Duration.ofSeconds(30)));
    TaskHandle handle = client.submit(FluxLoraFast.of("a fox", WiroLora.MOVIE_POSTER)).block(WAIT);
    WiroTests.awaitCondition("the task runs", () -> !sim.status(handle.id()).orElse("task_queue").equals("task_queue"));
    assertThat(client.status(handle).block(WAIT).status()).isEqualTo(TaskStatus.RUNNING);

    client.cancel(handle).block(WAIT);

    assertThat(sim.calls(WiroSimulator.TASK_KILL, handle.id())).isEqualTo(1);
    assertThat(sim.calls(WiroSimulator.TASK_CANCEL, handle.id())).as("no refused Task/Cancel first").isZero();
    assertThat(sim.status(handle.id())).hasValue("task_cancel");
  }

  @Test
  void cancelingAnEndedTaskIsTaskNotFound() {
    start(quick());
    TaskResult done = client.run(FluxLoraFast.builder().prompt("a fox").width(64).height(64).build()).block(WAIT);

    StepVerifier.create(client.cancel(done.handle()))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TaskNotFoundException.class)
            .hasMessageContaining("Task/Cancel").hasMessageContaining("Task/Kill"))
        .verify(WAIT);
  }

  @Test
  void anUnknownTaskIsTaskNotFound() {
    start(quick());

    StepVerifier.create(client.status(TaskHandle.of("wiro", "999999")))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TaskNotFoundException.class)
            .hasMessageContaining("There is no task yet."))
        .verify(WAIT);
  }

  @Test
  void theConcurrencyLimitCodeIsARateLimitAndTheRunIsNotResent() {
    start(quick().rejectRuns(96, 1.0));

    StepVerifier.create(client.run(FluxLoraFast.of("a fox", WiroLora.MOVIE_POSTER)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RateLimitedException.class)
            .hasMessageContaining("code 96")
            .satisfies(r -> assertThat(((RateLimitedException) r).isTransient()).isTrue())
            .satisfies(r -> assertThat(((RateLimitedException) r).statusCode()).as("reported in a 200 answer").hasValue(200)))
        .verify(WAIT);
    assertThat(sim.requests(WiroSimulator.RUN)).hasSize(1);
  }

  @Test
  void anInsufficientBalanceIsAnInvalidRequestThatSaysSo() {
    start(quick().rejectRuns(97, 1.0));

    StepVerifier.create(client.run(FluxLoraFast.of("a fox", WiroLora.MOVIE_POSTER)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(InvalidRequestException.class)
            .hasMessageContaining("Insufficient balance")
            .hasMessageContaining("insufficient balance on the Wiro account"))
        .verify(WAIT);
  }

  @Test
  void aWrongBaseUrlPathIsAnInvalidRequestNamingIt() {
    sim = quick().build().start();
    client = TaskClients.create(WiroTests.options(sim, "polling", Map.of("WIRO_BASE_URL", sim.baseUrl() + "/v9")).build());

    StepVerifier.create(client.submit(FluxLoraFast.of("a fox", WiroLora.MOVIE_POSTER)))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(InvalidRequestException.class)
            .hasMessageContaining("404").hasMessageContaining("check the base URL"))
        .verify(WAIT);
  }

  @Test
  void readsTheFluxLoraFastSchemaWithToolDetail() {
    sim = quick().build().start();
    try (WiroClient wiro = WiroClient.create(WiroTests.options(sim, "polling", Map.of()).build())) {
      WiroTool tool = wiro.tool(FluxLoraFast.TOOL).block(WAIT);

      assertThat(tool.slug()).isEqualTo(FluxLoraFast.TOOL);
      assertThat(tool.inputs()).extracting(WiroTool.Input::id).containsExactly(
          "selectedLoraModel", "selectedLoraModelPrivate", "selectedLoraModelPrivateUrl", "prompt", "steps",
          "scale", "samples", "seed", "width", "height");
      assertThat(tool.input("selectedLoraModel").orElseThrow().defaultValue()).isEqualTo(FluxLoraFast.DEFAULT_LORA_MODEL);
      assertThat(tool.input("selectedLoraModel").orElseThrow().options())
          .containsExactly("678", "1239", "1236", "1328", "1214");
      assertThat(tool.input("prompt").orElseThrow().required()).isTrue();
      assertThat(tool.input("steps").orElseThrow().maxValue()).isEqualTo("50");
      assertThat(tool.input("steps").orElseThrow().minValue()).isEqualTo("1");
      assertThat(tool.input("scale").orElseThrow()).isEqualTo(
          new WiroTool.Input("scale", "float", false, "3.5", "0", "20", "0.1", List.of()));
      assertThat(tool.input("width").orElseThrow().maxValue()).isEqualTo("2048");
      assertThat(tool.input("selectedLoraModel").orElseThrow().minValue()).isNull();
      assertThat(tool.input("seed").orElseThrow().defaultValue()).isEqualTo(Long.toString(FluxLoraFast.DEFAULT_SEED));
      assertThat(json(sim.requests(WiroSimulator.TOOL_DETAIL).get(0).body()))
          .isEqualTo(json("{\"slugowner\":\"wiro\",\"slugproject\":\"text-to-image-flux-lora-fast\"}"));

      StepVerifier.create(wiro.tool("acme/nothing-here"))
          .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(InvalidRequestException.class)
              .hasMessageContaining("slug-owner-project-not-exist"))
          .verify(WAIT);
    }
  }
}
