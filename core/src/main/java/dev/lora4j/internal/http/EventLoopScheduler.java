package dev.lora4j.internal.http;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.HttpResources;
import reactor.netty.resources.LoopResources;

/**
 * A {@link Scheduler} on the event loops that run a client's requests. A task scheduled from one of
 * those loops runs on that same loop, so a poll's timer, its connection lease and its request stay
 * on one thread: no lock, no wake-up of another thread, and the loop's timer queue is touched only
 * by its own thread. A task scheduled from any other thread goes to the next loop. The loops
 * belong to Reactor Netty's shared resources: disposing this scheduler does not stop them.
 */
public final class EventLoopScheduler implements Scheduler {

  private static final EventLoopScheduler SHARED = new EventLoopScheduler();
  /** The loops of the group last looked up. */
  private static volatile @Nullable Loops known;

  private EventLoopScheduler() {}

  /**
   * Returns the scheduler on the event loops of Reactor Netty's shared {@link HttpResources}, which
   * every client of lora4j runs its requests on.
   *
   * @return the shared instance
   */
  public static EventLoopScheduler shared() {
    return SHARED;
  }

  @Override
  public Disposable schedule(Runnable task) {
    return schedule(task, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
    return schedule(loop(), task, delay, unit);
  }

  @Override
  public Worker createWorker() {
    return new LoopWorker(loop());
  }

  @Override
  public long now(TimeUnit unit) {
    return unit.convert(System.currentTimeMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public String toString() {
    return "EventLoopScheduler";
  }

  /** The loop running this thread, if it is one of ours, else the next. */
  private static EventLoop loop() {
    // looked up each time, as Reactor Netty does: the shared resources can be disposed and made anew
    EventLoopGroup group = HttpResources.get().onClient(LoopResources.DEFAULT_NATIVE);
    Loops loops = known;
    if (loops == null || loops.group != group) {
      // iterating a group allocates two iterators: its loops are listed once per group instead
      List<EventExecutor> executors = new ArrayList<>();
      group.forEach(executors::add);
      loops = new Loops(group, executors.toArray(new EventExecutor[0]));
      known = loops;
    }
    for (EventExecutor executor : loops.executors) {
      if (executor.inEventLoop()) {
        return (EventLoop) executor;
      }
    }
    return group.next();
  }

  private record Loops(EventLoopGroup group, EventExecutor[] executors) {}

  private static Disposable schedule(EventLoop loop, Runnable task, long delay, TimeUnit unit) {
    Runnable decorated = Schedulers.onSchedule(task);
    // a loop that is shutting down throws RejectedExecutionException, as a scheduler must
    Future<?> future = delay <= 0 ? loop.submit(decorated) : loop.schedule(decorated, delay, unit);
    return () -> future.cancel(false);
  }

  /** A worker bound to one loop: its tasks run one at a time, in order, as a worker's must. */
  private static final class LoopWorker implements Worker {
    private final EventLoop loop;
    private final Disposable.Composite tasks = Disposables.composite();

    LoopWorker(EventLoop loop) {
      this.loop = loop;
    }

    @Override
    public Disposable schedule(Runnable task) {
      return schedule(task, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
      Disposable.Swap slot = Disposables.swap();
      if (!tasks.add(slot)) {
        throw Exceptions.failWithRejected();
      }
      slot.update(EventLoopScheduler.schedule(loop, () -> {
        try {
          task.run();
        } finally {
          tasks.remove(slot);
        }
      }, delay, unit));
      return () -> {
        tasks.remove(slot);
        slot.dispose();
      };
    }

    @Override
    public void dispose() {
      tasks.dispose();
    }

    @Override
    public boolean isDisposed() {
      return tasks.isDisposed();
    }
  }
}
