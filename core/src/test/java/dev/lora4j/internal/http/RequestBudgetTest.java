package dev.lora4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lora4j.ClientOptions;
import dev.lora4j.RateLimitedException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The budget's queue and its adaptive rate, in virtual time. */
class RequestBudgetTest {

  private final VirtualTimeScheduler time = VirtualTimeScheduler.create();
  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final List<Disposable> running = new CopyOnWriteArrayList<>();

  @AfterEach
  void dispose() {
    running.forEach(Disposable::dispose);
    time.dispose();
  }

  /** One request named {@code name}, recorded in {@link #sent} when it goes out. */
  private Mono<String> request(String name) {
    return Mono.fromCallable(() -> {
      sent.add(name);
      return name;
    });
  }

  private void send(RequestBudget budget, String name, boolean poll) {
    Mono<String> gated = RequestBudget.gate(request(name));
    running.add(gated.contextWrite(c -> poll ? RequestBudget.polls(budget.writeTo(c)) : budget.writeTo(c)).subscribe());
  }

  @Test
  void sendsAtOnceWithoutABudgetInTheContext() {
    StepVerifier.create(RequestBudget.gate(request("a"))).expectNext("a").verifyComplete();
  }

  @Test
  void grantsTheBudgetsRateAndNoMore() {
    RequestBudget budget = RequestBudget.create("t", 100.0, true, time);
    for (int i = 0; i < 250; i++) {
      send(budget, "p" + i, true);
    }
    assertThat(sent).as("the first period's permit").hasSize(1);
    time.advanceTimeBy(Duration.ofMillis(999));
    assertThat(sent).as("97 a second").hasSize(97);
    time.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(sent).hasSize(194);
    assertThat(budget.waiting()).isEqualTo(56);
  }

  @Test
  void servesSubmissionsBeforeQueuedPollsAndPollsInTheirOrder() {
    RequestBudget budget = RequestBudget.create("t", 10.0, true, time);
    send(budget, "first", true);
    for (int i = 0; i < 5; i++) {
      send(budget, "poll" + i, true);
    }
    send(budget, "submit", false);
    send(budget, "cancel", false);
    time.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(sent).containsExactly("first", "submit", "cancel", "poll0", "poll1", "poll2", "poll3", "poll4");
  }

  @Test
  void aCanceledWaiterLeavesTheQueueWithoutUsingAPermit() {
    RequestBudget budget = RequestBudget.create("t", 10.0, true, time);
    send(budget, "first", true);
    Disposable gone = RequestBudget.gate(request("gone")).contextWrite(c -> RequestBudget.polls(budget.writeTo(c))).subscribe();
    send(budget, "next", true);
    assertThat(budget.waiting()).isEqualTo(2);

    gone.dispose();

    assertThat(budget.waiting()).isEqualTo(1);
    time.advanceTimeBy(Duration.ofMillis(110));
    assertThat(sent).containsExactly("first", "next");
  }

  @Test
  void aBurstOf429sHalvesTheRateOnceThenItGrowsBackToTheBudget() {
    RequestBudget budget = RequestBudget.create("t", 100.0, true, time);
    budget.rateLimited(null);
    budget.rateLimited(null);
    budget.rateLimited(null);
    assertThat(budget.rate()).isEqualTo(50.0);

    time.advanceTimeBy(Duration.ofMillis(1100));
    budget.rateLimited(null);
    assertThat(budget.rate()).as("a second later, another cut").isEqualTo(25.0);

    // requests keep going; each second of them adds 5% of the budget
    for (int s = 0; s < 20; s++) {
      time.advanceTimeBy(Duration.ofSeconds(1));
      send(budget, "r" + s, false);
    }
    assertThat(budget.rate()).isEqualTo(100.0);
  }

