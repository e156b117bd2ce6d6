package dev.lora4j.cli;

import dev.lora4j.TaskHandle;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code lora4j cancel HANDLE}: ask the provider to cancel a task. */
@Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a task.")
final class CancelCommand implements Callable<Integer> {

  @ParentCommand
  Lora4jCommand root;

  @Parameters(paramLabel = "HANDLE", converter = HandleCommands.HandleConverter.class,
      description = "A handle printed by 'generate --detach'.")
  TaskHandle handle;

  @Mixin
  SettingOptions settings;

  @Override
  public Integer call() {
    Display display = root.display();
    try (Backend backend = HandleCommands.open(root, handle, null, settings)) {
      backend.client().cancel(handle).block();
      display.notice("Canceled task " + handle.id() + " on " + handle.provider() + ".");
      return ExitCodes.FINISHED;
    }
  }
}
