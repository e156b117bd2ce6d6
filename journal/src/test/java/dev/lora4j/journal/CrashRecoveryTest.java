package dev.lora4j.journal;

import static dev.lora4j.journal.JournalFixture.WAIT;
import static dev.lora4j.journal.JournalFixture.client;
import static dev.lora4j.journal.JournalFixture.promptOf;
import static dev.lora4j.journal.JournalFixture.quick;
import static dev.lora4j.journal.JournalFixture.request;
import static dev.lora4j.journal.JournalFixture.submissionsByPrompt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.TaskClient;
import dev.lora4j.TaskStatus;
import dev.lora4j.testkit.XaloraSimulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

/**
 * A process submitting 200 keyed tasks is killed with SIGKILL partway; a new process with the same
 * journal resumes: every task that was submitted reaches its true terminal status, the provider saw
 * at most one submission per key, what was in flight is reported in doubt and not submitted again,
 * and nothing recorded is lost.
 */
class CrashRecoveryTest {

  private static final int TASKS = 200;
  private static final int KILL_AFTER = 100;

  @TempDir Path dir;

  @Test
  void aKilledProcessesTasksAreFinishedByTheNextOneWithoutASecondSubmission() throws Exception {
    Path file = dir.resolve("journal");
    try (XaloraSimulator sim = XaloraSimulator.builder().queueTime(Duration.ofMillis(800))
            .runTime(Duration.ofMillis(1200)).seed(11).build().start()) {
      Map<String, String> recordedByChild = runAndKill(file, sim);
      assertThat(recordedByChild).hasSizeGreaterThanOrEqualTo(KILL_AFTER);
      int sentBeforeResume = sim.requests(XaloraSimulator.TASK_CREATE).size();
      assertThat(sentBeforeResume).as("killed partway").isLessThan(TASKS);

      try (TaskClient client = client(sim, Duration.ofMillis(100));
          TaskJournal journal = TaskJournal.h2(file);
          DurableTaskClient after = DurableTaskClient.create(client, journal, quick("after"))) {
        after.resume().block(WAIT);
        List<JournalEntry> settled = Flux.interval(Duration.ofMillis(200)).onBackpressureDrop()
            .concatMap(tick -> after.entries().collectList())
            .filter(entries -> entries.stream().allMatch(e -> e.state().isClosed() || e.state() == JournalState.IN_DOUBT))
            .blockFirst(Duration.ofSeconds(60));

        System.out.printf("crash figures: %d recorded by the child before SIGKILL, %d submissions sent before, %d entries,"
            + " %d finished, %d in doubt%n", recordedByChild.size(), sentBeforeResume, settled.size(),
            settled.stream().filter(e -> e.state() == JournalState.FINISHED).count(),
            settled.stream().filter(e -> e.state() == JournalState.IN_DOUBT).count());
        Map<String, JournalEntry> byKey = settled.stream().collect(Collectors.toMap(JournalEntry::key, e -> e));
        // nothing recorded is lost: each submission the child recorded is there, finished, with its handle
        recordedByChild.forEach((key, id) -> {
          JournalEntry e = byKey.get(key);
          assertThat(e).as(key).isNotNull();
          assertThat(e.state()).as(key).isEqualTo(JournalState.FINISHED);
          assertThat(e.handle().orElseThrow().id()).as(key).isEqualTo(id);
          assertThat(e.result().orElseThrow().status()).as(key).isEqualTo(TaskStatus.FINISHED);
          assertThat(sim.status(id)).as("the provider's own status of " + key).contains("finished");
        });
        // one submission per key at most, and none after the crash
        Map<String, Long> submissions = submissionsByPrompt(sim);
        assertThat(submissions.values()).allMatch(n -> n == 1);
        assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).as("nothing resubmitted").hasSize(sentBeforeResume);
        // every submission the provider saw is in the journal: finished, or in doubt when its answer was lost
        Map<String, String> keyOfPrompt = new HashMap<>();
        for (int i = 0; i < TASKS; i++) {
          keyOfPrompt.put(request("k" + i).prompt(), "k" + i);
        }
        for (var r : sim.requests(XaloraSimulator.TASK_CREATE)) {
          JournalEntry e = byKey.get(keyOfPrompt.get(promptOf(r)));
          assertThat(e).as(promptOf(r)).isNotNull();
          assertThat(e.state()).isIn(EnumSet.of(JournalState.FINISHED, JournalState.IN_DOUBT));
        }
        // entries in doubt are reported, and are only those whose answer the child never recorded
        Set<String> inDoubt = after.inDoubt().map(JournalEntry::key).collect(Collectors.toSet()).block(WAIT);
        assertThat(inDoubt).doesNotContainAnyElementsOf(recordedByChild.keySet());
        assertThat(settled).filteredOn(e -> e.state() == JournalState.IN_DOUBT).extracting(JournalEntry::key)
            .containsExactlyInAnyOrderElementsOf(inDoubt);
        assertThat(settled).filteredOn(e -> e.state() == JournalState.FINISHED).hasSize(
            (int) settled.stream().filter(e -> e.handle().isPresent() && e.state() != JournalState.IN_DOUBT).count());
      }
    }
  }

  /** Starts the child, kills it with SIGKILL after {@link #KILL_AFTER} recorded submissions. */
  private Map<String, String> runAndKill(Path file, XaloraSimulator sim) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
            CrashChild.class.getName(), file.toString(), sim.baseUrl().toString(), Integer.toString(TASKS))
        .redirectError(dir.resolve("child.err").toFile())
        .start();
    Map<String, String> recorded = new HashMap<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("SUBMITTED ")) {
          String[] parts = line.split(" ");
          recorded.put(parts[1], parts[2]);
          if (recorded.size() == KILL_AFTER) {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, nothing flushed
            break;
          }
        }
      }
    }
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).as("killed, not exited").isEqualTo(137);
    return recorded;
  }
}
