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
  }
}
