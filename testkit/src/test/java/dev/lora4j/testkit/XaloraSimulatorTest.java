package dev.lora4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.testkit.internal.ImageRenderer;
import dev.lora4j.testkit.internal.ImageRenderer.Caption;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class XaloraSimulatorTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final List<XaloraSimulator> simulators = new ArrayList<>();

  @AfterEach
  void closeSimulators() {
    simulators.forEach(XaloraSimulator::close);
  }

  private XaloraSimulator start(XaloraSimulator.Builder builder) {
    XaloraSimulator simulator = builder.build();
    simulators.add(simulator);
    return simulator.start();
  }

  private XaloraSimulator fast() {
    return start(XaloraSimulator.builder().queueTime(Duration.ZERO).runTime(Duration.ofMillis(50)));
  }

  static ObjectNode txt2img(String prompt, long noiseSeed, int width, int height) {
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("consumer_id", XaloraSimulator.DEFAULT_CONSUMER_ID);
    body.put("api_key", XaloraSimulator.DEFAULT_API_KEY);
    body.put("task_type", "txt2img");
    body.put("workflow_id", "3");
    body.put("job_id", "sdk-workflow-0123456789");
    ObjectNode parameters = body.putObject("task_details").putObject("parameters");
    parameters.put("prompt", prompt);
    parameters.put("lora_name", "gecko");
    parameters.put("width", width);
    parameters.put("height", height);
    parameters.put("noise_seed", noiseSeed);
    return body;
  }

  private static URI endpoint(XaloraSimulator simulator, String name) {
    return URI.create(simulator.baseUrl() + "/" + name);
  }

  private static String create(XaloraSimulator simulator, JsonNode body) {
    HttpResponse<String> response = Http.postJson(endpoint(simulator, XaloraSimulator.TASK_CREATE), body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response).get("task_id").stringValue();
  }

  private static JsonNode query(XaloraSimulator simulator, String taskId) {
    HttpResponse<String> response = Http.postJson(endpoint(simulator, XaloraSimulator.TASK_RESULT_QUERY),
        idBody(taskId));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Http.json(response);
  }

  private static ObjectNode idBody(String taskId) {
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("task_id", taskId);
    body.put("api_key", XaloraSimulator.DEFAULT_API_KEY);
    return body;
  }

  private static void awaitStatus(XaloraSimulator simulator, String taskId, String status) {
    Await.until("task " + taskId + " to be " + status, DEADLINE,
        () -> simulator.status(taskId).orElse("").equals(status));
  }

  private static byte[] finishedOutput(XaloraSimulator simulator, String taskId) {
    awaitStatus(simulator, taskId, "finished");
    JsonNode result = query(simulator, taskId);
    HttpResponse<byte[]> file = Http.get(URI.create(result.get("result").stringValue()));
    assertThat(file.statusCode()).isEqualTo(200);
    return file.body();
  }

  @Test
  void createsTaskWithTenHexCharacterId() {
    XaloraSimulator simulator = fast();

    String taskId = create(simulator, txt2img("a gecko", 7, 64, 48));

    assertThat(taskId).matches("[0-9a-f]{10}");
    assertThat(simulator.taskIds()).containsExactly(taskId);
    assertThat(simulator.calls(XaloraSimulator.TASK_CREATE, taskId)).isEqualTo(1);
  }

  @Test
  void twoSimulatorsWithTheSameSeedGiveDifferentTaskIds() {
    XaloraSimulator first = start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(30)).seed(42));
    XaloraSimulator second = start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(30)).seed(42));

    List<String> firstIds = List.of(create(first, txt2img("a", 1, 8, 8)), create(first, txt2img("b", 2, 8, 8)));
    List<String> secondIds = List.of(create(second, txt2img("a", 1, 8, 8)), create(second, txt2img("b", 2, 8, 8)));

    assertThat(firstIds).allMatch(id -> id.matches("[0-9a-f]{10}")).doesNotHaveDuplicates();
    assertThat(secondIds).allMatch(id -> id.matches("[0-9a-f]{10}")).doesNotContainAnyElementsOf(firstIds);
  }

  @Test
  void finishesWithPngOfRequestedSizeServedWithContentTypeAndLength() {
    XaloraSimulator simulator = fast();
    String taskId = create(simulator, txt2img("a gecko", 7, 64, 48));

    awaitStatus(simulator, taskId, "finished");
    JsonNode result = query(simulator, taskId);
    HttpResponse<byte[]> file = Http.get(URI.create(result.get("result").stringValue()));

    assertThat(result.get("status").stringValue()).isEqualTo("finished");
    assertThat(result.get("result").stringValue())
        .isEqualTo(simulator.baseUrl() + "/files/" + taskId + "/0.png");
    assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(file.headers().firstValueAsLong("Content-Length")).hasValue(file.body().length);
    BufferedImage image = Http.image(file.body());
    assertThat(image.getWidth()).isEqualTo(64);
    assertThat(image.getHeight()).isEqualTo(48);
  }

  @Test
  void finishedResultCarriesTheSpecFields() {
    XaloraSimulator simulator = fast();
    String taskId = create(simulator, txt2img("a gecko", 7, 16, 16));

    awaitStatus(simulator, taskId, "finished");
    JsonNode result = query(simulator, taskId);

    assertThat(result.get("task_id").stringValue()).isEqualTo(taskId);
    assertThat(result.get("task_type").stringValue()).isEqualTo("txt2img");
    assertThat(result.get("workflow_id").stringValue()).isEqualTo("3");
    assertThat(result.get("create_timestamp").isIntegralNumber()).isTrue();
    assertThat(result.get("miner_id").stringValue()).matches("0x[0-9a-f]{40}");
    assertThat(result.get("inference_latency").isNumber()).isTrue();
    assertThat(result.get("upload_latency").isNumber()).isTrue();
    assertThat(result.get("timeout_seconds").isNull()).isTrue();
    assertThat(result.get("msg").stringValue()).isEmpty();
    assertThat(result.get("task_details").get("parameters").get("prompt").stringValue()).isEqualTo("a gecko");
  }

  @Test
  void defaultsTo680By1024WhenWidthAndHeightAreAbsent() {
    XaloraSimulator simulator = fast();
    ObjectNode body = txt2img("a gecko", 7, 1, 1);
    ObjectNode parameters = (ObjectNode) body.get("task_details").get("parameters");
    parameters.remove("width");
    parameters.remove("height");

    BufferedImage image = Http.image(finishedOutput(simulator, create(simulator, body)));

    assertThat(image.getWidth()).isEqualTo(680);
    assertThat(image.getHeight()).isEqualTo(1024);
  }

  @Test
  void samePromptAndSeedGiveSameBytesAndDifferentSeedOrPromptDifferentBytes() {
    XaloraSimulator simulator = fast();
    String first = create(simulator, txt2img("a gecko", 7, 32, 32));
    String same = create(simulator, txt2img("a gecko", 7, 32, 32));
    String otherSeed = create(simulator, txt2img("a gecko", 8, 32, 32));
    String otherPrompt = create(simulator, txt2img("a newt", 7, 32, 32));

    byte[] firstBytes = finishedOutput(simulator, first);

    assertThat(finishedOutput(simulator, same)).isEqualTo(firstBytes);
    assertThat(finishedOutput(simulator, otherSeed)).isNotEqualTo(firstBytes);
    assertThat(finishedOutput(simulator, otherPrompt)).isNotEqualTo(firstBytes);
  }

  @Test
  void servesTheImageCaptionedWithThePromptTheLoraNameTheNoiseSeedAndTheSize() {
    XaloraSimulator simulator = fast();
    String taskId = create(simulator, txt2img("a gecko surfing", 7, 160, 120));

    byte[] served = finishedOutput(simulator, taskId);

    assertThat(served).isEqualTo(new ImageRenderer().png(160, 120, new Caption("a gecko surfing", "gecko", "7"), ""));
  }

  @Test
  void movesFromWaitingToRunningOnAMinerAfterTheQueueTime() {
    XaloraSimulator simulator = start(XaloraSimulator.builder()
        .queueTime(Duration.ofMillis(200)).runTime(Duration.ofSeconds(30)));
    String taskId = create(simulator, txt2img("one", 1, 8, 8));

    awaitStatus(simulator, taskId, "running");
    JsonNode running = query(simulator, taskId);

    assertThat(running.get("miner_id").stringValue()).matches("0x[0-9a-f]{40}");
    assertThat(running.get("queue_position").isNull()).isTrue();
    assertThat(running.get("result").isNull()).isTrue();
    assertThat(running.get("inference_latency").isNull()).isTrue();
  }

  @Test
  void firstTaskInQueueHasPositionOne() {
    XaloraSimulator simulator = start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(30)));
    String first = create(simulator, txt2img("one", 1, 8, 8));
    String second = create(simulator, txt2img("two", 2, 8, 8));

    assertThat(query(simulator, first).get("queue_position").intValue()).isEqualTo(1);
    assertThat(query(simulator, second).get("queue_position").intValue()).isEqualTo(2);
  }

  @Test
  void rejectsUnknownCredentialsWith401WithoutEchoingTheKey() {
    XaloraSimulator simulator = fast();
    ObjectNode body = txt2img("a gecko", 7, 8, 8);
    body.put("api_key", "wrong-secret-key");

    HttpResponse<String> response = Http.postJson(endpoint(simulator, XaloraSimulator.TASK_CREATE), body);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(Http.json(response).get("error").stringValue()).isNotBlank();
    assertThat(response.body()).doesNotContain("wrong-secret-key");
    assertThat(simulator.taskIds()).isEmpty();
  }

  @Test
  void acceptsOnlyConfiguredCredentialsOnceAnyAreConfigured() {
    XaloraSimulator simulator = start(XaloraSimulator.builder()
        .credentials("alice", "alice-key").credentials("bob", "bob-key")
        .queueTime(Duration.ZERO).runTime(Duration.ZERO));
    ObjectNode alice = txt2img("a", 1, 8, 8);
    alice.put("consumer_id", "alice");
    alice.put("api_key", "alice-key");
    ObjectNode mixed = alice.deepCopy();
    mixed.put("api_key", "bob-key");

    assertThat(Http.postJson(endpoint(simulator, XaloraSimulator.TASK_CREATE), alice).statusCode()).isEqualTo(200);
    assertThat(Http.postJson(endpoint(simulator, XaloraSimulator.TASK_CREATE), mixed).statusCode()).isEqualTo(401);
    assertThat(Http.postJson(endpoint(simulator, XaloraSimulator.TASK_CREATE), txt2img("a", 1, 8, 8))
        .statusCode()).isEqualTo(401);
  }

  @Test
  void rejectsQueryWithUnknownApiKeyWith401() {
    XaloraSimulator simulator = fast();
    String taskId = create(simulator, txt2img("a gecko", 7, 8, 8));
    ObjectNode body = idBody(taskId);
    body.put("api_key", "nope-key");

    HttpResponse<String> response = Http.postJson(endpoint(simulator, XaloraSimulator.TASK_RESULT_QUERY), body);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).doesNotContain("nope-key");
  }

  @Test
  void answersUnknownTaskWith404OnQueryAndCancel() {
    XaloraSimulator simulator = fast();

    HttpResponse<String> query = Http.postJson(endpoint(simulator, XaloraSimulator.TASK_RESULT_QUERY),
        idBody("0000000000"));
    HttpResponse<String> cancel = Http.postJson(endpoint(simulator, XaloraSimulator.TASK_CANCEL),
        idBody("0000000000"));

    assertThat(query.statusCode()).isEqualTo(404);
    assertThat(Http.json(query).get("error").stringValue()).contains("0000000000");
    assertThat(cancel.statusCode()).isEqualTo(404);
  }

  static Stream<Arguments> invalidCreateBodies() {
    return Stream.of(
        invalid("task_details.parameters.prompt is required", b -> params(b).remove("prompt")),
        invalid("task_details.parameters.lora_name is required", b -> params(b).remove("lora_name")),
        invalid("task_details.parameters.width must be a number", b -> params(b).put("width", "64")),
        invalid("task_details.parameters.height must be an integer, was 10.5",
            b -> params(b).put("height", 10.5)),
        invalid("task_details.parameters.width must be between 1 and 4096, was 5000",
            b -> params(b).put("width", 5000)),
        invalid("task_details.parameters.noise_seed must be a number", b -> params(b).put("noise_seed", "1")),
        invalid("task_details.parameters.steps must be a number", b -> params(b).put("steps", true)),
        invalid("task_details.parameters.guidance must be a number", b -> params(b).put("guidance", "3.5")),
        invalid("task_details.parameters is required", b -> ((ObjectNode) b.get("task_details")).remove("parameters")),
        invalid("task_details is required", b -> b.remove("task_details")),
        invalid("task_details must be an object", b -> b.put("task_details", "x")),
        invalid("consumer_id is required", b -> b.remove("consumer_id")),
        invalid("api_key must be a string", b -> b.put("api_key", 42)),
        invalid("job_id is required", b -> b.remove("job_id")),
        invalid("workflow_id must be a string", b -> b.put("workflow_id", 3)),
        invalid("task_type must be one of txt2img, upscaler, txt2vid, was 'flux-lora'",
            b -> b.put("task_type", "flux-lora")),
        invalid("timeout_seconds must be a positive number, was 0", b -> b.put("timeout_seconds", 0)),
        invalid("timeout_seconds must be a positive number, was \"300\"", b -> b.put("timeout_seconds", "300")),
        invalid("task_details.parameters.image is required", b -> b.put("task_type", "upscaler")),
        invalid("workflow_id must not be empty", b -> b.put("workflow_id", " ")));
  }

  private static Arguments invalid(String message, Consumer<ObjectNode> mutation) {
    return Arguments.of(message, mutation);
  }

  private static ObjectNode params(ObjectNode body) {
    return (ObjectNode) body.get("task_details").get("parameters");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCreateBodies")
  void rejectsInvalidCreateBodyWith400NamingTheField(String message, Consumer<ObjectNode> mutation) {
    XaloraSimulator simulator = fast();
    ObjectNode body = txt2img("a gecko", 7, 8, 8);
    mutation.accept(body);

    HttpResponse<String> response = Http.postJson(endpoint(simulator, XaloraSimulator.TASK_CREATE), body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("error").stringValue()).isEqualTo(message);
    assertThat(simulator.taskIds()).isEmpty();
  }

  @Test
  void createsAFluxLoraTaskWithoutWorkflowIdUnderTheDefaultWorkflow3() {
    XaloraSimulator simulator = fast();
    ObjectNode omitted = txt2img("a gecko", 7, 16, 16);
    omitted.remove("workflow_id");
    ObjectNode nulled = txt2img("a gecko", 7, 16, 16);
    nulled.putNull("workflow_id");

    String taskId = create(simulator, omitted);
    String nulledId = create(simulator, nulled);
    BufferedImage image = Http.image(finishedOutput(simulator, taskId));

    assertThat(query(simulator, taskId).get("workflow_id").stringValue()).isEqualTo("3");
    assertThat(query(simulator, taskId).get("task_type").stringValue()).isEqualTo("txt2img");
    assertThat(query(simulator, nulledId).get("workflow_id").stringValue()).isEqualTo("3");
    assertThat(image.getWidth()).isEqualTo(16);
  }

  @ParameterizedTest
  @ValueSource(strings = {"upscaler", "txt2vid"})
  void stillRequiresWorkflowIdOfWorkflowsWithoutADocumentedDefault(String taskType) {
    XaloraSimulator simulator = fast();
    ObjectNode body = txt2img("a gecko", 7, 16, 16);
    body.put("task_type", taskType);
    body.remove("workflow_id");
    params(body).put("image", "https://example.com/cat.png");

    HttpResponse<String> response = Http.postJson(endpoint(simulator, XaloraSimulator.TASK_CREATE), body);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.json(response).get("error").stringValue()).isEqualTo("workflow_id is required");
    assertThat(simulator.taskIds()).isEmpty();
  }

  @Test
  void rejectsBodyThatIsNotJsonWith400() {
    XaloraSimulator simulator = fast();
    URI create = endpoint(simulator, XaloraSimulator.TASK_CREATE);

    HttpResponse<String> wrongType = Http.post(create, "text/plain", "{}");
    HttpResponse<String> notJson = Http.post(create, "application/json", "{\"task_type\": ");
    HttpResponse<String> array = Http.post(create, "application/json", "[]");

    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(Http.json(wrongType).get("error").stringValue()).isEqualTo("Content-Type must be application/json");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(Http.json(notJson).get("error").stringValue()).isEqualTo("request body must be a JSON object");
    assertThat(array.statusCode()).isEqualTo(400);
  }

  @Test
  void answersUnknownPathWith404() {
    XaloraSimulator simulator = fast();

    HttpResponse<String> response = Http.postJson(endpoint(simulator, "task_delete"), "{}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(Http.json(response).get("error").stringValue()).contains("task_delete");
  }

  @Test
  void cancelsWaitingTaskAndAnswersRepeatedCancelWithoutChange() {
    XaloraSimulator simulator = start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(30)));
    String taskId = create(simulator, txt2img("a gecko", 7, 8, 8));
    URI cancel = endpoint(simulator, XaloraSimulator.TASK_CANCEL);

    HttpResponse<String> first = Http.postJson(cancel, idBody(taskId));
    HttpResponse<String> second = Http.postJson(cancel, idBody(taskId));

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(Http.json(first).get("task_id").stringValue()).isEqualTo(taskId);
    assertThat(Http.json(first).get("msg").stringValue()).isEqualTo("Task canceled");
    assertThat(query(simulator, taskId).get("status").stringValue()).isEqualTo("canceled");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(Http.json(second).get("msg").stringValue()).contains("already canceled");
    assertThat(simulator.calls(XaloraSimulator.TASK_CANCEL, taskId)).isEqualTo(2);
  }

  @Test
  void cancelOfFinishedTaskKeepsItFinished() {
    XaloraSimulator simulator = fast();
    String taskId = create(simulator, txt2img("a gecko", 7, 8, 8));
    awaitStatus(simulator, taskId, "finished");

    HttpResponse<String> response = Http.postJson(endpoint(simulator, XaloraSimulator.TASK_CANCEL), idBody(taskId));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).get("msg").stringValue()).contains("already finished");
    assertThat(simulator.status(taskId)).hasValue("finished");
  }

  @Test
  void serverCancelsTaskNotFinishedWithinTimeoutSeconds() {
    XaloraSimulator simulator = start(XaloraSimulator.builder()
        .queueTime(Duration.ZERO).runTime(Duration.ofSeconds(30)));
    ObjectNode body = txt2img("a gecko", 7, 8, 8);
    body.put("timeout_seconds", 0.2);
    String taskId = create(simulator, body);

    awaitStatus(simulator, taskId, "canceled");
    JsonNode result = query(simulator, taskId);

    assertThat(result.get("timeout_seconds").doubleValue()).isEqualTo(0.2);
    assertThat(result.get("msg").stringValue()).contains("timed out");
    assertThat(result.get("result").isNull()).isTrue();
  }

  @Test
  void failsTheConfiguredShareOfTasksWithAMessage() {
    XaloraSimulator simulator = start(XaloraSimulator.builder()
        .queueTime(Duration.ZERO).runTime(Duration.ZERO).failureRate(1.0));
    String taskId = create(simulator, txt2img("a gecko", 7, 8, 8));

    awaitStatus(simulator, taskId, "failed");
    JsonNode result = query(simulator, taskId);

    assertThat(result.get("msg").stringValue()).isEqualTo(XaloraSimulator.FAILURE_MESSAGE);
    assertThat(result.get("result").isNull()).isTrue();
  }

  @Test
  void failureRateAndMinersAreReproducibleFromTheSeedThoughTaskIdsDiffer() {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    List<String> firstOutcomes = outcomes(42, first);
    List<String> secondOutcomes = outcomes(42, second);

    assertThat(secondOutcomes).isEqualTo(firstOutcomes);
    assertThat(firstOutcomes).anyMatch(o -> o.matches("failed 0x[0-9a-f]{40}"))
        .anyMatch(o -> o.matches("finished 0x[0-9a-f]{40}"));
    assertThat(second).doesNotContainAnyElementsOf(first);
  }

  private List<String> outcomes(long seed, List<String> ids) {
    XaloraSimulator simulator = start(XaloraSimulator.builder()
        .queueTime(Duration.ZERO).runTime(Duration.ZERO).failureRate(0.5).seed(seed));
    for (int i = 0; i < 12; i++) {
      ids.add(create(simulator, txt2img("p" + i, i, 4, 4)));
    }
    List<String> outcomes = new ArrayList<>();
    for (String id : ids) {
      String status = Await.value("task " + id + " to end", DEADLINE,
          () -> simulator.status(id).filter(s -> s.equals("finished") || s.equals("failed")));
      outcomes.add(status + " " + query(simulator, id).get("miner_id").stringValue());
    }
    return outcomes;
  }

  @Test
  void upscalerProducesA512PngFromTheImageUrl() {
    XaloraSimulator simulator = fast();
    ObjectNode body = txt2img("unused", 1, 8, 8);
    body.put("task_type", "upscaler");
    body.put("workflow_id", "5");
    ObjectNode parameters = ((ObjectNode) body.get("task_details")).putObject("parameters");
    parameters.put("image", "https://example.com/cat.png");

    BufferedImage image = Http.image(finishedOutput(simulator, create(simulator, body)));

    assertThat(image.getWidth()).isEqualTo(512);
    assertThat(image.getHeight()).isEqualTo(512);
  }

  @Test
  void txt2vidProducesAnAnimatedGif() throws Exception {
    XaloraSimulator simulator = fast();
    ObjectNode body = txt2img("unused", 1, 8, 8);
    body.put("task_type", "txt2vid");
    body.put("workflow_id", "1");
    ObjectNode parameters = ((ObjectNode) body.get("task_details")).putObject("parameters");
    parameters.put("prompt", "a dancing gecko");
    parameters.put("width", 40);
    parameters.put("height", 30);
    parameters.put("length", 5);
    String taskId = create(simulator, body);

    byte[] gif = finishedOutput(simulator, taskId);

    assertThat(query(simulator, taskId).get("result").stringValue()).endsWith("/0.gif");
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      assertThat(reader.getNumImages(true)).isEqualTo(5);
      assertThat(reader.getWidth(0)).isEqualTo(40);
      assertThat(reader.getHeight(0)).isEqualTo(30);
      reader.dispose();
    }
  }

  @Test
  void recordsRequestBodiesInOrderAndCountsQueriesPerTask() {
    XaloraSimulator simulator = fast();
    ObjectNode body = txt2img("a gecko", 7, 8, 8);
    String taskId = create(simulator, body);
    query(simulator, taskId);
    query(simulator, taskId);

    List<RecordedRequest> creates = simulator.requests(XaloraSimulator.TASK_CREATE);
    List<RecordedRequest> queries = simulator.requests(XaloraSimulator.TASK_RESULT_QUERY);

    assertThat(creates).hasSize(1);
    String sent = Http.JSON.writeValueAsString(body);
    assertThat(creates.get(0).body()).isEqualTo(sent);
    assertThat(creates.get(0).params()).isEqualTo(Http.json(sent));
    assertThat(creates.get(0).param("job_id")).isEqualTo("sdk-workflow-0123456789");
    assertThat(creates.get(0).header("content-type")).startsWith("application/json");
    assertThat(queries).extracting(RecordedRequest::params).containsExactly(idBody(taskId), idBody(taskId));
    assertThat(simulator.calls(XaloraSimulator.TASK_RESULT_QUERY, taskId)).isEqualTo(2);
    assertThat(simulator.requests()).hasSize(3);
  }

  @Test
  void injectsTheSameFaultsForTheSameSeedAndRequestOrder() {
    FaultPlan plan = FaultPlan.builder()
        .seed(7)
        .forEndpoint(XaloraSimulator.TASK_RESULT_QUERY, EndpointFaults.builder()
            .serverErrors(0.25).rateLimits(0.25, Duration.ofSeconds(3)).malformedBodies(0.2).drops(0.1)
            .build())
        .build();

    List<String> first = faultedQueries(plan);
    List<String> second = faultedQueries(plan);

    assertThat(second).isEqualTo(first);
    assertThat(first).contains("500", "429 retry-after=3", "200 malformed", "dropped", "200");
  }

  private List<String> faultedQueries(FaultPlan plan) {
    XaloraSimulator simulator = start(XaloraSimulator.builder()
        .queueTime(Duration.ofSeconds(30)).faults(plan));
    String taskId = create(simulator, txt2img("a gecko", 7, 8, 8));
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      try {
        HttpResponse<String> response =
            Http.postJson(endpoint(simulator, XaloraSimulator.TASK_RESULT_QUERY), idBody(taskId));
        if (response.statusCode() == 429) {
          outcomes.add("429 retry-after=" + response.headers().firstValue("Retry-After").orElse("none"));
        } else if (response.statusCode() == 200 && Http.jsonOrNull(response.body()) == null) {
          outcomes.add("200 malformed");
        } else {
          outcomes.add(Integer.toString(response.statusCode()));
        }
      } catch (UncheckedIOException e) {
        outcomes.add("dropped");
      }
    }
    long injected = simulator.faultCount(FaultKind.SERVER_ERROR) + simulator.faultCount(FaultKind.RATE_LIMIT)
        + simulator.faultCount(FaultKind.MALFORMED_BODY) + simulator.faultCount(FaultKind.DROPPED_CONNECTION);
    assertThat(injected).isEqualTo(outcomes.stream().filter(o -> !o.equals("200")).count());
    assertThat(simulator.faultCount(XaloraSimulator.TASK_CREATE, FaultKind.SERVER_ERROR)).isZero();
    assertThat(simulator.calls(XaloraSimulator.TASK_RESULT_QUERY, taskId)).isEqualTo(40);
    return outcomes;
  }

  @Test
  void faultsCanBeSwitchedOffAtRuntime() {
    XaloraSimulator simulator = start(XaloraSimulator.builder()
        .queueTime(Duration.ofSeconds(30))
        .faults(FaultPlan.builder().all(EndpointFaults.builder().serverErrors(1.0).build()).build()));
    URI create = endpoint(simulator, XaloraSimulator.TASK_CREATE);

    HttpResponse<String> faulted = Http.postJson(create, txt2img("a", 1, 8, 8));
    simulator.faults(FaultPlan.none());
    HttpResponse<String> healthy = Http.postJson(create, txt2img("a", 1, 8, 8));

    assertThat(faulted.statusCode()).isEqualTo(500);
    assertThat(Http.json(faulted).get("error").stringValue()).isNotBlank();
    assertThat(healthy.statusCode()).isEqualTo(200);
    assertThat(simulator.taskIds()).hasSize(1);
    assertThat(simulator.requests(XaloraSimulator.TASK_CREATE))
        .extracting(RecordedRequest::fault).containsExactly(FaultKind.SERVER_ERROR, null);
  }

  @Test
  void delaysResponsesByTheConfiguredLatency() {
    XaloraSimulator simulator = start(XaloraSimulator.builder()
        .queueTime(Duration.ofSeconds(30))
        .faults(FaultPlan.builder().all(EndpointFaults.builder()
            .latency(1.0, Duration.ofMillis(300)).build()).build()));

    long start = System.nanoTime();
    HttpResponse<String> response = Http.postJson(endpoint(simulator, XaloraSimulator.TASK_CREATE),
        txt2img("a", 1, 8, 8));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(simulator.faultCount(FaultKind.LATENCY)).isEqualTo(1);
  }

  @Test
  void dropsConnectionWithoutResponse() {
    XaloraSimulator simulator = start(XaloraSimulator.builder()
        .faults(FaultPlan.builder().forEndpoint(XaloraSimulator.TASK_CREATE,
            EndpointFaults.builder().drops(1.0).build()).build()));

    assertThatThrownBy(() -> Http.postJson(endpoint(simulator, XaloraSimulator.TASK_CREATE), txt2img("a", 1, 8, 8)))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(simulator.taskIds()).isEmpty();
    assertThat(simulator.requests(XaloraSimulator.TASK_CREATE)).singleElement()
        .extracting(RecordedRequest::fault).isEqualTo(FaultKind.DROPPED_CONNECTION);
  }

  @Test
  void builderRejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> XaloraSimulator.builder().queueTime(Duration.ofSeconds(-1)))
        .hasMessage("queueTime must not be negative, was PT-1S");
    assertThatThrownBy(() -> XaloraSimulator.builder().runTime(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessage("runTime minimum must not exceed maximum, was PT2S > PT1S");
    assertThatThrownBy(() -> XaloraSimulator.builder().failureRate(1.5))
        .hasMessage("failureRate must be between 0.0 and 1.0, was 1.5");
    assertThatThrownBy(() -> XaloraSimulator.builder().port(70_000))
        .hasMessage("port must be between 0 and 65535, was 70000");
    assertThatThrownBy(() -> XaloraSimulator.builder().credentials("a#b", "k"))
        .hasMessageContaining("was 'a#b'");
    assertThatThrownBy(() -> EndpointFaults.builder().serverErrors(-0.1))
        .hasMessage("serverErrors must be between 0.0 and 1.0, was -0.1");
    assertThatThrownBy(() -> EndpointFaults.builder().serverErrors(0.6).drops(0.6).build())
        .hasMessageContaining("must not exceed 1.0");
  }

  @Test
  void refusesBaseUrlBeforeStartAndRestartAfterClose() {
    XaloraSimulator simulator = XaloraSimulator.builder().build();
    simulators.add(simulator);

    assertThatThrownBy(simulator::baseUrl).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("start()");
    simulator.start();
    assertThat(simulator.start().baseUrl()).isNotNull();
    URI base = simulator.baseUrl();
    simulator.close();
    simulator.close();

    assertThatThrownBy(simulator::start).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Http.postJson(URI.create(base + "/task_create"), "{}"))
        .isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void bindsToAFixedPortWhenAsked() {
    XaloraSimulator probe = fast();
    int port = probe.baseUrl().getPort();
    probe.close();

    XaloraSimulator simulator = start(XaloraSimulator.builder().port(port));

    assertThat(simulator.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:" + port));
  }

  @Test
  void recordsWhenATaskReallyStartedAndEnded() {
    XaloraSimulator simulator = start(XaloraSimulator.builder().queueTime(Duration.ofMillis(100)).runTime(Duration.ofMillis(150)));
    java.time.Instant before = java.time.Instant.now();
    String taskId = create(simulator, txt2img("a gecko", 1, 64, 64));
    TaskTransitions queued = simulator.transitions(taskId).orElseThrow();
    assertThat(queued.created()).isAfterOrEqualTo(before);
    assertThat(queued.running()).isEmpty();
    awaitStatus(simulator, taskId, "finished");

    TaskTransitions done = simulator.transitions(taskId).orElseThrow();
    assertThat(Duration.between(done.created(), done.running().orElseThrow())).isGreaterThanOrEqualTo(Duration.ofMillis(90));
    assertThat(Duration.between(done.running().orElseThrow(), done.ended().orElseThrow()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(140));
    assertThat(simulator.transitions("no-such-task")).isEmpty();
  }

  @Test
  void queuePositionsFallAsTasksAheadLeave() {
    XaloraSimulator simulator = start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(1), Duration.ofSeconds(3)).seed(9));
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(create(simulator, txt2img("a gecko " + i, i, 64, 64)));
    }
    String lastId = ids.get(ids.size() - 1);
    int first = query(simulator, lastId).get("queue_position").asInt();
    assertThat(first).isEqualTo(6);
    Await.until("a task ahead to leave the queue", DEADLINE,
        () -> ids.stream().limit(5).anyMatch(id -> !simulator.status(id).orElse("").equals("waiting")));
    JsonNode later = query(simulator, lastId);
    if (later.path("status").asString("").equals("waiting")) {
      assertThat(later.get("queue_position").asInt()).isLessThan(first);
    }
  }
}
