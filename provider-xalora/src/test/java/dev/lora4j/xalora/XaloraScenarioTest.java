package dev.lora4j.xalora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.AuthenticationException;
import dev.lora4j.ClientOptions;
import dev.lora4j.TaskCanceledException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TaskFailedException;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskNotFoundException;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskTimeoutException;
import dev.lora4j.TaskUpdate;
import dev.lora4j.TextToImage;
import dev.lora4j.WatchOptions;
import dev.lora4j.testkit.EndpointFaults;
import dev.lora4j.testkit.FaultKind;
import dev.lora4j.testkit.FaultPlan;
import dev.lora4j.testkit.XaloraSimulator;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Xalora provider over real loopback HTTP against {@link XaloraSimulator}. */
class XaloraScenarioTest {

  private static final Duration POLL = Duration.ofMillis(40);
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String KEY = XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private XaloraSimulator sim;
  private TaskClient client;

  private void start(XaloraSimulator.Builder builder) {
    sim = builder.build().start();
    client = TaskClients.create(options(KEY).build());
  }

  private ClientOptions.Builder options(String key) {
    return ClientOptions.builder()
        .environment(Map.of())
        .systemProperties(new Properties())
        .provider("xalora")
        .apiKey(key)
        .baseUrl(sim.baseUrl())
        .pollInterval(POLL);
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

  private static XaloraSimulator.Builder quick() {
    return XaloraSimulator.builder().queueTime(Duration.ofMillis(60)).runTime(Duration.ofMillis(120)).seed(7);
  }

  private static JsonNode json(String text) {
    return JSON.readTree(text);
  }

  private static BufferedImage download(TaskOutput output) throws Exception {
    HttpResponse<byte[]> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(output.url()).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
    assertThat(image).as("a real image at " + output.url()).isNotNull();
    return image;
  }

  @Test
  void sendsTheExactFluxLoraCreateBody() {
    start(quick());
    FluxLoraTask task = FluxLoraTask.builder()
        .prompt("A photo of GECKO with dark green skin spots playing american football, cartoon, comic, anime")
        .loraName("gecko")
        .timeoutSeconds(300)
        .build();

    TaskHandle handle = client.submit(task).block(WAIT);

    JsonNode body = json(sim.requests(XaloraSimulator.TASK_CREATE).get(0).body());
    String jobId = body.get("job_id").asString();
    assertThat(jobId).matches("sdk-workflow-[0-9a-f]{10}");
    assertThat(body).isEqualTo(json("""
        {"consumer_id":"sim-consumer","api_key":"sim-key","task_type":"txt2img",
         "task_details":{"parameters":{"prompt":"A photo of GECKO with dark green skin spots playing american football, cartoon, comic, anime","lora_name":"gecko"}},
         "job_id":"%s","workflow_id":"3","timeout_seconds":300}""".formatted(jobId)));
    assertThat(handle.id()).isEqualTo(sim.taskIds().get(0));
  }

  @Test
  void sendsEverySetFluxLoraParameterExactlyAndLeavesTimeoutOutWhenUnset() {
    start(quick());
    FluxLoraTask task = FluxLoraTask.builder().prompt("p").loraName("gecko").width(512).height(768).steps(20)
        .noiseSeed(9007199254740993L).guidance(3.5).aspectRatio("custom").jobIdPrefix("my-app").build();

    client.submit(task).block(WAIT);

    JsonNode body = json(sim.requests(XaloraSimulator.TASK_CREATE).get(0).body());
    assertThat(body.get("task_details")).isEqualTo(json("""
        {"parameters":{"prompt":"p","lora_name":"gecko","width":512,"height":768,"steps":20,
         "noise_seed":9007199254740993,"guidance":3.5,"aspect_ratio":"custom"}}"""));
    assertThat(sim.requests(XaloraSimulator.TASK_CREATE).get(0).body()).contains("9007199254740993");
    assertThat(body.get("job_id").asString()).startsWith("my-app-");
    assertThat(body.has("timeout_seconds")).isFalse();
  }

  @Test
  void sendsTheExactUpscalerAndText2VideoBodies() {
    start(quick());
    client.submit(UpscalerTask.builder().workflowId("2").image("https://example.test/in.png").build()).block(WAIT);
    client.submit(Text2VideoTask.builder().workflowId("1").prompt("waves").width(320).height(240).length(8)
        .steps(10).seed(1).fps(8).quality(70).build()).block(WAIT);

    List<JsonNode> bodies = sim.requests(XaloraSimulator.TASK_CREATE).stream().map(r -> json(r.body())).toList();
    assertThat(bodies.get(0).get("task_type").asString()).isEqualTo("upscaler");
    assertThat(bodies.get(0).get("workflow_id").asString()).isEqualTo("2");
    assertThat(bodies.get(0).get("task_details")).isEqualTo(json("{\"parameters\":{\"image\":\"https://example.test/in.png\"}}"));
    assertThat(bodies.get(1).get("task_type").asString()).isEqualTo("txt2vid");
    assertThat(bodies.get(1).get("task_details")).isEqualTo(json("""
        {"parameters":{"prompt":"waves","width":320,"height":240,"length":8,"steps":10,"seed":1,"fps":8,"quality":70}}"""));
  }

  @Test
  void sendsTheExactQueryAndCancelBodies() {
    start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(30)));
    TaskHandle handle = client.submit(FluxLoraTask.of("p", "gecko")).block(WAIT);
    client.status(handle).block(WAIT);
    client.cancel(handle).block(WAIT);

