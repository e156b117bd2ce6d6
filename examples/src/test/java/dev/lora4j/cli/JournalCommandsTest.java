package dev.lora4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskClients;
import dev.lora4j.TextToImage;
import dev.lora4j.journal.DurableOptions;
import dev.lora4j.journal.DurableTaskClient;
import dev.lora4j.journal.JournalEntry;
import dev.lora4j.journal.JournalState;
import dev.lora4j.journal.TaskJournal;
import dev.lora4j.testkit.EndpointFaults;
import dev.lora4j.testkit.FaultPlan;
import dev.lora4j.testkit.XaloraSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code generate --journal}, {@code tasks} and {@code resume} end to end, in-process, on an H2 file
 * in a temporary folder and a Xalora simulator over loopback that outlives each run (as a real
 * provider does), so that one run's tasks are there for the next.
 */
class JournalCommandsTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();

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

  private Path journal() {
    return dir.resolve("tasks");
  }

  private Path out() {
    return dir.resolve("out");
  }

  private List<Path> pngs() throws IOException {
    if (!Files.isDirectory(out())) {
      return List.of();
    }
    try (var files = Files.list(out())) {
      return files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
  }

  /** A client of the simulator, for what a test does through the journal's API. */
  private TaskClient client() {
    return TaskClients.create(ClientOptions.builder().environment(Map.of()).systemProperties(new Properties())
        .provider("xalora").apiKey(XaloraSimulator.DEFAULT_CONSUMER_ID + "#" + XaloraSimulator.DEFAULT_API_KEY)
        .baseUrl(sim.baseUrl()).pollInterval(Duration.ofMillis(50)).build());
  }

  /** Submits through the journal's API in this process, then closes it all before the task ends, as a run that stops. */
  private JournalEntry submitAndStop(String key, TextToImage request) {
    try (TaskClient client = client(); TaskJournal journal = TaskJournal.h2(journal())) {
      DurableTaskClient durable = DurableTaskClient.create(client, journal,
          DurableOptions.defaults().withLeaseTtl(Duration.ofSeconds(1)));
      try {
        return durable.submit(request, key).block(WAIT);
      } finally {
        durable.close(); // its leases released before the journal, closed after it, lets its pool go
      }
    }
  }

  private static TextToImage request(String prompt) {
    return TextToImage.builder().prompt(prompt).lora("gecko").width(256).height(256).build();
  }

  @Test
  void generateWithAKeyTwiceSubmitsOnceAndTheSecondRunFollowsTheRecordedTask() throws Exception {
    Map<String, String> env = start(quick());

    CliRun first = CliRun.run(env, "generate", "a gecko", "--journal", journal().toString(), "--key", "k1",
        "--out", out().toString());
    CliRun second = CliRun.run(env, "generate", "a gecko", "--journal", journal().toString(), "--key", "k1",
        "--out", out().toString());

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).as("one submission for the key").hasSize(1);
    String id = sim.taskIds().get(0);
    assertThat(first.err()).contains("k1: Journal key k1 in " + dir.resolve("tasks.mv.db"))
        .contains("k1: Submitted task " + id + " to xalora").contains("k1: FINISHED (finished)");
    assertThat(second.err())
        .contains("k1: Key k1 is already in the journal: task " + id + " on xalora, ended FINISHED; not submitted again.")
        .contains("k1: FINISHED (finished)").doesNotContain("Submitted task");
    assertThat(pngs()).containsExactly(out().resolve("xalora-" + id + "-0-1.png"), out().resolve("xalora-" + id + "-0.png"));
    assertThat(ImageIO.read(out().resolve("xalora-" + id + "-0-1.png").toFile()).getWidth()).isEqualTo(680);

    CliRun tasks = CliRun.run(Map.of(), "tasks", "--journal", journal().toString());
    assertThat(tasks.exitCode()).as(tasks.toString()).isZero();
    assertThat(tasks.out().lines().toList()).hasSize(2).first().asString()
        .matches("KEY +STATE +PROVIDER +STATUS +TASK +AGE");
    assertThat(tasks.out().lines().toList().get(1)).matches("k1 +FINISHED +xalora +FINISHED +" + id + " +\\d+s");
    assertThat(tasks.err()).isEmpty();

    JsonNode entry = JSON.readTree(CliRun.run(Map.of(), "tasks", "--journal", journal().toString(), "--json").out());
    assertThat(entry.get("key").asString()).isEqualTo("k1");
    assertThat(entry.get("state").asString()).isEqualTo("FINISHED");
    assertThat(entry.get("status").asString()).isEqualTo("FINISHED");
    assertThat(entry.get("handle").asString()).isEqualTo("lora4j:xalora:" + id);
    assertThat(entry.get("prompt").asString()).isEqualTo("a gecko");
    assertThat(entry.get("outputs")).hasSize(1);
  }

  @Test
  void withoutAKeyEachRunSubmitsAndPrintsItsNewKey() {
    Map<String, String> env = start(quick());

    CliRun first = CliRun.run(env, "generate", "a gecko", "--journal", journal().toString(), "--out", out().toString());
    CliRun second = CliRun.run(env, "generate", "a gecko", "--journal", journal().toString(), "--out", out().toString());

    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).hasSize(2);
    assertThat(first.err()).containsPattern("([0-9a-f]{12}): Journal key \\1 in .*tasks\\.mv\\.db \\(pass --key \\1 to return"
        + " to this task instead of submitting again\\)");
    CliRun keys = CliRun.run(Map.of(), "tasks", "--journal", journal().toString(), "--quiet");
    assertThat(keys.out().lines().toList()).hasSize(2).allMatch(k -> k.matches("[0-9a-f]{12}")).doesNotHaveDuplicates();
  }

  @Test
  void aKeyUsedForAnotherRequestOrProviderIsRefused() {
    Map<String, String> env = start(quick());
    CliRun first = CliRun.run(env, "generate", "a gecko", "--journal", journal().toString(), "--key", "k1",
        "--out", out().toString());
    assertThat(first.exitCode()).as(first.toString()).isZero();

    CliRun other = CliRun.run(env, "generate", "a fox", "--journal", journal().toString(), "--key", "k1");
    assertThat(other.exitCode()).as(other.toString()).isEqualTo(1);
    assertThat(other.err()).contains("lora4j: the key 'k1' was already used for another request").doesNotContain("\tat ");

    CliRun wiro = CliRun.run(env, "generate", "a gecko", "--journal", journal().toString(), "--key", "k1",
        "--provider", "wiro");
    assertThat(wiro.exitCode()).as(wiro.toString()).isEqualTo(1);
    assertThat(wiro.err()).contains("lora4j: the key 'k1' is a task of provider xalora in the journal "
        + dir.resolve("tasks.mv.db") + ", not of wiro");
    assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).hasSize(1);
  }

  @Test
  void resumeFollowsATaskLeftUnfinishedToItsEndAndSavesItsImage() throws Exception {
    Map<String, String> env = start(XaloraSimulator.builder().queueTime(Duration.ofMillis(800)).runTime(Duration.ofMillis(200)));
    JournalEntry submitted = submitAndStop("r1", request("a gecko, resumed"));
    assertThat(submitted.state()).isEqualTo(JournalState.SUBMITTED);
    String id = submitted.handle().orElseThrow().id();
    assertThat(sim.status(id)).hasValue("waiting");

    CliRun list = CliRun.run(Map.of(), "tasks", "--journal", journal().toString());
    // no status yet, or WAITING when the submitter's follower polled once before it was closed
    assertThat(list.out()).containsPattern("r1 +SUBMITTED +xalora +(-|WAITING) +" + id);
    assertThat(list.err()).contains("1 task is unfinished: 'lora4j resume --journal " + journal() + "' follows it");

    CliRun resume = CliRun.run(env, "resume", "--journal", journal().toString(), "--out", out().toString());

    assertThat(resume.exitCode()).as(resume.toString()).isZero();
    assertThat(resume.err()).contains("r1: Resuming task " + id + " on xalora (handle lora4j:xalora:" + id + ")")
        .contains("r1: FINISHED (finished)")
        .contains("Resumed 1 task of " + dir.resolve("tasks.mv.db") + ": 1 finished.");
    Path image = out().resolve("xalora-" + id + "-0.png");
    assertThat(resume.out()).contains("Saved " + image);
    assertThat(ImageIO.read(image.toFile()).getWidth()).isEqualTo(256);
    assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).as("never submitted again").hasSize(1);

    CliRun after = CliRun.run(Map.of(), "tasks", "--journal", journal().toString());
    assertThat(after.out()).containsPattern("r1 +FINISHED +xalora +FINISHED +" + id);
    CliRun again = CliRun.run(env, "resume", "--journal", journal().toString(), "--out", out().toString());
    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.err()).contains("Nothing to resume in " + dir.resolve("tasks.mv.db") + ": no unfinished task.");
  }

  @Test
  void aDetachedJournaledTaskIsResumedWithJsonEventsByKey() throws Exception {
    Map<String, String> env = start(XaloraSimulator.builder().queueTime(Duration.ofMillis(500)).runTime(Duration.ofMillis(200)));
    CliRun detached = CliRun.run(env, "generate", "a gecko", "--journal", journal().toString(), "--key", "d1", "--detach");
    assertThat(detached.exitCode()).as(detached.toString()).isZero();
    String id = sim.taskIds().get(0);
    assertThat(detached.out().strip()).isEqualTo("lora4j:xalora:" + id);

    CliRun resume = CliRun.run(env, "resume", "--journal", journal().toString(), "--out", out().toString(), "--json");

    assertThat(resume.exitCode()).as(resume.toString()).isZero();
    List<JsonNode> events = resume.out().lines().map(JSON::readTree).toList();
    assertThat(events).filteredOn(e -> e.has("key")).extracting(e -> e.get("key").asString()).containsOnly("d1");
    assertThat(events).extracting(e -> e.get("event").asString()).startsWith("journal").contains("update", "saved");
    assertThat(events.stream().filter(e -> e.get("event").asString().equals("update"))
        .map(e -> e.get("status").asString()).toList()).endsWith("FINISHED");
    JsonNode saved = events.stream().filter(e -> e.get("event").asString().equals("saved")).findFirst().orElseThrow();
    assertThat(Path.of(saved.get("path").asString())).isEqualTo(out().resolve("xalora-" + id + "-0.png")).exists();
    assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).hasSize(1);
  }

  @Test
  void aTimeoutLeavesTheJournaledTaskRunningForResume() {
    Map<String, String> env = start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(60)));

    CliRun run = CliRun.run(env, "generate", "a gecko", "--journal", journal().toString(), "--key", "t1",
        "--timeout", "300ms", "--out", out().toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
    String id = sim.taskIds().get(0);
    assertThat(run.err()).contains("did not finish in time; it stays in the journal: 'lora4j resume --journal "
            + journal() + "' follows it")
        .contains("lora4j: task " + id + " on xalora did not finish within PT0.3S (last status WAITING); it was left running"
            + " (cancel it with 'lora4j cancel lora4j:xalora:" + id + "')");
    assertThat(sim.status(id)).hasValue("waiting");
    assertThat(sim.requests(XaloraSimulator.TASK_CANCEL)).isEmpty();
    assertThat(CliRun.run(Map.of(), "tasks", "--journal", journal().toString()).out())
        .containsPattern("t1 +SUBMITTED +xalora +WAITING +" + id);
  }

  @Test
  void aSubmissionWhoseAnswerIsLostIsInDoubtForGenerateTasksAndResume() {
    Map<String, String> env = start(quick());
    sim.faults(FaultPlan.builder().seed(1).forEndpoint(XaloraSimulator.TASK_CREATE,
        EndpointFaults.builder().serverErrors(1.0).build()).build());

    CliRun generate = CliRun.run(env, "generate", "a gecko", "--journal", journal().toString(), "--key", "d1",
        "--out", out().toString());

    assertThat(generate.exitCode()).as(generate.toString()).isEqualTo(5);
    assertThat(generate.err()).contains("lora4j: d1: the task is in doubt: its submission may have reached xalora but the"
        + " answer was never recorded (its submission failed with").contains("so it is never submitted again by itself")
        .contains("'lora4j watch lora4j:xalora:<task id>'").doesNotContain("\tat ");
    sim.faults(FaultPlan.none());

    CliRun again = CliRun.run(env, "generate", "a gecko", "--journal", journal().toString(), "--key", "d1");
    assertThat(again.exitCode()).as(again.toString()).isEqualTo(5);
    assertThat(again.err()).contains("Key d1 is already in the journal: a task of xalora, in doubt; not submitted again.");

    CliRun tasks = CliRun.run(Map.of(), "tasks", "--journal", journal().toString());
    assertThat(tasks.exitCode()).as(tasks.toString()).isZero();
    assertThat(tasks.out()).containsPattern("d1 +IN_DOUBT +xalora +- +- +\\d+s +in doubt: see below");
    assertThat(tasks.err()).contains("d1: in doubt: its submission may have reached xalora")
        .contains("Its prompt: \"a gecko\".");
    JsonNode json = JSON.readTree(CliRun.run(Map.of(), "tasks", "--journal", journal().toString(), "--json").out());
    assertThat(json.get("inDoubt").asBoolean()).isTrue();
    assertThat(json.get("advice").asString()).contains("never submitted again by itself");

    CliRun resume = CliRun.run(env, "resume", "--journal", journal().toString(), "--out", out().toString());
    assertThat(resume.exitCode()).as(resume.toString()).isEqualTo(5);
    assertThat(resume.err()).contains("d1: in doubt: its submission may have reached xalora")
        .contains("Resume of " + dir.resolve("tasks.mv.db") + ": 1 task is in doubt, not submitted again.");
    assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).as("the journal never submits it again").hasSize(1);
  }

  @Test
  void resumeWithoutCredentialsRefusesTheEmbeddedSimulatorAndLeavesTheTasksAsRecorded() throws Exception {
    start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(60)));
    JournalEntry submitted = submitAndStop("e1", request("a gecko, lost"));
    String id = submitted.handle().orElseThrow().id();
    sim.close(); // the account's provider, unreachable from a run without its credentials
    sim = null;

    CliRun resume = CliRun.run(Map.of("LORA4J_PROVIDER", "xalora"), "resume", "--journal", journal().toString(),
        "--out", out().toString());

    assertThat(resume.exitCode()).as(resume.toString()).isEqualTo(1);
    assertThat(resume.err()).contains("XALORA_API_KEY").doesNotContain("embedded Xalora simulator")
        .doesNotContain("\tat ");
    assertThat(CliRun.run(Map.of(), "tasks", "--journal", journal().toString()).out())
        .as("still unfinished, for a resume with the account").containsPattern("e1 +SUBMITTED +xalora +\\S+ +" + id);
  }

  @Test
  void aJournalThatIsNoDatabaseOrIsMissingIsAnErrorNamingIt() throws Exception {
    Map<String, String> env = start(quick());
    Path text = Files.writeString(dir.resolve("notes.txt"), "not a database");
    Path fake = Files.writeString(dir.resolve("fake.mv.db"), "garbage, not H2 at all");

    CliRun tasks = CliRun.run(Map.of(), "tasks", "--journal", text.toString());
    assertThat(tasks.exitCode()).isEqualTo(1);
    assertThat(tasks.err()).startsWith("lora4j: the journal " + text + " is a file that is not an H2 database")
        .doesNotContain("\tat ");

    CliRun generate = CliRun.run(env, "generate", "a gecko", "--journal", fake.toString(), "--out", out().toString());
    assertThat(generate.exitCode()).isEqualTo(1);
    assertThat(generate.err()).contains("lora4j: the journal " + fake + " is not an H2 database");
    assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).as("nothing submitted").isEmpty();

    CliRun missing = CliRun.run(env, "resume", "--journal", dir.resolve("typo").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("lora4j: no journal at " + dir.resolve("typo.mv.db")
        + " ('lora4j generate --journal " + dir.resolve("typo") + "' starts one)");
    assertThat(dir.resolve("typo.mv.db")).doesNotExist();

    CliRun keyAlone = CliRun.run(env, "generate", "--key", "k1");
    assertThat(keyAlone.exitCode()).isEqualTo(1);
    assertThat(keyAlone.err()).contains("lora4j: --key needs --journal FILE");

    CliRun noJournal = CliRun.run(env, "tasks");
    assertThat(noJournal.exitCode()).isEqualTo(1);
    assertThat(noJournal.err()).contains("Missing required option: '--journal=FILE'");
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void ctrlCOnAJournaledGenerateLeavesTheTaskRunningAndResumeFinishesIt() throws Exception {
    Map<String, String> env = start(XaloraSimulator.builder().queueTime(Duration.ofSeconds(2)).runTime(Duration.ofMillis(200)));
    Path err = dir.resolve("err.txt");
    Process process = process(env, err, "generate", "a gecko", "--journal", journal().toString(), "--key", "c1",
        "--out", out().toString());
    try {
      Instant deadline = Instant.now().plusSeconds(60);
      while (sim.requests(XaloraSimulator.TASK_RESULT_QUERY).isEmpty()) {
        assertThat(process.isAlive()).as(read(err)).isTrue();
        assertThat(Instant.now()).as("the process never polled").isBefore(deadline);
        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
      }
      Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(read(err)).isTrue();
      assertThat(process.exitValue()).as(read(err)).isEqualTo(130);
    } finally {
      process.destroyForcibly();
    }
    String id = sim.taskIds().get(0);
    assertThat(read(err)).contains("Interrupted: task " + id + " (key 'c1') is left running: it stays in the journal:"
        + " 'lora4j resume --journal " + journal() + "' follows it, 'lora4j cancel lora4j:xalora:" + id + "' cancels it.");
    assertThat(sim.requests(XaloraSimulator.TASK_CANCEL)).isEmpty();

    CliRun resume = CliRun.run(env, "resume", "--journal", journal().toString(), "--out", out().toString());

    assertThat(resume.exitCode()).as(resume.toString()).isZero();
    assertThat(resume.out()).contains("Saved " + out().resolve("xalora-" + id + "-0.png"));
    assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).hasSize(1);
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void aJournaledRunThatEndsByItselfSaysNothingOfAnInterruptOnExit() throws Exception {
    Map<String, String> env = start(quick());
    Path err = dir.resolve("err.txt");
    Process finished = process(env, err, "generate", "a gecko", "--journal", journal().toString(), "--key", "n1",
        "--out", out().toString());
    assertThat(finished.waitFor(60, TimeUnit.SECONDS)).as(read(err)).isTrue();
    assertThat(finished.exitValue()).as(read(err)).isZero();
    assertThat(read(err)).contains("n1: FINISHED (finished)").doesNotContain("Interrupted");

    // refused: nothing was created, the key is free again, and the run ends with an error
    sim.faults(FaultPlan.builder().seed(1).forEndpoint(XaloraSimulator.TASK_CREATE,
        EndpointFaults.builder().rateLimits(1.0, Duration.ofSeconds(1)).build()).build());
    Process refused = process(env, err, "generate", "a gecko", "--journal", journal().toString(), "--key", "n2");
    assertThat(refused.waitFor(60, TimeUnit.SECONDS)).as(read(err)).isTrue();
    assertThat(refused.exitValue()).as(read(err)).isEqualTo(1);
    assertThat(read(err)).contains("lora4j: ").doesNotContain("Interrupted");
    assertThat(CliRun.run(Map.of(), "tasks", "--journal", journal().toString(), "--quiet").out().lines())
        .containsExactly("n1");
  }

  private static Process process(Map<String, String> env, Path err, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    return pb.start();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }
}
