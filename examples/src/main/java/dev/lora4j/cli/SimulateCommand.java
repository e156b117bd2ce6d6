package dev.lora4j.cli;

import dev.lora4j.TaskClients;
import dev.lora4j.spi.ProviderDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lora4j simulate}: run the simulators of the providers on the class path in the foreground. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Run the simulators of the providers on the class path on fixed ports and print the environment"
        + " that points clients at them.")
final class SimulateCommand implements Callable<Integer> {

  @ParentCommand
  Lora4jCommand root;

  @Option(names = "--port", paramLabel = "PROVIDER=PORT",
      description = "The port of a provider's simulator, such as xalora=8611 (0: any free port); repeatable."
          + " Default: 8611, 8612, ... in the order the command prefers the providers.")
  Map<String, Integer> ports = new LinkedHashMap<>();

  @Option(names = "--for", description = "Stop after this long (default: until Ctrl-C).")
  Duration duration;

  @Override
  public Integer call() throws InterruptedException {
    List<ProviderDescription> simulated = new ArrayList<>();
    for (String name : Embedded.PROVIDERS) {
      TaskClients.descriptions().stream().filter(d -> d.name().equals(name) && d.embeddedSimulator())
          .forEach(simulated::add);
    }
    for (String name : ports.keySet()) {
      if (simulated.stream().noneMatch(d -> d.name().equals(name))) {
        throw new IllegalArgumentException("no simulator of provider '" + name + "' here; simulated: "
            + String.join(", ", simulated.stream().map(ProviderDescription::name).toList()));
      }
    }
    List<Embedded.Simulator> running = new ArrayList<>();
    try {
      for (ProviderDescription d : simulated) {
        Embedded.Simulator sim = Embedded.start(d, ports.getOrDefault(d.name(), Embedded.defaultPort(d.name())));
        running.add(sim);
        root.context.err().println(d.displayName() + " simulator listening at " + sim.url());
      }
      root.context.err().println("Point the lora4j command (or any client) at them with:");
      for (Embedded.Simulator sim : running) {
        sim.clientSettings().forEach((k, v) -> root.context.out().println("export " + k + "=" + v));
      }
      root.context.out().flush();
      CountDownLatch forever = new CountDownLatch(1);
      if (duration == null) {
        forever.await();
      } else {
        forever.await(duration.toMillis(), TimeUnit.MILLISECONDS);
      }
      return ExitCodes.FINISHED;
    } finally {
      running.forEach(Embedded.Simulator::close);
    }
  }
}