    assertThat(json(sim.requests(XaloraSimulator.TASK_RESULT_QUERY).get(0).body()))
        .isEqualTo(json("{\"task_id\":\"" + handle.id() + "\",\"api_key\":\"sim-key\"}"));
    assertThat(json(sim.requests(XaloraSimulator.TASK_CANCEL).get(0).body()))
        .isEqualTo(json("{\"task_id\":\"" + handle.id() + "\",\"api_key\":\"sim-key\"}"));
    assertThat(sim.status(handle.id())).hasValue("canceled");
  }

  @Test
  void runsTextToImageToAFinishedPngOfTheRequestedSize() throws Exception {
    // each phase outlasts several polls, so that every status is seen even on a slow machine
    start(quick().queueTime(Duration.ofMillis(500)).runTime(Duration.ofMillis(500)));
    TextToImage request = TextToImage.builder().prompt("a gecko").lora("gecko").width(320).height(192).seed(42).build();

    List<TaskUpdate> updates = client.runAndWatch(request).collectList().block(WAIT);

    assertThat(updates).extracting(TaskUpdate::status)
        .containsSubsequence(TaskStatus.WAITING, TaskStatus.RUNNING, TaskStatus.FINISHED)
        .doesNotHaveDuplicates();
    TaskResult result = updates.get(updates.size() - 1).result().orElseThrow();
    assertThat(result.outputs()).hasSize(1);
    BufferedImage image = download(result.outputs().get(0));
    assertThat(image.getWidth()).isEqualTo(320);
    assertThat(image.getHeight()).isEqualTo(192);
    assertThat(result.detail(XaloraDetails.MINER_ID)).isPresent();
    assertThat(result.detail(XaloraDetails.INFERENCE_LATENCY)).isPresent();
    JsonNode create = json(sim.requests(XaloraSimulator.TASK_CREATE).get(0).body());
    assertThat(create.at("/task_details/parameters/noise_seed").asLong()).isEqualTo(42);
    assertThat(create.at("/task_details/parameters/lora_name").asString()).isEqualTo("gecko");
  }

  @Test
  void downloadsAnOutputIntoPlaceAndLeavesNothingBehindOnASizeMismatch(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    start(quick());
    TaskResult result = client.run(TextToImage.builder().prompt("a gecko").lora("gecko").width(128).height(96).build())
        .block(WAIT);
    TaskOutput output = result.outputs().get(0);
    java.util.concurrent.atomic.AtomicLong progress = new java.util.concurrent.atomic.AtomicLong();

    java.nio.file.Path file = client.download(output, dir.resolve("sub/gecko.png"), progress::set).block(WAIT);

    assertThat(file).isEqualTo(dir.resolve("sub/gecko.png").toAbsolutePath());
    BufferedImage image = ImageIO.read(file.toFile());
    assertThat(image.getWidth()).isEqualTo(128);
    assertThat(image.getHeight()).isEqualTo(96);
    assertThat(progress.get()).isEqualTo(java.nio.file.Files.size(file));
    assertThat(dir.resolve("sub")).isDirectoryContaining(p -> p.getFileName().toString().equals("gecko.png"));
    try (var listing = java.nio.file.Files.list(dir.resolve("sub"))) {
      assertThat(listing).hasSize(1);
    }

    TaskOutput wrongSize = TaskOutput.of(output.url(), "image/png", null, java.nio.file.Files.size(file) + 1);
    StepVerifier.create(client.download(wrongSize, dir.resolve("other.png")))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(dev.lora4j.ProtocolException.class)
            .hasMessageContaining("where the provider reported"))
        .verify(WAIT);
    assertThat(dir.resolve("other.png")).doesNotExist();
    try (var listing = java.nio.file.Files.list(dir)) {
      assertThat(listing).extracting(p -> p.getFileName().toString()).containsExactly("sub");
    }

    // an existing file survives a download that fails its size check
    byte[] before = java.nio.file.Files.readAllBytes(file);
    StepVerifier.create(client.download(wrongSize, file)).expectError(dev.lora4j.ProtocolException.class).verify(WAIT);
    assertThat(java.nio.file.Files.readAllBytes(file)).isEqualTo(before);
    try (var listing = java.nio.file.Files.list(dir.resolve("sub"))) {
      assertThat(listing).hasSize(1);
    }
  }

  @Test
  void runsEveryTypedTaskToFinished() throws Exception {
    start(quick());
    TaskResult flux = client.run(FluxLoraTask.of("a gecko", "gecko")).block(WAIT);
    assertThat(download(flux.outputs().get(0)).getWidth()).isEqualTo(FluxLoraTask.DEFAULT_WIDTH);

    TaskResult upscaled = client.run(UpscalerTask.builder().workflowId("2").image("https://example.test/in.png").build()).block(WAIT);
    assertThat(download(upscaled.outputs().get(0)).getWidth()).isEqualTo(512);

    TaskResult video = client.run(Text2VideoTask.builder().workflowId("1").prompt("waves").width(96).height(64).length(3).build()).block(WAIT);
    assertThat(video.outputs().get(0).contentType()).hasValue("image/gif");
    assertThat(download(video.outputs().get(0)).getWidth()).isEqualTo(96);
  }

  @Test
  void endsWithFailedAndAwaitSignalsTheReason() {
    start(quick().failureRate(1.0));

    List<TaskUpdate> updates = client.runAndWatch(FluxLoraTask.of("a gecko", "gecko")).collectList().block(WAIT);
    TaskUpdate last = updates.get(updates.size() - 1);
    assertThat(last.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(last.result().orElseThrow().error()).isPresent();

    StepVerifier.create(client.run(FluxLoraTask.of("a gecko", "gecko")))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TaskFailedException.class)
            .hasMessageContaining(((TaskFailedException) e).result().error().orElseThrow()))
        .verify(WAIT);
  }

  @Test
  void aCanceledTaskEndsTheStream() {
    start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(30)));
    TaskHandle handle = client.submit(FluxLoraTask.of("a gecko", "gecko")).block(WAIT);

    StepVerifier.create(client.watch(handle))
        .expectNextMatches(u -> u.status() == TaskStatus.WAITING)
        .then(() -> client.cancel(handle).block(WAIT))
        .expectNextMatches(u -> u.status() == TaskStatus.CANCELED && u.providerStatus().equals("canceled"))
        .verifyComplete();
    StepVerifier.create(client.await(handle)).expectError(TaskCanceledException.class).verify(WAIT);
  }

  @Test
  void cancelsTheTaskOnTheSequencerWhenTheTimeoutExpires() {
    start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(30)));

    StepVerifier.create(client.run(FluxLoraTask.of("a gecko", "gecko"), WatchOptions.defaults().timeout(Duration.ofMillis(300))))
        .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TaskTimeoutException.class)
            .satisfies(t -> assertThat(((TaskTimeoutException) t).lastUpdate()).isPresent()))
        .verify(WAIT);
    String id = sim.taskIds().get(0);
    assertThat(sim.calls(XaloraSimulator.TASK_CANCEL, id)).isEqualTo(1);
    assertThat(sim.status(id)).hasValue("canceled");
  }

  @Test
  void theSequencersOwnTimeoutEndsTheStreamCanceled() {
    start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(30)));

    List<TaskUpdate> updates = client.runAndWatch(FluxLoraTask.builder().prompt("p").loraName("gecko").timeoutSeconds(1).build(),
        WatchOptions.defaults().timeout(Duration.ofSeconds(15))).collectList().block(WAIT);
    assertThat(updates.get(updates.size() - 1).status()).isEqualTo(TaskStatus.CANCELED);
  }

  @Test
  void wrongCredentialsFailTheFirstCallWithoutShowingTheSecret() {
    start(quick());
    try (TaskClient wrong = TaskClients.create(options("sim-consumer#not-the-key-s3cr3t").build())) {
      StepVerifier.create(wrong.submit(FluxLoraTask.of("a gecko", "gecko")))
          .expectErrorSatisfies(e -> {
            assertThat(e).isInstanceOf(AuthenticationException.class).hasMessageContaining("401")
                .hasMessageContaining("option apiKey");
            assertThat(e.getMessage()).doesNotContain("not-the-key-s3cr3t");
            assertThat(((AuthenticationException) e).providerMessage().orElse("")).doesNotContain("s3cr3t");
          })
          .verify(WAIT);
    }
    assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).hasSize(1);
  }

  @Test
  void aTaskWithItsOwnCredentialsIsQueriedWithThemEvenAfterItEnded() {
    start(quick().credentials(XaloraSimulator.DEFAULT_CONSUMER_ID, XaloraSimulator.DEFAULT_API_KEY)
        .credentials("team-b", "team-b-key"));
    FluxLoraTask task = FluxLoraTask.builder().prompt("a gecko").loraName("gecko")
        .consumerId("team-b").apiKey("team-b-key").build();

    TaskResult result = client.run(task).block(WAIT);
    TaskUpdate later = client.status(result.handle()).block(WAIT);

    assertThat(later.status()).isEqualTo(TaskStatus.FINISHED);
    JsonNode create = json(sim.requests(XaloraSimulator.TASK_CREATE).get(0).body());
    assertThat(create.get("consumer_id").asString()).isEqualTo("team-b");
    assertThat(create.get("api_key").asString()).isEqualTo("team-b-key");
    assertThat(sim.requests(XaloraSimulator.TASK_RESULT_QUERY))
        .allSatisfy(r -> assertThat(json(r.body()).get("api_key").asString()).isEqualTo("team-b-key"));
  }

  @Test
  void anUnknownTaskIsTaskNotFound() {
    start(quick());
    StepVerifier.create(client.status(TaskHandle.of("xalora", "0000000000")))
        .expectError(TaskNotFoundException.class)
        .verify(WAIT);
  }

  @Test
  void reachesTheTrueTerminalStatusDespiteFaultsWithoutSendingTheCreateTwice() {
    start(quick().queueTime(Duration.ofMillis(100)).runTime(Duration.ofMillis(200)));
    sim.faults(FaultPlan.builder().seed(11)
        .forEndpoint(XaloraSimulator.TASK_RESULT_QUERY, EndpointFaults.builder()
            .serverErrors(0.2).drops(0.1).malformedBodies(0.1).rateLimits(0.1, Duration.ZERO)
            .latency(0.2, Duration.ofMillis(30)).build())
        .build());

    for (int i = 0; i < 3; i++) {
      TaskResult r = client.run(TextToImage.builder().prompt("gecko " + i).lora("gecko").width(64).height(64).build(),
          WatchOptions.defaults().retry(io.github.resilience4j.retry.RetryConfig.custom().maxAttempts(40)
              .waitDuration(Duration.ofMillis(20)).build())).block(WAIT);
      assertThat(r.status()).isEqualTo(TaskStatus.FINISHED);
    }
    assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).hasSize(3);
    assertThat(sim.faultCount(XaloraSimulator.TASK_RESULT_QUERY, FaultKind.SERVER_ERROR)
        + sim.faultCount(XaloraSimulator.TASK_RESULT_QUERY, FaultKind.DROPPED_CONNECTION)
        + sim.faultCount(XaloraSimulator.TASK_RESULT_QUERY, FaultKind.MALFORMED_BODY)).isPositive();
  }

  @Test
  void aFailedCreateIsNeverResent() {
    start(quick());
    sim.faults(FaultPlan.builder().forEndpoint(XaloraSimulator.TASK_CREATE,
        EndpointFaults.builder().serverErrors(1.0).build()).build());

    StepVerifier.create(client.run(FluxLoraTask.of("a gecko", "gecko")).retry(2))
        .expectError(dev.lora4j.ProviderUnavailableException.class)
        .verify(WAIT);
    assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).hasSize(1);
  }

  @Test
  void waitsAtLeastRetryAfterOnA429() {
    start(quick());
    TaskHandle handle = client.submit(FluxLoraTask.of("a gecko", "gecko")).block(WAIT);
    sim.faults(FaultPlan.builder().forEndpoint(XaloraSimulator.TASK_RESULT_QUERY,
        EndpointFaults.builder().rateLimits(1.0, Duration.ofSeconds(1)).build()).build());
    Instant start = Instant.now();

    java.util.concurrent.CompletableFuture<TaskUpdate> status = client.status(handle).toFuture();
    awaitCondition(() -> sim.faultCount(XaloraSimulator.TASK_RESULT_QUERY, FaultKind.RATE_LIMIT) == 1);
    sim.faults(FaultPlan.none());
    TaskUpdate update = status.join();

    assertThat(update.handle()).isEqualTo(handle);
    assertThat(sim.requests(XaloraSimulator.TASK_RESULT_QUERY)).hasSize(2);
    assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  /** Waits for a condition the simulator reports, failing after {@link #WAIT}. */
  private static void awaitCondition(java.util.function.BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("condition not reached in time").isBefore(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
  }
}
