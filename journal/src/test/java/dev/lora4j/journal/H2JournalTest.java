package dev.lora4j.journal;

import static dev.lora4j.journal.JournalFixture.WAIT;
import static dev.lora4j.journal.JournalFixture.client;
import static dev.lora4j.journal.JournalFixture.quick;
import static dev.lora4j.journal.JournalFixture.request;
import static dev.lora4j.journal.JournalFixture.submissionsByPrompt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.TaskClient;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.testkit.EndpointFaults;
import dev.lora4j.testkit.FaultPlan;
import dev.lora4j.testkit.XaloraSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** The journal on an H2 file in a temporary folder, against a Xalora simulator over loopback. */
class H2JournalTest {

  @TempDir Path dir;

  private XaloraSimulator sim;
  private TaskClient client;

  @BeforeEach
  void start() {
    sim = XaloraSimulator.builder().queueTime(Duration.ofMillis(300)).runTime(Duration.ofMillis(400)).seed(3)
        .build().start();
    client = client(sim, Duration.ofMillis(50));
  }

  @AfterEach
  void stop() {
    client.close();
    sim.close();
  }

  private Path file() {
    return dir.resolve("tasks");
  }

  @Test
  void aKeyedTaskIsRecordedFollowedAndReplayed() {
    try (TaskJournal journal = TaskJournal.h2(file());
        DurableTaskClient durable = DurableTaskClient.create(client, journal, quick("one"))) {
      JournalEntry entry = durable.submit(request("k1"), "k1").block(WAIT);
      assertThat(entry.state()).isEqualTo(JournalState.SUBMITTED);
      assertThat(entry.handle()).isPresent();
      List<TaskUpdate> live = durable.watch("k1").collectList().block(WAIT);
      assertThat(live).extracting(TaskUpdate::status).containsSubsequence(TaskStatus.WAITING, TaskStatus.RUNNING)
          .last().isEqualTo(TaskStatus.FINISHED);
      assertThat(live).filteredOn(u -> u.status().isTerminal()).singleElement()
          .satisfies(u -> assertThat(u.result()).isPresent());
      for (int i = 1; i < live.size(); i++) {
        assertThat(live.get(i).sameStateAs(live.get(i - 1))).as("no repeated state").isFalse();
      }
      TaskResult result = durable.result("k1").block(WAIT);
      assertThat(result.status()).isEqualTo(TaskStatus.FINISHED);
      assertThat(result.outputs()).hasSize(1);
      assertThat(durable.watch("k1").collectList().block(WAIT)).as("a replay of the same updates")
          .extracting(TaskUpdate::status).isEqualTo(live.stream().map(TaskUpdate::status).toList());
      assertThat(durable.entry("k1").block(WAIT).state()).isEqualTo(JournalState.FINISHED);
    }
  }

  @Test
  void theSameKeyNeverSubmitsTwiceEvenConcurrently() {
    try (TaskJournal journal = TaskJournal.h2(file());
        DurableTaskClient durable = DurableTaskClient.create(client, journal, quick("one"))) {
      List<JournalEntry> entries = Flux.range(0, 50)
          .flatMap(i -> durable.submit(request("same"), "same").subscribeOn(Schedulers.parallel()), 50)
          .collectList().block(WAIT);
      assertThat(entries).hasSize(50).extracting(e -> e.handle().orElseThrow()).containsOnly(entries.get(0).handle().get());
      assertThat(durable.submit(request("same"), "same").block(WAIT).handle()).isEqualTo(entries.get(0).handle());
      assertThat(submissionsByPrompt(sim)).containsExactly(java.util.Map.entry(request("same").prompt(), 1L));
      assertThatThrownBy(() -> durable.submit(request("other"), "same").block(WAIT))
          .isInstanceOf(JournalException.class).hasMessageContaining("another request");
    }
  }

  @Test
  void aRestartedProcessResumesTheTasksOfTheOneBefore() {
    TaskJournal first = TaskJournal.h2(file());
    DurableTaskClient before = DurableTaskClient.create(client, first, quick("before"));
    for (int i = 0; i < 5; i++) {
      before.submit(request("r" + i), "r" + i).block(WAIT);
    }
    before.halt(); // as a process that dies: nothing released, nothing more recorded
    first.close();

    try (TaskJournal journal = TaskJournal.h2(file());
        DurableTaskClient after = DurableTaskClient.create(client, journal, quick("after"))) {
      assertThat(after.entries().collectList().block(WAIT)).hasSize(5);
      for (int i = 0; i < 5; i++) {
        assertThat(after.result("r" + i).block(WAIT).status()).isEqualTo(TaskStatus.FINISHED);
      }
      assertThat(submissionsByPrompt(sim)).hasSize(5).allSatisfy((prompt, n) -> assertThat(n).isEqualTo(1));
    }
  }