  @Test
  void nearTheRateOfTheLastCutTheRateGrowsAFifthAsFast() {
    RequestBudget budget = RequestBudget.create("t", 100.0, true, time);
    budget.rateLimited(null);
    List<Double> rates = new java.util.ArrayList<>();
    for (int s = 0; s < 20; s++) {
      time.advanceTimeBy(Duration.ofSeconds(1));
      send(budget, "r" + s, false);
      rates.add(budget.rate());
    }
    // 50 + 5 a second up to 90% of the 100 the cut was made from, then 1 a second up to 100
    assertThat(rates.subList(0, 10)).containsExactly(55.0, 60.0, 65.0, 70.0, 75.0, 80.0, 85.0, 90.0, 91.0, 92.0);
    assertThat(rates.get(16)).isEqualTo(99.0);
    assertThat(rates.get(17)).isEqualTo(100.0);
    assertThat(rates.subList(17, 20)).containsOnly(100.0);
  }

  @Test
  void aRetryAfterHoldsEveryRequestBack() {
    RequestBudget budget = RequestBudget.create("t", 100.0, true, time);
    budget.rateLimited(Duration.ofSeconds(2));
    assertThat(budget.paused()).isTrue();
    send(budget, "submit", false);
    time.advanceTimeBy(Duration.ofMillis(1990));
    assertThat(sent).isEmpty();
    time.advanceTimeBy(Duration.ofMillis(30));
    assertThat(sent).containsExactly("submit");
    assertThat(budget.paused()).isFalse();
  }

  @Test
  void aRateLimitedAttemptLowersTheRate() {
    RequestBudget budget = RequestBudget.create("t", 100.0, true, time);
    Mono<String> limited = Mono.error(new RateLimitedException("slow down", 429, null, null));
    StepVerifier.create(RequestBudget.gate(limited).contextWrite(budget::writeTo))
        .expectError(RateLimitedException.class)
        .verify();
    assertThat(budget.rate()).isEqualTo(50.0);
  }

  @Test
  void withoutABudgetTheFirst429StartsAtHalfTheMeasuredRate() {
    RequestBudget budget = RequestBudget.create("t", null, true, time);
    assertThat(budget.rate()).isInfinite();
    for (int ms = 0; ms < 2000; ms += 5) {
      send(budget, "r" + ms, false);
      time.advanceTimeBy(Duration.ofMillis(5));
    }
    assertThat(sent).as("nothing limits it yet").hasSize(400);

    budget.rateLimited(null);

    assertThat(budget.rate()).isBetween(90.0, 110.0);
    sent.clear();
    for (int i = 0; i < 200; i++) {
      send(budget, "q" + i, true);
    }
    time.advanceTimeBy(Duration.ofMillis(999));
    assertThat(sent.size()).isBetween(87, 107);
  }

  @Test
  void withoutAdaptiveRateA429ChangesNothing() {
    RequestBudget budget = RequestBudget.create("t", 100.0, false, time);
    Mono<String> limited = Mono.error(new RateLimitedException("slow down", 429, null, Duration.ofSeconds(5)));
    StepVerifier.create(RequestBudget.gate(limited).contextWrite(budget::writeTo)).expectError().verify();
    assertThat(budget.rate()).isEqualTo(100.0);
    assertThat(budget.paused()).isFalse();
  }

