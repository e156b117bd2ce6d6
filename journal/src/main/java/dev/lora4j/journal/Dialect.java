package dev.lora4j.journal;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.Locale;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Everything the journal does differently on H2 and PostgreSQL; the rest of its SQL is the same on
 * both. PostgreSQL serializes migrations with an advisory lock and tells other replicas of each
 * recorded update with {@code NOTIFY}; H2 (one process) needs neither, and watchers there rely on
 * the in-process signal and the polling fallback.
 */
abstract class Dialect {

  /** The channel of PostgreSQL notifications; the payload is the task's key. */
  static final String CHANNEL = "lora4j_journal";

  static Dialect of(ConnectionFactory factory) {
    String name = factory.getMetadata().getName().toLowerCase(Locale.ROOT);
    if (name.contains("postgres")) {
      return new Postgres();
    }
    if (name.contains("h2")) {
      return new H2();
    }
    throw new JournalException("the journal runs on H2 or PostgreSQL, not on " + factory.getMetadata().getName(), null);
  }

  /** The database's name, for messages. */
  abstract String name();

  /** Serializes migrations of several processes, inside the migration's transaction. */
  abstract Mono<Void> lockForMigration(Connection connection);

  /** Tells other processes that {@code key} has a new update, inside the append's transaction. */
  abstract Mono<Void> notify(Connection connection, String key);

  /**
   * Claims up to {@code limit} submitted tasks of {@code provider} whose lease is free or expired.
   *
   * @return the keys this owner now holds
   */
  abstract Flux<String> claim(TaskJournal journal, String provider, String owner, long leaseUntil, long now, int limit);

  /**
   * The keys other processes tell of, for as long as subscribed; empty where the database has no
   * notifications (the watchers' polling fallback covers it).
   *
   * @param direct a factory of connections outside the pool (the listening one is held)
   */
  abstract Flux<String> notifications(ConnectionFactory direct, Duration retry);

  /** H2: one process, nothing to serialize or to tell. */
  static final class H2 extends Dialect {
    @Override
    String name() {
      return "H2";
    }

    @Override
    Mono<Void> lockForMigration(Connection connection) {
      return Mono.empty();
    }

    @Override
    Mono<Void> notify(Connection connection, String key) {
      return Mono.empty();
    }

    @Override
    Flux<String> notifications(ConnectionFactory direct, Duration retry) {
      return Flux.never();
    }

    /** One process: find the free ones, then take each with a conditional update. */
    @Override
    Flux<String> claim(TaskJournal journal, String provider, String owner, long leaseUntil, long now, int limit) {
      return journal.claimable(provider, now, limit)
          .concatMap(key -> journal.claim(key, owner, leaseUntil, now).filter(Boolean::booleanValue).map(ok -> key));
    }
  }

  /** PostgreSQL: an advisory lock for migrations, LISTEN/NOTIFY for updates. */
  static final class Postgres extends Dialect {
    /** Any fixed number: the advisory lock of the journal's migrations. */
    private static final long MIGRATION_LOCK = 0x6c6f7261346aL;

    @Override
    String name() {
      return "PostgreSQL";
    }

    @Override
    Mono<Void> lockForMigration(Connection connection) {
      return Flux.from(connection.createStatement("SELECT pg_advisory_xact_lock($1)").bind("$1", MIGRATION_LOCK).execute())
          .flatMap(r -> r.map((row, meta) -> 1))
          .then();
    }

    @Override
    Mono<Void> notify(Connection connection, String key) {
      return Flux.from(connection.createStatement("SELECT pg_notify($1, $2)").bind("$1", CHANNEL).bind("$2", key).execute())
          .flatMap(r -> r.map((row, meta) -> 1))
          .then();
    }

    @Override
    Flux<String> notifications(ConnectionFactory direct, Duration retry) {
      return PostgresNotifications.listen(direct, CHANNEL, retry);
    }

    /**
     * One statement: the rows are locked as they are chosen, and rows another replica is claiming
     * at the same moment are skipped rather than waited for, so that replicas claiming together
     * take disjoint sets; {@code RETURNING} says which.
     */
    @Override
    Flux<String> claim(TaskJournal journal, String provider, String owner, long leaseUntil, long now, int limit) {
      return journal.with(c -> TaskJournal.query(c, "UPDATE lora4j_task SET owner = $1, lease_until = $2 WHERE task_key IN"
          + " (SELECT task_key FROM lora4j_task WHERE state = 'SUBMITTED' AND provider = $3"
          + " AND (owner IS NULL OR lease_until < $4) ORDER BY updated_at LIMIT " + limit + " FOR UPDATE SKIP LOCKED)"
          + " RETURNING task_key", r -> r.get("task_key", String.class), owner, leaseUntil, provider, now));
    }
  }
}
