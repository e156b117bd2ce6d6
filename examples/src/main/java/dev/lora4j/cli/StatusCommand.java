package dev.lora4j.cli;

import dev.lora4j.TaskHandle;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lora4j status HANDLE}: query a task once. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Print a task's current status once.")
final class StatusCommand implements Callable<Integer> {

  @ParentCommand
  Lora4jCommand root;

  @Parameters(paramLabel = "HANDLE", converter = HandleCommands.HandleConverter.class,
      description = "A handle printed by 'generate --detach'.")
  TaskHandle handle;

  @Mixin
  SettingOptions settings;

  @Override
  public Integer call() {
    return HandleCommands.status(root, handle, settings);
  }
}
