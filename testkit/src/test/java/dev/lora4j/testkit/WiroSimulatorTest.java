package dev.lora4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.testkit.internal.ImageRenderer;
import dev.lora4j.testkit.internal.ImageRenderer.Caption;
import java.awt.image.BufferedImage;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class WiroSimulatorTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final String RUN_FLUX = "Run/" + WiroSimulator.FLUX_LORA_FAST;
  private static final List<String> SUCCESS_FRAMES = List.of(
      "task_queue", "task_accept", "task_preprocess_start", "task_preprocess_end", "task_assign",
      "task_start", "task_output", "task_output", "task_output", "task_output_full", "task_end",
      "task_postprocess_start", "task_postprocess_end");

  private final List<WiroSimulator> simulators = new ArrayList<>();

  @AfterEach
  void closeSimulators() {
    simulators.forEach(WiroSimulator::close);
  }

  private WiroSimulator start(WiroSimulator.Builder builder) {
    WiroSimulator simulator = builder.build();
    simulators.add(simulator);
    return simulator.start();
  }

  private WiroSimulator fast() {
    return start(WiroSimulator.builder().queueTime(Duration.ZERO).runTime(Duration.ofMillis(60)));
  }

  static ObjectNode inputs(String prompt, String seed, int size) {
    ObjectNode body = Http.JSON.createObjectNode();
    body.putArray("selectedLoraModel");
    body.put("selectedLoraModelPrivateUrl", "");
    body.put("prompt", prompt);
    body.put("steps", 20);
    body.put("scale", "3.5");
    body.put("samples", 1);
    body.put("seed", seed);
    body.put("width", size);
    body.put("height", size);
    return body;
  }

  private static ObjectNode taskId(String id) {
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("taskid", id);
    return body;
  }

  private static JsonNode run(WiroCalls calls, JsonNode inputs) {
    JsonNode reply = calls.postOk(RUN_FLUX, inputs);
    assertThat(reply.get("result").booleanValue()).as(reply.toString()).isTrue();
    return reply;
  }

  private static void awaitStatus(WiroSimulator simulator, String id, String status) {
    Await.until("task " + id + " to reach " + status, DEADLINE,
        () -> simulator.status(id).orElse("").equals(status));
  }

  private static JsonNode detail(WiroCalls calls, String id) {
    JsonNode reply = calls.postOk(WiroSimulator.TASK_DETAIL, taskId(id));
    assertThat(reply.get("result").booleanValue()).as(reply.toString()).isTrue();
    return reply.get("tasklist").get(0);
  }

  private static void assertError(JsonNode reply, int code, String message) {
    assertThat(reply.get("result").booleanValue()).as(reply.toString()).isFalse();
    assertThat(reply.get("errors").get(0).get("code").intValue()).isEqualTo(code);
    assertThat(reply.get("errors").get(0).get("message").stringValue()).isEqualTo(message);
  }

  // --- authentication -------------------------------------------------------------------------

  @Test
  void signatureMatchesTheSpecTestVector() {
    assertThat(WiroAuth.signature("test-api-key", "test-secret", "1700000000000"))
        .isEqualTo("2d99fa1b6934f66a712785d1b402997e1b13d9d7cd5e0085211dac133ae4a8ef");
  }

  @Test
  void acceptsTheSpecTestVectorOverHttp() {
    WiroSimulator simulator = start(WiroSimulator.builder().signatureProject("test-api-key", "test-secret"));
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("slugowner", "wiro");
    body.put("slugproject", "text-to-image-flux-lora-fast");

    HttpResponse<String> response = Http.postJson(URI.create(simulator.baseUrl() + "/Tool/Detail"), body,
        "x-api-key", "test-api-key", "x-nonce", "1700000000000",
        "x-signature", "2d99fa1b6934f66a712785d1b402997e1b13d9d7cd5e0085211dac133ae4a8ef");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).get("result").booleanValue()).isTrue();
  }

  @Test
  void rejectsASignatureMadeWithTheWrongSecretWith401() {
    WiroSimulator simulator = fast();
    WiroCalls wrong = new WiroCalls(simulator.baseUrl(), WiroSimulator.DEFAULT_API_KEY, "not-the-secret");

    HttpResponse<String> response = wrong.post(RUN_FLUX, inputs("a lion", "1", 64));

    assertThat(response.statusCode()).isEqualTo(401);
    assertError(Http.json(response), 0, "Project authorization is not valid.");
    assertThat(simulator.taskIds()).isEmpty();
  }

  @Test
  void rejectsAnUppercaseSignatureWith401() {
    WiroSimulator simulator = fast();
    String nonce = "1700000000001";
    String signature = WiroCalls.hmacHex(WiroSimulator.DEFAULT_API_KEY, WiroSimulator.DEFAULT_API_SECRET + nonce);

    HttpResponse<String> response = Http.postJson(URI.create(simulator.baseUrl() + "/" + RUN_FLUX),
        inputs("a lion", "1", 64), "x-api-key", WiroSimulator.DEFAULT_API_KEY, "x-nonce", nonce,
        "x-signature", signature.toUpperCase());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void rejectsUnknownKeyWith401NotFounded() {
    WiroSimulator simulator = fast();
    WiroCalls stranger = new WiroCalls(simulator.baseUrl(), "someone-else", WiroSimulator.DEFAULT_API_SECRET);

    HttpResponse<String> response = stranger.post(WiroSimulator.TASK_DETAIL, taskId("2221"));

    assertThat(response.statusCode()).isEqualTo(401);
    assertError(Http.json(response), 0, "Project authorization is not founded.");
  }

  @Test
  void requiresSignatureHeadersOnASignatureProject() {
    WiroSimulator simulator = fast();

    HttpResponse<String> response = Http.postJson(URI.create(simulator.baseUrl() + "/" + RUN_FLUX),
        inputs("a lion", "1", 64), "x-api-key", WiroSimulator.DEFAULT_API_KEY);

    assertThat(response.statusCode()).isEqualTo(401);
    assertError(Http.json(response), 0,
        "Project requires signature authentication. x-signature and x-nonce headers are required.");
  }

  @Test
  void acceptsTheKeyAloneOnAKeyOnlyProject() {
    WiroSimulator simulator = start(WiroSimulator.builder().keyOnlyProject("plain-key")
        .queueTime(Duration.ZERO).runTime(Duration.ZERO));

    HttpResponse<String> response = Http.postJson(URI.create(simulator.baseUrl() + "/" + RUN_FLUX),
        inputs("a lion", "1", 64), "x-api-key", "plain-key");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).get("taskid").stringValue()).isEqualTo(simulator.taskIds().get(0));
  }

  @Test
  void rejectsAReusedNonceOnlyWhenConfigured() {
    WiroSimulator lenient = fast();
    WiroSimulator strict = start(WiroSimulator.builder().rejectReusedNonces(true));
    String nonce = "1700000000002";
    String[] headers = {"x-api-key", WiroSimulator.DEFAULT_API_KEY, "x-nonce", nonce,
      "x-signature", WiroCalls.hmacHex(WiroSimulator.DEFAULT_API_KEY, WiroSimulator.DEFAULT_API_SECRET + nonce)};
    URI lenientDetail = URI.create(lenient.baseUrl() + "/Task/Detail");
    URI strictDetail = URI.create(strict.baseUrl() + "/Task/Detail");

    Http.postJson(lenientDetail, taskId("1"), headers);
    HttpResponse<String> lenientAgain = Http.postJson(lenientDetail, taskId("1"), headers);
    HttpResponse<String> strictFirst = Http.postJson(strictDetail, taskId("1"), headers);
    HttpResponse<String> strictAgain = Http.postJson(strictDetail, taskId("1"), headers);

    assertThat(lenientAgain.statusCode()).isEqualTo(200);
    assertThat(strictFirst.statusCode()).isEqualTo(200);
    assertThat(strictAgain.statusCode()).isEqualTo(401);
    assertError(Http.json(strictAgain), 0, "Nonce has already been used.");
  }

  // --- run, detail, outputs -------------------------------------------------------------------

  @Test
  void runsToPostprocessEndWithOnePngPerSampleServedBySimulator() {
    WiroSimulator simulator = fast();
    WiroCalls calls = WiroCalls.defaults(simulator);
    ObjectNode body = inputs("a lion", "3572004920", 64);
    body.put("samples", 2);
    body.put("height", 80);

    JsonNode reply = run(calls, body);
    String id = reply.get("taskid").stringValue();
    awaitStatus(simulator, id, "task_postprocess_end");
    JsonNode task = detail(calls, id);

    assertThat(reply.get("errors").isEmpty()).isTrue();
    assertThat(reply.get("socketaccesstoken").stringValue()).matches("[A-Za-z0-9]{30}");
    assertThat(task.get("status").stringValue()).isEqualTo("task_postprocess_end");
    assertThat(task.get("pexit").stringValue()).isEqualTo("0");
    assertThat(task.get("debugerror").stringValue()).isEmpty();
    assertThat(task.get("elapsedseconds").stringValue()).matches("\\d+\\.\\d{4}");
    assertThat(Double.parseDouble(task.get("totalcost").stringValue())).isPositive();
    assertThat(task.get("parameters")).isEqualTo(Http.json(Http.JSON.writeValueAsString(body)));
    JsonNode outputs = task.get("outputs");
    assertThat(outputs).hasSize(2);
    long total = 0;
    for (int i = 0; i < 2; i++) {
      JsonNode output = outputs.get(i);
      assertThat(output.get("name").stringValue()).isEqualTo(i + ".png");
      assertThat(output.get("contenttype").stringValue()).isEqualTo("image/png");
      HttpResponse<byte[]> file = Http.get(URI.create(output.get("url").stringValue()));
      assertThat(file.statusCode()).isEqualTo(200);
      assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
      assertThat(output.get("size").stringValue()).isEqualTo(Integer.toString(file.body().length));
      BufferedImage image = Http.image(file.body());
      assertThat(image.getWidth()).isEqualTo(64);
      assertThat(image.getHeight()).isEqualTo(80);
      total += file.body().length;
    }
    assertThat(task.get("size").stringValue()).isEqualTo(Long.toString(total));
    assertThat(outputs.get(0).get("url").stringValue()).startsWith("http://127.0.0.1:");
  }

  @Test
  void twoSimulatorsWithTheSameSeedGiveDifferentIdsUuidsAndTokens() {
    WiroSimulator first = start(WiroSimulator.builder().queueTime(Duration.ofSeconds(30)).seed(7));
    WiroSimulator second = start(WiroSimulator.builder().queueTime(Duration.ofSeconds(30)).seed(7));
    WiroCalls firstCalls = WiroCalls.defaults(first);
    WiroCalls secondCalls = WiroCalls.defaults(second);

    JsonNode one = run(firstCalls, inputs("a lion", "1", 64));
    JsonNode two = run(secondCalls, inputs("a lion", "1", 64));
    String oneId = one.get("taskid").stringValue();
    String twoId = two.get("taskid").stringValue();

    assertThat(oneId).matches("[1-9]\\d{7,9}");
    assertThat(twoId).matches("[1-9]\\d{7,9}").isNotEqualTo(oneId);
    assertThat(two.get("socketaccesstoken").stringValue()).matches("[A-Za-z0-9]{30}")
        .isNotEqualTo(one.get("socketaccesstoken").stringValue());
    assertThat(detail(secondCalls, twoId).get("uuid").stringValue())
        .isNotEqualTo(detail(firstCalls, oneId).get("uuid").stringValue());
  }

  @Test
  void runRejectionsAreReproducibleFromTheSeedThoughTaskIdsDiffer() {
    List<String> firstIds = new ArrayList<>();
    List<String> secondIds = new ArrayList<>();

    List<Boolean> first = acceptedRuns(11, firstIds);
    List<Boolean> second = acceptedRuns(11, secondIds);

    assertThat(second).isEqualTo(first);
    assertThat(first).contains(true, false);
    assertThat(secondIds).doesNotContainAnyElementsOf(firstIds);
  }

  private List<Boolean> acceptedRuns(long seed, List<String> ids) {
    WiroSimulator simulator = start(WiroSimulator.builder().queueTime(Duration.ofSeconds(30)).seed(seed)
        .rejectRuns(96, 0.5));
    WiroCalls calls = WiroCalls.defaults(simulator);
    List<Boolean> accepted = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      JsonNode reply = calls.postOk(RUN_FLUX, inputs("run " + i, "1", 64));
      accepted.add(reply.get("result").booleanValue());
      if (reply.get("result").booleanValue()) {
        ids.add(reply.get("taskid").stringValue());
      }
    }
    return accepted;
  }

  @Test
  void reportsNumbersAsStringsAndEmptyPexitWhileRunning() {
    WiroSimulator simulator = start(WiroSimulator.builder().queueTime(Duration.ZERO).runTime(Duration.ofSeconds(30)));
    WiroCalls calls = WiroCalls.defaults(simulator);
    String id = run(calls, inputs("a lion", "1", 64)).get("taskid").stringValue();
    awaitStatus(simulator, id, "task_accept");

    JsonNode task = detail(calls, id);

    assertThat(task.get("id").stringValue()).isEqualTo(id);
    assertThat(task.get("pexit").stringValue()).isEmpty();
    assertThat(task.get("createtime").stringValue()).matches("\\d+");
    assertThat(task.get("accepttime").stringValue()).matches("[1-9]\\d*");
    assertThat(task.get("starttime").stringValue()).isEqualTo("0");
    assertThat(task.get("endtime").stringValue()).isEqualTo("0");
    assertThat(task.get("outputs").isEmpty()).isTrue();
    assertThat(task.get("totalcost").stringValue()).isEqualTo("0");
  }

  @Test
  void namesTheModelThatRanWithItsSlugsAndTheToolsDescription() {
    WiroSimulator simulator = start(WiroSimulator.builder().tool("acme/echo").queueTime(Duration.ofSeconds(30)));
    WiroCalls calls = WiroCalls.defaults(simulator);
    ObjectNode toolBody = Http.JSON.createObjectNode();
    toolBody.put("slugowner", "wiro");
    toolBody.put("slugproject", "text-to-image-flux-lora-fast");
    String toolDescription = calls.postOk(WiroSimulator.TOOL_DETAIL, toolBody)
        .get("tool").get(0).get("description").stringValue();

    JsonNode flux = detail(calls, run(calls, inputs("a lion", "1", 64)).get("taskid").stringValue());
    JsonNode echo = detail(calls, calls.postOk("Run/acme/echo", Http.JSON.createObjectNode()).get("taskid").stringValue());

    assertThat(flux.get("modelslugowner").stringValue()).isEqualTo("wiro");
    assertThat(flux.get("modelslugproject").stringValue()).isEqualTo("text-to-image-flux-lora-fast");
    assertThat(flux.get("modeldescription").stringValue()).isEqualTo(toolDescription).startsWith("Flux is a tool");
    assertThat(echo.get("modelslugowner").stringValue()).isEqualTo("acme");
    assertThat(echo.get("modelslugproject").stringValue()).isEqualTo("echo");
    assertThat(echo.get("modeldescription").stringValue()).isEqualTo("A generic tool registered with the Wiro simulator.");
  }

  @Test
  void samePromptAndSeedGiveSameBytesAndDifferentSeedDifferentBytes() {
    WiroSimulator simulator = fast();
    WiroCalls calls = WiroCalls.defaults(simulator);
    String first = run(calls, inputs("a lion", "1", 64)).get("taskid").stringValue();
    String same = run(calls, inputs("a lion", "1", 64)).get("taskid").stringValue();
    String other = run(calls, inputs("a lion", "2", 64)).get("taskid").stringValue();

    byte[] firstBytes = outputBytes(simulator, calls, first);

    assertThat(outputBytes(simulator, calls, same)).isEqualTo(firstBytes);
    assertThat(outputBytes(simulator, calls, other)).isNotEqualTo(firstBytes);
  }

  private static byte[] outputBytes(WiroSimulator simulator, WiroCalls calls, String id) {
    awaitStatus(simulator, id, "task_postprocess_end");
    return Http.get(URI.create(detail(calls, id).get("outputs").get(0).get("url").stringValue())).body();
  }

  static Stream<Arguments> loraCaptions() {
    return Stream.of(
        Arguments.of("a catalog id", (Consumer<ObjectNode>) b -> b.put("selectedLoraModel", "1236"),
            "1236 WizardWhitebeard/Vintage-Comic-Book-Cover-Sci-fi-Pulp"),
        Arguments.of("a catalog id in an array, as a number",
            (Consumer<ObjectNode>) b -> b.putArray("selectedLoraModel").add(678),
            "678 FreshIdeas/Movie-poster-style-LoRA-Flux v1.0"),
        Arguments.of("an id outside the catalog", (Consumer<ObjectNode>) b -> b.put("selectedLoraModel", "655"),
            "655"),
        Arguments.of("a private URL", (Consumer<ObjectNode>) b -> b.put("selectedLoraModelPrivateUrl",
            "https://huggingface.co/acme/geckos/resolve/main/gecko-style.safetensors?download=true"),
            "gecko-style.safetensors"),
        Arguments.of("none, as the seed's curl sends it", (Consumer<ObjectNode>) b -> { }, "none"),
        Arguments.of("no field at all", (Consumer<ObjectNode>) b -> b.remove("selectedLoraModel"), "none"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("loraCaptions")
  void servesImagesCaptionedWithTheLoraThePromptTheSeedAndTheSize(String name, Consumer<ObjectNode> lora,
      String label) {
    WiroSimulator simulator = fast();
    WiroCalls calls = WiroCalls.defaults(simulator);
    ObjectNode body = inputs("a lion", "42", 96);
    lora.accept(body);

    byte[] served = outputBytes(simulator, calls, run(calls, body).get("taskid").stringValue());

    assertThat(served)
        .isEqualTo(new ImageRenderer().png(96, 96, new Caption("a lion", label, "42"), "steps 20, sample 0"));
  }

  @Test
  void detailByTaskTokenMatchesDetailByTaskIdAndIsCountedPerTask() {
    WiroSimulator simulator = start(WiroSimulator.builder().queueTime(Duration.ofSeconds(30)));
    WiroCalls calls = WiroCalls.defaults(simulator);
    JsonNode reply = run(calls, inputs("a lion", "1", 64));
    String id = reply.get("taskid").stringValue();
    ObjectNode byToken = Http.JSON.createObjectNode();
    byToken.put("tasktoken", reply.get("socketaccesstoken").stringValue());

    JsonNode viaToken = calls.postOk(WiroSimulator.TASK_DETAIL, byToken);
    JsonNode viaId = calls.postOk(WiroSimulator.TASK_DETAIL, taskId(id));

    assertThat(viaToken.get("total").stringValue()).isEqualTo("1");
    assertThat(viaToken.get("tasklist").get(0).get("id").stringValue()).isEqualTo(id);
    assertThat(viaToken.get("tasklist").get(0).get("status").stringValue()).isEqualTo("task_queue");
    assertThat(viaId.get("tasklist").get(0).get("socketaccesstoken").stringValue())
        .isEqualTo(reply.get("socketaccesstoken").stringValue());
    assertThat(simulator.calls(WiroSimulator.TASK_DETAIL, id)).isEqualTo(2);
    assertThat(simulator.calls(WiroSimulator.RUN, id)).isEqualTo(1);
  }

  @Test
  void answersDetailWithoutIdentifierOrForUnknownTaskWithBusinessErrors() {
    WiroSimulator simulator = fast();
    WiroCalls calls = WiroCalls.defaults(simulator);

    assertError(calls.postOk(WiroSimulator.TASK_DETAIL, Http.JSON.createObjectNode()), 0,
        "taskid or socketaccesstoken is required");
    assertError(calls.postOk(WiroSimulator.TASK_DETAIL, taskId("999999")), 1, "There is no task yet.");
  }

  static Stream<Arguments> invalidInputs() {
    return Stream.of(
        invalid("Request parameter [prompt] required", b -> b.remove("prompt")),
        invalid("Request parameter [prompt] required", b -> b.put("prompt", "  ")),
        invalid("Request parameter [steps] must be integer or float", b -> b.put("steps", "many")),
        invalid("Request parameter [steps] must be between 1 and 50", b -> b.put("steps", 500)),
        invalid("Request parameter [width] must be between 64 and 2048", b -> b.put("width", 10)),
        invalid("Request parameter [height] must be between 64 and 2048", b -> b.put("height", "4096")),
        invalid("Request parameter [samples] must be between 1 and 4", b -> b.put("samples", 0)),
        invalid("Request parameter [scale] must be integer or float", b -> b.putArray("scale")));
  }

  private static Arguments invalid(String message, Consumer<ObjectNode> mutation) {
    return Arguments.of(message, mutation);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidInputs")
  void rejectsInvalidInputsWithCodeZeroNamingTheParameter(String message, Consumer<ObjectNode> mutation) {
    WiroSimulator simulator = fast();
    ObjectNode body = inputs("a lion", "1", 64);
    mutation.accept(body);

    HttpResponse<String> response = WiroCalls.defaults(simulator).post(RUN_FLUX, body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertError(Http.json(response), 0, message);
    assertThat(simulator.taskIds()).isEmpty();
  }

  @Test
  void rejectsAnUnreadableBody() {
    WiroSimulator simulator = fast();
    WiroCalls calls = WiroCalls.defaults(simulator);

    HttpResponse<String> broken = calls.postRaw(RUN_FLUX, "application/json", "{\"prompt\": ");
    HttpResponse<String> untyped = calls.postRaw(RUN_FLUX, "text/plain", "{\"prompt\": \"a lion\"}");

    assertError(Http.json(broken), 0, "Request parameters are invalid.");
    assertError(Http.json(untyped), 0, "Request parameters are invalid.");
  }

  @Test
  void acceptsMultipartFormDataWithRepeatedFields() {
    WiroSimulator simulator = fast();
    WiroCalls calls = WiroCalls.defaults(simulator);
    String boundary = "----lora4jBoundary7MA4YWxk";
    String form = part(boundary, "prompt", "a lion under a starry sky")
        + part(boundary, "width", "64")
        + part(boundary, "height", "64")
        + part(boundary, "seed", "42")
        + part(boundary, "tags", "one")
        + part(boundary, "tags", "two")
        + "--" + boundary + "--\r\n";

    HttpResponse<String> response = calls.postRaw(RUN_FLUX, "multipart/form-data; boundary=" + boundary, form);
    String id = Http.json(response).get("taskid").stringValue();
    awaitStatus(simulator, id, "task_postprocess_end");
    JsonNode task = detail(calls, id);

    assertThat(task.get("pexit").stringValue()).isEqualTo("0");
    assertThat(task.get("parameters").get("prompt").stringValue()).isEqualTo("a lion under a starry sky");
    assertThat(task.get("parameters").get("width").stringValue()).isEqualTo("64");
    assertThat(task.get("parameters").get("tags")).isEqualTo(Http.json("[\"one\",\"two\"]"));
    assertThat(Http.image(Http.get(URI.create(task.get("outputs").get(0).get("url").stringValue())).body())
        .getWidth()).isEqualTo(64);
    RecordedRequest recorded = simulator.requests(WiroSimulator.RUN).get(0);
    assertThat(recorded.body()).isEqualTo(form);
    assertThat(recorded.param("seed")).isEqualTo("42");
  }

  private static String part(String boundary, String name, String value) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  }

  @Test
  void readsAJsonBodySentAsMultipartWithoutBoundaryAsTheSeedCurlDoes() {
    WiroSimulator simulator = fast();

    HttpResponse<String> response = WiroCalls.defaults(simulator).postRaw(RUN_FLUX, "multipart/form-data",
        Http.JSON.writeValueAsString(inputs("a lion", "1", 64)));

    assertThat(Http.json(response).get("result").booleanValue()).isTrue();
  }

  @Test
  void answersUnknownToolWithSlugOwnerProjectNotExist() {
    WiroSimulator simulator = fast();

    JsonNode reply = WiroCalls.defaults(simulator).postOk("Run/acme/nothing", inputs("a", "1", 64));

    assertError(reply, 1, "slug-owner-project-not-exist");
  }

  @Test
  void runsARegisteredGenericToolToAPng() {
    WiroSimulator simulator = start(WiroSimulator.builder().tool("acme/echo")
        .queueTime(Duration.ZERO).runTime(Duration.ZERO));
    WiroCalls calls = WiroCalls.defaults(simulator);
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("anything", "goes");

    String id = calls.postOk("Run/acme/echo", body).get("taskid").stringValue();
    awaitStatus(simulator, id, "task_postprocess_end");
    JsonNode task = detail(calls, id);

    assertThat(task.get("pexit").stringValue()).isEqualTo("0");
    assertThat(Http.image(Http.get(URI.create(task.get("outputs").get(0).get("url").stringValue())).body())
        .getWidth()).isEqualTo(256);
    assertThat(simulator.requests("Run/acme/echo")).hasSize(1);
  }

  @Test
  void answersUnknownPathWith404ErrorParsingUrl() {
    WiroSimulator simulator = fast();

    HttpResponse<String> response = WiroCalls.defaults(simulator).post("Task/Delete", taskId("1"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertError(Http.json(response), 0, "Error parsing url.");
  }

  @Test
  void describesTheFluxLoraToolWithTheSeedsLoraCatalog() {
    WiroSimulator simulator = fast();
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("slugowner", "wiro");
    body.put("slugproject", "text-to-image-flux-lora-fast");

    JsonNode reply = WiroCalls.defaults(simulator).postOk(WiroSimulator.TOOL_DETAIL, body);
    JsonNode items = reply.get("tool").get(0).get("parameters").get(0).get("items");

    assertThat(reply.get("result").booleanValue()).isTrue();
    assertThat(items.findValuesAsString("id")).contains("selectedLoraModel", "prompt", "steps", "scale",
        "samples", "seed", "width", "height");
    JsonNode lora = items.get(0);
    assertThat(lora.get("default").stringValue()).isEqualTo("655");
    assertThat(lora.get("options").valueStream().map(option -> option.get("value").stringValue()))
        .containsExactly("678", "1239", "1236", "1328", "1214");
    assertThat(lora.get("options").get(2).get("triggerwords"))
        .isEqualTo(Http.json("[\"vintage comic book cover\",\"1950s pulp art style\"]"));
    assertThat(lora.get("options").get(3).get("label").stringValue()).isEqualTo("ChronoKnight/WPAP-ART-Style");
    JsonNode prompt = items.get(3);
    assertThat(prompt.get("id").stringValue()).isEqualTo("prompt");
    assertThat(prompt.get("required").booleanValue()).isTrue();
    assertError(WiroCalls.defaults(simulator).postOk(WiroSimulator.TOOL_DETAIL, Http.JSON.createObjectNode()), 0,
        "Request parameter [slugowner] required");
  }

  @Test
  void namesInputRangesMinMaxAndStepAndKeepsMinvalueForTheLoraSettings() {
    WiroSimulator simulator = fast();
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("slugowner", "wiro");
    body.put("slugproject", "text-to-image-flux-lora-fast");

    JsonNode items = WiroCalls.defaults(simulator).postOk(WiroSimulator.TOOL_DETAIL, body)
        .get("tool").get(0).get("parameters").get(0).get("items");

    JsonNode steps = items.get(4);
    assertThat(steps.get("id").stringValue()).isEqualTo("steps");
    assertThat(steps.get("min").isNumber()).isTrue();
    assertThat(steps.get("min").intValue()).isEqualTo(1);
    assertThat(steps.get("max").intValue()).isEqualTo(50);
    assertThat(steps.get("step").intValue()).isEqualTo(1);
    JsonNode scale = items.get(5);
    assertThat(scale.get("id").stringValue()).isEqualTo("scale");
    assertThat(scale.get("min").doubleValue()).isEqualTo(0.0);
    assertThat(scale.get("max").doubleValue()).isEqualTo(20.0);
    assertThat(scale.get("step").doubleValue()).isEqualTo(0.1);
    assertThat(items.get(8).get("max").intValue()).isEqualTo(2048);
    assertThat(items.findValues("minvalue")).hasSize(5);
    assertThat(items.valueStream().filter(item -> item.has("minvalue") || item.has("maxvalue"))).isEmpty();
    JsonNode setting = items.get(0).get("options").get(0).get("generatesettings").get(0);
    assertThat(setting.get("minvalue").stringValue()).isEqualTo("0.00");
    assertThat(setting.get("maxvalue").stringValue()).isEqualTo("1");
  }

  // --- cancel and kill ------------------------------------------------------------------------

  @Test
  void cancelsAQueuedTaskButRefusesToKillIt() {
    WiroSimulator simulator = start(WiroSimulator.builder().queueTime(Duration.ofSeconds(30)));
    WiroCalls calls = WiroCalls.defaults(simulator);
    String id = run(calls, inputs("queued", "1", 64)).get("taskid").stringValue();

    JsonNode kill = calls.postOk(WiroSimulator.TASK_KILL, taskId(id));
    JsonNode cancel = calls.postOk(WiroSimulator.TASK_CANCEL, taskId(id));
    JsonNode cancelAgain = calls.postOk(WiroSimulator.TASK_CANCEL, taskId(id));

    assertError(kill, 1, "Task could not be killed: the task is queued and not running; cancel it.");
    assertThat(cancel.get("result").booleanValue()).isTrue();
    assertThat(cancel.get("tasklist").get(0).get("status").stringValue()).isEqualTo("task_cancel");
    assertThat(cancel.get("tasklist").get(0).get("canceltime").stringValue()).matches("[1-9]\\d*");
    assertError(cancelAgain, 1, "Task is not in a cancellable state.");
    assertThat(simulator.status(id)).hasValue("task_cancel");
    assertError(calls.postOk(WiroSimulator.TASK_CANCEL, taskId("1")), 1, "There is no task yet.");
  }

  @Test
  void killsARunningTaskByTokenButRefusesToCancelIt() {
    WiroSimulator simulator = start(WiroSimulator.builder()
        .queueTime(Duration.ZERO).runTime(Duration.ofSeconds(30)));
    WiroCalls calls = WiroCalls.defaults(simulator);
    JsonNode running = run(calls, inputs("running", "1", 64));
    String id = running.get("taskid").stringValue();
    awaitStatus(simulator, id, "task_accept");
    ObjectNode byToken = Http.JSON.createObjectNode();
    byToken.put("socketaccesstoken", running.get("socketaccesstoken").stringValue());

    JsonNode cancel = calls.postOk(WiroSimulator.TASK_CANCEL, taskId(id));
    JsonNode kill = calls.postOk(WiroSimulator.TASK_KILL, byToken);
    JsonNode killAgain = calls.postOk(WiroSimulator.TASK_KILL, taskId(id));

    assertError(cancel, 1, "Task is not in a cancellable state.");
    assertThat(kill.get("result").booleanValue()).isTrue();
    assertThat(kill.get("tasklist").get(0).get("status").stringValue()).isEqualTo("task_cancel");
    assertError(killAgain, 1, "Task could not be killed: the task has already ended.");
    assertThat(simulator.status(id)).hasValue("task_cancel");
    assertThat(simulator.calls(WiroSimulator.TASK_KILL, id)).isEqualTo(2);
  }

  // --- failure and business knobs -------------------------------------------------------------

  @Test
  void failingTaskEndsWithNonZeroPexitAndDebugError() {
    WiroSimulator simulator = start(WiroSimulator.builder()
        .queueTime(Duration.ofMillis(800)).runTime(Duration.ofMillis(100)).failureRate(1.0));
    WiroCalls calls = WiroCalls.defaults(simulator);
    JsonNode reply = run(calls, inputs("a lion", "1", 64));
    String id = reply.get("taskid").stringValue();
    WiroCalls.Subscription socket =
        WiroCalls.Subscription.open(simulator.socketUrl(), reply.get("socketaccesstoken").stringValue());

    socket.awaitClose();
    JsonNode task = detail(calls, id);

    assertThat(socket.types()).contains("task_error", "task_error_full").endsWith("task_postprocess_end");
    assertThat(task.get("status").stringValue()).isEqualTo("task_postprocess_end");
    assertThat(task.get("pexit").stringValue()).isEqualTo("1");
    assertThat(task.get("debugerror").stringValue()).contains("simulated failure");
    assertThat(task.get("outputs").isEmpty()).isTrue();
    assertThat(task.get("totalcost").stringValue()).isEqualTo("0");
  }

  @Test
  void aStderrLineIsAFrameThatNeverMakesTaskDetailReportTaskError() {
    WiroSimulator simulator = start(WiroSimulator.builder()
        .queueTime(Duration.ZERO).runTime(Duration.ofMillis(1200)).failureRate(1.0));
    String id = run(WiroCalls.defaults(simulator), inputs("a lion", "1", 64)).get("taskid").stringValue();
    List<String> afterTheLine = new ArrayList<>();

    Await.until("the failing task to end", DEADLINE, () -> {
      JsonNode task = simulator.task(id).orElseThrow();
      String status = task.get("status").stringValue();
      if (!task.get("debugerror").stringValue().isEmpty()) {
        afterTheLine.add(status);
      }
      return status.equals("task_postprocess_end");
    });

    assertThat(afterTheLine).isNotEmpty().doesNotContain("task_error").endsWith("task_postprocess_end");
    assertThat(simulator.task(id).orElseThrow().get("debugerror").stringValue())
        .isEqualTo("RuntimeError: CUDA out of memory (simulated failure)");
  }

  @Test
  void aTaskThatFailsBeforeItRunsEndsInTaskErrorAndItsSocketClosesNormally() {
    WiroSimulator simulator = start(WiroSimulator.builder()
        .queueTime(Duration.ofMillis(800)).runTime(Duration.ofMillis(100)).preExecutionFailureRate(1.0));
    WiroCalls calls = WiroCalls.defaults(simulator);
    JsonNode reply = run(calls, inputs("a lion", "1", 64));
    String id = reply.get("taskid").stringValue();
    WiroCalls.Subscription socket =
        WiroCalls.Subscription.open(simulator.socketUrl(), reply.get("socketaccesstoken").stringValue());

    int closeCode = socket.awaitClose();
    JsonNode task = detail(calls, id);

    assertThat(closeCode).isEqualTo(1000);
    assertThat(socket.types()).containsExactly("task_queue", "task_error");
    assertThat(Http.json(socket.frames.get(1)).get("message").stringValue()).isEqualTo(WiroSimulator.PRE_EXECUTION_ERROR);
    assertThat(task.get("status").stringValue()).isEqualTo("task_error");
    assertThat(task.get("debugerror").stringValue()).isEqualTo(WiroSimulator.PRE_EXECUTION_ERROR);
    assertThat(task.get("starttime").stringValue()).isEqualTo("0");
    assertThat(task.get("endtime").stringValue()).isEqualTo("0");
    assertThat(task.get("accepttime").stringValue()).isEqualTo("0");
    assertThat(task.get("pexit").stringValue()).isEmpty();
    assertThat(task.get("outputs").isEmpty()).isTrue();
    assertThat(task.get("totalcost").stringValue()).isEqualTo("0");
    assertThat(task.get("debugoutput").stringValue()).isEmpty();
    assertError(calls.postOk(WiroSimulator.TASK_CANCEL, taskId(id)), 1, "Task is not in a cancellable state.");
    assertError(calls.postOk(WiroSimulator.TASK_KILL, taskId(id)), 1,
        "Task could not be killed: the task has already ended.");
    assertThat(simulator.status(id)).hasValue("task_error");

    WiroCalls.Subscription late =
        WiroCalls.Subscription.open(simulator.socketUrl(), reply.get("socketaccesstoken").stringValue());
    assertThat(late.awaitClose()).isEqualTo(1000);
    assertThat(late.types()).containsExactly("task_error");
  }

  @Test
  void whichTasksFailBeforeTheyRunIsDrawnFromTheSeedAndTheCreationOrder() {
    List<List<String>> statuses = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      WiroSimulator simulator = start(WiroSimulator.builder().seed(11)
          .queueTime(Duration.ZERO).runTime(Duration.ZERO).preExecutionFailureRate(0.5));
      WiroCalls calls = WiroCalls.defaults(simulator);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        ids.add(run(calls, inputs("a lion " + i, "1", 64)).get("taskid").stringValue());
      }
      for (String id : ids) {
        Await.until("task " + id + " to end", DEADLINE, () -> simulator.status(id)
            .filter(s -> s.equals("task_error") || s.equals("task_postprocess_end")).isPresent());
      }
      statuses.add(ids.stream().map(id -> simulator.status(id).orElseThrow()).toList());
    }

    assertThat(statuses.get(1)).isEqualTo(statuses.get(0));
    assertThat(statuses.get(0)).contains("task_error", "task_postprocess_end");
  }

  @Test
  void rejectsRunsWithTheConfiguredBusinessCodeUntilSwitchedOff() {
    WiroSimulator simulator = start(WiroSimulator.builder().rejectRuns(97, 1.0));
    WiroCalls calls = WiroCalls.defaults(simulator);

    assertError(calls.postOk(RUN_FLUX, inputs("a", "1", 64)), 97, "Insufficient balance");
    simulator.acceptRuns();
    JsonNode accepted = calls.postOk(RUN_FLUX, inputs("a", "1", 64));

    assertThat(accepted.get("result").booleanValue()).isTrue();
    assertThat(simulator.taskIds()).containsExactly(accepted.get("taskid").stringValue());
    assertThat(simulator.requests(WiroSimulator.RUN)).hasSize(2);
  }

  @Test
  void answersCode96WhileTheConcurrencyLimitIsReached() {
    WiroSimulator simulator = start(WiroSimulator.builder().concurrencyLimit(1)
        .queueTime(Duration.ofSeconds(30)));
    WiroCalls calls = WiroCalls.defaults(simulator);
    String first = run(calls, inputs("a", "1", 64)).get("taskid").stringValue();

    JsonNode limited = calls.postOk(RUN_FLUX, inputs("b", "1", 64));
    calls.postOk(WiroSimulator.TASK_CANCEL, taskId(first));
    JsonNode afterCancel = calls.postOk(RUN_FLUX, inputs("c", "1", 64));

    assertThat(limited.get("errors").get(0).get("code").intValue()).isEqualTo(96);
    assertThat(limited.get("errors").get(0).get("message").stringValue()).contains("concurrent task limit");
    assertThat(afterCancel.get("result").booleanValue()).isTrue();
  }

  @Test
  void dropsRunsByFaultPlanWithoutCreatingTasksButRecordsThem() {
    WiroSimulator simulator = start(WiroSimulator.builder().faults(FaultPlan.builder()
        .forEndpoint(WiroSimulator.RUN, EndpointFaults.builder().drops(1.0).build())
        .forEndpoint(WiroSimulator.TASK_DETAIL, EndpointFaults.builder()
            .rateLimits(1.0, Duration.ofSeconds(2)).build())
        .build()));
    WiroCalls calls = WiroCalls.defaults(simulator);

    assertThatThrownBy(() -> calls.post(RUN_FLUX, inputs("a", "1", 64))).isInstanceOf(UncheckedIOException.class);
    HttpResponse<String> limited = calls.post(WiroSimulator.TASK_DETAIL, taskId("1"));

    assertThat(simulator.taskIds()).isEmpty();
    assertThat(simulator.requests(WiroSimulator.RUN)).singleElement()
        .satisfies(request -> assertThat(request.header("x-api-key")).isEqualTo(WiroSimulator.DEFAULT_API_KEY))
        .extracting(RecordedRequest::fault).isEqualTo(FaultKind.DROPPED_CONNECTION);
    assertThat(simulator.faultCount(WiroSimulator.RUN, FaultKind.DROPPED_CONNECTION)).isEqualTo(1);
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
    assertThat(Http.json(limited).get("result").booleanValue()).isFalse();
  }

  // --- WebSocket ------------------------------------------------------------------------------

  @Test
  void pushesOneFramePerStatusChangeInOrderEndingWithPostprocessEnd() {
    WiroSimulator simulator = start(WiroSimulator.builder()
        .queueTime(Duration.ofMillis(800)).runTime(Duration.ofMillis(200)));
    WiroCalls calls = WiroCalls.defaults(simulator);
    JsonNode reply = run(calls, inputs("a lion", "1", 64));
    String id = reply.get("taskid").stringValue();
    String token = reply.get("socketaccesstoken").stringValue();

    WiroCalls.Subscription socket = WiroCalls.Subscription.open(simulator.socketUrl(), token);
    int closeCode = socket.awaitClose();
    JsonNode task = detail(calls, id);

    assertThat(closeCode).isEqualTo(1000);
    assertThat(socket.types()).isEqualTo(SUCCESS_FRAMES);
    for (String text : socket.frames) {
      JsonNode frame = Http.json(text);
      assertThat(frame.get("id").stringValue()).isEqualTo(id);
      assertThat(frame.get("tasktoken").stringValue()).isEqualTo(token);
      assertThat(frame.get("result").booleanValue()).isTrue();
    }
    JsonNode progress = Http.json(socket.frames.get(7)).get("message");
    assertThat(progress.get("percentage").stringValue()).isEqualTo("50");
    assertThat(progress.get("stepCurrent").stringValue()).isEqualTo("10");
    assertThat(progress.get("stepTotal").stringValue()).isEqualTo("20");
    JsonNode progressText = Http.json(socket.frames.get(8)).get("message");
    assertThat(Http.json(progressText.stringValue()).get("percentage").stringValue()).isEqualTo("100");
    assertThat(Http.json(socket.frames.get(12)).get("message")).isEqualTo(task.get("outputs"));
    assertThat(simulator.calls(WiroSimulator.SOCKET, id)).isEqualTo(1);
    assertThat(simulator.calls(WiroSimulator.TASK_DETAIL, id)).isEqualTo(1);
    assertThat(simulator.requests(WiroSimulator.SOCKET).get(0).param("tasktoken")).isEqualTo(token);
  }

  @Test
  void shapesFrameMessagesAsWirosWebsocketDocumentationDoes() {
    WiroSimulator simulator = start(WiroSimulator.builder()
        .queueTime(Duration.ofMillis(800)).runTime(Duration.ofMillis(200)));
    JsonNode reply = run(WiroCalls.defaults(simulator), inputs("a lion", "1", 64));

    WiroCalls.Subscription socket =
        WiroCalls.Subscription.open(simulator.socketUrl(), reply.get("socketaccesstoken").stringValue());
    socket.awaitClose();

    assertThat(socket.types()).isEqualTo(SUCCESS_FRAMES);
    for (int lifecycle : List.of(0, 1, 2, 3, 4, 5, 10, 11)) {
      JsonNode frame = Http.json(socket.frames.get(lifecycle));
      assertThat(frame.has("message")).as(frame.toString()).isTrue();
      assertThat(frame.get("message").isNull()).as(frame.toString()).isTrue();
    }
    assertThat(Http.json(socket.frames.get(6)).get("message").stringValue()).isEqualTo("Loading model weights and LoRA");
    assertThat(Http.json(socket.frames.get(9)).get("message"))
        .isEqualTo(Http.json("{\"raw\":\"Loading model weights and LoRA\"}"));
  }

  @Test
  void sendsTheAccumulatedStderrOfAFailingTaskAsARawLog() {
    WiroSimulator simulator = start(WiroSimulator.builder()
        .queueTime(Duration.ofMillis(800)).runTime(Duration.ofMillis(100)).failureRate(1.0));
    JsonNode reply = run(WiroCalls.defaults(simulator), inputs("a lion", "1", 64));

    WiroCalls.Subscription socket =
        WiroCalls.Subscription.open(simulator.socketUrl(), reply.get("socketaccesstoken").stringValue());
    socket.awaitClose();

    List<JsonNode> frames = socket.frames.stream().map(Http::json).toList();
    assertThat(frames).filteredOn(f -> f.get("type").stringValue().equals("task_error"))
        .singleElement()
        .satisfies(f -> assertThat(f.get("message").stringValue())
            .isEqualTo("RuntimeError: CUDA out of memory (simulated failure)"));
    assertThat(frames).filteredOn(f -> f.get("type").stringValue().equals("task_error_full"))
        .singleElement()
        .satisfies(f -> assertThat(f.get("message"))
            .isEqualTo(Http.json("{\"raw\":\"RuntimeError: CUDA out of memory (simulated failure)\"}")));
  }

  @Test
  void sendsTheCurrentStatusAtOnceToALateSubscriberAndClosesAfterTheTerminalFrame() {
    WiroSimulator simulator = fast();
    WiroCalls calls = WiroCalls.defaults(simulator);
    JsonNode reply = run(calls, inputs("a lion", "1", 64));
    awaitStatus(simulator, reply.get("taskid").stringValue(), "task_postprocess_end");

    WiroCalls.Subscription socket =
        WiroCalls.Subscription.open(simulator.socketUrl(), reply.get("socketaccesstoken").stringValue());

    assertThat(socket.awaitClose()).isEqualTo(1000);
    assertThat(socket.types()).containsExactly("task_postprocess_end");
  }

  @Test
  void pushesTaskCancelAndClosesWhenAQueuedTaskIsCanceled() {
    WiroSimulator simulator = start(WiroSimulator.builder().queueTime(Duration.ofSeconds(30)));
    WiroCalls calls = WiroCalls.defaults(simulator);
    JsonNode reply = run(calls, inputs("a lion", "1", 64));
    String id = reply.get("taskid").stringValue();
    WiroCalls.Subscription socket =
        WiroCalls.Subscription.open(simulator.socketUrl(), reply.get("socketaccesstoken").stringValue());
    Await.until("the socket registration", DEADLINE, () -> simulator.calls(WiroSimulator.SOCKET, id) == 1);

    calls.postOk(WiroSimulator.TASK_CANCEL, taskId(id));

    assertThat(socket.awaitClose()).isEqualTo(1000);
    assertThat(socket.types()).containsExactly("task_queue", "task_cancel");
  }

  @Test
  void closesTheSocketEarlyAfterTheConfiguredNumberOfFrames() {
    WiroSimulator simulator = start(WiroSimulator.builder().closeSocketsAfter(3)
        .queueTime(Duration.ofMillis(800)).runTime(Duration.ofMillis(200)));
    WiroCalls calls = WiroCalls.defaults(simulator);
    JsonNode reply = run(calls, inputs("a lion", "1", 64));
    String id = reply.get("taskid").stringValue();

    WiroCalls.Subscription socket =
        WiroCalls.Subscription.open(simulator.socketUrl(), reply.get("socketaccesstoken").stringValue());
    int closeCode = socket.awaitClose();
    awaitStatus(simulator, id, "task_postprocess_end");

    assertThat(closeCode).isEqualTo(1001);
    assertThat(socket.frames).hasSize(3);
    assertThat(socket.types()).doesNotContain("task_postprocess_end");
    assertThat(detail(calls, id).get("pexit").stringValue()).isEqualTo("0");

    simulator.keepSocketsOpen();
    WiroCalls.Subscription again =
        WiroCalls.Subscription.open(simulator.socketUrl(), reply.get("socketaccesstoken").stringValue());
    assertThat(again.awaitClose()).isEqualTo(1000);
    assertThat(again.types()).containsExactly("task_postprocess_end");
  }

  @Test
  void answersAnUnknownTokenWithAnErrorFrameAndClose() {
    WiroSimulator simulator = fast();

    WiroCalls.Subscription socket = WiroCalls.Subscription.open(simulator.socketUrl(), "no-such-token");

    assertThat(socket.awaitClose()).isEqualTo(1008);
    assertThat(socket.frames).singleElement().satisfies(frame -> {
      JsonNode json = Http.json(frame);
      assertThat(json.get("result").booleanValue()).isFalse();
      assertThat(json.get("message").stringValue()).isEqualTo("There is no task yet.");
    });
  }

  // --- builder and life cycle -----------------------------------------------------------------

  @Test
  void exposesBaseAndSocketUrlsUnderV1() {
    WiroSimulator simulator = fast();
    int port = simulator.baseUrl().getPort();

    assertThat(simulator.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:" + port + "/v1"));
    assertThat(simulator.socketUrl()).isEqualTo(URI.create("ws://127.0.0.1:" + port + "/v1"));
  }

  @Test
  void builderRejectsBadValuesNamingThem() {
    assertThatThrownBy(() -> WiroSimulator.builder().queueTime(Duration.ofMillis(-5)))
        .hasMessage("queueTime must not be negative, was PT-0.005S");
    assertThatThrownBy(() -> WiroSimulator.builder().tool("echo")).hasMessage("tool must be 'owner/tool', was 'echo'");
    assertThatThrownBy(() -> WiroSimulator.builder().rejectRuns(95, 1.0)).hasMessage("code must be 96, 97 or 98, was 95");
    assertThatThrownBy(() -> WiroSimulator.builder().rejectRuns(96, 2.0))
        .hasMessage("share must be between 0.0 and 1.0, was 2.0");
    assertThatThrownBy(() -> WiroSimulator.builder().closeSocketsAfter(-1))
        .hasMessage("frames must not be negative, was -1");
    assertThatThrownBy(() -> WiroSimulator.builder().preExecutionFailureRate(1.5))
        .hasMessage("preExecutionFailureRate must be between 0.0 and 1.0, was 1.5");
    assertThatThrownBy(() -> WiroSimulator.builder().concurrencyLimit(0))
        .hasMessage("concurrencyLimit must be at least 1, was 0");
    assertThatThrownBy(() -> WiroSimulator.builder().keyOnlyProject("k").signatureProject("k", "s"))
        .hasMessage("a project with this apiKey is already configured");
  }
}
