package dev.lora4j.cli;

import dev.lora4j.WatchOptions;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options of the commands that follow tasks to their end: {@code generate}, {@code watch} and {@code resume}. */
final class FollowOptions {

  @Option(names = "--out", defaultValue = "lora4j-out",
      description = "Folder for the images (default: ${DEFAULT-VALUE}). An existing file is never overwritten: "
          + "xalora-ID-0.png is saved as xalora-ID-0-1.png (then -2, ...) if taken.")
  Path out;

  @Option(names = "--timeout", description = "Give up (and cancel the task) after this long, e.g. 90s or 10m (default: 10m)."
      + " A journaled task (generate --journal, resume) is left running instead, for a later resume.")
  Duration timeout;

  @Option(names = "--poll-interval", description = "Time between status polls, e.g. 3s.")
  Duration pollInterval;

  WatchOptions watchOptions() {
    return timeout == null ? WatchOptions.defaults() : WatchOptions.defaults().timeout(timeout);
  }
}
