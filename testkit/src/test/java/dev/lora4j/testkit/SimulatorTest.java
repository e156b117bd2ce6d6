package dev.lora4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provider-neutral face of the simulators: {@link Simulators} starts one by provider name and
 * its {@link Simulator#clientSettings()} point a client at it with credentials it accepts, checked
 * with plain JDK HTTP calls built only from those settings.
 */
class SimulatorTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);

  private final List<Simulator> simulators = new ArrayList<>();

  @AfterEach
  void closeSimulators() {
    simulators.forEach(Simulator::close);
  }

  static List<String> providers() {
    return Simulators.providers();
  }

  private Simulator start(String provider) {
    Simulator simulator = Simulators.start(provider).orElseThrow();
    simulators.add(simulator);
    return simulator;
  }

  /** Creates a task with nothing but the client settings, as a client configured by them would. */
  private static HttpResponse<String> createTask(Map<String, String> settings) {
    String baseUrl = settings.get("baseUrl");
    if (settings.get("provider").equals("xalora")) {
      String[] credential = settings.get("apiKey").split("#", 2);
      ObjectNode body = XaloraSimulatorTest.txt2img("a gecko", 1, 64, 64);
      body.put("consumer_id", credential[0]);
      body.put("api_key", credential[1]);
      return Http.postJson(URI.create(baseUrl + "/" + XaloraSimulator.TASK_CREATE), body);
    }
    return new WiroCalls(URI.create(baseUrl), settings.get("apiKey"), settings.get("apiSecret"))
        .post("Run/" + WiroSimulator.FLUX_LORA_FAST, WiroSimulatorTest.inputs("a gecko", "1", 64));
  }

  @Test
  void offersASimulatorForEachProviderInAStableOrder() {
    assertThat(Simulators.providers()).containsExactly("xalora", "wiro");
  }

  @ParameterizedTest
  @MethodSource("providers")
  void startsBoundToLoopbackWithSettingsThatNameTheProviderAndItsBaseUrl(String provider) {
    Simulator simulator = start(provider);

    Map<String, String> settings = simulator.clientSettings();

    assertThat(simulator.provider()).isEqualTo(provider);
    assertThat(settings.keySet()).startsWith("provider", "baseUrl").contains("apiKey");
    assertThat(settings.get("provider")).isEqualTo(provider);
    URI baseUrl = URI.create(settings.get("baseUrl"));
    assertThat(baseUrl).isEqualTo(simulator.baseUrl());
    assertThat(baseUrl.getScheme()).isEqualTo("http");
    assertThat(baseUrl.getHost()).isEqualTo("127.0.0.1");
    assertThat(baseUrl.getPort()).isPositive();
  }

  @ParameterizedTest
  @MethodSource("providers")
  void acceptsTheCredentialsOfItsClientSettingsOverRealHttpAndRecordsTheCall(String provider) {
    Simulator simulator = start(provider);

    HttpResponse<String> response = createTask(simulator.clientSettings());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(simulator.requests()).hasSize(1);
    assertThat(simulator.requests().get(0).method()).isEqualTo("POST");
    assertThat(simulator.taskIds()).hasSize(1);
    String id = simulator.taskIds().get(0);
    assertThat(simulator.status(id)).isPresent();
    assertThat(simulator.task(id)).isPresent();
    assertThat(simulator.calls(simulator.requests().get(0).endpoint(), id)).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void refusesConnectionsAfterCloseButStillAnswersInspection(String provider) {
    Simulator simulator = start(provider);
    Map<String, String> settings = simulator.clientSettings();
    assertThat(createTask(settings).statusCode()).isEqualTo(200);

    simulator.close();

    assertThatThrownBy(() -> createTask(settings)).isInstanceOf(UncheckedIOException.class);
    assertThat(simulator.requests()).as("inspection after close").hasSize(1);
    assertThatThrownBy(simulator::baseUrl).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(simulator::start).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void runsATaskToItsEndWithTheTimesSetThroughTheNeutralBuilder(String provider) {
    Simulator simulator = Simulators.builder(provider).orElseThrow()
        .queueTime(Duration.ZERO)
        .runTime(Duration.ZERO)
        .seed(7)
        .build()
        .start();
    simulators.add(simulator);

    assertThat(createTask(simulator.clientSettings()).statusCode()).isEqualTo(200);
    String id = simulator.taskIds().get(0);

    String done = provider.equals("xalora") ? "finished" : "task_postprocess_end";
    Await.until("the task to end", DEADLINE, () -> simulator.status(id).orElse("").equals(done));
    JsonNode task = simulator.task(id).orElseThrow();
    assertThat(task.path("status").asString()).isEqualTo(done);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void replacesAndReportsTheFaultPlanThroughTheInterface(String provider) {
    Simulator simulator = start(provider);
    FaultPlan plan = FaultPlan.builder().seed(3).all(EndpointFaults.builder().serverErrors(1.0).build()).build();

    simulator.faults(plan);
    HttpResponse<String> response = createTask(simulator.clientSettings());

    assertThat(simulator.faults()).isSameAs(plan);
    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(simulator.faultCount(FaultKind.SERVER_ERROR)).isEqualTo(1);
    assertThat(simulator.requests().get(0).fault()).isEqualTo(FaultKind.SERVER_ERROR);
    assertThat(simulator.taskIds()).isEmpty();
  }

  @Test
  void pointsAWiroClientAtTheStatusSocketAndTheSignatureSecret() {
    WiroSimulator simulator = (WiroSimulator) start("wiro");

    Map<String, String> settings = simulator.clientSettings();

    assertThat(settings).containsEntry("apiKey", WiroSimulator.DEFAULT_API_KEY)
        .containsEntry("apiSecret", WiroSimulator.DEFAULT_API_SECRET)
        .containsEntry("wiro.socketUrl", simulator.socketUrl().toString());
  }

  @Test
  void leavesTheSecretOutForAKeyOnlyWiroProject() {
    WiroSimulator simulator = WiroSimulator.builder().keyOnlyProject("only-key").signatureProject("k2", "s2")
        .build().start();
    simulators.add(simulator);

    assertThat(simulator.clientSettings()).containsEntry("apiKey", "only-key").doesNotContainKey("apiSecret");
  }

  @Test
  void givesXaloraItsFirstCredentialPairAsOneKey() {
    XaloraSimulator simulator = XaloraSimulator.builder().credentials("c1", "k1").credentials("c2", "k2")
        .build().start();
    simulators.add(simulator);

    assertThat(simulator.clientSettings()).containsExactly(entry("provider", "xalora"),
        entry("baseUrl", simulator.baseUrl().toString()), entry("apiKey", "c1#k1"));
  }

  @Test
  void findsProvidersWhateverTheirCaseAndNothingForAnUnknownOne() {
    assertThat(Simulators.builder(" WIRO ")).get().isInstanceOf(WiroSimulator.Builder.class);
    assertThat(Simulators.builder("Xalora")).get().isInstanceOf(XaloraSimulator.Builder.class);
    assertThat(Simulators.builder("nope")).isEmpty();
    assertThat(Simulators.start("nope")).isEmpty();
  }

  @Test
  void namesAnExampleLoraForEachSimulatedProviderOnly() {
    assertThat(Simulators.exampleLora("xalora")).contains("gecko");
    assertThat(Simulators.exampleLora(" Wiro ")).contains("1236");
    assertThat(Simulators.exampleLora("nope")).isEmpty();
    assertThat(Simulators.providers()).allSatisfy(p -> assertThat(Simulators.exampleLora(p)).isPresent());
  }
}
