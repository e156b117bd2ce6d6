package dev.lora4j.cli;

import dev.lora4j.TaskHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lora4j watch HANDLE}: follow a task to its end and save its images. */
@Command(name = "watch", mixinStandardHelpOptions = true,
    description = "Follow a task to its end, showing its status, and save its images.")
final class WatchCommand implements Callable<Integer> {

  @ParentCommand
  Lora4jCommand root;

  @Parameters(paramLabel = "HANDLE", converter = HandleCommands.HandleConverter.class,
      description = "A handle printed by 'generate --detach'.")
  TaskHandle handle;

  @Option(names = "--out", defaultValue = "lora4j-out", description = "Folder for the images (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--timeout", description = "Give up (and cancel the task) after this long (default: 10m).")
  Duration timeout;

  @Option(names = "--poll-interval", description = "Time between status polls, e.g. 3s.")
  Duration pollInterval;

  @Option(names = "--tracking", description = "Wiro status tracking: auto, websocket or polling.")
  String tracking;

  @Override
  public Integer call() {
    return HandleCommands.watch(root, handle, pollInterval, tracking, timeout, out);
  }
}
