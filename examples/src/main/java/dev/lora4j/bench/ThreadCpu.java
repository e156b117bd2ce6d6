package dev.lora4j.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this process's threads by kind, read from {@code /proc/self/task} (Linux only): the
 * JIT compiler threads, the garbage collector's, and all others. A thread that ends takes its
 * time with it, so a {@link #sample()} each second keeps what each thread had used when last seen.
 * Not thread-safe: one thread samples.
 */
final class ThreadCpu {

  /** Kinds of threads, by the names the JVM gives them. */
  enum Kind { JIT, GC, OTHER }

  private static final Path TASKS = Path.of("/proc/self/task");
  /** Linux reports thread times in clock ticks, 100 per second on every common configuration. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private final Map<String, long[]> lastSeen = new HashMap<>();
  private final boolean available = Files.isDirectory(TASKS);

  /**
   * Tells whether per-thread times can be read here.
   *
   * @return {@code true} on Linux
   */
  boolean available() {
    return available;
  }

  /** Reads every live thread's time once. */
  void sample() {
    if (!available) {
      return;
    }
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        read(task);
      }
    } catch (IOException e) {
      // the directory is always readable by the process itself; a thread that ended is skipped in read
    }
  }

  /**
   * The CPU time seen so far, by kind, after one more sample.
   *
   * @return nanoseconds per kind
   */
  Map<Kind, Long> totals() {
    sample();
    Map<Kind, Long> totals = new HashMap<>();
    for (Kind kind : Kind.values()) {
      totals.put(kind, 0L);
    }
    for (long[] seen : lastSeen.values()) {
      Kind kind = Kind.values()[(int) seen[1]];
      totals.merge(kind, seen[0], Long::sum);
    }
    return totals;
  }

  private void read(Path task) {
    try {
      String name = Files.readString(task.resolve("comm")).strip();
      String stat = Files.readString(task.resolve("stat"));
      // the name in stat is in parentheses and may hold spaces: fields are counted after the last ')'
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      lastSeen.put(task.getFileName() + " " + name, new long[] {ticks * NANOS_PER_TICK, kindOf(name).ordinal()});
    } catch (IOException | RuntimeException e) {
      // the thread ended between listing and reading: its last sample stands
    }
  }

  private static Kind kindOf(String name) {
    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler") || name.startsWith("Compiler")) {
      return Kind.JIT;
    }
    if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
      return Kind.GC;
    }
    return Kind.OTHER;
  }
}
