package dev.lora4j.cli;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskOutput;
import dev.lora4j.TaskResult;
import dev.lora4j.TaskStatus;
import dev.lora4j.TaskUpdate;
import dev.lora4j.WatchOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Follows a task to its end with a live display, then downloads its outputs. */
final class TaskFollower {

  private TaskFollower() {}

  /**
   * Watches the task, shows each update, and saves the outputs of a finished task.
   *
   * @return the exit code for the task's terminal status
   * @throws dev.lora4j.TaskTimeoutException when the timeout expires (and the task was canceled,
   *     unless that failed)
   */
  static int follow(Context context, Backend backend, TaskHandle handle, WatchOptions options, Path outDir, Display display) {
    context.interrupts().arm(backend.client(), Mono.just(handle));
    Disposable ticker = display.mode() == Display.Mode.LIVE
        ? Flux.interval(Duration.ofMillis(200)).subscribe(t -> display.tick())
        : () -> {};
    try {
      TaskUpdate last = backend.client().watch(handle, options).doOnNext(display::update).blockLast();
      ticker.dispose();
      if (last == null) {
        throw new IllegalStateException("the status stream of task " + handle.id() + " ended without a status");
      }
      // the task has ended: from here Ctrl-C only stops the download
      context.interrupts().disarm();
      TaskResult result = last.result().orElseThrow();
      if (last.status() == TaskStatus.FINISHED) {
        save(backend, result, outDir, display);
      } else {
        display.notice("Task " + handle.id() + " " + last.status().name().toLowerCase(java.util.Locale.ROOT)
            + result.error().map(e -> ": " + e).orElse(""));
      }
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

  private static void save(Backend backend, TaskResult result, Path outDir, Display display) {
    if (result.outputs().isEmpty()) {
      display.notice("The task finished without output files.");
    }
    for (TaskOutput output : result.outputs()) {
      Path target = outDir.resolve(
          safe(result.handle().provider() + "-" + result.handle().id() + "-" + output.name()));
      Path saved = backend.client().download(output, target, bytes -> display.downloading(output, target, bytes))
          .block();
      try {
        display.saved(saved, Files.size(saved));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
