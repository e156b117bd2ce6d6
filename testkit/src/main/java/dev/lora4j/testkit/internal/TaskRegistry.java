package dev.lora4j.testkit.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A simulator's tasks by id, in creation order, with the ordinal each new task draws its timing
 * from. Thread-safe.
 *
 * @param <T> the provider's task type
 */
public final class TaskRegistry<T> {

  private final Map<String, T> tasks = new ConcurrentHashMap<>();
  /** Guarded by itself; a copy-on-write list would copy every id on each of 10,000 additions. */
  private final List<String> order = new ArrayList<>();
  private final AtomicLong ordinals = new AtomicLong();

  /** Creates an empty registry. */
  public TaskRegistry() {
  }

  /**
   * The ordinal of the next task: 0, 1, 2, ... in the order of calls.
   *
   * @return a new ordinal
   */
  public long nextOrdinal() {
    return ordinals.getAndIncrement();
  }

  /**
   * Adds a task unless its id is taken.
   *
   * @param id the task id
   * @param task the task
   * @return {@code true} if added, {@code false} if a task with this id exists
   */
  public boolean add(String id, T task) {
    if (tasks.putIfAbsent(Objects.requireNonNull(id, "id"), Objects.requireNonNull(task, "task")) != null) {
      return false;
    }
    synchronized (order) {
      order.add(id);
    }
    return true;
  }

  /**
   * Whether a task has this id.
   *
   * @param id the task id
   * @return {@code true} if known
   */
  public boolean contains(String id) {
    return tasks.containsKey(id);
  }

  /**
   * The task with an id.
   *
   * @param id the task id
   * @return the task, or {@code null} if unknown
   */
  public @Nullable T get(String id) {
    return tasks.get(id);
  }

  /**
   * Every task, in no particular order.
   *
   * @return a live view
   */
  public Collection<T> all() {
    return tasks.values();
  }

  /**
   * The ids, in creation order.
   *
   * @return an immutable snapshot
   */
  public List<String> ids() {
    synchronized (order) {
      return List.copyOf(order);
    }
  }

  /**
   * How many tasks were created.
   *
   * @return the count
   */
  public int size() {
    synchronized (order) {
      return order.size();
    }
  }
}
