package dev.lora4j.journal;

import static dev.lora4j.journal.JournalFixture.WAIT;
import static dev.lora4j.journal.JournalFixture.client;
import static dev.lora4j.journal.JournalFixture.quick;
import static dev.lora4j.journal.JournalFixture.request;
import static dev.lora4j.journal.JournalFixture.submissionsByPrompt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.TaskClient;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/** The journal on a real PostgreSQL server, shared by replicas with pools and owners of their own. */
class PostgresJournalTest {

  private static Postgres postgres;

  private XaloraSimulator sim;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void startPostgres() {
    postgres = Postgres.start();
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  @BeforeEach
  void start() {
    postgres.reset();
    sim = XaloraSimulator.builder().queueTime(Duration.ofMillis(400)).runTime(Duration.ofMillis(600)).seed(5)
        .build().start();
  }

  @AfterEach
  void stop() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    sim.close();
  }

  /** A replica: a client, a journal with its own pool, an owner. */
  private DurableTaskClient replica(String owner, DurableOptions options) {
    TaskClient client = client(sim, Duration.ofMillis(50));
    TaskJournal journal = postgres.journal();
    DurableTaskClient durable = DurableTaskClient.create(client, journal, options.withOwner(owner));
    open.add(client);
    open.add(journal);
    open.add(durable);
    return durable;
  }

  @Test
  void fiftyConcurrentSubmissionsOfOneKeyFromTwoReplicasSubmitOnce() {
    DurableTaskClient a = replica("a", quick("a"));
    DurableTaskClient b = replica("b", quick("b"));
    List<JournalEntry> entries = Flux.range(0, 50)
        .flatMap(i -> (i % 2 == 0 ? a : b).submit(request("one"), "one").subscribeOn(Schedulers.parallel()), 50)
        .collectList().block(WAIT);
    assertThat(entries).hasSize(50).extracting(e -> e.handle().orElseThrow()).containsOnly(entries.get(0).handle().get());
    assertThat(submissionsByPrompt(sim)).containsExactly(Map.entry(request("one").prompt(), 1L));
    assertThat(a.result("one").block(WAIT).status()).isEqualTo(TaskStatus.FINISHED);
  }

  @Test
  void aReplicaThatNeverHoldsTheLeaseIsToldOfEveryUpdateAtOnce() {
    DurableTaskClient holder = replica("holder", quick("holder"));
    // a watch-only replica whose polling fallback is far too slow to matter: NOTIFY tells it
    DurableTaskClient watcher = replica("watcher",
        quick("watcher").withFollowing(false).withPollFallback(Duration.ofMinutes(5)));
    holder.submit(request("w1"), "w1").block(WAIT);
    List<TaskUpdate> seen = watcher.watch("w1").collectList().block(WAIT);
    List<TaskUpdate> recorded = holder.watch("w1").collectList().block(WAIT);
    assertThat(seen).extracting(TaskUpdate::status).containsSubsequence(TaskStatus.WAITING, TaskStatus.RUNNING)
        .last().isEqualTo(TaskStatus.FINISHED);
    assertThat(seen).hasSameSizeAs(recorded);
    for (int i = 0; i < seen.size(); i++) {
      assertThat(seen.get(i).sameStateAs(recorded.get(i))).as("update %d", i).isTrue();
    }
    assertThat(postgres.sqlCount("SELECT count(*) FROM lora4j_task WHERE owner = 'watcher'")).isZero();
  }

  @Test
  void lostConnectionsMidRunLoseNoUpdate() {
    DurableTaskClient durable = replica("one", quick("one"));
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      keys.add("c" + i);
      durable.submit(request("c" + i), "c" + i).block(WAIT);
    }
    postgres.cutConnections();
    postgres.cutConnections();
    for (String key : keys) {
      List<TaskUpdate> updates = durable.watch(key).collectList().block(WAIT);
      assertThat(updates).extracting(TaskUpdate::status).as(key).last().isEqualTo(TaskStatus.FINISHED);
      assertThat(updates).extracting(u -> u.status().ordinal()).as(key).isSorted();
      assertThat(updates).extracting(TaskUpdate::status).as(key).contains(TaskStatus.RUNNING);
    }
    assertThat(postgres.sqlCount("SELECT count(*) FROM lora4j_task WHERE state = 'FINISHED'")).isEqualTo(20);
    // every task's updates are numbered 1..n without a gap
    assertThat(postgres.sqlCount("SELECT count(*) FROM (SELECT task_key FROM lora4j_task_update GROUP BY task_key"
        + " HAVING max(seq) <> count(*)) gaps")).isZero();
  }

  @Test
  void aNewerSchemaIsRefusedOnPostgres() {
    try (TaskJournal journal = postgres.journal()) {
      journal.migrate().block(WAIT);
    }
    postgres.sql("UPDATE lora4j_journal_schema SET version = 99");
    try (TaskJournal journal = postgres.journal()) {
      assertThatThrownBy(() -> journal.migrate().block(WAIT)).isInstanceOf(JournalException.class)
          .hasMessageContaining("schema version 99").hasMessageNotContaining("postgres:postgres@");
    }
  }

  @Test
  void replicasMigratingAtOnceCreateTheSchemaOnce() {
    List<TaskJournal> journals = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      journals.add(postgres.journal());
    }
    try {
      Flux.fromIterable(journals).flatMap(j -> j.migrate().subscribeOn(Schedulers.parallel())).then().block(WAIT);
      assertThat(postgres.sqlCount("SELECT count(*) FROM lora4j_journal_schema")).isEqualTo(1);
    } finally {
      journals.forEach(TaskJournal::close);
    }
  }
}
