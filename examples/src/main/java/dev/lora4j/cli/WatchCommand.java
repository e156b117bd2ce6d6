package dev.lora4j.cli;

import dev.lora4j.TaskHandle;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  @Mixin
  FollowOptions follow;

  @Mixin
  SettingOptions settings;

  @Override
  public Integer call() {
    return HandleCommands.watch(root, handle, follow, settings);
  }
}
