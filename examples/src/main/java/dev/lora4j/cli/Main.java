package dev.lora4j.cli;

import reactor.core.publisher.Hooks;
import reactor.core.publisher.Operators;
import reactor.util.Logger;
import reactor.util.Loggers;

/** The {@code lora4j} command's entry point: {@code java -jar lora4j.jar <command> [options]}. */
public final class Main {

  private Main() {}

  /**
   * Runs the command and exits with its exit code (see {@link ExitCodes}).
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    quietPoolMiscount();
    Context context = new Context(System.getenv(), System.out, System.err, System.console() != null,
        InterruptGuard.install(System.err));
    System.exit(Lora4jCommand.execute(context, args));
  }

  /**
   * Keeps one known error of the journal's connection pool off the terminal: reactor-pool (1.2.8,
   * under r2dbc-pool 1.0.2) now and then counts a connection given back to it once too often and
   * says so with "Too many permits returned", an error no subscriber receives, which Reactor then
   * logs with a long stack trace. Nothing the command does is affected; every other dropped error
   * is still logged as Reactor does by default.
   */
  private static void quietPoolMiscount() {
    Logger log = Loggers.getLogger(Operators.class);
    Hooks.onErrorDropped(e -> {
      if (!(e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).startsWith("Too many permits returned"))) {
        log.error("Operator called default onErrorDropped", e);
      }
    });
  }
}
