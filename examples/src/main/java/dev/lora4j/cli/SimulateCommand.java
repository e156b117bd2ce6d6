package dev.lora4j.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code lora4j simulate}: run the provider simulators in the foreground. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Run the provider simulators on fixed ports and print the environment that points clients at them.")
final class SimulateCommand implements Callable<Integer> {

  @ParentCommand
  Lora4jCommand root;

  @Option(names = "--xalora-port", defaultValue = "8611", description = "Port of the Xalora simulator (default: ${DEFAULT-VALUE}).")
  int xaloraPort;

  @Option(names = "--wiro-port", defaultValue = "8612", description = "Port of the Wiro simulator (default: ${DEFAULT-VALUE}).")
  int wiroPort;

  @Option(names = "--for", description = "Stop after this long (default: until Ctrl-C).")
  Duration duration;

  @Override
  public Integer call() throws InterruptedException {
    List<Embedded.Simulator> running = new ArrayList<>();
    try {
      for (Embedded e : Embedded.values()) {
        int port = e == Embedded.XALORA ? xaloraPort : wiroPort;
        Embedded.Simulator sim = e.start(port);
        running.add(sim);
        root.context.err().println(sim.label() + " simulator listening at " + sim.url());
      }
      root.context.err().println("Point the lora4j command (or any client) at them with:");
      for (Embedded.Simulator sim : running) {
        sim.env().forEach((k, v) -> root.context.out().println("export " + k + "=" + v));
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
