package dev.lora4j.cli;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.WatchOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Follows a task to its end with a live display, then downloads its outputs. */
final class TaskFollower {

  /** The highest number {@link #reserve} tries before it gives up. */
  private static final int MAX_NUMBER = 10_000;

  private TaskFollower() {}

  /**
   * Watches the task, shows each update, and saves the outputs of a finished task as
   * {@code provider-id-name} in {@code outDir}, never over an existing file: a taken name is
   * numbered before its extension ({@code xalora-ab12-0-1.png}, {@code -2}, ...). Ctrl-C while it
   * waits cancels the task.
   *
   * @return the exit code for the task's terminal status
   * @throws dev.lora4j.TaskTimeoutException when the timeout expires (and the task was canceled,
   *     unless that failed)
   */
  static int follow(Context context, Backend backend, TaskHandle handle, WatchOptions options, Path outDir, Display display) {
    context.interrupts().arm(backend.client(), Mono.just(handle));
    return follow(context, backend, "task " + handle.id(), backend.client().watch(handle, options), outDir, display);
  }

  /**
   * Shows each of {@code updates}, which must end with the task's terminal update, then saves the
   * outputs of a finished task as {@link #follow(Context, Backend, TaskHandle, WatchOptions, Path,
   * Display)} does. What Ctrl-C does while it waits is the caller's to arm; it is disarmed here.
   *
   * @param task the task, for messages: {@code task 9034a6ca80}, {@code the task of key k}
   * @param updates the task's updates: a watch, or a journal's record of one
   * @return the exit code for the task's terminal status
   * @throws RuntimeException what {@code updates} signals, such as a timeout
   */
  static int follow(Context context, Backend backend, String task, Flux<TaskUpdate> updates, Path outDir, Display display) {
    Disposable ticker = display.mode() == Display.Mode.LIVE
        ? Flux.interval(Duration.ofMillis(200)).subscribe(t -> display.tick())
        : () -> {};
    try {
      TaskUpdate last = updates.doOnNext(display::update).blockLast();
      ticker.dispose();
      if (last == null) {
        throw new IllegalStateException("the status stream of " + task + " ended without a status");
      }
      // the task has ended: from here Ctrl-C only stops the download (and removes its file)
      context.interrupts().disarm();
      TaskResult result = last.result().orElseThrow();
      if (last.status() == TaskStatus.FINISHED) {
        save(context, backend, result, outDir, display);
      } else {
        display.notice("Task " + last.handle().id() + " " + last.status().name().toLowerCase(java.util.Locale.ROOT)
            + result.error().map(e -> ": " + e).orElse(""));
      }
      display.timings();
      return ExitCodes.of(last.status());
    } finally {
      ticker.dispose();
      context.interrupts().disarm();
    }
  }

  /** A file name made only of letters, digits, '.', '-' and '_', whatever the provider sent. */
  static String safe(String name) {
    String cleaned = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return cleaned.replaceAll("^\\.+", "_");
  }

  /**
   * The name with {@code -n} before its extension: {@code xalora-ab12-0.png} becomes
   * {@code xalora-ab12-0-2.png} for 2; a name without extension gets {@code -n} at the end.
   */
  static String numbered(String name, int n) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) + "-" + n + name.substring(dot) : name + "-" + n;
  }

  /**
   * Creates an empty file under the first free name of {@code name}, {@code name-1}, {@code name-2},
   * ... (numbered before the extension), so that no existing file is ever overwritten, not even
   * by another run saving into the same folder at the same time: creating a file fails if the
   * name is taken. The download then replaces the empty file.
   */
  static Path reserve(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    for (int n = 0; n <= MAX_NUMBER; n++) {
      try {
        return Files.createFile(dir.resolve(n == 0 ? name : numbered(name, n)));
      } catch (FileAlreadyExistsException taken) {
        // the next number, then
      }
    }
    throw new IOException("no free file name for " + name + " in " + dir + " up to " + numbered(name, MAX_NUMBER));
  }

  /** Removes a reserved file that no download filled. Never throws. */
  private static void release(Path reserved) {
    try {
      if (Files.size(reserved) == 0) {
        Files.delete(reserved);
      }
    } catch (IOException e) {
      // gone already, or not ours to remove
    }
  }

  private static void save(Context context, Backend backend, TaskResult result, Path outDir, Display display) {
    if (result.outputs().isEmpty()) {
      display.notice("The task finished without output files.");
    }
    for (TaskOutput output : result.outputs()) {
      String name = safe(result.handle().provider() + "-" + result.handle().id() + "-" + output.name());
      Path target;
      try {
        target = reserve(outDir, name);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      context.interrupts().armCleanup(() -> release(target));
      Path saved;
      try {
        saved = backend.client().download(output, target, bytes -> display.downloading(output, target, bytes))
            .block();
      } catch (RuntimeException e) {
        release(target);
        throw e;
      } finally {
        context.interrupts().disarm();
      }
      try {
        display.saved(saved, Files.size(saved));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
