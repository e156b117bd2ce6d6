package dev.lora4j.webflux;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the application remembers of the tasks it saw lately: when each was first seen (for the
 * elapsed time) and the result of those that ended (so that serving an output asks the provider
 * nothing). Bounded: the least recently used of more than {@value #CAPACITY} tasks is forgotten.
 */
final class RecentTasks {

  static final int CAPACITY = 10_000;

  private static final class Entry {
    final Instant start;
    @Nullable TaskResult result;

    Entry(Instant start) {
      this.start = start;
    }
  }

  private final Map<TaskHandle, Entry> entries = new LinkedHashMap<>(64, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<TaskHandle, Entry> eldest) {
      return size() > CAPACITY;
    }
  };

  /**
   * Notes a task seen at {@code at} and tells when it was first seen.
   *
   * @return the first time, {@code at} for a task not seen before
   */
  synchronized Instant seen(TaskHandle handle, Instant at) {
    return entries.computeIfAbsent(handle, h -> new Entry(at)).start;
  }

  /** Keeps the result of a task that ended. */
  synchronized void ended(TaskResult result) {
    entries.computeIfAbsent(result.handle(), h -> new Entry(Instant.now())).result = result;
  }

  /** The result of a task seen ending. */
  synchronized Optional<TaskResult> result(TaskHandle handle) {
    Entry entry = entries.get(handle);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.result);
  }
}