  @Test
  void readsTheOptions() {
    Properties none = new Properties();
    ClientOptions.Builder base = ClientOptions.builder().systemProperties(none).environment(java.util.Map.of());
    assertThat(RequestBudget.of("t", base.build())).as("no budget, no adaptive rate").isNull();
    assertThat(RequestBudget.of("t", base.build().mutate().requestBudget(20).build()).rate()).isEqualTo(20.0);
    assertThat(RequestBudget.of("t", base.build().mutate().adaptiveRate(true).build()).rate()).isInfinite();

    ClientOptions fromEnv = ClientOptions.builder().systemProperties(none)
        .environment(java.util.Map.of("LORA4J_REQUEST_BUDGET", "2.5", "LORA4J_ADAPTIVE_RATE", "false")).build();
    assertThat(fromEnv.requestBudget()).contains(2.5);
    assertThat(fromEnv.adaptiveRate()).contains(false);

    ClientOptions bad = ClientOptions.builder().systemProperties(none)
        .environment(java.util.Map.of("LORA4J_REQUEST_BUDGET", "0")).build();
    assertThatThrownBy(bad::requestBudget)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LORA4J_REQUEST_BUDGET")
        .hasMessageContaining("'0'");
    assertThatThrownBy(() -> ClientOptions.builder().requestBudget(-3))
        .hasMessage("requestBudget must be a number of requests per second above 0 and at most 1000000, was -3.0");
    assertThatThrownBy(() -> ClientOptions.builder().requestBudget(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    ClientOptions notBoolean = ClientOptions.builder().systemProperties(none)
        .environment(java.util.Map.of("LORA4J_ADAPTIVE_RATE", "yes")).build();
    assertThatThrownBy(notBoolean::adaptiveRate).hasMessageContaining("LORA4J_ADAPTIVE_RATE");
  }

  @Test
  void oneSecondHoldsAtMostTheBudgetAndOnePeriod() {
    RequestBudget budget = RequestBudget.create("t", 500.0, true, time);
    AtomicInteger first = new AtomicInteger();
    for (int i = 0; i < 2000; i++) {
      send(budget, "p", true);
    }
    first.set(sent.size());
    time.advanceTimeBy(Duration.ofMillis(999));
    assertThat(sent.size()).isLessThanOrEqualTo(490);
    assertThat(first.get()).as("one period's permits at once").isEqualTo(4);
  }

  private final java.util.Map<String, Sinks.One<String>> ends = new java.util.concurrent.ConcurrentHashMap<>();

  /** A request that goes out (recorded in {@link #sent}) and stays on its way until {@link #end}. */
  private Mono<String> onItsWay(String name) {
    return Mono.defer(() -> {
      sent.add(name);
      Sinks.One<String> end = Sinks.one();
      ends.put(name, end);
      return end.asMono();
    });
  }

  private void end(String name) {
    ends.get(name).tryEmitValue(name);
  }

  private Disposable sendOnItsWay(RequestBudget budget, String name, boolean poll) {
    Disposable d = RequestBudget.gate(onItsWay(name))
        .contextWrite(c -> poll ? RequestBudget.polls(budget.writeTo(c)) : budget.writeTo(c))
        .subscribe();
    running.add(d);
    return d;
  }

  @Test
  void noMoreRequestsAreOnTheirWayThanThePoolHasConnections() {
    RequestBudget budget = RequestBudget.create("t", 1000.0, true, 2, time);
    sendOnItsWay(budget, "a", true);
    Disposable b = sendOnItsWay(budget, "b", true);
    sendOnItsWay(budget, "c", true);
    sendOnItsWay(budget, "d", true);
    time.advanceTimeBy(Duration.ofSeconds(1));
    assertThat(sent).as("two seats, however many permits").containsExactly("a", "b");
    assertThat(budget.onTheirWay()).isEqualTo(2);

    end("a");
    assertThat(sent).as("an answer frees its seat for the next in line").containsExactly("a", "b", "c");
    b.dispose();
    assertThat(sent).as("so does a canceled request").containsExactly("a", "b", "c", "d");

    end("c");
    end("d");
    assertThat(budget.onTheirWay()).isZero();
    assertThat(budget.waiting()).isZero();
  }

  @Test
  void withEveryConnectionBusyASubmissionStillGoesBeforeThePollsWaitingForOne() {
    RequestBudget budget = RequestBudget.create("t", 1000.0, true, 1, time);
    sendOnItsWay(budget, "poll0", true);
    sendOnItsWay(budget, "poll1", true);
    sendOnItsWay(budget, "poll2", true);
    sendOnItsWay(budget, "submit", false);
    time.advanceTimeBy(Duration.ofMillis(100));

    end("poll0");
    end("submit");
    end("poll1");
    assertThat(sent).containsExactly("poll0", "submit", "poll1", "poll2");
  }

  @Test
  void aRequestThatFailsOrIsCanceledWhileWaitingKeepsNoSeat() {
    RequestBudget budget = RequestBudget.create("t", 1000.0, true, 1, time);
    sendOnItsWay(budget, "first", true);
    Disposable gone = sendOnItsWay(budget, "gone", true);
    gone.dispose();
    StepVerifier.create(RequestBudget.gate(Mono.error(new IllegalStateException("boom")))
            .contextWrite(budget::writeTo))
        .then(() -> end("first"))
        .expectError(IllegalStateException.class)
        .verify(Duration.ofSeconds(5));
    assertThat(budget.onTheirWay()).isZero();
    sendOnItsWay(budget, "next", true);
    assertThat(sent).containsExactly("first", "next");
  }
}