  @Test
  void aSubmissionWhoseAnswerIsLostIsInDoubtAndSettledByTheApplication() {
    sim.faults(FaultPlan.builder().seed(1).forEndpoint(XaloraSimulator.TASK_CREATE,
        EndpointFaults.builder().serverErrors(1.0).build()).build());
    try (TaskJournal journal = TaskJournal.h2(file());
        DurableTaskClient durable = DurableTaskClient.create(client, journal, quick("one"))) {
      assertThatThrownBy(() -> durable.submit(request("d1"), "d1").block(WAIT)).isInstanceOf(TaskInDoubtException.class)
          .hasMessageContaining("d1");
      assertThatThrownBy(() -> durable.submit(request("d1"), "d1").block(WAIT)).isInstanceOf(TaskInDoubtException.class);
      assertThatThrownBy(() -> durable.submit(request("d2"), "d2").block(WAIT)).isInstanceOf(TaskInDoubtException.class);
      assertThat(durable.inDoubt().map(JournalEntry::key).collectList().block(WAIT)).containsExactly("d1", "d2");
      assertThat(sim.requests(XaloraSimulator.TASK_CREATE)).as("never resubmitted by itself").hasSize(2);

      sim.faults(FaultPlan.none());
      assertThat(durable.resubmit("d1").block(WAIT).state()).isEqualTo(JournalState.SUBMITTED);
      assertThat(durable.result("d1").block(WAIT).status()).isEqualTo(TaskStatus.FINISHED);

      TaskHandle found = client.submit(request("found")).block(WAIT);
      assertThat(durable.resolve("d2", found).block(WAIT).handle()).contains(found);
      assertThat(durable.result("d2").block(WAIT).status()).isEqualTo(TaskStatus.FINISHED);
      assertThat(durable.inDoubt().collectList().block(WAIT)).isEmpty();
      assertThatThrownBy(() -> durable.abandon("d1").block(WAIT)).isInstanceOf(JournalException.class)
          .hasMessageContaining("not in doubt");
    }
  }

  @Test
  void aRefusedSubmissionFreesItsKey() {
    try (TaskJournal journal = TaskJournal.h2(file());
        DurableTaskClient durable = DurableTaskClient.create(client, journal, quick("one"))) {
      sim.faults(FaultPlan.builder().seed(1).forEndpoint(XaloraSimulator.TASK_CREATE,
          EndpointFaults.builder().rateLimits(1.0, Duration.ofSeconds(1)).build()).build());
      assertThatThrownBy(() -> durable.submit(request("f1"), "f1").block(WAIT))
          .isInstanceOf(dev.lora4j.RateLimitedException.class);
      assertThat(durable.entry("f1").blockOptional(WAIT)).isEmpty();
      sim.faults(FaultPlan.none());
      assertThat(durable.submit(request("f1"), "f1").block(WAIT).state()).isEqualTo(JournalState.SUBMITTED);
    }
  }

  @Test
  void finishedEntriesArePurgedAfterTheirRetention() {
    try (TaskJournal journal = TaskJournal.h2(file());
        DurableTaskClient durable = DurableTaskClient.create(client, journal,
            quick("one").withRetention(Duration.ofMillis(1)))) {
      durable.submit(request("p1"), "p1").block(WAIT);
      durable.result("p1").block(WAIT);
      assertThat(durable.purge().block(WAIT)).isEqualTo(1);
      assertThat(durable.entries().collectList().block(WAIT)).isEmpty();
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsRefused() throws Exception {
    Path text = dir.resolve("notes.txt");
    Files.writeString(text, "not a database");
    assertThatThrownBy(() -> TaskJournal.h2(text)).isInstanceOf(JournalException.class)
        .hasMessageContaining("notes.txt").hasMessageContaining("not an H2 database");
    Path fake = dir.resolve("fake.mv.db");
    Files.writeString(fake, "garbage, not H2 at all");
    assertThatThrownBy(() -> TaskJournal.h2(fake)).isInstanceOf(JournalException.class)
        .hasMessageContaining("fake.mv.db").hasMessageContaining("not an H2 database");
  }

  @Test
  void aNewerSchemaIsRefused() {
    try (TaskJournal journal = TaskJournal.h2(file())) {
      journal.migrate().block(WAIT);
      journal.update("UPDATE lora4j_journal_schema SET version = $1", TaskJournal.SCHEMA_VERSION + 1).block(WAIT);
    }
    try (TaskJournal journal = TaskJournal.h2(file())) {
      assertThatThrownBy(() -> journal.migrate().block(WAIT)).isInstanceOf(JournalException.class)
          .hasMessageContaining("schema version " + (TaskJournal.SCHEMA_VERSION + 1)).hasMessageContaining("newer");
    }
  }

  @Test
  void migratingTwiceChangesNothing() {
    try (TaskJournal journal = TaskJournal.h2(file())) {
      journal.migrate().block(WAIT);
    }
    try (TaskJournal journal = TaskJournal.h2(file());
        DurableTaskClient durable = DurableTaskClient.create(client, journal, quick("one"))) {
      journal.migrate().block(WAIT);
      assertThat(durable.entries().collectList().block(WAIT)).isEmpty();
    }
  }
}
