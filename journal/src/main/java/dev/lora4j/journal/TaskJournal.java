package dev.lora4j.journal;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskStatus;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.Wrapped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where durable tasks are recorded: a database reached through R2DBC, H2 (a file, for one machine)
 * or PostgreSQL (for several replicas). Give it to {@link DurableTaskClient}.
 *
 * <p>The journal creates and migrates its own tables ({@code lora4j_journal_schema}, {@code
 * lora4j_task}, {@code lora4j_task_update}) the first time it is used: versioned, idempotent, and
 * serialized between processes on PostgreSQL. A database whose journal schema is newer than this
 * lora4j ({@value #SCHEMA_VERSION}) is refused with {@link JournalException}.
 *
 * <pre>{@code
 * TaskJournal journal = TaskJournal.h2(Path.of("tasks"));              // tasks.mv.db
 * TaskJournal shared = TaskJournal.open("r2dbc:postgresql://app:secret@db:5432/app");
 * }</pre>
 */
public final class TaskJournal implements AutoCloseable {

  /** The version of the journal's tables this lora4j writes. */
  public static final int SCHEMA_VERSION = 1;

  private static final String H2_SUFFIX = ".mv.db";
  /** How long a successful migration is remembered (a failed one is tried again at next use). */
  private static final Duration FOREVER = Duration.ofDays(3650);
  private static final String COLUMNS =
      "task_key, provider, kind, state, handle, status, request, result, owner, lease_until, seq, submissions,"
          + " created_at, updated_at";

  private final ConnectionFactory pool;
  private final ConnectionFactory direct;
  private final @Nullable ConnectionPool ownPool;
  private final Dialect dialect;
  private final String description;
  private final Mono<Void> migrated;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicBoolean disposed = new java.util.concurrent.atomic.AtomicBoolean();
  private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();

  private TaskJournal(ConnectionFactory factory, @Nullable ConnectionPool ownPool, String description) {
    this.pool = factory;
    this.ownPool = ownPool;
    this.direct = factory instanceof Wrapped<?> w && w.unwrap() instanceof ConnectionFactory unwrapped ? unwrapped : factory;
    this.dialect = Dialect.of(direct);
    this.description = description;
    this.migrated = Schema.migrate(this).cache(v -> FOREVER, e -> Duration.ZERO, () -> FOREVER);
  }

  /**
   * A journal in an H2 file database, for one process at a time (a restart finds it again).
   *
   * @param file the database: H2 keeps it in {@code file} when its name ends in {@code .mv.db},
   *     else in {@code file.mv.db}; its folder is created if missing
   * @return the journal; close it when done
   * @throws JournalException if {@code file} exists and is not an H2 database name, or the folder
   *     cannot be created
   */
  public static TaskJournal h2(Path file) {
    Path absolute = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    String name = absolute.getFileName().toString();
    Path base = name.endsWith(H2_SUFFIX)
        ? absolute.resolveSibling(name.substring(0, name.length() - H2_SUFFIX.length()))
        : absolute;
    if (!name.endsWith(H2_SUFFIX) && Files.isRegularFile(absolute)) {
      throw new JournalException("the journal " + absolute + " is a file that is not an H2 database (H2 keeps the "
          + "journal in " + absolute + H2_SUFFIX + "); choose another name", null);
    }
    try {
      Files.createDirectories(base.getParent());
    } catch (java.io.IOException e) {
      throw new JournalException("cannot create the journal's folder " + base.getParent() + ": " + e.getMessage(), e);
    }
    Path db = base.resolveSibling(base.getFileName() + H2_SUFFIX);
    if (Files.isRegularFile(db) && !looksLikeH2(db)) {
      throw new JournalException("the journal " + db + " is not an H2 database", null);
    }
    ConnectionFactory h2 = ConnectionFactories.get(ConnectionFactoryOptions.builder()
        .option(ConnectionFactoryOptions.DRIVER, "h2")
        .option(ConnectionFactoryOptions.PROTOCOL, "file")
        .option(ConnectionFactoryOptions.DATABASE, base.toString())
        .option(ConnectionFactoryOptions.USER, "sa")
        // each commit written through at once: by default H2 writes commits up to half a second
        // later, and a process killed in between would lose what it had recorded
        .option(io.r2dbc.h2.H2ConnectionFactoryProvider.OPTIONS, "WRITE_DELAY=0")
        .build());
    return pooled(h2, "H2 file " + db);
  }

  /**
   * A journal at an R2DBC URL, such as {@code r2dbc:postgresql://user:password@host:5432/db} or
   * {@code r2dbc:h2:file:///var/lib/app/tasks}.
   *
   * @param url the URL; its password never appears in messages
   * @return the journal, with a connection pool of its own; close it when done
   * @throws JournalException if no R2DBC driver on the class path takes the URL
   */
  public static TaskJournal open(String url) {
    Objects.requireNonNull(url, "url");
    ConnectionFactoryOptions options;
    try {
      options = ConnectionFactoryOptions.parse(url);
    } catch (IllegalArgumentException e) {
      throw new JournalException("not an R2DBC URL: " + withoutPassword(url), null);
    }
    ConnectionFactory factory;
    try {
      factory = ConnectionFactories.get(options);
    } catch (IllegalStateException e) {
      throw new JournalException("no R2DBC driver on the class path takes " + withoutPassword(url)
          + " (r2dbc-h2 or r2dbc-postgresql)", null);
    }
    return pooled(factory, Objects.toString(options.getValue(ConnectionFactoryOptions.DRIVER), "")
        + " " + withoutPassword(url));
  }

  /**
   * A journal on a connection factory the application made (a pool, say); {@link #close()} leaves
   * it open.
   *
   * @param factory an H2 or PostgreSQL connection factory
   * @return the journal
   * @throws JournalException if the database is neither H2 nor PostgreSQL
   */
  public static TaskJournal create(ConnectionFactory factory) {
    Objects.requireNonNull(factory, "factory");
    return new TaskJournal(factory, null, factory.getMetadata().getName());
  }

  private static TaskJournal pooled(ConnectionFactory factory, String description) {
    ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration.builder(factory)
        .name("lora4j-journal").initialSize(0).maxSize(10).maxIdleTime(Duration.ofMinutes(10))
        .maxAcquireTime(Duration.ofSeconds(30)).build());
    return new TaskJournal(pool, pool, description);
  }

  private static boolean looksLikeH2(Path db) {
    try (var in = Files.newInputStream(db)) {
      byte[] head = in.readNBytes(16);
      return new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).startsWith("H:2");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  static String withoutPassword(String url) {
    return url.replaceAll("(//[^:/@]+):[^@/]*@", "$1:***@");
  }

  /**
   * Creates or migrates the journal's tables now (else done at first use).
   *
   * @return a {@code Mono} that completes when the schema is at {@link #SCHEMA_VERSION}, or signals
   *     {@link JournalException} when the database cannot be used or holds a newer schema
   */
  public Mono<Void> migrate() {
    return migrated;
  }

  /**
   * Names the database, never its password.
   *
   * @return such as {@code H2 file /var/lib/app/tasks.mv.db}
   */
  @Override
  public String toString() {
    return "TaskJournal{" + description + "}";
  }

  /**
   * Closes the journal: later operations signal {@link JournalException}; its own connection pool,
   * if it made one, is disposed once the operations under way (a lease release of a closing {@link
   * DurableTaskClient}, say) have ended, without waiting for them here.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true) && inFlight.get() == 0) {
      disposePool();
    }
  }

  /**
   * Lists every entry of the journal, of any provider and state, without a client: for tools that
   * only read it (a command listing tasks, a dashboard).
   *
   * @return a {@code Flux} of the entries, oldest first; or signalling {@link JournalException}
   */
  public Flux<JournalEntry> entries() {
    return rows(null).map(Row::entry);
  }

  /**
   * The entry of a key, without a client.
   *
   * @param key the key
   * @return a {@code Mono} emitting the entry, or completing empty for an unknown key
   */
  public Mono<JournalEntry> entry(String key) {
    return load(Objects.requireNonNull(key, "key")).map(Row::entry);
  }

  Dialect dialect() {
    return dialect;
  }

  String description() {
    return description;
  }

  ConnectionFactory direct() {
    return direct;
  }

  // ------------------------------------------------------------------ statements

  /**
   * Runs {@code work} on a pooled connection, after the schema is migrated; a lost connection (the
   * database restarted, a network cut) is retried on a new one a few times. For reads and for
   * updates whose condition makes a second run harmless.
   */
  <T> Flux<T> with(Function<Connection, Flux<T>> work) {
    return detached(migrated.thenMany(raw(work).retryWhen(RETRY_LOST_CONNECTION)).onErrorMap(this::wrap));
  }

  /** As {@link #with}, never run twice: for what a lost answer would make ambiguous. */
  <T> Flux<T> once(Function<Connection, Flux<T>> work) {
    return detached(migrated.thenMany(raw(work)).onErrorMap(this::wrap));
  }

  /**
   * Runs {@code work} to its end whatever its subscriber does: a cancel while a connection is in
   * use makes r2dbc-pool release it twice (its own cancel handling and {@code close}), which
   * corrupts the pool's count of connections; so a cancel only drops the result.
   */
  private <T> Flux<T> detached(Flux<T> work) {
    return Mono.defer(() -> {
          if (closed.get()) {
            return Mono.<List<T>>error(new JournalException("the journal (" + description + ") is closed", null));
          }
          inFlight.incrementAndGet();
          return Mono.fromFuture(work.collectList().doFinally(signal -> finished()).toFuture(), true);
        })
        .flatMapIterable(list -> list);
  }

  /** Disposes the pool once the last operation under way when it was closed has ended. */
  private void finished() {
    if (inFlight.decrementAndGet() == 0 && closed.get()) {
      disposePool();
    }
  }

  private void disposePool() {
    if (ownPool != null && disposed.compareAndSet(false, true)) {
      // not dispose(), which blocks, and this may run on an I/O thread
      ownPool.disposeLater().subscribe(v -> {}, e -> {});
    }
  }

  /** Runs {@code work} on a pooled connection, without waiting for the migration. */
  <T> Flux<T> raw(Function<Connection, Flux<T>> work) {
    return Flux.usingWhen(Mono.from(pool.create()), work, Connection::close);
  }

  private Throwable wrap(Throwable e) {
    return e instanceof JournalException || e instanceof R2dbcDataIntegrityViolationException
        ? e
        : new JournalException("the journal (" + description + ") failed: " + e.getMessage(), e);
  }

  private static final reactor.util.retry.Retry RETRY_LOST_CONNECTION =
      reactor.util.retry.Retry.backoff(5, Duration.ofMillis(100)).maxBackoff(Duration.ofSeconds(2))
          .filter(TaskJournal::lostConnection);

  /** Whether {@code e} says the connection went away, rather than that the statement was wrong. */
  static boolean lostConnection(Throwable e) {
    if (e instanceof io.r2dbc.spi.R2dbcDataIntegrityViolationException
        || e instanceof io.r2dbc.spi.R2dbcBadGrammarException
        || e instanceof io.r2dbc.spi.R2dbcPermissionDeniedException) {
      return false;
    }
    return e instanceof io.r2dbc.spi.R2dbcException || e instanceof java.io.IOException
        || e.getClass().getName().contains("Closed");
  }

  /** Runs {@code work} in a transaction on a pooled connection, never twice. */
  <T> Flux<T> transaction(Function<Connection, Flux<T>> work) {
    return once(c -> Flux.usingWhen(Mono.from(c.beginTransaction()).thenReturn(c), work,
        conn -> conn.commitTransaction(), (conn, e) -> conn.rollbackTransaction(), conn -> conn.rollbackTransaction()));
  }

  static Statement bind(Connection c, String sql, Object... args) {
    Statement s = c.createStatement(sql);
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Class<?> type) {
        s.bindNull("$" + (i + 1), type);
      } else {
        s.bind("$" + (i + 1), a);
      }
    }
    return s;
  }

  static Mono<Long> update(Connection c, String sql, Object... args) {
    return Flux.from(bind(c, sql, args).execute()).flatMap(r -> r.getRowsUpdated()).reduce(0L, Long::sum);
  }

  static <T> Flux<T> query(Connection c, String sql, Function<Readable, T> mapper, Object... args) {
    return Flux.from(bind(c, sql, args).execute()).flatMap(r -> r.map(mapper::apply));
  }

  Mono<Long> update(String sql, Object... args) {
    return with(c -> update(c, sql, args).flux()).single();
  }

  // ------------------------------------------------------------------ the rows

  /** A row of {@code lora4j_task} with what only the journal needs. */
  record Row(
      JournalEntry entry,
      String requestJson,
      @Nullable String owner,
      long leaseUntil,
      int seq) {}

  /** A row of {@code lora4j_task_update}. */
  record StoredUpdate(int seq, String body, String handle) {}

  private static Row row(Readable r) {
    String key = r.get("task_key", String.class);
    String handleText = r.get("handle", String.class);
    Optional<TaskHandle> handle = Optional.ofNullable(handleText).map(TaskHandle::decode);
    String status = r.get("status", String.class);
    String result = r.get("result", String.class);
    String request = Objects.requireNonNull(r.get("request", String.class));
    Long lease = r.get("lease_until", Long.class);
    JournalEntry entry = new JournalEntry(
        Objects.requireNonNull(key),
        Objects.requireNonNull(r.get("provider", String.class)),
        Objects.requireNonNull(r.get("kind", String.class)),
        JournalState.valueOf(r.get("state", String.class)),
        handle,
        Optional.ofNullable(status).map(TaskStatus::valueOf),
        result == null || handle.isEmpty() ? Optional.empty() : Optional.of(Codec.result(handle.get(), result)),
        Codec.request(request),
        number(r.get("submissions", Integer.class)),
        Instant.ofEpochMilli(number(r.get("created_at", Long.class))),
        Instant.ofEpochMilli(number(r.get("updated_at", Long.class))));
    return new Row(entry, request, r.get("owner", String.class), lease == null ? 0 : lease,
        number(r.get("seq", Integer.class)));
  }

  private static int number(@Nullable Integer n) {
    return n == null ? 0 : n;
  }

  private static long number(@Nullable Long n) {
    return n == null ? 0 : n;
  }

  Mono<Boolean> insertPending(String key, String provider, String kind, String request, String owner, long leaseUntil,
      long now) {
    return once(c -> update(c, "INSERT INTO lora4j_task (" + COLUMNS + ") VALUES ($1, $2, $3, 'PENDING', $4, $5, $6, $7,"
            + " $8, $9, 0, 1, $10, $10)", key, provider, kind, String.class, String.class, request, String.class, owner,
            leaseUntil, now).flux())
        .single().map(n -> n == 1)
        .onErrorResume(R2dbcDataIntegrityViolationException.class, e -> Mono.just(false));
  }

  Mono<Row> load(String key) {
    return with(c -> query(c, "SELECT " + COLUMNS + " FROM lora4j_task WHERE task_key = $1", TaskJournal::row, key))
        .singleOrEmpty();
  }

  Flux<Row> rows(@Nullable JournalState state) {
    return state == null
        ? with(c -> query(c, "SELECT " + COLUMNS + " FROM lora4j_task ORDER BY created_at, task_key", TaskJournal::row))
        : with(c -> query(c, "SELECT " + COLUMNS + " FROM lora4j_task WHERE state = $1 ORDER BY created_at, task_key",
            TaskJournal::row, state.name()));
  }

  Mono<Boolean> markSubmitted(String key, String owner, TaskHandle handle, long leaseUntil, long now) {
    return update("UPDATE lora4j_task SET state = 'SUBMITTED', handle = $1, lease_until = $2, updated_at = $3"
        + " WHERE task_key = $4 AND state = 'PENDING' AND owner = $5", handle.encode(), leaseUntil, now, key, owner)
        .map(n -> n == 1);
  }

  Mono<Boolean> markInDoubt(String key, String owner, long now) {
    return update("UPDATE lora4j_task SET state = 'IN_DOUBT', owner = NULL, lease_until = NULL, updated_at = $1"
        + " WHERE task_key = $2 AND state = 'PENDING' AND owner = $3", now, key, owner).map(n -> n == 1);
  }

  Mono<Boolean> deletePending(String key, String owner) {
    return update("DELETE FROM lora4j_task WHERE task_key = $1 AND state = 'PENDING' AND owner = $2", key, owner)
        .map(n -> n == 1);
  }

  /** Pending entries whose submitter's lease ran out: the submitter died before recording an answer. */
  Mono<Long> sweepPending(long now) {
    return update("UPDATE lora4j_task SET state = 'IN_DOUBT', owner = NULL, lease_until = NULL, updated_at = $1"
        + " WHERE state = 'PENDING' AND lease_until < $1", now);
  }

  Flux<String> claimable(String provider, long now, int limit) {
    return with(c -> query(c, "SELECT task_key FROM lora4j_task WHERE state = 'SUBMITTED' AND provider = $1"
        + " AND (owner IS NULL OR lease_until < $2) ORDER BY updated_at LIMIT " + limit,
        r -> r.get("task_key", String.class), provider, now));
  }

  Mono<Boolean> claim(String key, String owner, long leaseUntil, long now) {
    return update("UPDATE lora4j_task SET owner = $1, lease_until = $2 WHERE task_key = $3 AND state = 'SUBMITTED'"
        + " AND (owner IS NULL OR lease_until < $4)", owner, leaseUntil, key, now).map(n -> n == 1);
  }

  Mono<Long> renew(String owner, long leaseUntil) {
    return update("UPDATE lora4j_task SET lease_until = $1 WHERE owner = $2 AND state IN ('SUBMITTED', 'PENDING')",
        leaseUntil, owner);
  }

  Mono<Long> release(String owner) {
    return update("UPDATE lora4j_task SET owner = NULL, lease_until = NULL WHERE owner = $1 AND state = 'SUBMITTED'",
        owner);
  }

  Mono<Boolean> release(String key, String owner) {
    return update("UPDATE lora4j_task SET owner = NULL, lease_until = NULL WHERE task_key = $1 AND owner = $2", key,
        owner).map(n -> n == 1);
  }

  Mono<List<String>> owned(String owner) {
    return with(c -> query(c, "SELECT task_key FROM lora4j_task WHERE owner = $1 AND state = 'SUBMITTED'",
        r -> r.get("task_key", String.class), owner)).collectList();
  }

  /**
   * Appends an update of a task this owner holds, and its terminal result: {@code false} when the
   * lease is no longer this owner's (nothing is written then).
   */
  Mono<Boolean> append(String key, String owner, int seq, String body, TaskStatus status, @Nullable String result,
      long now) {
    return transaction(c -> {
      Mono<Long> task = result == null
          ? update(c, "UPDATE lora4j_task SET seq = $1, status = $2, updated_at = $3 WHERE task_key = $4 AND owner = $5"
              + " AND seq = $6 AND state = 'SUBMITTED'", seq + 1, status.name(), now, key, owner, seq)
          : update(c, "UPDATE lora4j_task SET seq = $1, status = $2, updated_at = $3, state = 'FINISHED', result = $4,"
              + " owner = NULL, lease_until = NULL, finished_at = $3 WHERE task_key = $5 AND owner = $6 AND seq = $7"
              + " AND state = 'SUBMITTED'", seq + 1, status.name(), now, result, key, owner, seq);
      return task.flatMap(n -> n != 1
          ? Mono.just(false)
          : update(c, "INSERT INTO lora4j_task_update (task_key, seq, status, body, recorded_at) VALUES ($1, $2, $3, $4,"
              + " $5)", key, seq + 1, status.name(), body, now).then(dialect.notify(c, key)).thenReturn(true)).flux();
    }).single();
  }

  Flux<StoredUpdate> updates(String key, int afterSeq) {
    return with(c -> query(c, "SELECT u.seq, u.body, t.handle FROM lora4j_task_update u JOIN lora4j_task t"
        + " ON t.task_key = u.task_key WHERE u.task_key = $1 AND u.seq > $2 ORDER BY u.seq",
        r -> new StoredUpdate(number(r.get("seq", Integer.class)), Objects.requireNonNull(r.get("body", String.class)),
            Objects.requireNonNull(r.get("handle", String.class))), key, afterSeq));
  }

  Mono<StoredUpdate> lastUpdate(String key) {
    return with(c -> query(c, "SELECT u.seq, u.body, t.handle FROM lora4j_task_update u JOIN lora4j_task t"
        + " ON t.task_key = u.task_key WHERE u.task_key = $1 ORDER BY u.seq DESC LIMIT 1",
        r -> new StoredUpdate(number(r.get("seq", Integer.class)), Objects.requireNonNull(r.get("body", String.class)),
            Objects.requireNonNull(r.get("handle", String.class))), key)).singleOrEmpty();
  }

  Mono<Boolean> resolve(String key, TaskHandle handle, long now) {
    return update("UPDATE lora4j_task SET state = 'SUBMITTED', handle = $1, owner = NULL, lease_until = NULL,"
        + " updated_at = $2 WHERE task_key = $3 AND state = 'IN_DOUBT'", handle.encode(), now, key).map(n -> n == 1);
  }

  Mono<Boolean> abandon(String key, long now) {
    return update("UPDATE lora4j_task SET state = 'ABANDONED', updated_at = $1, finished_at = $1"
        + " WHERE task_key = $2 AND state = 'IN_DOUBT'", now, key).map(n -> n == 1);
  }

  Mono<Boolean> repend(String key, String request, String owner, long leaseUntil, long now) {
    return update("UPDATE lora4j_task SET state = 'PENDING', request = $1, owner = $2, lease_until = $3, updated_at = $4,"
        + " submissions = submissions + 1 WHERE task_key = $5 AND state IN ('IN_DOUBT', 'ABANDONED')",
        request, owner, leaseUntil, now, key).map(n -> n == 1);
  }

  Mono<Long> purge(long finishedBefore) {
    return transaction(c -> update(c, "DELETE FROM lora4j_task_update WHERE task_key IN (SELECT task_key FROM lora4j_task"
            + " WHERE state IN ('FINISHED', 'ABANDONED') AND finished_at < $1)", finishedBefore)
        .then(update(c, "DELETE FROM lora4j_task WHERE state IN ('FINISHED', 'ABANDONED') AND finished_at < $1",
            finishedBefore)).flux()).single();
  }
}
