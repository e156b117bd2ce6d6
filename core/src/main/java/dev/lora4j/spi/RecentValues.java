package dev.lora4j.spi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Remembers a value for each of the most recently used keys, up to a capacity: putting a key beyond
 * it forgets the least recently used one, so a long-lived client never grows without bound. For a
 * provider that must recall something per task (such as the key a task was submitted with).
 * Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RecentValues<K, V> {

  private final Map<K, V> values;

  /**
   * Creates an empty instance.
   *
   * @param capacity how many keys are remembered, at least 1
   * @throws IllegalArgumentException if less than 1
   */
  public RecentValues(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
    }
    this.values = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  /**
   * Remembers a value, replacing the key's earlier one; the key becomes the most recently used.
   *
   * @param key the key
   * @param value the value
   */
  public synchronized void put(K key, V value) {
    values.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
  }

  /**
   * Returns a key's value; the key becomes the most recently used.
   *
   * @param key the key
   * @return the value, or {@code null} when none is remembered
   */
  public synchronized @Nullable V get(K key) {
    return values.get(key);
  }

  /**
   * Counts the keys remembered.
   *
   * @return at most the capacity
   */
  public synchronized int size() {
    return values.size();
  }
}
