package dev.lora4j.cli;

import dev.lora4j.TaskHandle;
import dev.lora4j.TaskUpdate;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** What the commands that work on a saved handle share. */
final class HandleCommands {

  private HandleCommands() {}

  /** Reads a handle printed by {@code generate --detach}. */
  static final class HandleConverter implements ITypeConverter<TaskHandle> {
    @Override
    public TaskHandle convert(String value) {
      try {
        return TaskHandle.decode(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Opens a client to the handle's provider; never starts a simulator, which would not know the task. */
  static Backend open(Lora4jCommand root, TaskHandle handle, @Nullable Duration pollInterval, SettingOptions settings) {
    Backend.Choice choice = Backend.choose(root.context.env(), handle.provider(), settings.settings());
    return Backend.open(root.context, choice, pollInterval, false);
  }

  static int watch(Lora4jCommand root, TaskHandle handle, FollowOptions follow, SettingOptions settings) {
    Display display = root.display();
    try (Backend backend = open(root, handle, follow.pollInterval, settings)) {
      return TaskFollower.follow(root.context, backend, handle, follow.watchOptions(), follow.out, display);
    }
  }

  static int status(Lora4jCommand root, TaskHandle handle, SettingOptions settings) {
    Display display = root.display();
    try (Backend backend = open(root, handle, null, settings)) {
      TaskUpdate update = backend.client().status(handle).block();
      if (update == null) {
        throw new IllegalStateException("the provider answered without a status");
      }
      if (display.mode() == Display.Mode.JSON || display.mode() == Display.Mode.QUIET) {
        display.update(update);
        if (display.mode() == Display.Mode.QUIET) {
          root.context.out().println(update.status());
        }
      } else {
        root.context.out().println(display.describe(update, false));
      }
      return ExitCodes.FINISHED;
    }
  }
}
