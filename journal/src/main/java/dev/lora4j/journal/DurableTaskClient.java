package dev.lora4j.journal;

import dev.lora4j.InvalidRequestException;
import dev.lora4j.Lora4jException;
import dev.lora4j.ProviderUnavailableException;
import dev.lora4j.RateLimitedException;
import dev.lora4j.AuthenticationException;
import dev.lora4j.TaskClient;
import dev.lora4j.TaskHandle;
import dev.lora4j.TaskNotFoundException;
import dev.lora4j.TaskRequest;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.UnsupportedRequestException;
import dev.lora4j.WatchOptions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * A {@link TaskClient} whose tasks are recorded in a {@link TaskJournal}: submissions are
 * idempotent by a key the application chooses, every status transition and the terminal result are
 * stored, and a restarted process (or another replica on the same PostgreSQL) carries on following
 * the tasks.
 *
 * <pre>{@code
 * try (TaskJournal journal = TaskJournal.h2(Path.of("tasks"));
 *      DurableTaskClient durable = DurableTaskClient.create(TaskClients.create(), journal)) {
 *   durable.resume().block();                                   // re-watch what a crash left
 *   JournalEntry entry = durable.submit(request, "order-17").block();
 *   durable.watch("order-17").doOnNext(System.out::println).blockLast();
 * }
 * }</pre>
 *
 * <h2>Submissions</h2>
 *
 * {@link #submit(TaskRequest, String)} records the intent ({@link JournalState#PENDING}) before
 * anything is sent and the handle as soon as the provider answers ({@link JournalState#SUBMITTED}).
 * The same key again, from this process or any other on the same journal, returns that task and
 * never submits a second one. When the submission certainly created nothing (the connection could
 * not be opened, the provider refused the request with a 4xx), the entry is removed and the key is
 * free again. When it may have reached the provider but its answer was not recorded (a timeout, a
 * 5xx, a crash before the answer was written), the entry is {@link JournalState#IN_DOUBT}: never
 * submitted again by the journal; {@link #inDoubt()} lists them and {@link #resolve}, {@link
 * #abandon} and {@link #resubmit} settle them.
 *
 * <h2>Following, leases and replicas</h2>
 *
 * Each unfinished task has a lease (owner, expiry) in the journal: only its holder polls the
 * provider, appending each change, and renews the lease every {@link DurableOptions#claimInterval()}.
 * Every replica claims, in the same rounds, tasks whose lease is free or expired; a replica that dies
 * hands its tasks over after at most {@link DurableOptions#leaseTtl()} plus one claim interval. On
 * PostgreSQL a round claims with one {@code UPDATE ... WHERE task_key IN (SELECT ... WHERE owner IS
 * NULL OR lease_until < now ... FOR UPDATE SKIP LOCKED) RETURNING task_key}: replicas claiming at
 * the same moment take disjoint sets instead of queueing on the same rows; on H2 (one process) each
 * task is taken with a conditional {@code UPDATE}. Rounds run from the first {@link #resume()},
 * {@link #submit} or {@link #watch} until {@link #close()}.
 *
 * <p>{@link #watch(String)} serves any replica, holder or not: it replays the recorded updates, then
 * continues with each new one as it is recorded (told at once within the process and, on
 * PostgreSQL, by {@code NOTIFY} from other processes; else found by polling the journal every
 * {@link DurableOptions#pollFallback()}).
 *
 * <p>Thread-safe. Closing it stops its rounds and followers and releases its leases; it closes
 * neither the {@code TaskClient} nor the journal.
 */
public final class DurableTaskClient implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DurableTaskClient.class);
  private static final int MAX_KEY_LENGTH = 255;
  /** A follower's watch: long, and never cancels the task (it is the application's, not the watch's). */
  private static final WatchOptions FOLLOW = WatchOptions.defaults().timeout(Duration.ofDays(1)).cancelOnTimeout(false);

  private final TaskClient client;
  private final TaskJournal journal;
  private final DurableOptions options;
  private final String owner;
  private final Map<String, Disposable> followed = new ConcurrentHashMap<>();
  private final Sinks.Many<String> recorded = Sinks.many().multicast().directBestEffort();
  private final Flux<String> notified;
  private final AtomicReference<@Nullable Disposable> rounds = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong lastPurge = new AtomicLong();

  private DurableTaskClient(TaskClient client, TaskJournal journal, DurableOptions options) {
    this.client = client;
    this.journal = journal;
    this.options = options;
    this.owner = options.owner();
    this.notified = journal.dialect().notifications(journal.direct(), options.claimInterval()).share();
  }

  /**
   * A durable client with the default options.
   *
   * @param client the client that submits and polls
   * @param journal the journal
   * @return the durable client; nothing runs until it is first used
   */
  public static DurableTaskClient create(TaskClient client, TaskJournal journal) {
    return create(client, journal, DurableOptions.defaults());
  }

  /**
   * A durable client.
   *
   * @param client the client that submits and polls
   * @param journal the journal
   * @param options the owner name, lease time, fallback, retention
   * @return the durable client; nothing runs until it is first used
   */
  public static DurableTaskClient create(TaskClient client, TaskJournal journal, DurableOptions options) {
    return new DurableTaskClient(Objects.requireNonNull(client, "client"), Objects.requireNonNull(journal, "journal"),
        Objects.requireNonNull(options, "options"));
  }

  /**
   * The client that submits and polls.
   *
   * @return the client
   */
  public TaskClient client() {
    return client;
  }

  /**
   * This process's name in the journal's leases.
   *
   * @return the owner
   */
  public String owner() {
    return owner;
  }

  // ------------------------------------------------------------------ submissions

  /**
   * Submits a task once per key. The intent is recorded before anything is sent; the same key again
   * (here or in another process on the same journal) emits the same task without submitting again,
   * after waiting for the first submission's answer if it is still under way. Cancelling the
   * returned {@code Mono} does not cancel a submission already started: its answer is still
   * recorded.
   *
   * @param request the task
   * @param key the application's idempotency key (an order id, a request id): 1 to 255 characters
   * @return a {@code Mono} emitting the entry, {@link JournalState#SUBMITTED} (or {@link
   *     JournalState#FINISHED} for a key whose task already ended) with its handle; or signalling
   *     {@link TaskInDoubtException} when the submission may have reached the provider but its
   *     answer was not recorded (now or earlier), the submission's own error when it certainly
   *     created nothing (the key is then free again), {@link JournalException} when the key was used
   *     for another request or the journal fails
   * @throws IllegalArgumentException if the key is blank or too long
   */
  public Mono<JournalEntry> submit(TaskRequest request, String key) {
    Objects.requireNonNull(request, "request");
    checkKey(key);
    String json = Codec.request(request);
    return Mono.defer(() -> {
      ensureRunning();
      return recordIntent(key, request, json, 0);
    });
  }

  /** Records the intent and sends it, or, when the key is taken, answers with its entry. */
  private Mono<JournalEntry> recordIntent(String key, TaskRequest request, String json, int attempt) {
    long now = now();
    return journal.insertPending(key, client.provider(), request.kind(), json, owner, leaseEnd(now), now)
        // nothing was sent: if the intent was recorded after all (its answer lost), take it back
        .onErrorResume(JournalException.class, e -> journal.deletePending(key, owner).onErrorResume(x -> Mono.just(false))
            .then(Mono.error(e)))
        .flatMap(inserted -> inserted ? send(key, request) : existing(key, request, json, attempt));
  }

  private Mono<JournalEntry> existing(String key, TaskRequest request, String json, int attempt) {
    return journal.load(key)
        .flatMap(row -> {
          if (!row.requestJson().equals(json) && row.entry().request().isPresent()) {
            return Mono.error(new JournalException("the key '" + key + "' was already used for another request", null));
          }
          return switch (row.entry().state()) {
            case SUBMITTED, FINISHED -> Mono.just(row.entry());
            case IN_DOUBT -> Mono.error(new TaskInDoubtException(key, "its submission's answer was never recorded"));
            case ABANDONED -> Mono.error(new JournalException(
                "the task of key '" + key + "' was abandoned; resubmit(key) submits it again", null));
            case PENDING -> Mono.delay(Duration.ofMillis(50)).then(existing(key, request, json, attempt));
          };
        })
        // removed in between: the first submission created nothing, so this one may try
        .switchIfEmpty(Mono.defer(() -> attempt < 3
            ? recordIntent(key, request, json, attempt + 1)
            : Mono.error(new JournalException("the key '" + key + "' kept changing under this submission", null))));
  }

  /** Sends a recorded intent and records the answer; not cancelled by the caller's cancel. */
  private Mono<JournalEntry> send(String key, TaskRequest request) {
    Mono<JournalEntry> sent = client.submit(request)
        .flatMap(handle -> recordHandle(key, handle))
        .onErrorResume(e -> !(e instanceof JournalException) && !(e instanceof TaskInDoubtException),
            e -> certainlyNotCreated(e)
                ? journal.deletePending(key, owner).onErrorResume(x -> Mono.just(false)).then(Mono.error(e))
                : journal.markInDoubt(key, owner, now()).onErrorResume(x -> Mono.just(false))
                    .then(Mono.error(new TaskInDoubtException(key, "its submission failed with "
                        + e.getClass().getSimpleName() + " (" + e.getMessage() + ")"))));
    return Mono.fromFuture(sent.toFuture(), true);
  }

  private Mono<JournalEntry> recordHandle(String key, TaskHandle handle) {
    return Mono.defer(() -> journal.markSubmitted(key, owner, handle, leaseEnd(now()), now()))
        .retryWhen(Retry.backoff(5, Duration.ofMillis(100)).filter(JournalException.class::isInstance))
        .flatMap(marked -> marked
            ? (options.following() ? Mono.just(true) : journal.release(key, owner))
            // swept to IN_DOUBT meanwhile by a replica that took this submission for dead: the handle settles it
            : journal.resolve(key, handle, now()))
        .onErrorMap(e -> new JournalException("the task of key '" + key + "' was submitted (id " + handle.id()
            + ") but the journal could not record it; it will be reported in doubt", e))
        .then(journal.load(key))
        .doOnNext(row -> {
          if (row.entry().state() == JournalState.SUBMITTED && owner.equals(row.owner())) {
            follow(key);
          }
        })
        .map(TaskJournal.Row::entry);
  }

  /** Whether a failed submission certainly created no task at the provider. */
  static boolean certainlyNotCreated(Throwable e) {
    if (e instanceof ProviderUnavailableException u) {
      return !u.requestSent();
    }
    return e instanceof InvalidRequestException || e instanceof AuthenticationException
        || e instanceof UnsupportedRequestException || e instanceof RateLimitedException
        || e instanceof IllegalArgumentException || e instanceof IllegalStateException;
  }

  // ------------------------------------------------------------------ settling entries in doubt

  /**
   * Lists the entries in doubt: submissions that may have reached the provider, whose answers were
   * not recorded.
   *
   * @return a {@code Flux} of the entries, oldest first
   */
  public Flux<JournalEntry> inDoubt() {
    return journal.rows(JournalState.IN_DOUBT).map(TaskJournal.Row::entry);
  }

  /**
   * Settles an in-doubt entry with the task the application found at the provider: it is followed
   * from now on like any submitted task.
   *
   * @param key the key
   * @param handle the task's handle, of this client's provider
   * @return a {@code Mono} emitting the entry, now {@link JournalState#SUBMITTED}; or signalling
   *     {@link JournalException} when the key is unknown or not in doubt
   * @throws IllegalArgumentException if the handle is of another provider
   */
  public Mono<JournalEntry> resolve(String key, TaskHandle handle) {
    checkKey(key);
    Objects.requireNonNull(handle, "handle");
    if (!handle.provider().equals(client.provider())) {
      throw new IllegalArgumentException("the handle is of provider " + handle.provider() + ", this client's is "
          + client.provider());
    }
    return Mono.defer(() -> {
      ensureRunning();
      return journal.resolve(key, handle, now())
          .flatMap(done -> done ? journal.load(key) : notInDoubt(key))
          .flatMap(row -> claimAndFollow(row).thenReturn(row.entry()));
    });
  }

  /**
   * Gives up an in-doubt entry without submitting it again; {@link #resubmit} can still.
   *
   * @param key the key
   * @return a {@code Mono} emitting the entry, now {@link JournalState#ABANDONED}; or signalling
   *     {@link JournalException} when the key is unknown or not in doubt
   */
  public Mono<JournalEntry> abandon(String key) {
    checkKey(key);
    return journal.abandon(key, now()).flatMap(done -> done ? journal.load(key) : notInDoubt(key))
        .map(TaskJournal.Row::entry);
  }

  /**
   * Submits an in-doubt or abandoned entry again with its recorded request, when the application
   * decides to pay again. The journal stores whole only {@link dev.lora4j.TextToImage} requests;
   * for others use {@link #resubmit(String, TaskRequest)}.
   *
   * @param key the key
   * @return as {@link #submit}; or signalling {@link JournalException} when the key is unknown, not
   *     in doubt or abandoned, or its request is not stored
   */
  public Mono<JournalEntry> resubmit(String key) {
    checkKey(key);
    return journal.load(key)
        .switchIfEmpty(Mono.error(() -> unknown(key)))
        .flatMap(row -> row.entry().request()
            .map(r -> resubmit(key, r))
            .orElseGet(() -> Mono.error(new JournalException("the journal does not store the request of key '" + key
                + "' (only TextToImage requests are stored whole); pass it: resubmit(key, request)", null))));
  }

  /**
   * Submits an in-doubt or abandoned entry again with {@code request}.
   *
   * @param key the key
   * @param request the task
   * @return as {@link #submit}; or signalling {@link JournalException} when the key is unknown or
   *     neither in doubt nor abandoned
   */
  public Mono<JournalEntry> resubmit(String key, TaskRequest request) {
    checkKey(key);
    Objects.requireNonNull(request, "request");
    return Mono.defer(() -> {
      ensureRunning();
      long now = now();
      return journal.repend(key, Codec.request(request), owner, leaseEnd(now), now)
          .flatMap(done -> done
              ? send(key, request)
              : journal.load(key).switchIfEmpty(Mono.error(() -> unknown(key)))
                  .flatMap(row -> Mono.error(new JournalException("only an in-doubt or abandoned entry is submitted again;"
                      + " the task of key '" + key + "' is " + row.entry().state(), null))));
    });
  }

  private Mono<TaskJournal.Row> notInDoubt(String key) {
    return journal.load(key).switchIfEmpty(Mono.error(() -> unknown(key)))
        .flatMap(row -> Mono.error(new JournalException("the task of key '" + key + "' is " + row.entry().state()
            + ", not in doubt", null)));
  }

  // ------------------------------------------------------------------ reading

  /**
   * The entry of a key, as last recorded.
   *
   * @param key the key
   * @return a {@code Mono} emitting the entry, or completing empty for an unknown key
   */
  public Mono<JournalEntry> entry(String key) {
    checkKey(key);
    return journal.load(key).map(TaskJournal.Row::entry);
  }

  /**
   * Lists every entry, of any provider and state.
   *
   * @return a {@code Flux} of the entries, oldest first
   */
  public Flux<JournalEntry> entries() {
    return journal.entries();
  }

  /**
   * The updates of a journaled task: those recorded so far, then each new one as it is recorded,
   * by this process or another, ending with the terminal update (which carries the result). Any
   * replica serves it, whether or not it holds the task's lease; if no process holds the lease,
   * this one claims it and follows the task. The stream follows the status rules of {@link
   * TaskClient} (one update per change, statuses forward, one terminal update then completion).
   *
   * @param key the key
   * @return a {@code Flux} of the updates; or signalling {@link JournalException} for an unknown
   *     or abandoned key, {@link TaskInDoubtException} when the entry is (or becomes) in doubt
   */
  public Flux<TaskUpdate> watch(String key) {
    checkKey(key);
    return Flux.defer(() -> {
      ensureRunning();
      AtomicInteger seen = new AtomicInteger();
      Flux<Object> signals = Flux.<Object>merge(
              recorded.asFlux().filter(key::equals),
              notified.filter(key::equals),
              Flux.interval(options.pollFallback()))
          .onBackpressureLatest();
      return journal.load(key)
          .switchIfEmpty(Mono.error(() -> unknown(key)))
          .flatMapMany(row -> claimAndFollow(row)
              .thenMany(Flux.concat(Mono.just((Object) 0L), signals).concatMap(tick -> recordedSince(key, seen), 1)))
          .takeUntil(u -> u.status().isTerminal());
    });
  }

  private Flux<TaskUpdate> recordedSince(String key, AtomicInteger seen) {
    return journal.updates(key, seen.get()).collectList().flatMapMany(list -> {
      if (!list.isEmpty()) {
        return Flux.fromIterable(list).doOnNext(u -> seen.set(u.seq()))
            .map(u -> Codec.update(TaskHandle.decode(u.handle()), u.body()));
      }
      return journal.load(key).flatMapMany(row -> switch (row.entry().state()) {
        case IN_DOUBT -> Flux.error(new TaskInDoubtException(key, "its submission's answer was never recorded"));
        case ABANDONED -> Flux.error(new JournalException("the task of key '" + key + "' was abandoned", null));
        default -> Flux.empty();
      });
    });
  }

  /**
   * The terminal result of a journaled task: at once when it is recorded, else when the task ends.
   *
   * @param key the key
   * @return a {@code Mono} emitting the result, whatever its status ({@code FINISHED}, {@code
   *     FAILED} or {@code CANCELED}); or signalling as {@link #watch}
   */
  public Mono<TaskResult> result(String key) {
    checkKey(key);
    return journal.load(key).switchIfEmpty(Mono.error(() -> unknown(key)))
        .flatMap(row -> row.entry().result().map(Mono::just)
            .orElseGet(() -> watch(key).last().flatMap(u -> Mono.justOrEmpty(u.result()))));
  }

  // ------------------------------------------------------------------ leases and rounds

  /**
   * Starts this process's rounds (if not started) and runs one now: entries whose submitter died
   * before recording an answer become in doubt, this process's leases are renewed, and every
   * submitted, unfinished task of this client's provider whose lease is free or expired is claimed
   * and followed (up to {@link DurableOptions#claimBatch()} per round; the next rounds take the
   * rest).
   *
   * @return a {@code Mono} emitting how many tasks this process follows after the round
   */
  public Mono<Integer> resume() {
    return Mono.defer(() -> {
      ensureRunning();
      return round();
    });
  }

  /**
   * Purges the finished and abandoned entries older than {@link DurableOptions#retention()} (the
   * rounds do it too, about once per {@code retention / 10}, at least once an hour).
   *
   * @return a {@code Mono} emitting how many entries were removed
   */
  public Mono<Long> purge() {
    return journal.purge(now() - options.retention().toMillis());
  }

  private void ensureRunning() {
    if (closed.get()) {
      throw new IllegalStateException("this DurableTaskClient is closed");
    }
    if (rounds.get() == null) {
      Disposable loop = Flux.interval(options.claimInterval(), options.claimInterval())
          .onBackpressureDrop()
          .concatMap(tick -> round().onErrorResume(e -> {
            LOG.warn("journal round of {} failed: {}", owner, e.toString());
            return Mono.empty();
          }), 1)
          .subscribe();
      if (!rounds.compareAndSet(null, loop)) {
        loop.dispose();
      }
    }
  }

  private Mono<Integer> round() {
    long now = now();
    return journal.sweepPending(now)
        .then(journal.renew(owner, leaseEnd(now)))
        .then(journal.owned(owner))
        .doOnNext(this::reconcile)
        .then(options.following() ? claimRound(now) : Mono.empty())
        .then(purgeIfDue(now))
        .then(Mono.fromSupplier(followed::size));
  }

  /** Stops following what this process no longer holds, and follows what it holds and does not. */
  private void reconcile(List<String> held) {
    Set<String> holds = new HashSet<>(held);
    followed.forEach((key, follower) -> {
      if (!holds.contains(key)) {
        LOG.info("journal lease of {} lost by {}; another process follows it", key, owner);
        follower.dispose();
        followed.remove(key, follower);
      }
    });
    holds.forEach(this::follow);
  }

  private Mono<Void> claimRound(long now) {
    return journal.dialect().claim(journal, client.provider(), owner, leaseEnd(now), now, options.claimBatch())
        .doOnNext(this::follow)
        .then();
  }

  private Mono<Long> purgeIfDue(long now) {
    long every = Math.min(options.retention().toMillis() / 10, Duration.ofHours(1).toMillis());
    long last = lastPurge.get();
    if (now - last < every || !lastPurge.compareAndSet(last, now)) {
      return Mono.just(0L);
    }
    return purge();
  }

  private Mono<Void> claimAndFollow(TaskJournal.Row row) {
    long now = now();
    if (!options.following() || row.entry().state() != JournalState.SUBMITTED || !row.entry().provider().equals(client.provider())) {
      return Mono.empty();
    }
    if (owner.equals(row.owner())) {
      follow(row.entry().key());
      return Mono.empty();
    }
    if (row.owner() != null && row.leaseUntil() >= now) {
      return Mono.empty();
    }
    return journal.claim(row.entry().key(), owner, leaseEnd(now), now).filter(Boolean::booleanValue)
        .doOnNext(claimed -> follow(row.entry().key())).then();
  }

  private void follow(String key) {
    if (closed.get()) {
      return;
    }
    Disposable.Swap slot = Disposables.swap();
    if (followed.putIfAbsent(key, slot) != null) {
      return;
    }
    slot.update(following(key)
        .doFinally(signal -> followed.remove(key, slot))
        .subscribe(ok -> {}, e -> LOG.warn("journal follower of {} stopped: {}", key, e.toString())));
  }

  /** Polls one held task and appends each change; ends at its terminal update or when the lease is lost. */
  private Flux<Boolean> following(String key) {
    return Mono.zip(journal.load(key), journal.lastUpdate(key).map(Optional::of).defaultIfEmpty(Optional.empty()))
        .flatMapMany(t -> {
          TaskJournal.Row row = t.getT1();
          if (row.entry().state() != JournalState.SUBMITTED || !owner.equals(row.owner())
              || row.entry().handle().isEmpty()) {
            return Flux.empty();
          }
          TaskHandle handle = row.entry().handle().get();
          AtomicInteger seq = new AtomicInteger(row.seq());
          AtomicReference<@Nullable TaskUpdate> last =
              new AtomicReference<>(t.getT2().map(u -> Codec.update(handle, u.body())).orElse(null));
          return client.watch(handle, FOLLOW)
              .onErrorResume(TaskNotFoundException.class, e -> Mono.just(lost(handle, e)))
              .filter(u -> fresh(last.get(), u))
              .concatMap(u -> append(key, seq, u).doOnNext(ok -> {
                if (ok) {
                  last.set(u);
                  if (u.status().isTerminal()) {
                    followed.remove(key); // done: the next round must not take it for a lost lease
                  }
                  tell(key);
                }
              }), 1)
              .takeWhile(Boolean::booleanValue)
              .onErrorResume(e -> e instanceof Lora4jException && !(e instanceof JournalException), e -> {
                LOG.warn("journal follower of {} cannot poll it ({}); its lease is released for another try", key,
                    e.toString());
                return journal.release(key, owner).thenMany(Flux.empty());
              });
        });
  }

  private static TaskUpdate lost(TaskHandle handle, TaskNotFoundException e) {
    String why = "the provider no longer knows the task: " + e.getMessage();
    return TaskUpdate.builder(handle, TaskStatus.FAILED).providerStatus("unknown").message(why)
        .result(TaskResult.builder(handle, TaskStatus.FAILED).error(why).build()).build();
  }

  /** A change worth recording after {@code last}: another state, not an earlier status. */
  private static boolean fresh(@Nullable TaskUpdate last, TaskUpdate u) {
    return last == null || (!u.sameStateAs(last) && u.status().ordinal() >= last.status().ordinal()
        && !last.status().isTerminal());
  }

  private Mono<Boolean> append(String key, AtomicInteger seq, TaskUpdate u) {
    String body = Codec.update(u);
    String result = u.status().isTerminal() ? u.result().map(Codec::result).orElse(Codec.result(
        TaskResult.builder(u.handle(), u.status()).build())) : null;
    return Mono.defer(() -> journal.append(key, owner, seq.get(), body, u.status(), result, now()))
        .doOnNext(ok -> {
          if (ok) {
            seq.incrementAndGet();
          }
        })
        .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5))
            .filter(e -> e instanceof JournalException && !closed.get())
            .doBeforeRetry(r -> LOG.warn("journal append of {} failed ({}); retrying, nothing is dropped", key,
                r.failure().toString())));
  }

  private void tell(String key) {
    synchronized (recorded) {
      recorded.tryEmitNext(key);
    }
  }

  /**
   * Stops the rounds and the followers, and releases this process's leases so that other replicas
   * take its tasks at their next round (a process that dies without closing hands them over when
   * the leases expire). Leaves the {@code TaskClient} and the journal open.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    halt();
    journal.release(owner).timeout(Duration.ofSeconds(5))
        .subscribe(n -> {}, e -> LOG.warn("journal leases of {} not released ({}); they expire", owner, e.toString()));
  }

  /** Stops everything without touching the journal, as a process that dies; for tests. */
  void halt() {
    closed.set(true);
    Disposable loop = rounds.getAndSet(null);
    if (loop != null) {
      loop.dispose();
    }
    followed.values().forEach(Disposable::dispose);
    followed.clear();
  }

  private long now() {
    return options.clock().millis();
  }

  private long leaseEnd(long now) {
    return now + options.leaseTtl().toMillis();
  }

  private static JournalException unknown(String key) {
    return new JournalException("no task with key '" + key + "' in the journal", null);
  }

  private static void checkKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("key must be 1 to " + MAX_KEY_LENGTH + " characters and not blank, was "
          + (key.isBlank() ? "blank" : key.length() + " characters"));
    }
  }
}
