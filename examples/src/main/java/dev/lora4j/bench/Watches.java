package dev.lora4j.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/** Runs many watches at once for a benchmark, each subscribed on its own. */
final class Watches {

  private Watches() {}

  /**
   * Subscribes {@code count} streams at once and waits until every one has ended. Each is
   * subscribed on its own: a {@code flatMap} over all of them would rescan its 10,000 inners
   * whenever one completes, and that quadratic work would count as the client's CPU.
   *
   * @param count how many streams
   * @param stream the stream of each index, from 0
   * @param onNext called with every element of every stream, from the threads that emit them
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException with the first failure as its cause, once all have ended
   */
  static <T> void each(int count, IntFunction<? extends Publisher<T>> stream, Consumer<? super T> onNext)
      throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(count);
    for (int i = 0; i < count; i++) {
      Flux.from(stream.apply(i)).subscribe(
          onNext,
          e -> {
            failure.compareAndSet(null, e);
            done.countDown();
          },
          done::countDown);
    }
    done.await();
    if (failure.get() != null) {
      throw new IllegalStateException("a watch failed", failure.get());
    }
  }
}
