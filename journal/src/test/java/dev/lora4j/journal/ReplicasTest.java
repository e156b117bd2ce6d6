package dev.lora4j.journal;

import static dev.lora4j.journal.JournalFixture.WAIT;
import static dev.lora4j.journal.JournalFixture.client;
import static dev.lora4j.journal.JournalFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lora4j.TaskClient;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.testkit.RecordedRequest;
import dev.lora4j.testkit.XaloraSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Three replicas (clients, connection pools and owners of their own) on one PostgreSQL follow 1,000
 * tasks; one dies partway. Each task is polled by one replica at a time, the dead one's tasks are
 * taken over within the lease time plus a claim interval, all finish, and a watch-only replica sees
 * every update of the tasks it watches.
 */
class ReplicasTest {

  private static final int TASKS = 1000;
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration LEASE = Duration.ofSeconds(3);

  private static Postgres postgres;

  @BeforeAll
  static void startPostgres() {
    postgres = Postgres.start();
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  private record Replica(TaskClient client, TaskJournal journal, DurableTaskClient durable) implements AutoCloseable {
    @Override
    public void close() {
      durable.close();
      journal.close();
      client.close();
    }
  }

  private static Replica replica(XaloraSimulator sim, String owner, boolean following) {
    TaskClient client = client(sim, INTERVAL);
    TaskJournal journal = postgres.journal();
    DurableOptions options = DurableOptions.defaults().withOwner(owner).withLeaseTtl(LEASE)
        .withPollFallback(Duration.ofSeconds(2)).withFollowing(following).withClaimBatch(500);
    return new Replica(client, journal, DurableTaskClient.create(client, journal, options));
  }

  @Test
  void threeReplicasShareAThousandTasksAndTakeOverADeadOnesTasks() {
    postgres.reset();
    try (XaloraSimulator sim = XaloraSimulator.builder().queueTime(Duration.ofMillis(2000))
            .runTime(Duration.ofMillis(3000)).seed(13).build().start();
        Replica r1 = replica(sim, "r1", true);
        Replica r2 = replica(sim, "r2", true);
        Replica r3 = replica(sim, "r3", true);
        Replica watcher = replica(sim, "watcher", false)) {
      List<Replica> replicas = List.of(r1, r2, r3);
      Map<String, String> idOfKey = Flux.range(0, TASKS)
          .flatMap(i -> replicas.get(i % 3).durable().submit(request("k" + i), "k" + i)
              .subscribeOn(Schedulers.parallel()), 64)
          .collectMap(JournalEntry::key, e -> e.handle().orElseThrow().id())
          .block(Duration.ofSeconds(120));
      assertThat(idOfKey).hasSize(TASKS);

      // a watch-only replica follows 30 tasks from the journal alone
      List<String> watched = new ArrayList<>();
      for (int i = 0; i < 90; i += 3) {
        watched.add("k" + i);
      }
      Mono<Map<String, List<TaskUpdate>>> watching = Flux.fromIterable(watched)
          .flatMap(key -> watcher.durable().watch(key).collectList().map(updates -> Map.entry(key, updates)))
          .collectMap(Map.Entry::getKey, Map.Entry::getValue).cache();
      watching.subscribe();

      // r2 dies: its followers and rounds stop, its leases stay until they expire
      Map<String, Long> owners = ownersNow();
      List<String> heldByDead = keys("SELECT task_key FROM lora4j_task WHERE owner = 'r2' AND state = 'SUBMITTED'");
      Instant death = Instant.now();
      r2.durable().halt();
      r2.client().close();

      Flux.interval(Duration.ofMillis(250)).onBackpressureDrop()
          .map(t -> postgres.sqlCount("SELECT count(*) FROM lora4j_task WHERE state = 'FINISHED'"))
          .filter(n -> n == TASKS).blockFirst(Duration.ofSeconds(120));

      // all finished, as the provider says
      idOfKey.forEach((key, id) -> assertThat(sim.status(id)).as(key).contains("finished"));
      assertThat(postgres.sqlCount("SELECT count(*) FROM lora4j_task WHERE status = 'FINISHED'")).isEqualTo(TASKS);

      // one poller at a time: polls of a task closer together than half an interval are rare
      Map<String, List<Instant>> polls = sim.requests(XaloraSimulator.TASK_RESULT_QUERY).stream()
          .collect(Collectors.groupingBy(r -> r.param("task_id"),
              Collectors.mapping(RecordedRequest::receivedAt, Collectors.toList())));
      long pairs = 0;
      long close = 0;
      double pollsPerInterval = 0;
      for (List<Instant> times : polls.values()) {
        times.sort(null);
        for (int i = 1; i < times.size(); i++) {
          pairs++;
          if (Duration.between(times.get(i - 1), times.get(i)).compareTo(INTERVAL.dividedBy(2)) < 0) {
            close++;
          }
        }
        Duration span = Duration.between(times.get(0), times.get(times.size() - 1));
        pollsPerInterval += (times.size() - 1) / Math.max(1.0, (double) span.toMillis() / INTERVAL.toMillis());
      }
      pollsPerInterval /= polls.size();

      // the dead replica's unfinished tasks: polled again within the lease time plus a claim round
      Map<String, Duration> takeover = new HashMap<>();
      Map<String, String> keyOfId = idOfKey.entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
      for (String key : heldByDead) {
        polls.get(idOfKey.get(key)).stream().filter(t -> t.isAfter(death)).findFirst()
            .ifPresent(first -> takeover.put(key, Duration.between(death, first)));
      }
      Duration slowest = takeover.values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
      System.out.printf("replica figures: owners at death %s; %d tasks held by the dead one, taken over in at most %d ms;"
              + " %d polls, %.3f polls per task per interval, %d of %d consecutive polls closer than half an"
              + " interval%n", owners, heldByDead.size(), slowest.toMillis(),
          polls.values().stream().mapToInt(List::size).sum(), pollsPerInterval, close, pairs);
      assertThat(keyOfId).hasSize(TASKS);
      assertThat(heldByDead).as("the dead replica held tasks").isNotEmpty();
      assertThat(takeover.keySet()).as("every task of the dead one was polled again")
          .containsAll(heldByDead.stream().filter(k -> !finishedBefore(sim, polls.get(idOfKey.get(k)), death)).toList());
      // the lease runs out at most LEASE after the dead one's last renewal, the next claim round
      // (which takes up to 500 tasks per replica, all of them here) comes within a claim interval,
      // and a new follower polls at once; a second for a busy machine
      assertThat(slowest).isLessThanOrEqualTo(LEASE.plus(LEASE.dividedBy(3)).plusSeconds(1));
      assertThat(pollsPerInterval).isLessThanOrEqualTo(1.15);
      assertThat((double) close / pairs).isLessThan(0.02);

      // the watch-only replica saw every update of its tasks, as recorded
      Map<String, List<TaskUpdate>> seen = watching.block(WAIT);
      assertThat(seen).hasSize(watched.size());
      seen.forEach((key, updates) -> {
        assertThat(updates).extracting(TaskUpdate::status).as(key).last().isEqualTo(TaskStatus.FINISHED);
        assertThat((long) updates.size()).as(key)
            .isEqualTo(postgres.sqlCount("SELECT count(*) FROM lora4j_task_update WHERE task_key = '" + key + "'"));
      });
      assertThat(postgres.sqlCount("SELECT count(*) FROM lora4j_task WHERE owner = 'watcher'")).isZero();
    }
  }

  /** Whether the task's last poll before {@code death} was its last: it had finished already. */
  private static boolean finishedBefore(XaloraSimulator sim, List<Instant> polls, Instant death) {
    return polls.stream().noneMatch(t -> t.isAfter(death));
  }

  private static Map<String, Long> ownersNow() {
    Map<String, Long> owners = new HashMap<>();
    for (String o : keys("SELECT coalesce(owner, '-') || ':' || count(*) FROM lora4j_task WHERE state = 'SUBMITTED'"
        + " GROUP BY owner")) {
      String[] parts = o.split(":");
      owners.put(parts[0], Long.parseLong(parts[1]));
    }
    return owners;
  }

  private static List<String> keys(String query) {
    return postgres.strings(query);
  }
}
