package dev.lora4j.internal;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Passes a polling loop's signals through until {@link #stop()} is called (its client closes);
 * then cancels the loop and ends its subscriber: with {@code onComplete} when the task had already
 * ended, else with the error of {@code closedError}. One object per watched task, where a {@code
 * takeUntilOther} on a stop signal followed by a {@code concatWith} of the error kept nine: this
 * one is called from the closing thread while the loop's own signals arrive on an event loop, so
 * the subscriber it is given must be serialized ({@link Operators#serialize}).
 */
final class CloseGate<T> implements CoreSubscriber<T>, Subscription {

  @SuppressWarnings("unchecked")
  private static final AtomicIntegerFieldUpdater<CloseGate<?>> TERMINATED =
      AtomicIntegerFieldUpdater.newUpdater((Class<CloseGate<?>>) (Class<?>) CloseGate.class, "terminated");

  private final CoreSubscriber<? super T> actual;
  private final BooleanSupplier ended;
  private final Supplier<? extends Throwable> closedError;
  private volatile @Nullable Subscription upstream;
  private volatile boolean stopRequested;
  private volatile int terminated;

  /**
   * Creates a gate.
   *
   * @param actual the loop's subscriber, serialized
   * @param ended whether the task has ended, when the client closes
   * @param closedError the error of a loop stopped before its task ended
   */
  CloseGate(CoreSubscriber<? super T> actual, BooleanSupplier ended, Supplier<? extends Throwable> closedError) {
    this.actual = actual;
    this.ended = ended;
    this.closedError = closedError;
  }

  /** Stops the loop, now or as soon as it is subscribed; idempotent. */
  void stop() {
    stopRequested = true;
    Subscription s = upstream;
    if (s != null && TERMINATED.compareAndSet(this, 0, 1)) {
      s.cancel();
      if (ended.getAsBoolean()) {
        actual.onComplete();
      } else {
        actual.onError(closedError.get());
      }
    }
  }

  @Override
  public void onSubscribe(Subscription s) {
    if (Operators.validate(upstream, s)) {
      upstream = s;
      actual.onSubscribe(this);
      if (stopRequested) {
        stop();
      }
    }
  }

  @Override
  public void onNext(T t) {
    if (terminated == 0) {
      actual.onNext(t);
    } else {
      Operators.onDiscard(t, actual.currentContext());
    }
  }

  @Override
  public void onError(Throwable t) {
    if (TERMINATED.compareAndSet(this, 0, 1)) {
      actual.onError(t);
    } else {
      Operators.onErrorDropped(t, actual.currentContext());
    }
  }

  @Override
  public void onComplete() {
    if (TERMINATED.compareAndSet(this, 0, 1)) {
      actual.onComplete();
    }
  }

  @Override
  public void request(long n) {
    Subscription s = upstream;
    if (s != null) {
      s.request(n);
    }
  }

  @Override
  public void cancel() {
    TERMINATED.set(this, 1);
    Subscription s = upstream;
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public Context currentContext() {
    return actual.currentContext();
  }
}
