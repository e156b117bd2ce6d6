package dev.lora4j.cli;

import dev.lora4j.TaskClients;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code lora4j providers}: which providers are on the class path and which one would be used. */
@Command(name = "providers", mixinStandardHelpOptions = true,
    description = "List the providers on the class path and say which one 'generate' would use, and why.")
final class ProvidersCommand implements Callable<Integer> {

  @ParentCommand
  Lora4jCommand root;

  @Override
  public Integer call() {
    Map<String, String> env = new HashMap<>(root.context.env());
    List<String> names = TaskClients.providers();
    var out = root.context.out();
    if (names.isEmpty()) {
      out.println("No provider on the class path.");
      return ExitCodes.ERROR;
    }
    out.println("Providers on the class path:");
    for (String name : names) {
      boolean configured = Backend.configured(name, env);
      String credential = Embedded.of(name).map(Embedded::credentialEnv).orElse("its credentials");
      out.println("  " + name + ": " + (configured ? "credentials set" : credential + " not set"));
    }
    TaskClients.ProviderChoice choice = Backend.choose(null, env);
    out.println("'generate' would use " + choice
        + (Backend.configured(choice.provider(), env) ? "." : ", against its embedded simulator."));
    return ExitCodes.FINISHED;
  }
}
