package dev.lora4j.internal.http;

import dev.lora4j.ClientOptions;
import dev.lora4j.RateLimitedException;
import dev.lora4j.spi.http.ProviderHttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The request budget of one {@code TaskClient}: at most {@link ClientOptions#REQUEST_BUDGET}
 * requests a second over every HTTP call its provider makes, and a lower rate for a while after the
 * provider answered {@code 429} ({@link ClientOptions#ADAPTIVE_RATE}).
 *
 * <p>The core puts the budget into the Reactor {@link Context} of every call it makes ({@link
 * #writeTo}); the HTTP layer reads it from there and lets each attempt wait for a permit before its
 * request is sent ({@link #gate(Mono)}). A call without a budget in its context goes at once. A
 * call marked as a poll ({@link #polls}) waits behind every other (submissions, cancels, status
 * queries, downloads), and polls are served in the order they came, so that a poll waits at most
 * for the polls ahead of it at the current rate.
 *
 * <p>The limiter grants {@link #HEADROOM 97%} of the rate, in periods of about 10 ms. A permit is
 * granted only while fewer requests are on their way than the connection pool has connections
 * ({@link ClientOptions#MAX_CONNECTIONS}): a request granted with every connection busy would wait in
 * the pool's own first-come line, behind polls, and go out in a burst once the provider catches up.
 *
 * <p>Adaptive rate (additive increase, multiplicative decrease): a {@link RateLimitedException}
 * signalled by an attempt halves the rate (at most once a second, so that a burst of {@code 429}
 * answers to requests already on their way counts once), starting from the current rate, or
 * without a budget from the rate measured over the last one to two seconds; a {@code Retry-After}
 * pauses every request of the client for that long (at most {@link #MAX_PAUSE}). From a second
 * after the cut, the rate grows by 5% of the budget (without one, of the rate before the cut) each
 * second, up to the budget; from 90% of the rate the cut was made from up to that rate, by a fifth
 * of that, so that the rate nears the provider's limit slowly and crosses it less often. Without a
 * budget, the limit is lifted again once it is twice the rate measured.
 */
public final class RequestBudget {

  /** The highest budget accepted, in requests per second. */
  public static final double MAX_RATE = 1_000_000;
  /**
   * The share of the budget the limiter grants: requests delayed on their way (a connection being
   * opened, a busy event loop) arrive bunched together, and the headroom keeps the provider's count
   * of any one-second window within the budget all the same.
   */
  static final double HEADROOM = 0.97;
  /** The rate a cut never goes below (or the budget, if that is lower). */
  static final double MIN_RATE = 1;
  /** The factor of a cut. */
  static final double DECREASE = 0.5;
  /** The growth per second after a cut, as a share of the budget (or of the rate before the cut). */
  static final double INCREASE_SHARE = 0.05;
  /**
   * From this share of the rate the last cut was made at, up to that rate, the growth is a fifth of
   * the usual: the provider's limit was found there, so the rate nears it slowly, and finds it again
   * less often than a steady climb would.
   */
  static final double NEAR_LIMIT = 0.9;
  /** The growth near the rate of the last cut, as a share of the usual growth. */
  static final double NEAR_LIMIT_STEP = 0.2;
  /** The longest pause a {@code Retry-After} imposes on the whole client. */
  public static final Duration MAX_PAUSE = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(RequestBudget.class);
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long SETTLE = TimeUnit.MILLISECONDS.toNanos(250);
  private static final Object BUDGET_KEY = new Key("lora4j.requestBudget");
  private static final Object PRIORITY_KEY = new Key("lora4j.requestPriority");
  private static final Object POLL = new Key("poll");

  private final String name;
  private final double ceiling;
  private final boolean adaptive;
  private final LongSupplier clock;
  private final PermitQueue queue;
  private final AtomicLong attempts = new AtomicLong();
  private volatile Sample older;
  private volatile Sample newer;
  private volatile double rate;
  /** Whether the rate is below the ceiling, so that a later attempt may raise it. */
  private volatile boolean recovering;
  /** Guarded by {@code this}. */
  private long nextCut;
  /** Guarded by {@code this}. */
  private long nextRaise;
  /** Guarded by {@code this}. */
  private double step;
  /** Guarded by {@code this}: the rate the last cut was made from. */
  private double limitedAt = Double.POSITIVE_INFINITY;

  private RequestBudget(String name, @Nullable Double perSecond, boolean adaptive, int seats, Scheduler scheduler,
      LongSupplier clock) {
    this.name = name;
    this.ceiling = perSecond == null ? Double.POSITIVE_INFINITY : checkRate("requestBudget", perSecond);
    this.adaptive = adaptive;
    this.clock = clock;
    this.queue = new PermitQueue(name, seats, scheduler, clock);
    long now = clock.getAsLong();
    this.older = new Sample(now, 0);
    this.newer = older;
    this.nextCut = now;
    this.rate = ceiling;
    if (perSecond != null) {
      queue.limit(PermitQueue.limiter(name, ceiling * HEADROOM, clock), false);
    }
  }

  /**
   * Makes the budget {@code options} ask for: {@link ClientOptions#REQUEST_BUDGET} and {@link
   * ClientOptions#ADAPTIVE_RATE}, each from the builder, its system property or its environment
   * variable, with as many requests on their way at once as {@link ClientOptions#MAX_CONNECTIONS}
   * allows.
   *
   * @param name names the limiter, such as {@code lora4j-xalora}
   * @param options the client options
   * @return the budget, or {@code null} when there is none to keep (no budget and no adaptive rate)
   * @throws IllegalArgumentException if an option is malformed; the message names it
   */
  public static @Nullable RequestBudget of(String name, ClientOptions options) {
    Objects.requireNonNull(options, "options");
    Double perSecond = options.requestBudget().orElse(null);
    boolean adaptive = options.adaptiveRate().orElse(perSecond != null);
    if (perSecond == null && !adaptive) {
      return null;
    }
    int seats = options.value(ClientOptions.MAX_CONNECTIONS, NetworkOptions.MAX_CONNECTIONS_ENV)
        .orElse(ProviderHttpClient.DEFAULT_MAX_CONNECTIONS);
    return new RequestBudget(name, perSecond, adaptive, seats, Schedulers.parallel(), System::nanoTime);
  }

  /**
   * Makes a budget that waits on {@link Schedulers#parallel()}'s timers and {@link System#nanoTime()},
   * with {@link ProviderHttpClient#DEFAULT_MAX_CONNECTIONS} requests on their way at most.
   *
   * @param name names the limiter
   * @param perSecond the budget in requests per second, or {@code null} for none
   * @param adaptive whether {@code 429} answers lower the rate
   * @return the budget
   * @throws IllegalArgumentException if {@code perSecond} is not positive or above {@link #MAX_RATE}
   */
  public static RequestBudget create(String name, @Nullable Double perSecond, boolean adaptive) {
    return new RequestBudget(Objects.requireNonNull(name, "name"), perSecond, adaptive,
        ProviderHttpClient.DEFAULT_MAX_CONNECTIONS, Schedulers.parallel(), System::nanoTime);
  }

  /** A budget on {@code scheduler}'s clock and timers, for tests in virtual time. */
  static RequestBudget create(String name, @Nullable Double perSecond, boolean adaptive, Scheduler scheduler) {
    return create(name, perSecond, adaptive, ProviderHttpClient.DEFAULT_MAX_CONNECTIONS, scheduler);
  }

  /** As {@link #create(String, Double, boolean, Scheduler)}, with {@code seats} requests on their way at most. */
  static RequestBudget create(String name, @Nullable Double perSecond, boolean adaptive, int seats, Scheduler scheduler) {
    return new RequestBudget(name, perSecond, adaptive, seats, scheduler, () -> scheduler.now(TimeUnit.NANOSECONDS));
  }

  /**
   * Checks a rate.
   *
   * @param name the setting's name, for the message
   * @param perSecond the rate
   * @return the rate
   * @throws IllegalArgumentException if not a positive number up to {@link #MAX_RATE}
   */
  public static double checkRate(String name, double perSecond) {
    if (!(perSecond > 0 && perSecond <= MAX_RATE)) {
      throw new IllegalArgumentException(
          name + " must be a number of requests per second above 0 and at most 1000000, was " + perSecond);
    }
    return perSecond;
  }

  /**
   * Puts this budget into a context, for every call made under it.
   *
   * @param context the context
   * @return the context with this budget
   */
  public Context writeTo(Context context) {
    return context.put(BUDGET_KEY, this);
  }

  /**
   * Marks the calls made under a context as polls, which wait behind every other call.
   *
   * @param context the context
   * @return the context with the mark
   */
  public static Context polls(Context context) {
    return context.put(PRIORITY_KEY, POLL);
  }

  /**
   * Lets one attempt wait for a permit of the budget in its context, if any, before it is
   * subscribed; without a budget, returns {@code attempt} as it is. The attempt holds one of the
   * budget's seats until it terminates or is canceled. The attempt's {@link RateLimitedException}
   * lowers the budget's rate.
   *
   * @param attempt the attempt, subscribed once the permit is granted
   * @param <T> what it emits
   * @return the attempt behind the budget
   */
  public static <T> Mono<T> gate(Mono<T> attempt) {
    return Mono.deferContextual(context -> {
      RequestBudget budget = budgetOf(context);
      return budget == null ? attempt : budget.admit(isUrgent(context), attempt);
    });
  }

  /**
   * As {@link #gate(Mono)}, for a request that is a stream, such as a WebSocket's connection, which
   * gives its seat back as soon as it starts: it runs on a connection of its own, not the pool's.
   *
   * @param request the request, subscribed once the permit is granted
   * @param <T> what it emits
   * @return the request behind the budget
   */
  public static <T> Flux<T> gate(Flux<T> request) {
    return Flux.deferContextual(context -> {
      RequestBudget budget = budgetOf(context);
      if (budget == null) {
        return request;
      }
      Flux<T> counted = Flux.defer(() -> {
        budget.started();
        return request;
      });
      PermitQueue.Lease now = budget.queue.tryNow();
      if (now != null) {
        now.release();
        return counted;
      }
      return budget.queue.await(isUrgent(context)).flatMapMany(lease -> {
        lease.release();
        return counted;
      });
    });
  }

  /** {@return the rate now, in requests per second; infinite when nothing limits it} */
  public double rate() {
    return rate;
  }

  /** {@return whether a {@code Retry-After} holds every request back now} */
  public boolean paused() {
    return queue.paused();
  }

  /** {@return how many requests wait for a permit now} */
  public int waiting() {
    return queue.waiting();
  }

  /** {@return how many granted requests have not ended yet} */
  int onTheirWay() {
    return queue.seated();
  }

  private <T> Mono<T> admit(boolean isUrgent, Mono<T> attempt) {
    PermitQueue.Lease now = queue.tryNow();
    return now != null ? seated(attempt, now) : queue.await(isUrgent).flatMap(lease -> seated(attempt, lease));
  }

  /** The attempt, counted as it starts, giving its seat back as it ends. */
  private <T> Mono<T> seated(Mono<T> attempt, PermitQueue.Lease lease) {
    Mono<T> counted = Mono.defer(() -> {
      started();
      return attempt;
    });
    if (adaptive) {
      counted = counted.doOnError(RateLimitedException.class, e -> rateLimited(e.retryAfter().orElse(null)));
    }
    return counted.doFinally(signal -> lease.release());
  }

  /** Counts a request going out, keeps the measured rate, and raises the rate when it is time to. */
  private void started() {
    long count = attempts.incrementAndGet();
    if (!adaptive) {
      return;
    }
    long now = clock.getAsLong();
    Sample last = newer;
    if (now - last.nanos >= SECOND) {
      older = last;
      newer = new Sample(now, count);
    }
    if (recovering) {
      raise(now);
    }
  }

  /** The requests a second sent over the last one to two seconds. */
  private double measured(long now) {
    Sample from = older;
    long span = now - from.nanos;
    return span <= 0 ? 0 : (attempts.get() - from.count) * 1e9 / span;
  }

  /**
   * Reacts to a {@code 429}: pauses for its {@code Retry-After} and halves the rate, unless a cut
   * was made less than a second ago (or during the pause of the cut before).
   */
  void rateLimited(@Nullable Duration retryAfter) {
    long now = clock.getAsLong();
    long pause = 0;
    if (retryAfter != null && !retryAfter.isNegative() && !retryAfter.isZero()) {
      pause = Math.min(retryAfter.toNanos(), MAX_PAUSE.toNanos());
      queue.pauseUntil(now + pause);
    }
    double next;
    synchronized (this) {
      if (now - nextCut < 0) {
        return;
      }
      double current = rate;
      double base = Double.isInfinite(current) ? Math.max(measured(now), MIN_RATE) : current;
      double floor = Math.min(MIN_RATE, ceiling);
      next = Math.max(floor, Math.min(base, ceiling) * DECREASE);
      step = Math.max(0.1, INCREASE_SHARE * (Double.isInfinite(ceiling) ? base : ceiling));
      nextCut = now + Math.max(SECOND, pause + SETTLE);
      nextRaise = nextCut;
      limitedAt = Math.min(base, ceiling);
      rate = next;
      recovering = true;
    }
    log.info("{}: a request was answered 429, so this client now sends at most {} requests a second{}, rising again from a "
        + "second after while answers succeed", name, String.format(Locale.ROOT, "%.1f", next),
        pause > 0 ? ", after a pause of " + Duration.ofNanos(pause) : "");
    queue.limit(PermitQueue.limiter(name, next * HEADROOM, clock), true);
  }

  private void raise(long now) {
    double next;
    synchronized (this) {
      if (!recovering || now - nextRaise < 0) {
        return;
      }
      nextRaise = now + SECOND;
      boolean nearLimit = rate >= NEAR_LIMIT * limitedAt && rate < limitedAt;
      next = Math.min(ceiling, rate + (nearLimit ? step * NEAR_LIMIT_STEP : step));
      if (nearLimit && next > limitedAt) {
        next = limitedAt;
      }
      if (Double.isInfinite(ceiling) && next > 2 * measured(now)) {
        next = Double.POSITIVE_INFINITY;
      }
      rate = next;
      recovering = next < ceiling;
    }
    if (next >= ceiling || Double.isInfinite(next)) {
      log.info("{}: no 429 for a while, the request rate is back to {}", name,
          Double.isInfinite(next) ? "unlimited" : String.format(Locale.ROOT, "%.1f a second", next));
    }
    queue.limit(Double.isInfinite(next) ? null : PermitQueue.limiter(name, next * HEADROOM, clock), true);
  }

  private static @Nullable RequestBudget budgetOf(ContextView context) {
    Object budget = context.getOrDefault(BUDGET_KEY, null);
    return budget instanceof RequestBudget b ? b : null;
  }

  private static boolean isUrgent(ContextView context) {
    return context.getOrDefault(PRIORITY_KEY, null) != POLL;
  }

  @Override
  public String toString() {
    return "RequestBudget{" + name + ", budget=" + (Double.isInfinite(ceiling) ? "none" : ceiling)
        + ", rate=" + rate + ", adaptive=" + adaptive + "}";
  }

  /** The count of requests sent by a moment. */
  private record Sample(long nanos, long count) {}

  /** A context key that names itself. */
  private record Key(String name) {
    @Override
    public String toString() {
      return name;
    }
  }
}
