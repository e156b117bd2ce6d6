package dev.lora4j.cli;

import dev.lora4j.ClientOptions;
import dev.lora4j.TaskClients;
import dev.lora4j.spi.ProviderDescription;
import dev.lora4j.spi.ProviderSetting;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code lora4j providers}: the providers on the class path as they describe themselves (every
 * setting, whether it is set, whether the command can simulate the provider) and which one
 * {@code generate} would use.
 */
@Command(name = "providers", mixinStandardHelpOptions = true,
    description = "List the providers on the class path with their settings, and say which one 'generate' would use, and why.")
final class ProvidersCommand implements Callable<Integer> {

  @ParentCommand
  Lora4jCommand root;

  @Mixin
  SettingOptions settings;

  @Override
  public Integer call() {
    Map<String, String> env = root.context.env();
    List<ProviderDescription> descriptions = TaskClients.descriptions();
    PrintStream out = root.context.out();
    if (descriptions.isEmpty()) {
      out.println("No provider on the class path.");
      return ExitCodes.ERROR;
    }
    Backend.Choice choice = Backend.choose(env, null, settings.settings(), false);
    out.println("Providers on the class path:");
    for (ProviderDescription d : descriptions) {
      describe(out, d, choice.options());
    }
    out.println("'generate' would use " + choice + (choice.configured() ? "." : ", against its embedded simulator."));
    return ExitCodes.FINISHED;
  }

  /** The provider's line, then two lines per setting; never a value, only where one comes from. */
  static void describe(PrintStream out, ProviderDescription d, ClientOptions options) {
    List<ProviderSetting<?>> missing = d.missing(options);
    boolean simulated = d.embeddedSimulator() && Embedded.PROVIDERS.contains(d.name());
    out.println("  " + d.name() + ": "
        + (missing.isEmpty() ? "credentials set"
            : missing.stream().map(ProviderSetting::environmentVariable).collect(Collectors.joining(", ")) + " not set")
        + "; embedded simulator: " + (simulated ? "yes" : "no"));
    for (ProviderSetting<?> s : d.settings()) {
      String traits = (s.required() ? "required" : "optional") + (s.sensitive() ? ", sensitive" : "");
      out.println("    --option " + s.name() + " (" + traits + "): " + s.description()
          + s.defaultValue().map(v -> "; default " + v).orElse(""));
      out.println("        environment variable " + s.environmentVariable() + ", system property " + s.systemProperty()
          + "; " + options.sourceOf(s.option(), s.environmentVariable()).map(src -> "set by " + src).orElse("not set"));
    }
  }
}
