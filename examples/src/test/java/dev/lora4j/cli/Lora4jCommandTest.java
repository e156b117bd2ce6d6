package dev.lora4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.testkit.XaloraSimulator;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code lora4j} command end to end, in-process, against the simulators. */
class Lora4jCommandTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  private XaloraSimulator sim;

  private Map<String, String> start(XaloraSimulator.Builder builder) {
    sim = builder.build().start();
    return Map.of(
        "XALORA_API_KEY", XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY,
        "XALORA_WORKFLOW_URL", sim.baseUrl().toString(),
        "LORA4J_PROVIDER", "xalora",
        "LORA4J_POLL_INTERVAL", "50ms");
  }

  private static XaloraSimulator.Builder quick() {
    return XaloraSimulator.builder().queueTime(Duration.ofMillis(50)).runTime(Duration.ofMillis(100));
  }

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  private static List<Path> pngs(Path folder) throws Exception {
    try (var files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".png")).toList();
    }
  }

  @Test
  void generateWithNoCredentialsRunsOnTheEmbeddedSimulatorAndSavesAPng() throws Exception {
    CliRun run = CliRun.run(Map.of("LORA4J_PROVIDER", "xalora"), "generate", "--out", dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("No XALORA_API_KEY set: using the embedded Xalora simulator at http://127.0.0.1:")
        .contains("WAITING (waiting)").contains("RUNNING (running)").contains("FINISHED (finished)");
    List<Path> images = pngs(dir);
    assertThat(images).hasSize(1);
    assertThat(run.out()).contains("Saved " + images.get(0));
    BufferedImage image = ImageIO.read(images.get(0).toFile());
    assertThat(image.getWidth()).isEqualTo(680);
    assertThat(image.getHeight()).isEqualTo(1024);
  }

  @Test
  void generateTwiceIntoTheSameFolderOnTheEmbeddedSimulatorLeavesTwoImages() throws Exception {
    CliRun first = CliRun.run(Map.of("LORA4J_PROVIDER", "xalora"), "generate", "--out", dir.toString());
    CliRun second = CliRun.run(Map.of("LORA4J_PROVIDER", "xalora"), "generate", "--out", dir.toString());

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    List<Path> images = pngs(dir);
    assertThat(images).hasSize(2);
    assertThat(first.out() + second.out()).contains("Saved " + images.get(0)).contains("Saved " + images.get(1));
    for (Path image : images) {
      assertThat(ImageIO.read(image.toFile()).getWidth()).isEqualTo(680);
    }
  }

  @Test
  void anExistingFileKeepsItsBytesAndTheImageTakesTheNextNumber() throws Exception {
    Map<String, String> env = start(quick());
    CliRun detached = CliRun.run(env, "generate", "a gecko", "--detach");
    assertThat(detached.exitCode()).as(detached.toString()).isZero();
    String handle = detached.out().strip();
    String id = sim.taskIds().get(0);
    Path taken = dir.resolve("xalora-" + id + "-0.png");
    Files.writeString(taken, "an image the user made earlier");

    CliRun watch = CliRun.run(env, "watch", handle, "--out", dir.toString());
    CliRun again = CliRun.run(env, "watch", handle, "--out", dir.toString());

    assertThat(watch.exitCode()).as(watch.toString()).isZero();
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(Files.readString(taken)).isEqualTo("an image the user made earlier");
    Path first = dir.resolve("xalora-" + id + "-0-1.png");
    Path second = dir.resolve("xalora-" + id + "-0-2.png");
    assertThat(watch.out()).contains("Saved " + first);
    assertThat(again.out()).contains("Saved " + second);
    assertThat(ImageIO.read(first.toFile()).getWidth()).isEqualTo(680);
    assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(taken.getFileName().toString(), first.getFileName().toString(),
              second.getFileName().toString());
    }
  }

  @Test
  void generateSendsTheSeedPromptAndTheOptionsAndSavesThatSize() throws Exception {
    Map<String, String> env = start(quick());

    CliRun run = CliRun.run(env, "generate", "--width", "320", "--height", "256", "--seed", "7", "--steps", "9",
        "--guidance", "3.5", "--out", dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    BufferedImage image = ImageIO.read(pngs(dir).get(0).toFile());
    assertThat(image.getWidth()).isEqualTo(320);
    assertThat(image.getHeight()).isEqualTo(256);
    JsonNode parameters = JsonMapper.builder().build()
        .readTree(sim.requests(XaloraSimulator.TASK_CREATE).get(0).body()).at("/task_details/parameters");
    assertThat(parameters.get("prompt").asString()).isEqualTo(Embedded.SEED_PROMPT);
    assertThat(parameters.get("lora_name").asString()).isEqualTo("gecko");
    assertThat(parameters.get("noise_seed").asLong()).isEqualTo(7);
    assertThat(parameters.get("steps").asInt()).isEqualTo(9);
    assertThat(parameters.get("guidance").asDouble()).isEqualTo(3.5);
  }

  @Test
  void aFailedTaskExitsWithTwo() {
    Map<String, String> env = start(quick().failureRate(1.0));

    CliRun run = CliRun.run(env, "generate", "a gecko", "--out", dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("FAILED (failed)").contains("Task " + sim.taskIds().get(0) + " failed");
  }

  @Test
  void aCanceledTaskExitsWithThree() {
    Map<String, String> env = start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(60)));
    CompletableFuture<CliRun> generate = CompletableFuture.supplyAsync(
        () -> CliRun.run(env, "generate", "a gecko", "--out", dir.toString()));
    awaitCondition(() -> !sim.taskIds().isEmpty());

    CliRun cancel = CliRun.run(env, "cancel", "lora4j:xalora:" + sim.taskIds().get(0));
    CliRun run = generate.join();

    assertThat(cancel.exitCode()).as(cancel.toString()).isZero();
    assertThat(cancel.err()).contains("Canceled task " + sim.taskIds().get(0));
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.err()).contains("CANCELED (canceled)");
  }

  @Test
  void aTimeoutCancelsTheTaskAndExitsWithFour() {
    Map<String, String> env = start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(60)));

    CliRun run = CliRun.run(env, "generate", "a gecko", "--timeout", "300ms", "--out", dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
    assertThat(run.err()).contains("lora4j: task " + sim.taskIds().get(0) + " on xalora did not finish within PT0.3S")
        .contains("(last status WAITING); it was canceled");
    assertThat(sim.status(sim.taskIds().get(0))).hasValue("canceled");
  }

  @Test
  void detachThenStatusAndWatchFromTheHandleInAnotherRun() throws Exception {
    // queued long enough for the status query in the second run to find the task still waiting
    Map<String, String> env = start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(3)).runTime(Duration.ofMillis(300)));

    CliRun detached = CliRun.run(env, "generate", "a gecko", "--detach");
    assertThat(detached.exitCode()).as(detached.toString()).isZero();
    String handle = detached.out().strip();
    assertThat(handle).isEqualTo("lora4j:xalora:" + sim.taskIds().get(0));

    CliRun status = CliRun.run(env, "status", handle);
    assertThat(status.exitCode()).as(status.toString()).isZero();
    assertThat(status.out()).isEqualTo("WAITING (waiting), queue position 1%n".formatted());

    CliRun watch = CliRun.run(env, "watch", handle, "--out", dir.toString());
    assertThat(watch.exitCode()).as(watch.toString()).isZero();
    assertThat(watch.err()).contains("FINISHED (finished)");
    assertThat(pngs(dir)).hasSize(1);
    assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).hasSize(1);
  }

  @Test
  void jsonPrintsOneParsableObjectPerEvent() {
    Map<String, String> env = start(quick());

    CliRun run = CliRun.run(env, "generate", "a gecko", "--json", "--out", dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonMapper json = JsonMapper.builder().build();
    List<JsonNode> events = run.out().lines().map(json::readTree).toList();
    assertThat(events).extracting(e -> e.get("event").asString())
        .startsWith("submitted").endsWith("saved").contains("update");
    assertThat(events.stream().filter(e -> e.get("event").asString().equals("update"))
        .map(e -> e.get("status").asString()).toList()).endsWith("FINISHED");
    JsonNode saved = events.get(events.size() - 1);
    assertThat(Path.of(saved.get("path").asString())).exists();
    assertThat(saved.get("bytes").asLong()).isPositive();
  }

  @Test
  void jsonUpdatesCarryTheQueueAndRunTimesKnownSoFar() {
    Map<String, String> env = start(XaloraSimulator.builder().queueTime(Duration.ofMillis(300))
        .runTime(Duration.ofMillis(400)));

    CliRun run = CliRun.run(env, "generate", "a gecko", "--json", "--out", dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonMapper json = JsonMapper.builder().build();
    List<JsonNode> updates = run.out().lines().map(json::readTree)
        .filter(e -> e.get("event").asString().equals("update")).toList();
    assertThat(updates).extracting(u -> u.get("status").asString()).contains("WAITING", "RUNNING").endsWith("FINISHED");
    assertThat(updates).allSatisfy(u -> assertThat(u.has("queueMs")).as("queueMs in %s", u).isTrue());
    assertThat(updates).filteredOn(u -> u.get("status").asString().equals("WAITING"))
        .allSatisfy(u -> assertThat(u.has("runMs")).as("no runMs while waiting: %s", u).isFalse());
    assertThat(updates).filteredOn(u -> !u.get("status").asString().equals("WAITING"))
        .allSatisfy(u -> assertThat(u.has("runMs")).as("runMs once running: %s", u).isTrue());
    List<Long> queue = updates.stream().map(u -> u.get("queueMs").asLong()).toList();
    assertThat(queue).isSorted();
    JsonNode end = updates.get(updates.size() - 1);
    JsonNode firstRunning = updates.stream().filter(u -> u.get("status").asString().equals("RUNNING")).findFirst()
        .orElseThrow();
    // the queue time stops at the first RUNNING update; the simulator queued the task 300 ms and ran it 400 ms,
    // seen by polls 50 ms apart
    assertThat(end.get("queueMs").asLong()).isEqualTo(firstRunning.get("queueMs").asLong()).isGreaterThanOrEqualTo(250);
    assertThat(end.get("runMs").asLong()).isGreaterThanOrEqualTo(300);
  }

  @Test
  void verbosePrintsTheTimingsAtTheEndOfARunOnTheEmbeddedSimulator() throws Exception {
    CliRun run = CliRun.run(Map.of("LORA4J_PROVIDER", "xalora"), "generate", "a gecko", "--verbose",
        "--out", dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(pngs(dir)).hasSize(1);
    List<String> lines = run.err().lines().toList();
    assertThat(lines).last().asString()
        .matches("Timings of task [^:]+: queued \\d+\\.\\d{3}s, ran \\d+\\.\\d{3}s, \\d+\\.\\ds in all");

    CliRun quiet = CliRun.run(Map.of("LORA4J_PROVIDER", "xalora"), "generate", "a gecko", "--out", dir.toString());
    assertThat(quiet.err()).as("only with --verbose").doesNotContain("Timings");
  }

  @Test
  void quietPrintsOnlyThePath() throws Exception {
    Map<String, String> env = start(quick());

    CliRun run = CliRun.run(env, "generate", "a gecko", "--quiet", "--out", dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out().strip()).isEqualTo(pngs(dir).get(0).toString());
    assertThat(run.err()).isEmpty();
  }

  @Test
  void badArgumentsExitWithOneAndAOneLineMessage() {
    CliRun width = CliRun.run(Map.of(), "generate", "--width", "5000", "--provider", "xalora");
    assertThat(width.exitCode()).isEqualTo(1);
    assertThat(width.err()).contains("lora4j: width must be between 64 and 2048, was 5000").doesNotContain("Exception");

    CliRun notANumber = CliRun.run(Map.of(), "generate", "--width", "wide");
    assertThat(notANumber.exitCode()).isEqualTo(1);
    assertThat(notANumber.err()).contains("lora4j: Invalid value for option '--width': 'wide' is not an int");

    CliRun duration = CliRun.run(Map.of(), "generate", "--timeout", "soon");
    assertThat(duration.exitCode()).isEqualTo(1);
    assertThat(duration.err()).contains("'soon'");

    CliRun provider = CliRun.run(Map.of(), "generate", "--provider", "nope");
    assertThat(provider.exitCode()).isEqualTo(1);
    assertThat(provider.err())
        .contains("lora4j: provider 'nope' (named by option provider) is not on the class path; providers found: wiro, xalora");

    CliRun handle = CliRun.run(Map.of(), "status", "9034a6ca80");
    assertThat(handle.exitCode()).isEqualTo(1);
    assertThat(handle.err()).contains("not a task handle");

    CliRun unknown = CliRun.run(Map.of(), "frobnicate");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("lora4j: Unmatched argument").contains("Try 'lora4j --help' for usage.");

    CliRun none = CliRun.run(Map.of());
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err()).isEqualTo("lora4j: a command is required, such as generate%nTry 'lora4j --help' for usage.%n".formatted());

    CliRun sub = CliRun.run(Map.of(), "watch");
    assertThat(sub.exitCode()).isEqualTo(1);
    assertThat(sub.err()).contains("Missing required parameter: 'HANDLE'").contains("Try 'lora4j watch --help' for usage.");
  }

  @Test
  void aMissingCredentialOrAnUnreachableHostExitsWithOneNamingTheCause() {
    CliRun missing = CliRun.run(Map.of(), "status", "lora4j:xalora:9034a6ca80");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("lora4j: missing or rejected credential: no Xalora credentials: set XALORA_API_KEY")
        .doesNotContain("\tat ");

    CliRun unreachable = CliRun.run(Map.of("XALORA_API_KEY", "c#k", "XALORA_WORKFLOW_URL", "http://127.0.0.1:1"),
        "generate", "a gecko");
    assertThat(unreachable.exitCode()).isEqualTo(1);
    assertThat(unreachable.err()).contains("lora4j: ").contains("127.0.0.1:1").doesNotContain("\tat ");

    CliRun verbose = CliRun.run(Map.of(), "status", "lora4j:xalora:9034a6ca80", "--verbose");
    assertThat(verbose.err()).contains("\tat ");
  }

  @Test
  void providersSaysWhichProviderWouldBeUsedAndWhy() {
    CliRun run = CliRun.run(Map.of(), "providers");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("wiro: WIRO_API_KEY not set").contains("xalora: XALORA_API_KEY not set")
        .contains("'generate' would use xalora (no provider's credentials are set; the first with an embedded simulator),"
            + " against its embedded simulator.");

    CliRun configured = CliRun.run(Map.of("WIRO_API_KEY", "k"), "providers");
    assertThat(configured.out()).contains("wiro: credentials set")
        .contains("'generate' would use wiro (the only provider whose credentials are configured).");

    CliRun named = CliRun.run(Map.of("LORA4J_PROVIDER", "wiro"), "providers");
    assertThat(named.out())
        .contains("'generate' would use wiro (named by environment variable LORA4J_PROVIDER), against its embedded simulator.");

    CliRun both = CliRun.run(Map.of("WIRO_API_KEY", "k", "XALORA_API_KEY", "c#k"), "generate");
    assertThat(both.exitCode()).isEqualTo(1);
    assertThat(both.err()).contains("the credentials of 2 providers are configured (wiro, xalora)").contains("LORA4J_PROVIDER");
  }

  @Test
  void simulatePrintsTheEnvironmentThatPointsAtTheSimulators() {
    CliRun run = CliRun.run(Map.of(), "simulate", "--port", "xalora=0", "--port", "wiro=0", "--for", "200ms");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("export XALORA_API_KEY=sim-consumer#sim-key")
        .containsPattern("export XALORA_WORKFLOW_URL=http://127\\.0\\.0\\.1:\\d+")
        .contains("export WIRO_API_KEY=sim-api-key").contains("export WIRO_API_SECRET=sim-api-secret")
        .containsPattern("export WIRO_BASE_URL=http://127\\.0\\.0\\.1:\\d+/v1")
        .containsPattern("export WIRO_SOCKET_URL=ws://127\\.0\\.0\\.1:\\d+/v1");
  }

  @Test
  void providersListsEverySettingAsTheProviderDescribesIt() {
    CliRun run = CliRun.run(Map.of("WIRO_TRACKING", "polling"), "providers");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("  wiro: WIRO_API_KEY not set; embedded simulator: yes")
        .contains("    --option apiKey (required, sensitive): the project's API key")
        .contains("        environment variable WIRO_API_KEY, system property lora4j.apiKey; not set")
        .contains("    --option wiro.tracking (optional): how tasks are followed")
        .contains("; default auto")
        .contains("        environment variable WIRO_TRACKING, system property lora4j.wiro.tracking;"
            + " set by environment variable WIRO_TRACKING")
        .contains("    --option wiro.socketUrl (optional): the status socket's URL, ws or wss; default wss://socket.wiro.ai/v1")
        .contains("  xalora: XALORA_API_KEY not set; embedded simulator: yes")
        .contains("    --option apiKey (required, sensitive): the account's credentials, in the form consumerId#apiKey")
        .contains("        environment variable XALORA_WORKFLOW_URL, system property lora4j.baseUrl; not set");
  }

  @Test
  void providersNeverPrintsASecretOnlyWhereItComesFrom() {
    CliRun run = CliRun.run(Map.of("WIRO_API_KEY", "key-visible-nowhere"), "providers",
        "--option", "apiSecret=secret-visible-nowhere");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out() + run.err()).doesNotContain("key-visible-nowhere").doesNotContain("secret-visible-nowhere");
    assertThat(run.out()).contains("  wiro: credentials set")
        .contains("environment variable WIRO_API_KEY, system property lora4j.apiKey; set by environment variable WIRO_API_KEY")
        .contains("environment variable WIRO_API_SECRET, system property lora4j.apiSecret; set by option apiSecret");
  }

  @Test
  void optionSetsAProviderSettingByItsName() throws Exception {
    CliRun run = CliRun.run(Map.of("LORA4J_PROVIDER", "wiro"), "generate", "--width", "256", "--height", "256",
        "--option", "wiro.tracking=polling", "--out", dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("No WIRO_API_KEY set: using the embedded Wiro simulator")
        .contains("FINISHED (task_postprocess_end)");
    assertThat(pngs(dir)).hasSize(1);
  }

  @Test
  void optionCredentialsConfigureTheProviderAndAreNeverEchoed() {
    Map<String, String> env = start(quick());
    Map<String, String> withoutKey = new java.util.HashMap<>(env);
    withoutKey.remove("XALORA_API_KEY");

    CliRun run = CliRun.run(withoutKey, "generate", "a gecko", "--detach",
        "--option", "apiKey=" + XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out().strip()).isEqualTo("lora4j:xalora:" + sim.taskIds().get(0));
    assertThat(run.err()).doesNotContain("embedded").doesNotContain(XaloraSimulator.DEFAULT_API_KEY);

    CliRun badUrl = CliRun.run(Map.of("LORA4J_PROVIDER", "xalora"), "generate", "--option", "baseUrl=not a url");
    assertThat(badUrl.exitCode()).isEqualTo(1);
    assertThat(badUrl.err()).contains("lora4j: --option baseUrl is not a valid baseUrl: 'not a url'");

    CliRun notAPair = CliRun.run(Map.of(), "status", "lora4j:xalora:9034a6ca80", "--option", "secret-visible-nowhere");
    assertThat(notAPair.exitCode()).isEqualTo(1);
    assertThat(notAPair.err()).contains("--option takes KEY=VALUE").doesNotContain("secret-visible-nowhere");
  }

  @Test
  void anUnknownOptionKeyListsTheProvidersSettings() {
    CliRun run = CliRun.run(Map.of(), "status", "lora4j:xalora:9034a6ca80", "--option", "tracking=polling");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("lora4j: unknown setting 'tracking' for provider xalora; its settings are apiKey, baseUrl"
        + " (see 'lora4j providers')");

    CliRun wiroOnXalora = CliRun.run(Map.of(), "watch", "lora4j:xalora:9034a6ca80", "--option", "wiro.tracking=polling");
    assertThat(wiroOnXalora.exitCode()).isEqualTo(1);
    assertThat(wiroOnXalora.err()).contains("unknown setting 'wiro.tracking' for provider xalora");

    CliRun providers = CliRun.run(Map.of(), "providers", "--option", "colour=blue");
    assertThat(providers.exitCode()).isEqualTo(1);
    assertThat(providers.err()).contains("unknown setting 'colour'; the providers' settings are apiKey, apiSecret, baseUrl,"
        + " wiro.socketUrl, wiro.tracking");
  }

  @Test
  void missingCredentialsAreNamedFromTheDescription() {
    CliRun wiro = CliRun.run(Map.of(), "cancel", "lora4j:wiro:2221");
    assertThat(wiro.exitCode()).isEqualTo(1);
    assertThat(wiro.err()).contains("lora4j: missing or rejected credential: no Wiro credentials: set WIRO_API_KEY,"
        + " the system property lora4j.apiKey or --option apiKey=... (the project's API key;");
  }

  @Test
  void generateOnWiroUsesACatalogLoraAndTheSocket() throws Exception {
    CliRun run = CliRun.run(Map.of("LORA4J_PROVIDER", "wiro"), "generate", "--width", "256", "--height", "256",
        "--out", dir.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.err()).contains("No WIRO_API_KEY set: using the embedded Wiro simulator")
        .contains("WAITING (task_queue)").contains("FINISHED (task_postprocess_end)");
    BufferedImage image = ImageIO.read(pngs(dir).get(0).toFile());
    assertThat(image.getWidth()).isEqualTo(256);
  }

  @Test
  void aTakenNameIsNumberedBeforeItsExtension() {
    assertThat(TaskFollower.numbered("xalora-ebea77c906-0.png", 1)).isEqualTo("xalora-ebea77c906-0-1.png");
    assertThat(TaskFollower.numbered("xalora-ebea77c906-0.png", 12)).isEqualTo("xalora-ebea77c906-0-12.png");
    assertThat(TaskFollower.numbered("wiro-2221-output", 2)).isEqualTo("wiro-2221-output-2");
  }

  @Test
  void savedFileNamesKeepOnlySafeCharacters() {
    assertThat(TaskFollower.safe("xalora-../../etc-0.png")).isEqualTo("xalora-.._.._etc-0.png");
    assertThat(TaskFollower.safe("..hidden")).isEqualTo("_hidden");
    assertThat(TaskFollower.safe("wiro-2221-0.png")).isEqualTo("wiro-2221-0.png");
  }

  /** Waits for a condition the simulator reports, failing after {@link #WAIT}. */
  private static void awaitCondition(BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as("condition not reached in time").isBefore(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
    }
  }
}
