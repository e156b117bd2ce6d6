package dev.lora4j.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.HttpResources;
import reactor.netty.resources.LoopResources;

class EventLoopSchedulerTest {

  private final Scheduler scheduler = EventLoopScheduler.shared();
  private final EventLoopGroup loops = HttpResources.get().onClient(LoopResources.DEFAULT_NATIVE);

  @Test
  void aTimerSetOnALoopFiresOnThatLoop() throws Exception {
    CompletableFuture<String[]> threads = new CompletableFuture<>();
    loops.next().execute(() -> {
      String setOn = Thread.currentThread().getName();
      Mono.delay(Duration.ofMillis(20), scheduler)
          .subscribe(tick -> threads.complete(new String[] {setOn, Thread.currentThread().getName()}));
    });

    String[] seen = threads.get(10, TimeUnit.SECONDS);
    assertThat(seen[1]).isEqualTo(seen[0]);
  }

  @Test
  void aTimerSetElsewhereFiresOnOneOfTheLoops() throws Exception {
    CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
    Mono.delay(Duration.ofMillis(5), scheduler)
        .subscribe(tick -> onLoop.complete(inAnyLoop()));

    assertThat(onLoop.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aCanceledTimerNeverFires() throws Exception {
    AtomicBoolean fired = new AtomicBoolean();
    Disposable timer = scheduler.schedule(() -> fired.set(true), 200, TimeUnit.MILLISECONDS);
    timer.dispose();
    // a later timer on the same loops fires; the canceled one, due before it, must not have
    CountDownLatch later = new CountDownLatch(1);
    scheduler.schedule(later::countDown, 400, TimeUnit.MILLISECONDS);

    assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(fired).isFalse();
  }

  @Test
  void aWorkerRunsItsTasksInOrderAndNoneAfterDispose() throws Exception {
    Scheduler.Worker worker = scheduler.createWorker();
    List<Integer> order = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    for (int i = 0; i < 100; i++) {
      int n = i;
      worker.schedule(() -> order.add(n));
    }
    worker.schedule(done::countDown);
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(order).hasSize(100).isSorted();

    AtomicBoolean fired = new AtomicBoolean();
    worker.schedule(() -> fired.set(true), 100, TimeUnit.MILLISECONDS);
    worker.dispose();
    CountDownLatch later = new CountDownLatch(1);
    scheduler.schedule(later::countDown, 300, TimeUnit.MILLISECONDS);
    assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(fired).isFalse();
    assertThat(worker.isDisposed()).isTrue();
  }

  private boolean inAnyLoop() {
    for (var executor : loops) {
      if (executor.inEventLoop()) {
        return true;
      }
    }
    return false;
  }
}
