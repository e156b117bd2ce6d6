package dev.lora4j.journal;

import io.r2dbc.spi.Connection;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The journal's tables, by version: each step takes the schema from one version to the next, and
 * {@code lora4j_journal_schema} holds the version reached. The same SQL runs on H2 and PostgreSQL
 * (times are epoch milliseconds in {@code BIGINT}s; texts are {@code VARCHAR}s without a length).
 */
final class Schema {

  /** Step {@code i} takes the schema from version {@code i} to {@code i + 1}. */
  static final List<List<String>> STEPS = List.of(List.of(
      "CREATE TABLE lora4j_task ("
          + " task_key VARCHAR(255) NOT NULL PRIMARY KEY,"
          + " provider VARCHAR(64) NOT NULL,"
          + " kind VARCHAR(255) NOT NULL,"
          + " state VARCHAR(16) NOT NULL,"
          + " handle VARCHAR,"
          + " status VARCHAR(16),"
          + " request VARCHAR NOT NULL,"
          + " result VARCHAR,"
          + " owner VARCHAR(255),"
          + " lease_until BIGINT,"
          + " seq INTEGER NOT NULL,"
          + " submissions INTEGER NOT NULL,"
          + " created_at BIGINT NOT NULL,"
          + " updated_at BIGINT NOT NULL,"
          + " finished_at BIGINT)",
      "CREATE INDEX lora4j_task_state ON lora4j_task (state, lease_until)",
      "CREATE INDEX lora4j_task_owner ON lora4j_task (owner)",
      "CREATE TABLE lora4j_task_update ("
          + " task_key VARCHAR(255) NOT NULL,"
          + " seq INTEGER NOT NULL,"
          + " status VARCHAR(16) NOT NULL,"
          + " body VARCHAR NOT NULL,"
          + " recorded_at BIGINT NOT NULL,"
          + " PRIMARY KEY (task_key, seq))"));

  static {
    if (STEPS.size() != TaskJournal.SCHEMA_VERSION) {
      throw new AssertionError("one migration step per schema version");
    }
  }

  private Schema() {}

  static Mono<Void> migrate(TaskJournal journal) {
    return journal.raw(c -> Flux.usingWhen(
            Mono.from(c.beginTransaction()).thenReturn(c),
            conn -> steps(journal, conn).flux(),
            Connection::commitTransaction,
            (conn, e) -> conn.rollbackTransaction(),
            Connection::rollbackTransaction))
        .then();
  }

  private static Mono<Integer> steps(TaskJournal journal, Connection c) {
    return journal.dialect().lockForMigration(c)
        .then(TaskJournal.update(c, "CREATE TABLE IF NOT EXISTS lora4j_journal_schema (version INTEGER NOT NULL)"))
        .then(TaskJournal.query(c, "SELECT version FROM lora4j_journal_schema", r -> r.get("version", Integer.class))
            .collectList())
        .flatMap(versions -> {
          if (versions.size() > 1) {
            return Mono.error(new JournalException("the journal (" + journal.description()
                + ") is damaged: lora4j_journal_schema holds " + versions.size() + " rows", null));
          }
          int at = versions.isEmpty() || versions.get(0) == null ? 0 : versions.get(0);
          if (at > TaskJournal.SCHEMA_VERSION) {
            return Mono.error(new JournalException("the journal (" + journal.description() + ") has schema version "
                + at + ", newer than the " + TaskJournal.SCHEMA_VERSION + " of this lora4j; use the lora4j that wrote it"
                + " or a newer one", null));
          }
          Mono<Long> work = Mono.just(0L);
          for (int step = at; step < TaskJournal.SCHEMA_VERSION; step++) {
            for (String sql : STEPS.get(step)) {
              work = work.then(TaskJournal.update(c, sql));
            }
          }
          if (at == TaskJournal.SCHEMA_VERSION) {
            return Mono.just(at);
          }
          Mono<Long> record = versions.isEmpty()
              ? TaskJournal.update(c, "INSERT INTO lora4j_journal_schema (version) VALUES ($1)", TaskJournal.SCHEMA_VERSION)
              : TaskJournal.update(c, "UPDATE lora4j_journal_schema SET version = $1", TaskJournal.SCHEMA_VERSION);
          return work.then(record).thenReturn(TaskJournal.SCHEMA_VERSION);
        });
  }
}
